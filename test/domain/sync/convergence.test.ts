import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldEdit } from '#domain/sync/field-merge.ts';
import { applyEdit, conflictVersions, EMPTY_FIELD, replacesFor } from '#domain/sync/field-merge.ts';
import { compareHlc, formatHlc, type Hlc, parseHlc, receive, tick } from '#domain/sync/hlc.ts';
import { type ChangeSet, DELETED_FIELD, Replica } from '#domain/sync/replica.ts';

// Replicas make edits (some to the same fields without seeing each other's), delete records, and
// receive change sets in random order with duplicates and delays. Whatever the order, replicas that
// hold the same change sets show the same thing, and no edit is lost.

const RECORDS = ['a', 'b', 'c'];
const FIELDS = ['name', 'note', DELETED_FIELD];

type Action =
  | { kind: 'edit'; replica: number; record: number; field: number; value: string | boolean }
  | { kind: 'resolve'; replica: number; record: number; field: number }
  | { kind: 'deliver'; to: number; picks: number[] };

const action = (replicas: number) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      replica: fc.nat(replicas - 1),
      record: fc.nat(RECORDS.length - 1),
      field: fc.nat(FIELDS.length - 1),
      value: fc.oneof(fc.constantFrom('x', 'y', 'z'), fc.boolean()),
    }),
    fc.record({
      kind: fc.constant('resolve' as const),
      replica: fc.nat(replicas - 1),
      record: fc.nat(RECORDS.length - 1),
      field: fc.nat(FIELDS.length - 1),
    }),
    fc.record({
      kind: fc.constant('deliver' as const),
      to: fc.nat(replicas - 1),
      picks: fc.array(fc.nat(200), { maxLength: 12 }),
    }),
  );

interface Machine {
  replica: Replica;
  clock: Hlc;
  seq: number;
}

function run(
  replicaCount: number,
  actions: Action[],
  finalOrder: number[],
  newerSchemaAuthor: number | null,
) {
  let wall = Date.UTC(2026, 10, 26, 10);
  const machines: Machine[] = Array.from({ length: replicaCount }, (_, i) => ({
    replica: new Replica(1),
    clock: { millis: 0, counter: 0, device: `d${i}` },
    seq: 0,
  }));
  const made: ChangeSet[] = [];
  const edits: FieldEdit[] = [];
  const write = (m: number, record: string, field: string, value: FieldEdit['value']) => {
    const machine = machines[m] as Machine;
    wall += 7;
    machine.clock = tick(machine.clock, wall);
    const state = machine.replica.field('case-records', record, field);
    const edit: FieldEdit = {
      at: formatHlc(machine.clock),
      replaces: replacesFor(state),
      value,
      by: `person-${m}`,
    };
    machine.seq += 1;
    const cs: ChangeSet = {
      id: `person-${m}:d${m}:${machine.seq}`,
      author: `person-${m}`,
      device: `d${m}`,
      seq: machine.seq,
      caseId: 'case-1',
      // One author runs a newer version: the others keep its change sets and apply them after updating.
      schema: m === newerSchemaAuthor ? 2 : 1,
      ops: [{ table: 'case-records', id: record, field, edit }],
    };
    // The author's own machine runs the schema it writes.
    if (cs.schema > machine.replica.schema) machine.replica = machine.replica.upgradedTo(cs.schema);
    machine.replica.apply(cs);
    made.push(cs);
    edits.push(edit);
  };
  const deliver = (to: number, cs: ChangeSet) => {
    const machine = machines[to] as Machine;
    const outcome = machine.replica.apply(cs);
    if (outcome === 'applied') {
      for (const op of cs.ops) machine.clock = receive(machine.clock, parseHlc(op.edit.at) as Hlc, wall);
    }
  };
  for (const a of actions) {
    if (a.kind === 'edit') {
      write(a.replica, RECORDS[a.record] as string, FIELDS[a.field] as string, a.value);
    } else if (a.kind === 'resolve') {
      // A person resolves a conflict by choosing the version shown: an edit that replaces all versions.
      const m = machines[a.replica] as Machine;
      const record = RECORDS[a.record] as string;
      const field = FIELDS[a.field] as string;
      const state = m.replica.field('case-records', record, field);
      if (state.current.length > 1) write(a.replica, record, field, state.current[0]?.value ?? null);
    } else if (made.length > 0) {
      for (const p of a.picks) deliver(a.to, made[p % made.length] as ChangeSet);
    }
  }
  // Everyone updates and receives everything, in an order of the test's choosing, with duplicates.
  for (const machine of machines) machine.replica = machine.replica.upgradedTo(2);
  for (let m = 0; m < replicaCount; m++) {
    const order = [...made.keys()].sort(
      (x, y) => (((finalOrder[x] ?? x) * 31 + m) % 97) - (((finalOrder[y] ?? y) * 31 + m) % 97) || x - y,
    );
    for (const i of [...order, ...order.slice(0, 3)]) deliver(m, made[i] as ChangeSet);
  }
  return { machines, edits };
}

describe('sync convergence (fast-check)', () => {
  it('replicas holding the same change sets have identical canonical dumps, whatever the order, and no edit is lost', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(action(n), { minLength: 1, maxLength: 60 }),
              fc.array(fc.nat(1000), { maxLength: 80 }),
              fc.option(fc.nat(n - 1), { nil: null }),
            ),
          ),
        ([n, actions, finalOrder, newer]) => {
          const { machines, edits } = run(n, actions, finalOrder, newer);
          const dumps = machines.map((m) => m.replica.dump());
          for (const d of dumps) expect(JSON.parse(d)).toEqual(JSON.parse(dumps[0] as string));
          const replica = (machines[0] as Machine).replica;
          for (const edit of edits) {
            // Kept as a current version, or replaced by someone who had seen it (a deliberate change).
            const seenAndReplaced = edits.some((other) => other.replaces.includes(edit.at));
            const field = FIELDS.flatMap((f) => RECORDS.map((r) => replica.field('case-records', r, f)));
            const kept = field.some((state) => state.current.some((e) => e.at === edit.at));
            expect(kept || seenAndReplaced).toBe(true);
          }
          expect(replica.gaps()).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });
});

describe('one field', () => {
  const edit = (at: string, replaces: string[], value: string, by = 'p'): FieldEdit => ({
    at,
    replaces,
    value,
    by,
  });

  it('an edit that saw the current value replaces it; two that did not see each other are both kept', () => {
    let state = applyEdit(EMPTY_FIELD, edit('t1', [], 'first'));
    state = applyEdit(state, edit('t2', ['t1'], 'second'));
    expect(state.current.map((e) => e.value)).toEqual(['second']);
    state = applyEdit(state, edit('t3', ['t1'], 'offline edit'));
    expect(state.current.map((e) => e.value)).toEqual(['offline edit', 'second']);
    expect(conflictVersions(state).map((e) => e.value)).toEqual(['second']);
    const resolved = applyEdit(state, edit('t4', replacesFor(state), 'second'));
    expect(conflictVersions(resolved)).toEqual([]);
    expect(applyEdit(resolved, edit('t2', ['t1'], 'second'))).toBe(resolved);
  });

  it('concurrent edits that chose the same value are not a conflict', () => {
    let state = applyEdit(EMPTY_FIELD, edit('t1', [], 'v'));
    state = applyEdit(state, edit('t2', ['t1'], 'same'));
    state = applyEdit(state, edit('t3', ['t1'], 'same'));
    expect(conflictVersions(state)).toEqual([]);
  });
});

describe('the hybrid logical clock', () => {
  it('orders local events and follows remote ones, as strings', () => {
    const a: Hlc = { millis: 1000, counter: 0, device: 'a' };
    const next = tick(a, 1000);
    expect(compareHlc(formatHlc(next), formatHlc(a))).toBe(1);
    const remote: Hlc = { millis: 5000, counter: 3, device: 'b' };
    const after = receive(next, remote, 2000);
    expect(compareHlc(formatHlc(after), formatHlc(remote))).toBe(1);
    expect(parseHlc(formatHlc(after))).toEqual(after);
    expect(() => receive(a, { millis: 1000 + 2 * 86_400_000, counter: 0, device: 'c' }, 1000)).toThrow(
      /a day ahead/,
    );
  });
});

describe('gaps in a source’s sequence', () => {
  it('are listed from the numbers held, and a forged huge number costs nothing', () => {
    const replica = new Replica(1);
    const cs = (seq: number): ChangeSet => ({
      id: `p:d:${seq}`,
      author: 'p',
      device: 'd',
      seq,
      caseId: 'c',
      schema: 1,
      ops: [],
    });
    for (const seq of [1, 2, 4, 7]) replica.apply(cs(seq));
    expect(replica.gaps()).toEqual([{ source: 'p:d', missing: [3, 5, 6] }]);
    replica.apply(cs(Number.MAX_SAFE_INTEGER));
    expect(replica.gaps()[0]?.missing).toHaveLength(1000);
  });
});
