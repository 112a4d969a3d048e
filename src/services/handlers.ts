import type { CallName, CallResponse, ParsedRequest } from '../contract/calls.ts';
import {
  auditCheck,
  auditRecent,
  createBackup,
  getSettings,
  restoreBackup,
  updateSettings,
} from './administration.ts';
import { allocateCase, findCases, getCase, openCase } from './cases.ts';
import { createChild, editChild, getChild } from './children.ts';
import { listProfiles } from './profile-catalogue.ts';
import { changePassword, recover, sessionStatus, setUp, signIn, unlock } from './session.ts';
import { createUser, resetPassword, updateUserDetails, usersList } from './users.ts';
import type { Workbench } from './workbench.ts';

type Handler<K extends CallName> = (
  wb: Workbench,
  request: ParsedRequest<K>,
) => CallResponse<K> | Promise<CallResponse<K>>;

/** One handler per call in the contract: the whole of what the renderer can ask the workbench to do. */
export const handlers: { [K in CallName]: Handler<K> } = {
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
  'backup.create': (wb) => createBackup(wb),
  'backup.restore': (wb) => restoreBackup(wb),
  'profiles.list': () => listProfiles(),
  'children.create': createChild,
  'children.update': editChild,
  'children.get': (wb, req) => getChild(wb, req.id),
  'cases.open': openCase,
  'cases.allocate': allocateCase,
  'cases.get': (wb, req) => getCase(wb, req.id),
  'cases.search': (wb, req) => findCases(wb, req.query),
};
