import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { HsbCase } from '../contract/schemas.ts';
import { findCase, setCaseStatus } from '../store/cases.ts';
import { insertCaseEvent } from '../store/deadlines.ts';
import type { Workbench } from './workbench.ts';

// Closing a case with a reason, and reopening it (issue 12: "a case can be closed with a reason and
// reopened (audited); closed cases are read-only"). The reason is kept on the case's dated history; the
// audit entry says only that a reason was recorded. The read-only rule itself is in case-scope.ts.

/** The events on the case's history that record a closure and a reopening. */
export const CLOSURE_EVENTS = { closed: 'case-closed', reopened: 'case-reopened' } as const;

export const CLOSED_CASE_MESSAGE =
  'This case is closed, so it can be read and exported but not changed. Nothing has been saved. A manager of the case can reopen it, with the reason.';

function change(wb: Workbench, req: ParsedRequest<'cases.close'>, to: HsbCase['status']): HsbCase {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    const before = findCase(db, req.id);
    if (!before) throw new WorkbenchError('not-found', 'That case was not found.');
    // A manager on the case decides: one of its managers, not any holder of the manager role who is
    // also its social worker, a co-assessor, or in by break-glass or hub access.
    if (!user.roles.includes('manager') || !before.managerIds.includes(user.id))
      throw new WorkbenchError(
        'forbidden',
        `Only a manager of the case can ${to === 'closed' ? 'close' : 'reopen'} it. Nothing has been saved.`,
      );
    if (before.status === to)
      throw new WorkbenchError(
        'rule-broken',
        to === 'closed' ? 'This case is already closed.' : 'This case is already open.',
      );
    if (!setCaseStatus(db, before.id, to, req.expectedVersion, now))
      throw new WorkbenchError(
        'conflict',
        'Someone else changed this case after you opened it. Nothing has been saved: reload and try again.',
      );
    const verb = to === 'closed' ? 'closed' : 'reopened';
    insertCaseEvent(db, {
      id: randomUUID(),
      caseId: before.id,
      event: to === 'closed' ? CLOSURE_EVENTS.closed : CLOSURE_EVENTS.reopened,
      occurredAt: now,
      details: { reason: req.reason, summary: `Case ${verb}. Reason: ${req.reason}` },
      recordedAt: now,
      recordedBy: user.id,
    });
    audit({
      action: to === 'closed' ? 'case.close' : 'case.reopen',
      recordType: 'case',
      recordId: before.id,
      summary: `${verb} the case; reason recorded`,
    });
    const after = findCase(db, before.id);
    if (!after) throw new WorkbenchError('internal', 'The case disappeared while saving.');
    return after;
  });
}

export const closeCase = (wb: Workbench, req: ParsedRequest<'cases.close'>) => change(wb, req, 'closed');
export const reopenCase = (wb: Workbench, req: ParsedRequest<'cases.reopen'>) => change(wb, req, 'open');
