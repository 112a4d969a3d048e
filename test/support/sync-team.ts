import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '#domain/sign-off/canonical-json.ts';
import { conflictVersions, type FieldState, shownValue } from '#domain/sync/field-merge.ts';
import { DELETED_FIELD } from '#domain/sync/replica.ts';
import { applyEnvelopes } from '#services/sync/apply.ts';
import { SYNC_SCHEMA } from '#services/sync/capture.ts';
import { acceptMembershipInto, rosterOfStore } from '#services/sync/trust.ts';
import type { Db } from '#store/database.ts';
import { SYNCED_TABLES, syncedColumns } from '#store/sync/tables.ts';
import type { Envelope } from '#sync/envelope.ts';
import type { SignedCaseMembership } from '#sync/membership.ts';
import {
  ADMIN_PASSWORD,
  addTeamMember,
  type Harness,
  harness,
  openCaseFor,
  seededTeam,
  setUpYouthJusticeMachine,
  signInAs,
  YAS,
  YOS_PASSWORD,
} from './workbench.ts';

// A team of up to five machines (five data folders), joined as an administrator does it through the
// router, with one case shared to every machine by a case bundle. Made once; each property run copies
// the folders (real encrypted stores) and signs in again, which costs far less than setting up.

export const TEAM_START = new Date('2026-11-26T10:00:00Z');

export const lifeEvent = (what: string, place = '') => ({
  kind: 'life-event' as const,
  lane: 'family',
  what,
  people: [],
  place,
  date: { precision: 'year' as const, year: 2021 },
  sourceAgency: 'childrens-social-care' as const,
  sourceDetail: '',
});

export interface MachineSpec {
  /** The folder name under the team's folder. */
  name: string;
  /** Who works on this machine in the tests. */
  username: string;
  password: string;
}

export interface TeamTemplate {
  folder: string;
  machines: MachineSpec[];
  caseId: string;
  childId: string;
  /** With `assessment`: an AIM3 assessment led by Yas with Sam, holding two items. */
  assessment: { id: string; itemIds: string[] } | null;
  ids: { alex: string; sam: string; yas: string; max: string; managers: string[]; bella: string };
}

const MANAGER_NAMES = [
  ['cleo', 'Cleo Manager'],
  ['dana', 'Dana Manager'],
  ['evie', 'Evie Manager'],
] as const;

/**
 * Machine A: Alex (administrator and manager) with Sam (social worker) and Max (a manager who works
 * on no other machine); machine B: Bella (administrator) and Yas (youth justice co-assessor);
 * machines C, D, E: one manager each. Alex's team; a case on A allocated to Sam, Yas and the managers,
 * with two map items, sent in one bundle to everyone, who each open it.
 */
/**
 * Two agencies' computers in `folder`, not yet joined: machine A of children's social care with the seeded
 * team, and machine B of the youth justice service with Bella (its administrator, signed in) and Yas, who
 * has signed in there once and chosen a password, so that B knows Yas's device key.
 */
export async function twoAgencyMachines(
  folder: string,
  start: Date,
  bellaPassword: string,
  names: [string, string] = ['machine-a', 'machine-b'],
) {
  const a = harness(join(folder, names[0]), { start });
  const b = harness(join(folder, names[1]), { start });
  const teamA = await seededTeam(a);
  const yosB = await addTeamMember(b, YAS, YOS_PASSWORD, await setUpYouthJusticeMachine(b, bellaPassword));
  return { a, b, teamA, yosB };
}

export async function buildTeam(
  folder: string,
  count = 5,
  options: { assessment?: boolean } = {},
): Promise<TeamTemplate> {
  const {
    a,
    b,
    teamA,
    yosB: yas,
  } = await twoAgencyMachines(folder, TEAM_START, 'bella admin password', ['a', 'b']);
  const max = await addTeamMember(
    a,
    {
      username: 'max.mgr',
      name: 'Max Manager',
      agency: 'childrens-social-care',
      roles: ['manager'],
      aimTrained: false,
    },
    'max manager password',
  );
  const bella = b.wb.signedIn().user.id;

  const others: Harness[] = [];
  const managers: string[] = [];
  for (const [name, full] of MANAGER_NAMES.slice(0, Math.max(0, count - 2))) {
    const h = harness(join(folder, name), { start: TEAM_START });
    const set = await h.call('session.setUp', {
      administrator: {
        username: name,
        name: full,
        agency: 'childrens-social-care',
        roles: ['administrator', 'manager'],
        aimTrained: false,
      },
      password: `${name} manager password`,
    });
    await signInAs(h, name, `${name} manager password`);
    managers.push(set.status.user?.id as string);
    others.push(h);
  }

  await a.call('sync.createTeam', {});
  for (const [i, h] of [b, ...others].entries()) {
    h.host.saveFile = join(folder, `join-${i}.json`);
    await h.call('sync.exportJoinRequest', {});
    a.host.openFile = join(folder, `join-${i}.json`);
    await a.call('sync.importJoinRequest', {});
  }
  a.host.saveFile = join(folder, 'roster.json');
  await a.call('sync.exportRoster', {});
  for (const h of [b, ...others]) {
    h.host.openFile = join(folder, 'roster.json');
    await h.call('sync.importRoster', {});
  }

  const opened = await openCaseFor(
    a,
    { ...teamA, yos: yas },
    { name: 'Jordan Example' },
    { managerIds: [teamA.admin.id, ...managers] },
  );
  await a.call('map.addItem', { caseId: opened.id, item: lifeEvent('Moved house') });
  await a.call('map.addItem', { caseId: opened.id, item: lifeEvent('Started school') });
  let assessment: TeamTemplate['assessment'] = null;
  if (options.assessment) {
    const started = await a.call('assessments.start', {
      caseId: opened.id,
      frameworkId: 'aim3',
      route: 'welfare',
      reasons: 'Concerns from school',
      qualityReviewNotified: '',
      decisionAt: '2026-11-20T10:00:00Z',
      facts: {},
      proceedReason: 'Concerns from school',
      leadAssessorId: yas.id,
      coAssessorId: teamA.socialWorker.id,
    });
    await signInAs(a, 'sam.sw');
    const domainId = started.domains[0]?.id as string;
    for (const label of ['Use of coercion', 'Trusted adult at school']) {
      await a.call('assessments.addItem', { assessmentId: started.id, domainId, kind: 'concern', label });
    }
    const view = await a.call('assessments.get', { id: started.id });
    assessment = { id: started.id, itemIds: view.domains[0]?.items.map((i) => i.id) ?? [] };
    await signInAs(a, 'admin');
  }
  a.host.saveFile = join(folder, 'first.hsbcase');
  await a.call('sync.sendCase', { caseId: opened.id, recipientIds: [yas.id, ...managers] });
  await signInAs(b, 'yas.yos');
  for (const h of [b, ...others]) {
    h.host.openFile = join(folder, 'first.hsbcase');
    const got = await h.call('sync.openBundle', {});
    if (got.refused.length > 0 || got.applied === 0)
      throw new Error(`set-up bundle not applied: ${got.message}`);
  }
  for (const h of [a, b, ...others]) h.wb.close();
  const machines: MachineSpec[] = [
    { name: 'a', username: 'admin', password: ADMIN_PASSWORD },
    { name: 'b', username: 'yas.yos', password: YOS_PASSWORD },
    ...MANAGER_NAMES.slice(0, Math.max(0, count - 2)).map(([name]) => ({
      name,
      username: name,
      password: `${name} manager password`,
    })),
  ];
  return {
    folder,
    machines,
    caseId: opened.id,
    childId: opened.childId,
    assessment,
    ids: { alex: teamA.admin.id, sam: teamA.socialWorker.id, yas: yas.id, max: max.id, managers, bella },
  };
}

/** Copies a machine's data folder to `to` and signs its person in there. */
export async function machineFrom(
  team: TeamTemplate,
  spec: MachineSpec,
  to: string,
  options: { start?: Date; syncSchema?: number } = {},
): Promise<Harness> {
  cpSync(join(team.folder, spec.name), to, { recursive: true });
  const h = harness(to, { start: options.start ?? TEAM_START, ...options });
  await h.call('session.signIn', { username: spec.username, password: spec.password });
  return h;
}

export function envelopesOf(db: Db): Map<string, Envelope> {
  const rows = db.prepare('SELECT id, envelope FROM sync_change_sets ORDER BY arrival').all() as {
    id: string;
    envelope: string;
  }[];
  return new Map(rows.map((r) => [r.id, JSON.parse(r.envelope) as Envelope]));
}

export function membershipsHeld(db: Db): SignedCaseMembership[] {
  return (
    db.prepare('SELECT signed FROM sync_memberships ORDER BY case_id, generation').all() as {
      signed: string;
    }[]
  ).map((r) => JSON.parse(r.signed) as SignedCaseMembership);
}

/**
 * Hands change sets straight to a machine, as a server would: the case's signed memberships first
 * (they carry the case keys), then the envelopes, in one write.
 */
export function deliver(h: Harness, envelopes: Envelope[], memberships: SignedCaseMembership[] = []) {
  const session = h.wb.signedIn();
  return h.wb.write((db) => {
    for (const m of memberships) {
      acceptMembershipInto(db, m, { memberId: session.user.id, boxKey: session.boxKey });
    }
    return applyEnvelopes(db, envelopes, {
      roster: rosterOfStore(db),
      knownSchema: h.wb.syncSchema ?? SYNC_SCHEMA,
      now: h.wb.now(),
      auditKey: session.keys.auditKey,
    });
  });
}

const plain = (v: unknown) => (Buffer.isBuffer(v) ? { base64: v.toString('base64') } : v);

/**
 * The synced tables as canonical text (every synced column, local ones such as `version` left out,
 * rows in key order), the merge state of every field, the records still waiting to be written and
 * the change sets held. Equal on machines that converged.
 */
export function canonicalDump(db: Db): Record<string, unknown> {
  const tables: Record<string, unknown> = {};
  for (const t of SYNCED_TABLES) {
    const cols = syncedColumns(db, t);
    const rows = db
      .prepare(`SELECT ${cols.join(', ')} FROM ${t.name} ORDER BY ${t.key.join(', ')}`)
      .all() as Record<string, unknown>[];
    tables[t.name] = rows.map((r) => cols.map((c) => plain(r[c])));
  }
  const fields = (
    db
      .prepare('SELECT tbl, row_id, field, state, conflicted FROM sync_fields ORDER BY tbl, row_id, field')
      .all() as { tbl: string; row_id: string; field: string; state: string; conflicted: number }[]
  ).map((f) => ({ ...f, state: canonicalJson(JSON.parse(f.state)) }));
  const pending = db.prepare('SELECT tbl, row_id FROM sync_pending_rows ORDER BY tbl, row_id').all();
  const held = db.prepare('SELECT id, state FROM sync_change_sets ORDER BY id').all();
  return { tables, fields, pending, held };
}

/** The conflicts kept, as (table, record, field, the times of every version kept). */
export function conflictsHeld(db: Db): string[] {
  const rows = db
    .prepare(
      'SELECT tbl, row_id AS rowId, field, state FROM sync_fields WHERE conflicted = 1 ORDER BY tbl, row_id, field',
    )
    .all() as { tbl: string; rowId: string; field: string; state: string }[];
  return rows.map((r) => {
    const state = JSON.parse(r.state) as FieldState;
    return `${r.tbl} ${r.rowId} ${r.field}: ${[state.current[0]?.at, ...conflictVersions(state).map((e) => e.at)].join(', ')}`;
  });
}

export function fieldState(db: Db, tbl: string, rowId: string, field: string): FieldState {
  const row = db
    .prepare('SELECT state FROM sync_fields WHERE tbl = ? AND row_id = ? AND field = ?')
    .get(tbl, rowId, field) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as FieldState) : { current: [], replaced: [] };
}

export const isDeleted = (db: Db, tbl: string, rowId: string) =>
  shownValue(fieldState(db, tbl, rowId, DELETED_FIELD)) === true;

/** The differences between two dumps, one line each, for a failure message. */
export function dumpDifferences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const lines = (d: Record<string, unknown>): Set<string> => {
    const out = new Set<string>();
    const tables = d.tables as Record<string, unknown[]>;
    for (const [name, rows] of Object.entries(tables))
      for (const r of rows) out.add(`${name} ${JSON.stringify(r)}`);
    for (const key of ['fields', 'pending', 'held'])
      for (const r of d[key] as unknown[]) out.add(`${key} ${JSON.stringify(r)}`);
    return out;
  };
  const la = lines(a);
  const lb = lines(b);
  return [
    ...[...la].filter((l) => !lb.has(l)).map((l) => `- ${l}`),
    ...[...lb].filter((l) => !la.has(l)).map((l) => `+ ${l}`),
  ];
}

/**
 * B joins A's team the way two administrators do without a server: B's administrator (signed in on B)
 * saves a request to join, A's administrator (signed in on A) sets the team up, adds B's people and
 * saves the signed roster, and B takes it. Returns the team as A and as B then see it.
 */
export async function joinTeamByFiles(a: Harness, b: Harness, folder: string) {
  b.host.saveFile = join(folder, 'join.json');
  await b.call('sync.exportJoinRequest', {});
  await a.call('sync.createTeam', {});
  a.host.openFile = join(folder, 'join.json');
  const onA = await a.call('sync.importJoinRequest', {});
  a.host.saveFile = join(folder, 'roster.json');
  await a.call('sync.exportRoster', {});
  b.host.openFile = join(folder, 'roster.json');
  const onB = await b.call('sync.importRoster', {});
  return { onA, onB };
}
