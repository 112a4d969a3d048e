import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { CaseAccessRecords, HsbCase, UserSummary } from '../contract/schemas.ts';
import {
  breakGlassExpiry,
  type CaseAccessDecision,
  decideCaseAccess,
  mayBreakGlass,
} from '../domain/case-access.ts';
import {
  accessRequestsOf,
  allocationFacts,
  childAccessFacts,
  grantsOf,
  insertAccessRequest,
  insertGrant,
} from '../store/case-access.ts';
import { findCase } from '../store/cases.ts';
import type { Db } from '../store/database.ts';
import { listUsers } from '../store/users.ts';
import type { Workbench } from './workbench.ts';

// The one guard for case data. Every call that reaches a case, a child or anything recorded on a case
// passes through `requireCaseAccess` or `requireChildAccess` (see case-scope.ts, which lists every call
// in the contract); lists filter with `mayAccessCase`.

export const NOT_ALLOCATED =
  'You are not allocated to this case, so you cannot open or change it. Find it under Cases and ask for access, or speak to the allocated social worker.';

/** The rule's answer for one person and case, or undefined when there is no such case. */
export function caseAccessFor(
  db: Db,
  user: Pick<UserSummary, 'id' | 'roles' | 'agency'>,
  caseId: string,
  now: string,
): CaseAccessDecision | undefined {
  const facts = allocationFacts(db, caseId);
  return facts && decideCaseAccess(facts, user, now);
}

export function mayAccessCase(wb: Workbench, db: Db, caseId: string): boolean {
  return caseAccessFor(db, wb.signedIn().user, caseId, wb.now().toISOString())?.allowed === true;
}

/** Refuses (nothing is read or saved) unless the signed-in person may read or change the case. */
export function requireCaseAccess(wb: Workbench, db: Db, caseId: string): HsbCase {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  if (!mayAccessCase(wb, db, caseId)) throw new WorkbenchError('forbidden', NOT_ALLOCATED);
  return hsbCase;
}

/**
 * A child is reachable through any case on them the person may access; a child with no case yet only
 * by the person who recorded them.
 */
export function requireChildAccess(wb: Workbench, db: Db, childId: string): void {
  const facts = childAccessFacts(db, childId);
  if (!facts) throw new WorkbenchError('not-found', 'That child record was not found.');
  const { user } = wb.signedIn();
  const allowed =
    facts.caseIds.length === 0
      ? facts.createdBy === user.id
      : facts.caseIds.some((caseId) => mayAccessCase(wb, db, caseId));
  if (!allowed) {
    throw new WorkbenchError(
      'forbidden',
      'You are not allocated to a case for this child, so you cannot see or change their details. Find the case under Cases and ask for access.',
    );
  }
}

/** An unallocated practitioner asks for access, with a reason the case's managers and social worker see. */
export function requestAccess(wb: Workbench, req: ParsedRequest<'cases.requestAccess'>): null {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const hsbCase = findCase(db, req.caseId);
    if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
    if (mayAccessCase(wb, db, hsbCase.id))
      throw new WorkbenchError('rule-broken', 'You already have access to this case: open it from Cases.');
    const id = randomUUID();
    insertAccessRequest(db, {
      id,
      caseId: hsbCase.id,
      userId: user.id,
      reason: req.reason,
      requestedAt: now,
    });
    audit({
      action: 'case.request-access',
      recordType: 'case-access-request',
      recordId: id,
      summary: `asked for access to case ${hsbCase.reference} (reason recorded)`,
    });
  });
  return null;
}

/** A manager or administrator opens a case they are not allocated to, for a limited time, with a reason. */
export function breakGlass(wb: Workbench, req: ParsedRequest<'cases.breakGlass'>): { expiresAt: string } {
  const { user } = wb.signedIn();
  if (!mayBreakGlass(user))
    throw new WorkbenchError(
      'forbidden',
      'Only a manager or an administrator can break the glass on a case.',
    );
  const now = wb.now().toISOString();
  const expiresAt = breakGlassExpiry(now);
  wb.write((db, audit) => {
    const hsbCase = findCase(db, req.caseId);
    if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
    const id = randomUUID();
    insertGrant(db, {
      id,
      caseId: hsbCase.id,
      userId: user.id,
      reason: req.reason,
      grantedAt: now,
      expiresAt,
    });
    audit({
      action: 'case.break-glass',
      recordType: 'case-access-grant',
      recordId: id,
      summary: `opened case ${hsbCase.reference} by break-glass until ${expiresAt} (reason recorded)`,
    });
  });
  return { expiresAt };
}

/** The break-glass grants and access requests on a case: for its managers and social worker only. */
export function accessRecords(wb: Workbench, req: ParsedRequest<'cases.accessRecords'>): CaseAccessRecords {
  const db = wb.db();
  const hsbCase = requireCaseAccess(wb, db, req.caseId);
  const { user } = wb.signedIn();
  if (user.id !== hsbCase.socialWorkerId && !hsbCase.managerIds.includes(user.id)) {
    throw new WorkbenchError(
      'forbidden',
      'Only the case’s managers and its allocated social worker can see who asked for access.',
    );
  }
  const now = Date.parse(wb.now().toISOString());
  const names = new Map(listUsers(db).map((u) => [u.id, u.name]));
  return {
    grants: grantsOf(db, hsbCase.id).map((g) => ({
      id: g.id,
      userName: names.get(g.userId) ?? g.userId,
      reason: g.reason,
      grantedAt: g.grantedAt,
      expiresAt: g.expiresAt,
      current: Date.parse(g.expiresAt) > now,
    })),
    requests: accessRequestsOf(db, hsbCase.id).map((r) => ({
      id: r.id,
      userName: names.get(r.userId) ?? r.userId,
      reason: r.reason,
      requestedAt: r.requestedAt,
    })),
  };
}
