// One machine's view of the synchronised records, built only from the change sets it holds. The
// store keeps the same state in tables; this in-memory form states the rules and is what the
// convergence properties are proved against.

import { canonicalJson } from '../sign-off/canonical-json.ts';
import {
  applyEdit,
  conflictVersions,
  EMPTY_FIELD,
  type FieldEdit,
  type FieldState,
  type FieldValue,
  shownValue,
} from './field-merge.ts';

/** A record is deleted by setting this field to true: deletions travel as tombstones like any edit. */
export const DELETED_FIELD = '_deleted';

export interface FieldOp {
  table: string;
  id: string;
  field: string;
  edit: FieldEdit;
}

export interface ChangeSet {
  /** `${author}:${device}:${caseId}:${seq}` in the store (`${author}:${device}:${seq}` here): unique, the same on every machine. */
  id: string;
  author: string;
  device: string;
  /** Per author, device and case, 1, 2, 3 … with no gaps, so a dropped change set is noticed. */
  seq: number;
  caseId: string;
  /** The data schema the author wrote; a machine that does not know it yet keeps it and passes it on. */
  schema: number;
  ops: FieldOp[];
  /** What the author's audit trail recorded for this change: who did what, verifiable on every machine. */
  audit?: ChangeSetAuditEntry[];
}

export interface ChangeSetAuditEntry {
  at: string;
  action: string;
  recordType: string;
  recordId: string;
  summary: string;
}

export type ApplyOutcome = 'applied' | 'already-applied' | 'kept-for-later';

/** At most this many missing numbers are listed per source. */
const MAX_GAPS_LISTED = 1000;

const recordKey = (table: string, id: string) => `${table}\u0000${id}`;

export class Replica {
  readonly schema: number;
  private readonly fields = new Map<string, Map<string, FieldState>>();
  private readonly applied = new Map<string, ChangeSet>();
  private readonly waiting = new Map<string, ChangeSet>();

  constructor(schema: number) {
    this.schema = schema;
  }

  /** Every change set held, applied or waiting: what this machine passes on to others. */
  held(): ChangeSet[] {
    return [...this.applied.values(), ...this.waiting.values()];
  }

  apply(changeSet: ChangeSet): ApplyOutcome {
    if (this.applied.has(changeSet.id)) return 'already-applied';
    if (changeSet.schema > this.schema) {
      this.waiting.set(changeSet.id, changeSet);
      return 'kept-for-later';
    }
    for (const op of changeSet.ops) {
      const key = recordKey(op.table, op.id);
      let record = this.fields.get(key);
      if (!record) {
        record = new Map();
        this.fields.set(key, record);
      }
      record.set(op.field, applyEdit(record.get(op.field) ?? EMPTY_FIELD, op.edit));
    }
    this.applied.set(changeSet.id, changeSet);
    this.waiting.delete(changeSet.id);
    return 'applied';
  }

  /** After an update: a replica of a newer schema applies what it had kept. */
  upgradedTo(schema: number): Replica {
    const next = new Replica(schema);
    for (const cs of this.held()) next.apply(cs);
    return next;
  }

  field(table: string, id: string, field: string): FieldState {
    return this.fields.get(recordKey(table, id))?.get(field) ?? EMPTY_FIELD;
  }

  value(table: string, id: string, field: string): FieldValue | undefined {
    return shownValue(this.field(table, id, field));
  }

  isDeleted(table: string, id: string): boolean {
    return this.value(table, id, DELETED_FIELD) === true;
  }

  /** Change-set sequence numbers missing per author and device: what a server dropped or held back. */
  gaps(): { source: string; missing: number[] }[] {
    const seen = new Map<string, number[]>();
    for (const cs of this.held()) {
      const source = `${cs.author}:${cs.device}`;
      seen.set(source, [...(seen.get(source) ?? []), cs.seq]);
    }
    return [...seen.entries()].flatMap(([source, seqs]) => {
      // Walk the numbers held, not the range up to the largest: a forged huge number costs nothing.
      const missing: number[] = [];
      let expected = 1;
      for (const n of [...new Set(seqs)].sort((a, b) => a - b)) {
        for (let k = expected; k < n && missing.length < MAX_GAPS_LISTED; k++) missing.push(k);
        expected = n + 1;
      }
      return missing.length ? [{ source, missing }] : [];
    });
  }

  /** Canonical JSON of everything shown and every conflict version: equal on replicas that converged. */
  dump(): string {
    const records = [...this.fields.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, fields]) => ({
        key,
        fields: Object.fromEntries(
          [...fields.entries()].map(([name, state]) => [
            name,
            {
              shown: shownValue(state) ?? null,
              at: state.current[0]?.at ?? null,
              conflicts: conflictVersions(state),
            },
          ]),
        ),
      }));
    return canonicalJson({ records, waiting: [...this.waiting.keys()].sort() });
  }
}
