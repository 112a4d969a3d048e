import { type CallName, calls, type ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import { caseIdOf, caseIdOfAssessmentItem, childAccessFacts } from '../store/case-access.ts';
import { findCase } from '../store/cases.ts';
import type { Db } from '../store/database.ts';
import { mayAccessCase, requireCaseAccess, requireChildAccess } from './case-access.ts';
import { CLOSED_CASE_MESSAGE } from './case-closure.ts';
import type { Workbench } from './workbench.ts';

/** What a case-scoped request reaches: a case (undefined when the record named does not exist) or a child. */
export type CaseTarget = { caseId: string | undefined } | { childId: string };

type Resolver<K extends CallName> = (db: Db, req: ParsedRequest<K>) => CaseTarget[];

/**
 * How each call in the contract reaches case data. The type lists every call, so a new call does not
 * compile until someone decides which it is:
 * - a resolver: the call reaches the case(s) or child it returns, and is refused unless the person may
 *   access every one of them (the handler then runs as before);
 * - 'filters-itself': a list across cases, which shows only the cases the person may access;
 * - 'asks-for-access': the calls an unallocated person uses to ask for (or break the glass to) access;
 * - 'not-case-scoped': reaches no case data (session, users, settings, profiles, frameworks…).
 */
export const caseScope: {
  [K in CallName]: Resolver<K> | 'filters-itself' | 'asks-for-access' | 'not-case-scoped';
} = {
  'map.get': (_db, r) => [{ caseId: r.caseId }],
  'map.addItem': (_db, r) => [{ caseId: r.caseId }],
  'map.updateItem': (db, r) => [{ caseId: caseIdOf(db, 'map-item', r.itemId) }],
  'map.moveItem': (db, r) => [{ caseId: caseIdOf(db, 'map-item', r.itemId) }],
  'map.removeItem': (db, r) => [{ caseId: caseIdOf(db, 'map-item', r.itemId) }],
  'map.addLink': (_db, r) => [{ caseId: r.caseId }],
  'map.removeLink': (db, r) => [{ caseId: caseIdOf(db, 'map-link', r.linkId) }],
  'map.addTheme': (_db, r) => [{ caseId: r.caseId }],
  'map.removeTheme': (db, r) => [{ caseId: caseIdOf(db, 'map-theme', r.themeId) }],
  'map.markIdentifying': (_db, r) => [{ caseId: r.caseId }],
  'map.unmarkIdentifying': (_db, r) => [{ caseId: r.caseId }],
  'map.saveMeeting': (_db, r) => [{ caseId: r.caseId }],
  'map.addLifeEventType': 'not-case-scoped',
  'map.export': (_db, r) => [{ caseId: r.caseId }],
  'map.useInReport': (_db, r) => [{ caseId: r.caseId }],
  'people.add': (_db, r) => [{ caseId: r.caseId }],
  'people.update': (db, r) => [{ caseId: caseIdOf(db, 'person', r.personId) }],
  'consents.record': (_db, r) => [{ caseId: r.caseId }],
  'consents.recordCannotBeAsked': (_db, r) => [{ caseId: r.caseId }],
  'consents.approveCannotBeAsked': (_db, r) => [{ caseId: r.caseId }],
  'frameworks.list': 'not-case-scoped',
  'frameworks.importItemSet': 'not-case-scoped',
  'assessments.forCase': (_db, r) => [{ caseId: r.caseId }],
  'assessments.start': (_db, r) => [{ caseId: r.caseId }],
  'assessments.get': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.id) }],
  'assessments.addSource': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.addSession': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.saveMeeting': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.addItem': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.addLicensedItems': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.rate': (db, r) => [{ caseId: caseIdOfAssessmentItem(db, r.itemId) }],
  'assessments.finishDomain': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.proposeAgreement': (db, r) => [{ caseId: caseIdOfAssessmentItem(db, r.itemId) }],
  'assessments.confirmAgreement': (db, r) => [{ caseId: caseIdOfAssessmentItem(db, r.itemId) }],
  'assessments.agreeMatchingRatings': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.holdSection': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.releaseSection': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.autosave': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.saveSection': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.setOutcome': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.startReview': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'assessments.compareVersions': (db, r) => [
    { caseId: caseIdOf(db, 'assessment', r.fromId) },
    { caseId: caseIdOf(db, 'assessment', r.toId) },
  ],
  'signOff.status': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'signOff.submit': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'signOff.return': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'signOff.approve': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'signOff.sign': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'reports.export': (db, r) => [{ caseId: caseIdOf(db, 'assessment', r.assessmentId) }],
  'reports.exportChronology': (_db, r) => [{ caseId: r.caseId }],
  'reports.exportStrategyMeeting': (db, r) => [
    { caseId: r.caseId },
    { caseId: caseIdOf(db, 'strategy-meeting', r.meetingId) },
  ],
  'reports.exportConsultation': (db, r) => [
    { caseId: r.caseId },
    { caseId: caseIdOf(db, 'consultation', r.consultationId) },
  ],
  'reports.template': 'not-case-scoped',
  'reports.updateTemplate': 'not-case-scoped',
  'pathway.summary': (_db, r) => [{ caseId: r.caseId }],
  'pathway.checkEligibility': (_db, r) => [{ caseId: r.caseId }],
  'pathway.recordConcern': (_db, r) => [{ caseId: r.caseId }],
  'pathway.suggestCategory': (_db, r) => [{ caseId: r.caseId }],
  'pathway.recordStrategyMeeting': (_db, r) => [{ caseId: r.caseId }],
  'pathway.updateMeetingActions': (db, r) => [{ caseId: caseIdOf(db, 'strategy-meeting', r.meetingId) }],
  'pathway.nfaList': 'filters-itself',
  'consultations.request': (_db, r) => [{ caseId: r.caseId }],
  'consultations.screen': (db, r) => [{ caseId: caseIdOf(db, 'consultation', r.consultationId) }],
  'consultations.recordMeeting': (db, r) => [{ caseId: caseIdOf(db, 'consultation', r.consultationId) }],
  'plans.record': (_db, r) => [{ caseId: r.caseId }],
  'sync.team': 'not-case-scoped',
  'sync.createTeam': 'not-case-scoped',
  'sync.exportJoinRequest': 'not-case-scoped',
  'sync.importJoinRequest': 'not-case-scoped',
  'sync.exportRoster': 'not-case-scoped',
  'sync.importRoster': 'not-case-scoped',
  'sync.caseStatus': (_db, r) => [{ caseId: r.caseId }],
  'sync.sendCase': (_db, r) => [{ caseId: r.caseId }],
  // The bundle names its case inside the encryption; only people allocated to it hold its key.
  'sync.openBundle': 'not-case-scoped',
  'sync.resolveConflict': (_db, r) => [{ caseId: r.caseId }],
  'sync.setServer': 'not-case-scoped',
  'sync.serverStatus': 'not-case-scoped',
  // Brings in only cases whose memberships name this person (their keys are sealed to them alone).
  'sync.syncNow': 'not-case-scoped',
  'session.status': 'not-case-scoped',
  'session.setUp': 'not-case-scoped',
  'session.signIn': 'not-case-scoped',
  'session.unlock': 'not-case-scoped',
  'session.recover': 'not-case-scoped',
  'session.lock': 'not-case-scoped',
  'session.signOut': 'not-case-scoped',
  'session.touch': 'not-case-scoped',
  'account.changePassword': 'not-case-scoped',
  'users.list': 'not-case-scoped',
  'users.create': 'not-case-scoped',
  'users.update': 'not-case-scoped',
  'users.resetPassword': 'not-case-scoped',
  'settings.get': 'not-case-scoped',
  'settings.update': 'not-case-scoped',
  'audit.recent': 'not-case-scoped',
  'audit.check': 'not-case-scoped',
  'backup.create': 'not-case-scoped',
  'backup.restore': 'not-case-scoped',
  'keys.rotate': 'not-case-scoped',
  'audit.acceptLoss': 'not-case-scoped',
  'keys.newRecoveryKey': 'not-case-scoped',
  'profiles.list': 'not-case-scoped',
  'profiles.get': 'not-case-scoped',
  'profiles.import': 'not-case-scoped',
  'profiles.clone': 'not-case-scoped',
  'profiles.export': 'not-case-scoped',
  'calendar.closures': 'not-case-scoped',
  'calendar.addClosure': 'not-case-scoped',
  'calendar.removeClosure': 'not-case-scoped',
  'pathway.timeline': (_db, r) => [{ caseId: r.caseId }],
  'pathway.recordCategory': (_db, r) => [{ caseId: r.caseId }],
  'pathway.recordEvent': (_db, r) => [{ caseId: r.caseId }],
  'pathway.moveProfileVersion': (_db, r) => [{ caseId: r.caseId }],
  'deadlines.adjust': (db, r) => [{ caseId: caseIdOf(db, 'deadline', r.deadlineId) }],
  'deadlines.markMet': (db, r) => [{ caseId: caseIdOf(db, 'deadline', r.deadlineId) }],
  'deadlines.mine': 'filters-itself',
  'deadlines.team': 'filters-itself',
  'deadlines.myActions': 'filters-itself',
  'work.inbox': 'filters-itself',
  'work.team': 'filters-itself',
  'work.exportTeamCsv': 'filters-itself',
  // A new child has no case yet; the person who records them may then open one.
  'children.create': 'not-case-scoped',
  'children.update': (_db, r) => [{ childId: r.id }],
  'children.get': (_db, r) => [{ childId: r.id }],
  'cases.open': (_db, r) => [{ childId: r.childId }],
  'cases.allocate': (_db, r) => [{ caseId: r.id }],
  'cases.get': (_db, r) => [{ caseId: r.id }],
  'cases.close': (_db, r) => [{ caseId: r.id }],
  'cases.reopen': (_db, r) => [{ caseId: r.id }],
  'cases.search': 'filters-itself',
  'cases.requestAccess': 'asks-for-access',
  'cases.breakGlass': 'asks-for-access',
  'cases.accessRecords': (_db, r) => [{ caseId: r.caseId }],
  'caseNotes.add': (_db, r) => [{ caseId: r.caseId }],
  'caseNotes.list': (_db, r) => [{ caseId: r.caseId }],
};

/**
 * The writing calls a closed case still answers: exports (they only record that they were made) and
 * reopening it. Every other writing call on a closed case is refused (issue 12: closed cases are read-only).
 */
export const ALLOWED_ON_CLOSED_CASE: readonly CallName[] = [
  'cases.reopen',
  'map.export',
  'reports.export',
  'reports.exportChronology',
  'reports.exportStrategyMeeting',
  'reports.exportConsultation',
];

/**
 * Refuses the call unless the signed-in person may access every case and child it reaches, and, for a
 * call that writes, unless every case it reaches is open.
 */
export function checkCaseScope<K extends CallName>(wb: Workbench, name: K, req: ParsedRequest<K>): void {
  const scope = caseScope[name] as Resolver<K> | string;
  if (typeof scope === 'string') return;
  const db = wb.db();
  const readOnly = !calls[name].writes || ALLOWED_ON_CLOSED_CASE.includes(name);
  for (const target of scope(db, req)) {
    if ('childId' in target) {
      requireChildAccess(wb, db, target.childId);
      // A child's record is changed through an open case the person may access: a child whose every case
      // is closed is read-only, and a closed case gives no way into another, open one (a new case may
      // still be opened for the child).
      if (!readOnly && name !== 'cases.open') requireOpenCaseOfChild(wb, db, target.childId);
    } else if (target.caseId !== undefined) {
      const hsbCase = requireCaseAccess(wb, db, target.caseId);
      if (!readOnly && hsbCase.status === 'closed')
        throw new WorkbenchError('rule-broken', CLOSED_CASE_MESSAGE);
    }
  }
}

function requireOpenCaseOfChild(wb: Workbench, db: Db, childId: string): void {
  const caseIds = childAccessFacts(db, childId)?.caseIds ?? [];
  if (caseIds.length === 0) return; // a child not yet on a case: only the person who added them reaches it
  const open = caseIds.filter((id) => findCase(db, id)?.status === 'open');
  if (open.length === 0) throw new WorkbenchError('rule-broken', CLOSED_CASE_MESSAGE);
  if (!open.some((id) => mayAccessCase(wb, db, id)))
    throw new WorkbenchError(
      'forbidden',
      'Your case for this child is closed, so you cannot change their details. They are on another open case: ask its allocated social worker. Nothing was saved.',
    );
}
