import { type ChangeSet, DELETED_FIELD } from '#domain/sync/replica.ts';
import { caseRulesOf, mayWrite, type SyncAuthor } from '#domain/sync/write-rules.ts';
import type { Db } from '#store/database.ts';
import { recordExists, recordKnown, recordValue } from '#store/sync/placement.ts';
import { prepared } from '#store/sync/statements.ts';
import { syncedTable } from '#store/sync/tables.ts';
import type { Roster } from '#sync/roster.ts';
import { resolveProfile } from '../profiles.ts';

// The facts the write rules (domain/sync/write-rules.ts) need about a received change set's author,
// read before anything of the change set is written: their roles and agency from the signed roster the
// change set was verified against (not this computer's users table), their place on the case from this
// computer's records, or from the change set itself when it opens the case.

const rowOf = (...keys: unknown[]) => JSON.stringify(keys);

/** The value a change set gives a field, if it writes it. */
const opValue = (cs: ChangeSet, table: string, rowId: string, field: string): unknown =>
  cs.ops.find((op) => op.table === table && op.id === rowId && op.field === field)?.edit.value;

/**
 * The records a change set makes: an insert carries every column, its key columns too (which no later
 * change touches), and a record made again after a deletion also a `_deleted` of false. A record this
 * computer already knows (in its table or its merge state) is changed, not made, whatever the change
 * set carries, so a claim to make it cannot pass for a change only its maker's rules allow.
 */
function madeBy(db: Db, cs: ChangeSet): Set<string> {
  const claimed = cs.ops.filter(
    (op) =>
      syncedTable(op.table)?.key.includes(op.field) ||
      (op.field === DELETED_FIELD && op.edit.value === false),
  );
  return new Set(
    claimed.filter((op) => !recordKnown(db, op.table, op.id)).map((op) => `${op.table}\u0000${op.id}`),
  );
}

const localAgency = (db: Db, id: string) =>
  (prepared(db, 'SELECT agency FROM users WHERE id = ?').get(id) as { agency: string } | undefined)?.agency ??
  '';

/** A field of the change set's case: as this computer holds it, or as the change set opens the case. */
const caseValue = (db: Db, cs: ChangeSet, newCase: boolean, column: string): unknown =>
  newCase
    ? opValue(cs, 'cases', rowOf(cs.caseId), column)
    : recordValue(db, 'cases', rowOf(cs.caseId), column);

function authorFacts(
  db: Db,
  cs: ChangeSet,
  roster: Roster | null,
  made: Set<string>,
  newCase: boolean,
): SyncAuthor | undefined {
  const member = roster?.members.find((m) => m.id === cs.author);
  if (!member) return undefined;
  const socialWorker = caseValue(db, cs, newCase, 'social_worker_id') === cs.author;
  const yos = caseValue(db, cs, newCase, 'yos_practitioner_id') === cs.author;
  const managerRow = rowOf(cs.caseId, cs.author);
  const caseManager =
    recordExists(db, 'case_managers', managerRow) ||
    (newCase && made.has(`case_managers\u0000${managerRow}`));
  // An assessment this change set starts counts only if it names the author as one of the case's
  // allocated workers (assessments.start: the assessors are the allocated social worker and YOS practitioner).
  const startsAsAssessor = cs.ops.some(
    (op) =>
      op.table === 'assessments' &&
      (op.field === 'lead_assessor_id' || op.field === 'co_assessor_id') &&
      op.edit.value === cs.author &&
      made.has(`assessments\u0000${op.id}`) &&
      (socialWorker || yos),
  );
  const assessor =
    startsAsAssessor ||
    prepared(
      db,
      'SELECT 1 FROM assessments WHERE case_id = ? AND (lead_assessor_id = ? OR co_assessor_id = ?) LIMIT 1',
    ).get(cs.caseId, cs.author, cs.author) !== undefined;
  return {
    roles: member.roles,
    // Rosters signed before they carried agencies: the agency this computer records for the person.
    agency: member.agency ?? localAgency(db, cs.author),
    socialWorker,
    caseManager,
    assessor,
    lastingPlace: socialWorker || yos || caseManager || assessor,
  };
}

const PROFILE_TABLES = ['consultations', 'assessments', 'report_transitions', 'report_snapshots'];

function profileOf(db: Db, cs: ChangeSet, newCase: boolean) {
  const id = caseValue(db, cs, newCase, 'profile_id');
  const version = caseValue(db, cs, newCase, 'profile_version');
  return typeof id === 'string' && typeof version === 'number'
    ? resolveProfile(db, id, version)?.profile
    : undefined;
}

/**
 * Why the author of a received change set could not have made it on their own computer, or null when
 * every op is one they may write. Runs before anything of the change set is written.
 */
export function writeRefusal(db: Db, cs: ChangeSet, roster: Roster | null): string | null {
  const made = madeBy(db, cs);
  const newCase = made.has(`cases\u0000${rowOf(cs.caseId)}`);
  const author = authorFacts(db, cs, roster, made, newCase);
  if (!author) return 'Its author is not in the team roster.';
  // The profile is read only for the tables whose rules depend on it.
  const rules = caseRulesOf(
    cs.ops.some((op) => PROFILE_TABLES.includes(op.table)) ? profileOf(db, cs, newCase) : undefined,
  );
  for (const op of cs.ops) {
    const decision = mayWrite(
      author,
      {
        table: op.table,
        field: op.field,
        value: op.edit.value,
        creates: made.has(`${op.table}\u0000${op.id}`),
        withNewCase: newCase,
        ...(op.table === 'consent_exceptions'
          ? {
              recordedByAuthor:
                (opValue(cs, op.table, op.id, 'recorded_by') ??
                  recordValue(db, op.table, op.id, 'recorded_by')) === cs.author,
            }
          : {}),
      },
      rules,
    );
    if (!decision.allowed) return decision.reason;
  }
  return null;
}
