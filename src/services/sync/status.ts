import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import {
  applyEdit,
  conflictVersions,
  type FieldEdit,
  type FieldState,
  type FieldValue,
  replacesFor,
  shownValue,
} from '#domain/sync/field-merge.ts';
import { DELETED_FIELD } from '#domain/sync/replica.ts';
import type { Db } from '#store/database.ts';
import { materialise } from '#store/sync/materialise.ts';
import {
  BOOKKEEPING_FIELDS,
  caseKeyById,
  changeSetsOfCase,
  missingOfCase,
  nextTime,
  readField,
  readMeta,
  recordFields,
  writeField,
} from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import { syncedTable, withoutCapture } from '#store/sync/tables.ts';
import { openChangeSet, signatureVerifies } from '#sync/envelope.ts';
import { deviceKeyOf } from '#sync/roster.ts';
import type { AuditNote, Workbench } from '../workbench.ts';
import { lackedBy } from './bundles.ts';
import { sealAndKeep, seenVersions } from './capture.ts';
import { deviceOf } from './team.ts';
import { latestMembership, rosterOfStore } from './trust.ts';

const WHAT: Record<string, string> = {
  children: 'Child’s details',
  cases: 'Case',
  map_items: 'Pattern map item',
  map_links: 'Pattern map link',
  map_themes: 'Pattern map theme',
  case_people: 'Person',
  item_ratings: 'Rating',
  agreed_positions: 'Agreed position',
  assessment_sections: 'Narrative section',
  assessments: 'Assessment',
  strategy_meetings: 'Strategy meeting',
  deadlines: 'Deadline',
};

/** A version as a person reads it: narrative sections as their text, not their stored form. */
const display = (value: FieldValue | undefined): string => {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'object') return '(a picture)';
  if (typeof value === 'string' && value.startsWith('{"blocks"')) {
    try {
      const doc = JSON.parse(value) as { blocks: { runs?: { text?: string }[] }[] };
      return doc.blocks.map((b) => (b.runs ?? []).map((r) => r.text ?? '').join('')).join('\n');
    } catch {
      return value;
    }
  }
  return String(value);
};

/** The conflicts kept on a case's records: concurrent versions nobody has chosen between yet. */
function conflictsOf(db: Db, caseId: string, names: Map<string, string>) {
  const rows = prepared(
    db,
    'SELECT tbl, row_id AS rowId, field, state FROM sync_fields WHERE conflicted = 1',
  ).all() as { tbl: string; rowId: string; field: string; state: string }[];
  return rows.flatMap((r) => {
    const t = syncedTable(r.tbl);
    if (!t) return [];
    const keys = JSON.parse(r.rowId) as unknown[];
    const where = t.key.map((k) => `r.${k} = ?`).join(' AND ');
    const owner =
      t.name === 'children'
        ? prepared(db, `SELECT id AS caseId FROM cases WHERE child_id = ? AND id = ?`).get(keys[0], caseId)
        : prepared(
            db,
            `SELECT ${t.caseOf.replaceAll('$', 'r')} AS caseId FROM ${t.name} r WHERE ${where}`,
          ).get(...keys);
    if ((owner as { caseId?: string } | undefined)?.caseId !== caseId) return [];
    const state = JSON.parse(r.state) as FieldState;
    const shown = state.current[0];
    const others = conflictVersions(state);
    return [
      {
        table: r.tbl,
        rowId: r.rowId,
        field: r.field,
        what: WHAT[r.tbl] ?? r.tbl.replaceAll('_', ' '),
        versions: [shown, ...others].flatMap((e) =>
          e
            ? [
                {
                  at: e.at,
                  by: e.by,
                  byName: names.get(e.by) ?? 'someone',
                  value: display(e.value),
                  shown: e === shown,
                },
              ]
            : [],
        ),
      },
    ];
  });
}

/**
 * Records removed on one computer while someone elsewhere changed them without seeing the removal:
 * the removal is shown, and each change it had not seen is kept as a version to choose instead.
 */
function removalConflicts(db: Db, caseId: string, names: Map<string, string>) {
  const removed = prepared(
    db,
    "SELECT tbl, row_id AS rowId, state FROM sync_fields WHERE field = '_deleted' AND json_extract(state, '$.current[0].value') = 1",
  ).all() as { tbl: string; rowId: string; state: string }[];
  return removed.flatMap((r) => {
    const t = syncedTable(r.tbl);
    if (t?.caseOf !== '$.case_id') return [];
    const fields = recordFields(db, r.tbl, r.rowId);
    if (shownValue(fields.get('case_id') ?? { current: [], replaced: [] }) !== caseId) return [];
    const deletion = JSON.parse(r.state) as FieldState;
    const seen = new Set(deletion.current.flatMap((d) => d.replaces));
    const unseen = [...fields.entries()]
      .filter(([field]) => field !== DELETED_FIELD && !BOOKKEEPING_FIELDS.includes(field))
      .flatMap(([, state]) => state.current.filter((e) => !seen.has(e.at)));
    const shown = deletion.current[0];
    if (!shown || unseen.length === 0) return [];
    const version = (e: FieldEdit, value: string, isShown: boolean) => ({
      at: e.at,
      by: e.by,
      byName: names.get(e.by) ?? 'someone',
      value,
      shown: isShown,
    });
    return [
      {
        table: r.tbl,
        rowId: r.rowId,
        field: DELETED_FIELD,
        what: `${WHAT[r.tbl] ?? r.tbl.replaceAll('_', ' ')} removed while changed elsewhere`,
        versions: [
          version(shown, 'Removed', true),
          ...unseen.map((e) => version(e, display(e.value), false)),
        ],
      },
    ];
  });
}

export function caseStatus(
  wb: Workbench,
  req: ParsedRequest<'sync.caseStatus'>,
): CallResponse<'sync.caseStatus'> {
  const db = wb.db();
  const c = prepared(db, 'SELECT reference FROM cases WHERE id = ?').get(req.caseId) as
    | { reference: string }
    | undefined;
  if (!c) throw new WorkbenchError('not-found', 'There is no such case.');
  const names = new Map(
    (prepared(db, 'SELECT id, name FROM users').all() as { id: string; name: string }[]).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const status = prepared(
    db,
    'SELECT brought_up_to_date_at AS b, last_sent_at AS s FROM sync_case_status WHERE case_id = ?',
  ).get(req.caseId) as { b: string | null; s: string | null } | undefined;
  const me = wb.signedIn().user.id;
  const members = (latestMembership(db, req.caseId)?.membership.members ?? [])
    .filter((id) => id !== me)
    .map((id) => ({ id, name: names.get(id) ?? id, waitingToGo: lackedBy(db, req.caseId, id).length }));
  const roster = rosterOfStore(db);
  const all = changeSetsOfCase(db, req.caseId);
  const history = all
    .slice(-200)
    .reverse()
    .flatMap((stored) => {
      const key =
        (roster ? deviceKeyOf(roster, stored.author, stored.device) : undefined) ??
        (stored.origin === 'here' ? readMeta(db, `device:${stored.author}`) : undefined);
      const verified = !!key && signatureVerifies(stored.envelope, key);
      let entries: { at: string; action: string; summary: string }[] = [];
      try {
        const cs = openChangeSet(stored.envelope, {
          devicePublicKey: () => key,
          caseKey: (caseId, keyId) => caseKeyById(db, caseId, keyId),
        });
        entries = cs.audit ?? [];
      } catch {
        entries = [];
      }
      return entries.map((e) => ({
        at: e.at,
        byName: names.get(stored.author) ?? 'someone',
        action: e.action,
        summary: e.summary,
        fromThisComputer: stored.origin === 'here',
        verified,
      }));
    });
  const counts = prepared(
    db,
    "SELECT (SELECT count(*) FROM sync_change_sets WHERE case_id = ? AND state = 'waiting' AND id NOT IN (SELECT id FROM sync_held_change_sets)) AS kept, (SELECT count(*) FROM sync_pending_rows) AS rows",
  ).get(req.caseId) as { kept: number; rows: number };
  return {
    caseId: req.caseId,
    reference: c.reference,
    broughtUpToDateAt: status?.b ?? null,
    lastSentAt: status?.s ?? null,
    members,
    conflicts: [...conflictsOf(db, req.caseId, names), ...removalConflicts(db, req.caseId, names)],
    keptForLater: counts.kept,
    recordsWaiting: counts.rows,
    missing: missingOfCase(db, req.caseId).map((m) => ({
      name: names.get(m.author) ?? 'someone',
      count: m.missing,
    })),
    history,
  };
}

/**
 * Resolves a conflict by keeping one of the versions: a new edit with that value, replacing every
 * version shown, so the resolution is itself a change that reaches the other machines.
 */
export function resolveConflict(wb: Workbench, req: ParsedRequest<'sync.resolveConflict'>): null {
  const device = deviceOf(wb);
  if (req.field === DELETED_FIELD) return resolveRemoval(wb, device, req);
  return wb.write((db, audit) => {
    const state = readField(db, req.table, req.rowId, req.field);
    const chosen = state.current.find((e) => e.at === req.keep);
    if (!chosen || state.current.length < 2) {
      throw new WorkbenchError(
        'conflict',
        'That conflict has already been resolved, or the version chosen is no longer there. Reload the sync panel.',
      );
    }
    const conflicts = conflictsOf(db, req.caseId, new Map());
    if (!conflicts.some((c) => c.table === req.table && c.rowId === req.rowId && c.field === req.field)) {
      throw new WorkbenchError('not-found', 'There is no such conflict on this case.');
    }
    const now = wb.now();
    const edit = {
      at: nextTime(db, device.deviceId, now.getTime()),
      replaces: replacesFor(state),
      value: chosen.value,
      by: device.memberId,
    };
    const kept = { field: req.field, state, edit, now, chosenBy: chosen.by };
    const what = req.field.replaceAll('_', ' ');
    return keepResolution(
      { db, audit, device, req },
      kept,
      (author) => `kept ${author}’s version of the ${what} after a conflict`,
    );
  });
}

type Device = NonNullable<ReturnType<Workbench['signedIn']>['device']>;

/**
 * Writes the edit that resolves a conflict and seals it for the team with its audit entry. The trail
 * names whose version was kept, never what was typed.
 */
function keepResolution(
  {
    db,
    audit,
    device,
    req,
  }: { db: Db; audit: (note: AuditNote) => void; device: Device; req: ParsedRequest<'sync.resolveConflict'> },
  change: { field: string; state: FieldState; edit: FieldEdit; now: Date; chosenBy: string },
  summaryFor: (author: string) => string,
): null {
  const { field, state, edit, now } = change;
  writeField(db, req.table, req.rowId, field, applyEdit(state, edit));
  withoutCapture(db, () => materialise(db, [{ tbl: req.table, rowId: req.rowId }]));
  const author = (
    prepared(db, 'SELECT name FROM users WHERE id = ?').get(change.chosenBy) as { name: string } | undefined
  )?.name;
  const summary = summaryFor(author ?? 'one person');
  const note = { action: 'sync.resolve-conflict', recordType: req.table, recordId: req.rowId, summary };
  audit(note);
  sealAndKeep(
    db,
    device,
    req.caseId,
    [{ table: req.table, id: req.rowId, field, edit }],
    [{ at: now.toISOString(), ...note }],
    now,
  );
  return null;
}

/**
 * Keeps the removal (a new removal that has seen every change) or the change (the record comes back,
 * with every field as merged): either way a new edit of the tombstone, which travels like any other.
 */
function resolveRemoval(wb: Workbench, device: Device, req: ParsedRequest<'sync.resolveConflict'>): null {
  return wb.write((db, audit) => {
    const conflict = removalConflicts(db, req.caseId, new Map()).find(
      (c) => c.table === req.table && c.rowId === req.rowId,
    );
    const chosen = conflict?.versions.find((v) => v.at === req.keep);
    if (!conflict || !chosen) {
      throw new WorkbenchError(
        'conflict',
        'That conflict has already been resolved, or the version chosen is no longer there. Reload the sync panel.',
      );
    }
    const state = readField(db, req.table, req.rowId, DELETED_FIELD);
    const keepRemoval = chosen.shown;
    const now = wb.now();
    const edit: FieldEdit = {
      at: nextTime(db, device.deviceId, now.getTime()),
      replaces: keepRemoval
        ? [...replacesFor(state), ...seenVersions(db, req.table, req.rowId)]
        : replacesFor(state),
      value: keepRemoval,
      by: device.memberId,
    };
    const kept = { field: DELETED_FIELD, state, edit, now, chosenBy: chosen.by };
    return keepResolution({ db, audit, device, req }, kept, (author) =>
      keepRemoval
        ? `kept the removal by ${author} after a change made elsewhere`
        : `brought back what was removed, keeping ${author}’s change`,
    );
  });
}
