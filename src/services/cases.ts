import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { CaseSearchResult, Child, HsbCase, UserSummary } from '../contract/schemas.ts';
import type { Agency, Role } from '../contract/vocabulary.ts';
import { initialsOf, isLastingAccess } from '../domain/case-access.ts';
import { childAccessFacts } from '../store/case-access.ts';
import {
  findCase,
  insertCase,
  nextCaseReference,
  searchCases,
  toFtsQuery,
  updateAllocation,
} from '../store/cases.ts';
import { findChild } from '../store/children.ts';
import type { Db } from '../store/database.ts';
import { findUser } from '../store/users.ts';
import { caseAccessFor, mayAccessCase } from './case-access.ts';
import { namesById } from './deadlines.ts';
import { keepBuiltInSnapshot, latestProfile, listProfiles } from './profiles.ts';
import type { Workbench } from './workbench.ts';

type Allocation = Pick<HsbCase, 'socialWorkerId' | 'yosPractitionerId' | 'managerIds'>;

function requirePerson(
  db: Db,
  id: string,
  field: string,
  role: Role,
  agency: Agency | null,
  what: string,
): UserSummary {
  const user = findUser(db, id);
  const fits = user?.active && user.roles.includes(role) && (agency === null || user.agency === agency);
  if (!user || !fits) {
    throw new WorkbenchError(
      'rule-broken',
      `The ${what} must be an active ${what.includes('manager') ? 'manager' : 'practitioner'}${agency ? ` from ${agency === 'youth-justice' ? 'the youth justice service' : "Children's Social Care"}` : ''}.`,
      {
        problems: [{ path: field, message: `is not an active ${role}${agency ? ` in ${agency}` : ''}` }],
      },
    );
  }
  return user;
}

/** The co-assessing pair: a CSC social worker and a YOS practitioner (Lancashire step 6; Hounslow joint AIM). */
function checkAllocation(db: Db, a: Allocation): void {
  requirePerson(
    db,
    a.socialWorkerId,
    'socialWorkerId',
    'practitioner',
    'childrens-social-care',
    'allocated social worker',
  );
  requirePerson(
    db,
    a.yosPractitionerId,
    'yosPractitionerId',
    'practitioner',
    'youth-justice',
    'YOS practitioner',
  );
  a.managerIds.forEach((id, i) => {
    requirePerson(db, id, `managerIds[${i}]`, 'manager', null, 'case manager');
  });
}

/** Whether the signed-in person holds a place on the case, not only temporary access (see the domain rule). */
function allocatedTo(wb: Workbench, db: Db, caseId: string): boolean {
  return isLastingAccess(caseAccessFor(db, wb.signedIn().user, caseId, wb.now().toISOString()));
}

const TEMPORARY_ACCESS =
  'Your access to this case comes only from break-glass or an open hub consultation, which does not let you change who is allocated. Ask one of the case’s managers or its social worker. Nothing was saved.';

/** "social worker a → b; managers [x] → [x, y]": who changed, as user ids only. */
function allocationChange(before: Allocation, after: Allocation): string {
  const changes: string[] = [];
  if (before.socialWorkerId !== after.socialWorkerId)
    changes.push(`social worker ${before.socialWorkerId} → ${after.socialWorkerId}`);
  if (before.yosPractitionerId !== after.yosPractitionerId)
    changes.push(`YOS practitioner ${before.yosPractitionerId} → ${after.yosPractitionerId}`);
  const ids = (list: readonly string[]) => `[${[...list].sort().join(', ')}]`;
  if (ids(before.managerIds) !== ids(after.managerIds))
    changes.push(`managers ${ids(before.managerIds)} → ${ids(after.managerIds)}`);
  return changes.length > 0 ? changes.join('; ') : 'no one changed';
}

export function openCase(wb: Workbench, req: ParsedRequest<'cases.open'>): HsbCase {
  const userId = wb.signedIn().user.id;
  const now = wb.now();
  return wb.write((db, audit) => {
    // A child who already has a case is reached through it: opening another one (naming its people)
    // needs a place on one of those cases, not temporary access.
    const existing = childAccessFacts(db, req.childId)?.caseIds ?? [];
    if (existing.length > 0 && !existing.some((caseId) => allocatedTo(wb, db, caseId)))
      throw new WorkbenchError(
        'forbidden',
        'Your access to this child comes only from break-glass or an open hub consultation, which does not let you open another case for them. Ask the allocated social worker or a manager of their case. Nothing was saved.',
      );
    // A case opens under the latest version of its profile and keeps that version until moved deliberately.
    const profile = latestProfile(db, req.profileId)?.profile;
    if (!profile) {
      throw new WorkbenchError('invalid-request', 'Choose one of the protocol profiles listed.', {
        problems: [{ path: 'profileId', message: 'is not a known protocol profile' }],
      });
    }
    if (!findChild(db, req.childId))
      throw new WorkbenchError('not-found', 'That child record was not found.');
    checkAllocation(db, req);
    keepBuiltInSnapshot(db, profile, now.toISOString());
    const hsbCase: HsbCase = {
      id: randomUUID(),
      version: 1,
      reference: nextCaseReference(db, now.getUTCFullYear()),
      childId: req.childId,
      profileId: profile.id,
      profileVersion: profile.version,
      status: 'open',
      socialWorkerId: req.socialWorkerId,
      yosPractitionerId: req.yosPractitionerId,
      managerIds: [...new Set(req.managerIds)],
      openedAt: now.toISOString(),
      openedBy: userId,
    };
    insertCase(db, hsbCase);
    audit({
      action: 'case.open',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `opened ${hsbCase.reference} under the ${profile.name} profile (version ${profile.version})`,
    });
    return hsbCase;
  });
}

export function allocateCase(wb: Workbench, req: ParsedRequest<'cases.allocate'>): HsbCase {
  return wb.write((db, audit) => {
    const before = findCase(db, req.id);
    if (!before) throw new WorkbenchError('not-found', 'That case was not found.');
    if (!allocatedTo(wb, db, before.id)) throw new WorkbenchError('forbidden', TEMPORARY_ACCESS);
    checkAllocation(db, req);
    if (
      !updateAllocation(
        db,
        { ...req, managerIds: [...new Set(req.managerIds)] },
        req.expectedVersion,
        wb.now().toISOString(),
      )
    ) {
      throw new WorkbenchError(
        'conflict',
        'Someone else changed this case’s allocation after you opened it. Your change was not saved: reload and try again.',
      );
    }
    audit({
      action: 'case.allocate',
      recordType: 'case',
      recordId: before.id,
      summary: `changed the allocation: ${allocationChange(before, { ...req, managerIds: [...new Set(req.managerIds)] })}`,
    });
    const after = findCase(db, req.id);
    if (!after) throw new WorkbenchError('internal', 'The case disappeared while saving.');
    return after;
  });
}

export function getCase(wb: Workbench, id: string): { case: HsbCase; child: Child } {
  const db = wb.db();
  const hsbCase = findCase(db, id);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  return { case: hsbCase, child };
}

/** How many rows a search shows at most. */
const SEARCH_LIMIT = 200;

/**
 * The cases matching what was typed. The person's own cases come with their details; a case they may
 * not access shows only its reference, the child's initials and the allocated social worker, so they
 * know whom to ask. An empty search lists only the person's own cases.
 */
export function findCases(wb: Workbench, query: string): CaseSearchResult[] {
  const db = wb.db();
  const profileNames = new Map(listProfiles(db).map((p) => [p.id, p.name]));
  const userNames = namesById(db);
  const searching = toFtsQuery(query) !== null;
  const results: CaseSearchResult[] = [];
  for (const { profileId, ...row } of searchCases(db, query, -1)) {
    if (results.length >= SEARCH_LIMIT) break;
    if (mayAccessCase(wb, db, row.caseId)) {
      results.push({ ...row, accessible: true, profileName: profileNames.get(profileId) ?? profileId });
      continue;
    }
    const hsbCase = searching ? findCase(db, row.caseId) : undefined;
    if (!hsbCase) continue;
    results.push({
      accessible: false,
      caseId: row.caseId,
      reference: row.reference,
      childInitials: initialsOf(row.childName),
      socialWorkerName: userNames.get(hsbCase.socialWorkerId) ?? 'not recorded',
    });
  }
  return results;
}
