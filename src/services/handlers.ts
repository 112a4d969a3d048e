import type { CallName, CallResponse, ParsedRequest } from '../contract/calls.ts';
import {
  addClosure,
  auditCheck,
  auditRecent,
  createBackup,
  getSettings,
  listClosures,
  removeClosure,
  restoreBackup,
  updateSettings,
} from './administration.ts';
import { assessmentHandlers } from './assessments/handlers.ts';
import { accessRecords, breakGlass, requestAccess } from './case-access.ts';
import { closeCase, reopenCase } from './case-closure.ts';
import { addCaseNote, listCaseNotes } from './case-notes.ts';
import { checkCaseScope } from './case-scope.ts';
import { allocateCase, findCases, getCase, openCase } from './cases.ts';
import { createChild, editChild, getChild } from './children.ts';
import { approveCannotBeAsked, recordCannotBeAsked } from './consent-exceptions.ts';
import { adjustDeadline, markMet, myDeadlines, teamDeadlines } from './deadlines.ts';
import { issueRecoveryKey, rotateKeys } from './keys.ts';
import { exportMap, useMapInReport } from './map-sharing.ts';
import { inbox } from './my-work.ts';
import { pathwayHandlers } from './pathway/handlers.ts';
import { myActions } from './pathway/my-actions.ts';
import {
  addItem,
  addLifeEventType,
  addLink,
  addTheme,
  editItem,
  getMap,
  markIdentifying,
  moveItem,
  removeItem,
  removeLink,
  removeTheme,
  saveMeeting,
  unmarkIdentifying,
} from './pattern-map.ts';
import { addPerson, editPerson, recordConsent } from './people.ts';
import { cloneProfile, exportProfile, getProfile, importProfile, listProfiles } from './profiles.ts';
import { signOffHandlers } from './report/handlers.ts';
import { changePassword, recover, sessionStatus, setUp, signIn, unlock } from './session.ts';
import { acceptLoss } from './store-checks.ts';
import { syncHandlers } from './sync/handlers.ts';
import { exportTeamCsv, teamOverview } from './team-overview.ts';
import { createUser, resetPassword, updateUserDetails, usersList } from './users.ts';
import type { Workbench } from './workbench.ts';

type Handler<K extends CallName> = (
  wb: Workbench,
  request: ParsedRequest<K>,
) => CallResponse<K> | Promise<CallResponse<K>>;

/** One handler per call in the contract, before the need-to-know guard is put in front of each. */
const unguarded: { [K in CallName]: Handler<K> } = {
  ...assessmentHandlers,
  ...signOffHandlers,
  ...pathwayHandlers,
  ...syncHandlers,
  'session.status': (wb) => sessionStatus(wb),
  'session.setUp': setUp,
  'session.signIn': signIn,
  'session.unlock': unlock,
  'session.recover': recover,
  'session.lock': (wb) => {
    wb.lock();
    return sessionStatus(wb);
  },
  'session.signOut': (wb) => {
    wb.signOut();
    return sessionStatus(wb);
  },
  'session.touch': () => null,
  'account.changePassword': changePassword,
  'users.list': (wb) => usersList(wb),
  'users.create': createUser,
  'users.update': updateUserDetails,
  'users.resetPassword': resetPassword,
  'settings.get': (wb) => getSettings(wb),
  'settings.update': updateSettings,
  'audit.recent': (wb, req) => auditRecent(wb, req.limit),
  'audit.check': (wb) => auditCheck(wb),
  'audit.acceptLoss': (wb) => acceptLoss(wb),
  'backup.create': (wb) => createBackup(wb),
  'backup.restore': (wb) => restoreBackup(wb),
  'keys.rotate': rotateKeys,
  'keys.newRecoveryKey': issueRecoveryKey,
  'profiles.list': (wb) => listProfiles(wb.db()),
  'profiles.get': getProfile,
  'profiles.import': importProfile,
  'profiles.clone': cloneProfile,
  'profiles.export': exportProfile,
  'calendar.closures': (wb) => listClosures(wb),
  'calendar.addClosure': addClosure,
  'calendar.removeClosure': removeClosure,
  'deadlines.adjust': adjustDeadline,
  'deadlines.markMet': markMet,
  'deadlines.mine': (wb) => myDeadlines(wb),
  'deadlines.team': (wb) => teamDeadlines(wb),
  'deadlines.myActions': (wb) => myActions(wb),
  'work.inbox': (wb) => inbox(wb),
  'work.team': (wb) => teamOverview(wb),
  'work.exportTeamCsv': (wb) => exportTeamCsv(wb),
  'map.get': (wb, req) => getMap(wb, req.caseId),
  'map.addItem': addItem,
  'map.updateItem': editItem,
  'map.moveItem': moveItem,
  'map.removeItem': removeItem,
  'map.addLink': addLink,
  'map.removeLink': removeLink,
  'map.addTheme': addTheme,
  'map.removeTheme': removeTheme,
  'map.markIdentifying': markIdentifying,
  'map.unmarkIdentifying': unmarkIdentifying,
  'map.saveMeeting': saveMeeting,
  'map.addLifeEventType': addLifeEventType,
  'map.export': exportMap,
  'map.useInReport': useMapInReport,
  'people.add': addPerson,
  'people.update': editPerson,
  'consents.record': recordConsent,
  'consents.recordCannotBeAsked': recordCannotBeAsked,
  'consents.approveCannotBeAsked': approveCannotBeAsked,
  'children.create': createChild,
  'children.update': editChild,
  'children.get': (wb, req) => getChild(wb, req.id),
  'cases.open': openCase,
  'cases.allocate': allocateCase,
  'cases.get': (wb, req) => getCase(wb, req.id),
  'cases.close': closeCase,
  'cases.reopen': reopenCase,
  'cases.search': (wb, req) => findCases(wb, req.query),
  'cases.requestAccess': requestAccess,
  'cases.breakGlass': breakGlass,
  'cases.accessRecords': accessRecords,
  'caseNotes.add': addCaseNote,
  'caseNotes.list': listCaseNotes,
};

/**
 * The whole of what the renderer can ask the workbench to do. Every handler runs behind the case-access
 * guard: a call that reaches a case or child is refused, before anything is read or saved, unless the
 * signed-in person may access it (see case-scope.ts).
 */
export const handlers = Object.fromEntries(
  Object.entries(unguarded).map(([name, handler]) => [
    name,
    (wb: Workbench, request: never) => {
      checkCaseScope(wb, name as CallName, request);
      return (handler as (w: Workbench, r: never) => unknown)(wb, request);
    },
  ]),
) as unknown as { [K in CallName]: Handler<K> };
