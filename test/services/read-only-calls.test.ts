import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CallName, type CallRequest, calls } from '#contract/calls.ts';
import { openDatabase } from '#store/database.ts';
import { aimAssessment, schoolConcern } from '../support/case-steps.ts';
import { auditRows, dumpTables, folderState } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, harness, openCaseFor, seededTeam } from '../support/workbench.ts';

// The router refuses every call marked `writes: true` while a loss of changes stands, and lets every
// call marked `writes: false` through. So a call that changes the store must say so: here each
// read-only call runs, with a valid request, against a workbench with a recorded loss, and the store
// (every table, the audit trail and the files beside the database) must be exactly as it was.

let root: ReturnType<typeof tempFolder>;
let fixture: string;
let ids: { caseId: string; childId: string; assessmentId: string };

const dataDir = () => join(root.path, 'data');

/** A case with a concern, a pattern map and an assessment, then a lost change (an older database put back). */
async function buildFixture() {
  const h = harness(dataDir(), { start: new Date('2026-11-05T09:00:00Z') });
  const team = await seededTeam(h); // signed in as the administrator, also a manager
  await h.call('sync.createTeam', {});
  const hsbCase = await openCaseFor(h, team, {
    name: 'Riley Example',
    dateOfBirth: '2012-04-04',
    gender: 'female',
  });
  await h.call(
    'pathway.recordConcern',
    schoolConcern(hsbCase.id, { sourceRole: 'Head of year', reported: 'Concerning behaviour at school.' }),
  );
  await h.call('map.addItem', {
    caseId: hsbCase.id,
    item: {
      kind: 'life-event',
      lane: 'family',
      what: 'Moved house',
      people: [],
      place: '',
      date: { precision: 'day', day: '2021-09-06' },
      sourceAgency: 'childrens-social-care',
      sourceDetail: '',
    },
  } as never);
  const assessment = await h.call(
    'assessments.start',
    aimAssessment(hsbCase.id, team, {
      reasons: 'Concerning sexual behaviour towards a younger child at school.',
      decisionAt: '2026-11-05T08:00:00Z',
    }) as never,
  );
  await h.call('calendar.addClosure', { day: '2026-12-29', label: 'Office closed' });
  ids = { caseId: hsbCase.id, childId: hsbCase.childId, assessmentId: assessment.id };

  // Keep this database, make one more change, then put the older database back: changes are lost.
  await h.call('session.signOut', {});
  const older = join(root.path, 'older.db');
  cpSync(join(dataDir(), 'workbench.db'), older);
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  await h.call('calendar.addClosure', { day: '2026-12-30', label: 'Office closed' });
  await h.call('session.signOut', {});
  h.wb.close();
  cpSync(older, join(dataDir(), 'workbench.db'));
  fixture = join(root.path, 'fixture');
  cpSync(dataDir(), fixture, { recursive: true });
}

/** A valid request for each read-only call, for the fixture's case, child and assessment. */
function requestFor(name: CallName): unknown {
  const { caseId, childId, assessmentId } = ids;
  const requests: Partial<Record<CallName, unknown>> = {
    'assessments.compareVersions': { fromId: assessmentId, toId: assessmentId },
    'assessments.forCase': { caseId },
    'assessments.get': { id: assessmentId },
    'audit.recent': { limit: 50 },
    'cases.accessRecords': { caseId },
    'cases.get': { id: caseId },
    'cases.search': { query: 'Riley' },
    'caseNotes.list': { caseId },
    'children.get': { id: childId },
    'map.get': { caseId },
    'pathway.checkEligibility': {
      caseId,
      receivedAt: '2026-11-04T10:00:00Z',
      facts: {
        lastBehaviourDate: '2026-11-02',
        residesInArea: true,
        ongoingPoliceInvestigation: false,
        openToChildrensSocialCare: true,
        openToYouthJusticeService: false,
      },
    },
    'pathway.suggestCategory': { caseId, descriptorIds: [] },
    'pathway.summary': { caseId },
    'pathway.timeline': { caseId },
    'profiles.get': { id: 'lancashire', version: 2 },
    'signOff.status': { assessmentId },
    'sync.caseStatus': { caseId },
  };
  return requests[name] ?? {};
}

const READ_ONLY = (Object.keys(calls) as CallName[]).filter((name) => !calls[name].writes);

/** What must not change: every table, the audit trail and head, and the files beside the database. */
function storeState(h: Harness) {
  const db = h.wb.db();
  return { tables: dumpTables(db), audit: auditRows(db), files: filesOf(h.wb.dataDir) };
}
const filesOf = (dir: string) => {
  // The -shm file is SQLite's shared index of the -wal: readers take read marks in it.
  const { 'workbench.db-shm': _shm, ...files } = folderState(dir);
  return files;
};

beforeAll(async () => {
  root = tempFolder();
  await buildFixture();
});
afterAll(() => root.remove());

describe('every call marked writes: false leaves the store unchanged while a loss stands', () => {
  const opened: Harness[] = [];
  afterEach(() => {
    for (const each of opened.splice(0)) each.wb.close();
    rmSync(dataDir(), { recursive: true, force: true });
  });

  async function lostWorkbench() {
    cpSync(fixture, dataDir(), { recursive: true });
    const h = harness(dataDir(), { start: new Date('2026-11-20T09:00:00Z') });
    opened.push(h);
    const status = await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(status.lostChanges?.message).toMatch(/are missing from the database/);
    // Writes are refused...
    expect(await h.refuse('calendar.addClosure', { day: '2027-01-04', label: 'Closed' })).toMatchObject({
      code: 'store-refused',
    });
    return h;
  }

  it('covers every read-only call in the contract', () => {
    expect(READ_ONLY.length).toBeGreaterThan(20);
  });

  it.each(READ_ONLY)('%s', async (name) => {
    const h = await lostWorkbench();
    const before = storeState(h);
    const result = await h.router.call(name, requestFor(name) as CallRequest<typeof name>);
    expect(result).toMatchObject({ ok: true });
    expect(storeState(h)).toEqual(before);
  });

  it('session.lock writes its audit entry, so it is marked writes: true, and still locks while a loss stands', async () => {
    expect(calls['session.lock'].writes).toBe(true);
    const h = await lostWorkbench();
    const key = Buffer.from(h.wb.signedIn().keys.databaseKey);
    const seqBefore = auditRows(h.wb.db()).rows.length;
    expect(await h.router.call('session.lock', {})).toMatchObject({ ok: true, data: { state: 'locked' } });
    const db = openDatabase(join(dataDir(), 'workbench.db'), key);
    try {
      expect(
        auditRows(db)
          .rows.slice(seqBefore)
          .map((r) => r.action),
      ).toEqual(['session.lock']);
    } finally {
      db.close();
    }
  });
});
