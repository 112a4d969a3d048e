import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictVersions, shownValue } from '#domain/sync/field-merge.ts';
import type { FieldOp } from '#domain/sync/replica.ts';
import { rosterOfStore } from '#services/sync/trust.ts';
import { caseKeyById, toStoreValue } from '#store/sync/state.ts';
import { syncedTable } from '#store/sync/tables.ts';
import { type Envelope, openChangeSet } from '#sync/envelope.ts';
import { deviceKeyOf } from '#sync/roster.ts';
import { mulberry32 } from '../support/seeded-random.ts';
import {
  buildTeam,
  canonicalDump,
  conflictsHeld,
  deliver,
  dumpDifferences,
  envelopesOf,
  fieldState,
  isDeleted,
  lifeEvent,
  machineFrom,
  membershipsHeld,
  TEAM_START,
  type TeamTemplate,
} from '../support/sync-team.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, SW_PASSWORD, signInAs } from '../support/workbench.ts';

// Three to five machines, each a real encrypted store in its own data folder, make random edits
// through the router (map items added, changed and removed, the child's details changed, the case
// reallocated so its key rotates) while change sets travel between them in random batches, with
// duplicates and delays. At the end everyone receives everything: every machine holds the same
// change sets and must show the same thing; applying everything again changes nothing; and every
// acknowledged edit is still there, shown or kept as a conflict version, unless someone who had
// seen it replaced it.

const RUNS = Number(process.env.SYNC_RUNS ?? 5);
const SEED = Number(process.env.SYNC_SEED ?? Date.now() % 2 ** 31);

const WHAT = ['Moved house', 'Moved to Preston', 'Moved to Blackpool', 'Started school', 'Left school'];
const PLACE = ['', 'Preston', 'Blackpool'];
const SCHOOL = ['', 'Fulwood Academy', 'Ribbleton Primary'];
const SECTION_TEXT = [
  'Jordan spoke about school.',
  'Jordan did not want to talk.',
  'The family described a settled year.',
  'School saw no concerns.',
];

type Step =
  | { kind: 'add'; r: number; what: number }
  | { kind: 'update'; r: number; item: number; what: number; place: number }
  | { kind: 'remove'; r: number; item: number }
  | { kind: 'child'; r: number; school: number; preferred: number }
  | { kind: 'reallocate' }
  | { kind: 'rate'; r: number; item: number; rating: number }
  | { kind: 'section'; r: number; section: number; text: number }
  | { kind: 'deliver'; r: number; picks: number[] }
  | { kind: 'wait'; ms: number };

const replica = fc.nat({ max: 4 });
/** One kind of step, drawn `weight` times in every so many, with an arbitrary for each of its fields. */
type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
const stepOf = <K extends Step['kind']>(
  weight: number,
  kind: K,
  fields: { [P in Exclude<keyof StepOf<K>, 'kind'>]: fc.Arbitrary<StepOf<K>[P]> },
) => ({ weight, arbitrary: fc.record({ kind: fc.constant(kind), ...fields }) as fc.Arbitrary<StepOf<K>> });
const nat = (max: number) => fc.nat({ max });
const step: fc.Arbitrary<Step> = fc.oneof(
  stepOf(2, 'add', { r: replica, what: nat(4) }),
  stepOf(4, 'update', { r: replica, item: nat(3), what: nat(4), place: nat(2) }),
  stepOf(1, 'remove', { r: replica, item: nat(3) }),
  stepOf(2, 'child', { r: replica, school: nat(2), preferred: nat(2) }),
  { weight: 1, arbitrary: fc.constant({ kind: 'reallocate' as const }) },
  stepOf(2, 'rate', { r: replica, item: nat(1), rating: nat(1) }),
  stepOf(3, 'section', { r: replica, section: nat(1), text: nat(3) }),
  stepOf(3, 'deliver', { r: replica, picks: fc.array(nat(1000), { maxLength: 12 }) }),
  stepOf(2, 'wait', { ms: nat(5 * 60_000) }),
);

let folder: ReturnType<typeof tempFolder>;
let team: TeamTemplate;
beforeAll(async () => {
  folder = tempFolder('hsb-syncprop-');
  team = await buildTeam(join(folder.path, 'template'), 5, { assessment: true });
}, 120_000);
afterAll(() => folder?.remove());

interface Acknowledged {
  /** The change set the write made. */
  id: string;
  /** Which machine made it. */
  r: number;
  /** Every change set that machine held when it was written (what its author had seen). */
  seen: Set<string>;
}

let runNo = 0;

function seededShuffle<T>(items: T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function run(count: number, skews: number[], steps: Step[], finalSeed: number) {
  runNo++;
  const machines: Harness[] = [];
  for (const [i, spec] of team.machines.slice(0, count).entries()) {
    machines.push(
      await machineFrom(team, spec, join(folder.path, `run-${runNo}`, spec.name), {
        start: new Date(TEAM_START.getTime() + 3_600_000 + (skews[i] ?? 0)),
      }),
    );
  }
  // On machine A the social worker (a co-assessor) works; Alex signs in there only to reallocate.
  await signInAs(machines[0] as Harness, 'sam.sw', SW_PASSWORD);
  const { caseId, childId } = team;
  const assessment = team.assessment as NonNullable<TeamTemplate['assessment']>;
  let now = TEAM_START.getTime() + 3_600_000;
  const pool = new Map<string, Envelope>();
  const acknowledged: Acknowledged[] = [];
  const refusals: string[] = [];
  const collect = () => {
    for (const h of machines) for (const [id, e] of envelopesOf(h.wb.db())) pool.set(id, e);
  };
  collect();
  const memberships = () => machines.flatMap((h) => membershipsHeld(h.wb.db()));

  /** Runs one write through the router; records the change sets it made as acknowledged. */
  const write = async (r: number, what: (h: Harness) => Promise<unknown>) => {
    const h = machines[r] as Harness;
    const before = envelopesOf(h.wb.db());
    try {
      await what(h);
    } catch (error) {
      refusals.push(String((error as Error).message));
      return;
    }
    const after = envelopesOf(h.wb.db());
    const seen = new Set(after.keys());
    for (const id of after.keys()) {
      if (!before.has(id)) acknowledged.push({ id, r, seen });
    }
    collect();
  };

  for (const s of steps) {
    const r = 'r' in s ? s.r % count : 0;
    switch (s.kind) {
      case 'add':
        await write(r, (h) => h.call('map.addItem', { caseId, item: lifeEvent(WHAT[s.what] as string) }));
        break;
      case 'update':
      case 'remove': {
        const items = (await (machines[r] as Harness).call('map.get', { caseId })).items;
        const item = items[s.item % Math.max(1, items.length)];
        if (!item) break;
        if (s.kind === 'update') {
          await write(r, (h) =>
            h.call('map.updateItem', {
              itemId: item.id,
              expectedVersion: item.version,
              item: lifeEvent(WHAT[s.what] as string, PLACE[s.place]),
            }),
          );
        } else {
          await write(r, (h) =>
            h.call('map.removeItem', {
              itemId: item.id,
              expectedVersion: item.version,
              reason: 'Recorded twice',
            }),
          );
        }
        break;
      }
      case 'child': {
        const c = await (machines[r] as Harness).call('children.get', { id: childId });
        await write(r, (h) =>
          h.call('children.update', {
            id: childId,
            expectedVersion: c.version,
            name: c.name,
            preferredName: ['', 'JJ', 'Jay'][s.preferred] as string,
            dateOfBirth: c.dateOfBirth,
            gender: c.gender,
            socialCareNumber: c.socialCareNumber,
            youthJusticeNumber: c.youthJusticeNumber,
            areaOfResidence: c.areaOfResidence,
            school: SCHOOL[s.school] as string,
          }),
        );
        break;
      }
      case 'reallocate': {
        // Alex (a manager, on machine A) adds or removes Max, a manager on no other machine: the
        // case key rotates while everyone with a machine here stays allocated.
        await signInAs(machines[0] as Harness, 'admin', ADMIN_PASSWORD);
        const got = await (machines[0] as Harness).call('cases.get', { id: caseId });
        const managers = got.case.managerIds.includes(team.ids.max)
          ? got.case.managerIds.filter((id) => id !== team.ids.max)
          : [...got.case.managerIds, team.ids.max];
        await write(0, (h) =>
          h.call('cases.allocate', {
            id: caseId,
            expectedVersion: got.case.version,
            socialWorkerId: got.case.socialWorkerId,
            yosPractitionerId: got.case.yosPractitionerId,
            managerIds: managers,
          }),
        );
        await signInAs(machines[0] as Harness, 'sam.sw', SW_PASSWORD);
        break;
      }
      case 'rate': {
        // The co-assessors: Sam on A, Yas on B, each rating independently.
        const who = s.r % 2;
        await write(who, (h) =>
          h.call('assessments.rate', {
            itemId: assessment.itemIds[s.item] as string,
            rating: ['some', 'clear'][s.rating] as string,
            evidence: `Evidence ${s.rating} from machine ${who}`,
            source: 'School DSL',
          }),
        );
        break;
      }
      case 'section': {
        // A co-assessor takes a section, saves it and lets it go: holds are advisory across machines,
        // so the two may write the same section while apart.
        const who = s.r % 2;
        const h = machines[who] as Harness;
        const sectionKey = ['views', 'formulation'][s.section] as string;
        const view = await h.call('assessments.get', { id: assessment.id });
        const section = view.sections.find((x) => x.key === sectionKey);
        if (!section || (section.heldBy && !section.heldBy.isViewer)) break;
        if (!section.heldBy)
          await write(who, (m) =>
            m.call('assessments.holdSection', { assessmentId: assessment.id, sectionKey }),
          );
        await write(who, (m) =>
          m.call('assessments.saveSection', {
            assessmentId: assessment.id,
            sectionKey,
            expectedVersion: section.version,
            content: {
              blocks: [{ type: 'paragraph' as const, runs: [{ text: `${SECTION_TEXT[s.text]} (${who})` }] }],
            },
          }),
        );
        await write(who, (m) =>
          m.call('assessments.releaseSection', { assessmentId: assessment.id, sectionKey }),
        );
        break;
      }
      case 'deliver': {
        const all = [...pool.values()];
        if (all.length === 0) break;
        const batch = s.picks.map((p) => all[p % all.length] as Envelope);
        const report = deliver(machines[r] as Harness, batch, memberships());
        for (const refused of report.refused) refusals.push(`delivery to ${r}: ${refused.reason}`);
        break;
      }
      case 'wait':
        now += s.ms;
        for (const [i, h] of machines.entries()) h.travelTo(new Date(now + (skews[i] ?? 0)));
        break;
    }
  }

  // Everyone receives everything, in an order of its own, in two halves.
  collect();
  const everything = [...pool.values()];
  for (const [i, h] of machines.entries()) {
    const order = seededShuffle(everything, finalSeed + i);
    const half = Math.floor(order.length / 2);
    deliver(h, order.slice(half), memberships());
    const report = deliver(h, order.slice(0, half), memberships());
    expect(report.refused, `machine ${i} refused change sets`).toEqual([]);
  }
  const dumps = machines.map((h) => canonicalDump(h.wb.db()));

  // Idempotence: everything again, in another order, changes nothing.
  for (const [i, h] of machines.entries()) {
    const again = deliver(h, seededShuffle(everything, finalSeed + 100 + i), memberships());
    expect(again.applied).toBe(0);
    expect(again.alreadyHad).toBe(everything.length);
    expect(canonicalDump(h.wb.db())).toEqual(dumps[i]);
  }

  // Convergence: every machine holds the same change sets, and shows the same records and conflicts.
  for (const [i, h] of machines.entries()) {
    expect(dumpDifferences(dumps[0] as never, dumps[i] as never), `machine ${i} against machine 0`).toEqual(
      [],
    );
    expect(conflictsHeld(h.wb.db())).toEqual(conflictsHeld((machines[0] as Harness).wb.db()));
    // The sync panel lists the same conflicts with the same versions (in the order each store
    // happens to hold them: status.ts reads them without an ORDER BY, so they are compared as a set).
    const listed = async (m: Harness) =>
      (await m.call('sync.caseStatus', { caseId })).conflicts
        .map((c) =>
          JSON.stringify([c.table, c.rowId, c.field, c.versions.map((v) => [v.at, v.value, v.shown])]),
        )
        .sort();
    expect(await listed(h)).toEqual(await listed(machines[0] as Harness));
  }

  // No lost edit: each acknowledged edit is still a current version (shown, or kept as a conflict
  // version, or equal in value to the one shown), or was replaced by an edit whose author had seen it.
  const db = (machines[0] as Harness).wb.db();
  const roster = rosterOfStore(db);
  const made = new Map<string, { ack: Acknowledged; ops: FieldOp[] }>();
  for (const ack of acknowledged) {
    const cs = openChangeSet(pool.get(ack.id) as Envelope, {
      devicePublicKey: (author, device) => (roster ? deviceKeyOf(roster, author, device) : undefined),
      caseKey: (c, keyId) => caseKeyById(db, c, keyId),
    });
    made.set(ack.id, { ack, ops: cs.ops });
  }
  const lost: string[] = [];
  // Edits still current but on a record someone removed without having seen them: kept in the merge
  // state yet shown nowhere (see the it.fails test in sync-engine.test.ts). Counted, not asserted.
  let hiddenByRemoval = 0;
  for (const { ack, ops } of made.values()) {
    for (const op of ops) {
      const state = fieldState(db, op.table, op.id, op.field);
      if (state.current.some((e) => e.at === op.edit.at)) {
        if (op.field !== '_deleted' && isDeleted(db, op.table, op.id)) {
          const removal = fieldState(db, op.table, op.id, '_deleted').current[0];
          const remover = [...made.values()].find((m) => m.ops.some((o) => o.edit.at === removal?.at));
          if (remover && !remover.ack.seen.has(ack.id)) hiddenByRemoval++;
        }
        continue;
      }
      const replacer = [...made.values()].find(
        (m) =>
          m.ack.seen.has(ack.id) &&
          m.ops.some(
            (o) =>
              o.table === op.table &&
              o.id === op.id &&
              o.field === op.field &&
              o.edit.replaces.includes(op.edit.at),
          ),
      );
      if (!replacer)
        lost.push(`${op.table} ${op.id} ${op.field} = ${JSON.stringify(op.edit.value)} (${op.edit.at})`);
    }
  }
  expect(lost, 'acknowledged edits lost').toEqual([]);

  // What the tables show is the merge state's shown value, for every record not deleted.
  const wrong: string[] = [];
  const fields = db.prepare('SELECT tbl, row_id AS rowId, field, state FROM sync_fields').all() as {
    tbl: string;
    rowId: string;
    field: string;
    state: string;
  }[];
  for (const f of fields) {
    const t = syncedTable(f.tbl);
    if (!t || f.field === '_deleted' || isDeleted(db, f.tbl, f.rowId)) continue;
    const keys = JSON.parse(f.rowId) as unknown[];
    const row = db
      .prepare(`SELECT ${f.field} AS v FROM ${t.name} WHERE ${t.key.map((k) => `${k} = ?`).join(' AND ')}`)
      .get(...keys) as { v: unknown } | undefined;
    const shown = toStoreValue(shownValue(JSON.parse(f.state)));
    const held = Buffer.isBuffer(row?.v) ? row.v.toString('base64') : row?.v;
    const expected = Buffer.isBuffer(shown) ? shown.toString('base64') : shown;
    if (!row || held !== expected)
      wrong.push(`${f.tbl} ${f.rowId} ${f.field}: ${String(held)} ≠ ${String(expected)}`);
  }
  expect(wrong, 'table values that are not the shown value').toEqual([]);

  const conflicts = fields.filter((f) => conflictVersions(JSON.parse(f.state)).length > 0).length;
  for (const h of machines) h.wb.close();
  return {
    acknowledged: acknowledged.length,
    conflicts,
    hiddenByRemoval,
    refusals,
    changeSets: everything.length,
  };
}

describe('sync across three to five real stores', () => {
  it(`converges, is idempotent and loses no acknowledged edit (${RUNS} runs, seed ${SEED})`, async () => {
    console.log(`sync-convergence: seed ${SEED} (rerun with SYNC_SEED=${SEED})`);
    const stats: unknown[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.integer({ min: -90_000, max: 90_000 }), { minLength: 5, maxLength: 5 }),
        fc.array(step, { minLength: 8, maxLength: 30 }),
        fc.nat(),
        async (count, skews, steps, finalSeed) => {
          stats.push(await run(count, skews, steps, finalSeed));
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log('sync-convergence runs:', JSON.stringify(stats));
  }, 600_000);
});
