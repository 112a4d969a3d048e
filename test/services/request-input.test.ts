import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aimAssessment, DECIDED_20_NOVEMBER, schoolConcern } from '../support/case-steps.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { solidPng } from '../support/png.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { type Harness, openCaseFor, type Team } from '../support/workbench.ts';

// What arrives through the door cannot poison the store or stall the main process: every request is
// walked once, within budgets, before anything else reads it.

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;
let caseId: string;
let assessmentId: string;

const HIGH = '\uD800';
const LOW = '\uDC00';

const child = {
  name: 'Robin Input',
  preferredName: '',
  dateOfBirth: '2012-05-01',
  gender: 'female' as const,
  socialCareNumber: '',
  youthJusticeNumber: '',
  areaOfResidence: '',
  school: '',
};

const strategyMeeting = (chair: string, attendeeName = 'DC Example') => ({
  caseId,
  type: 'meeting' as const,
  trigger: 'Concern screened',
  heldAt: '2026-11-26T09:00:00Z',
  chair,
  attendees: [
    { name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' as const },
    { name: attendeeName, role: 'Police officer', agency: 'Police', attendance: 'attended' as const },
  ],
  agenda: [{ point: 'Share information', notes: '' }],
  outcomes: ['early-help'],
  details: { rationale: '', leadAgency: '', s47Type: '' as const, followUpWorkingDays: null },
  category: '',
  categoryRationale: '',
  actions: [],
});

const mapItem = (what: string) => ({
  caseId,
  item: {
    kind: 'life-event' as const,
    lane: 'family',
    what,
    people: [],
    place: '',
    date: { precision: 'day' as const, day: '2021-09-06' },
    sourceAgency: 'education' as const,
    sourceDetail: '',
  },
});

const section = (text: string) => ({
  assessmentId,
  sectionKey: 'formulation',
  expectedVersion: 0,
  content: { blocks: [{ type: 'paragraph' as const, runs: [{ text: 'Fine. ' }, { text }] }] },
});

/** A fingerprint of everything stored: each table's rows (the search index's shadow tables aside). */
const storeFingerprint = () => tableFingerprint(h.wb.db());
const auditSeq = () =>
  (h.wb.db().prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number }).seq;

seededWorkbenchEachTest({}, async (w) => {
  ({ folder, h, team } = w);
  caseId = (await openCaseFor(h, team, child, { profileId: 'blackpool' })).id;
  assessmentId = (
    await h.call(
      'assessments.start',
      aimAssessment(caseId, team, {
        qualityReviewNotified: 'Emailed the SQR service on 20/11/2026',
        ...DECIDED_20_NOVEMBER,
      }),
    )
  ).id;
});

describe('text that is not well-formed UTF-16', () => {
  const cases: [string, string, () => unknown, string][] = [
    ['a child’s name (high half, top level)', 'children.create', () => ({ ...child, name: HIGH }), 'name'],
    [
      'a child’s name (low half, mid-text)',
      'children.create',
      () => ({ ...child, name: `Ro${LOW}bin` }),
      'name',
    ],
    ['a strategy meeting chair', 'pathway.recordStrategyMeeting', () => strategyMeeting(HIGH), 'chair'],
    [
      'an attendee inside a list',
      'pathway.recordStrategyMeeting',
      () => strategyMeeting('Team manager', `DC ${LOW}`),
      'attendees[1].name',
    ],
    ['map item text', 'map.addItem', () => mapItem(`Moved ${HIGH}`), 'item.what'],
    [
      'section text deep in a list',
      'assessments.saveSection',
      () => section(`end${HIGH}`),
      'content.blocks[0].runs[1].text',
    ],
    ['a QA comment', 'signOff.submit', () => ({ assessmentId, comments: `Ready ${LOW}${HIGH}` }), 'comments'],
    [
      'a field name',
      'children.create',
      () => ({ ...child, [`school${HIGH}`]: 'x' }),
      `school${HIGH}`.toWellFormed(),
    ],
  ];

  it.each(cases)('refuses %s, names the field, and writes nothing', async (_what, name, request, path) => {
    const before = storeFingerprint();
    const seq = auditSeq();
    const error = await h.refuse(name, request());
    expect(error.code).toBe('invalid-request');
    expect(error.message).toBe(
      'Some text contains a broken character (half of a character pair), so nothing was saved. Retype the text in the field named and try again.',
    );
    expect(error.problems).toEqual([{ path, message: 'contains a broken character' }]);
    expect(auditSeq()).toBe(seq);
    expect(storeFingerprint()).toBe(before);
    expect(await h.call('audit.check', {})).toMatchObject({ intact: true });
  });

  it('accepts a well-formed emoji pair and reads it back identical; the trail stays intact', async () => {
    const name = 'Robin 🦊 Çelik-Ñúñez';
    const created = await h.call('children.create', { ...child, name });
    expect((await h.call('children.get', { id: created.id })).name).toBe(name);
    await h.call(
      'pathway.recordConcern',
      schoolConcern(caseId, {
        receivedAt: '2026-11-25T10:00:00Z',
        sourceRole: 'Designated safeguarding lead 📚',
        reported: 'Reported 🙈',
      }),
    );
    const summary = await h.call('pathway.recordStrategyMeeting', strategyMeeting('Chair 👩🏽‍⚖️'));
    const stored = h.wb.db().prepare('SELECT chair FROM strategy_meetings').get() as { chair: string };
    expect(stored.chair).toBe('Chair 👩🏽‍⚖️');
    expect(summary.meetings).toHaveLength(1);
    expect(await h.call('audit.check', {})).toMatchObject({ intact: true });
  });
});

describe('requests that would stall the main process', () => {
  const sparseFull = () => {
    const a: unknown[] = [];
    a.length = 2 ** 32 - 1;
    return a;
  };
  const sparseFar = () => {
    const a: unknown[] = [];
    a[1e9] = 1;
    return a;
  };
  const deep = (levels: number) => {
    let v: unknown = 'x';
    for (let i = 0; i < levels; i++) v = [v];
    return v;
  };
  const tenMillionNodes = () => {
    const row = Array.from({ length: 10_000 }, () => 0);
    return Array.from({ length: 1_000 }, () => row);
  };
  // reports.export takes up to 12.5 MB, so there the count of values, not the bytes, is the limit.
  const requests: [string, string, () => unknown][] = [
    ['a sparse array of length 2³²−1', 'cases.search', () => ({ query: sparseFull() })],
    ['a sparse array with an item at 10⁹', 'cases.search', () => ({ query: sparseFar() })],
    ['arrays nested 100,000 deep', 'cases.search', () => ({ query: deep(100_000) })],
    ['a request of 10 million values', 'reports.export', () => ({ query: tenMillionNodes() })],
  ];

  for (const signedIn of [false, true]) {
    it.each(requests)(
      `refuses %s quickly (${signedIn ? 'signed in' : 'signed out'})`,
      async (_what, name, make) => {
        if (!signedIn) await h.call('session.signOut', {});
        const request = make();
        const started = performance.now();
        const error = await h.refuse(name, request);
        // A generous bound, only as a sanity check: the old size check took 5–7 s on these.
        expect(performance.now() - started).toBeLessThan(1000);
        expect(error.code).toBe('invalid-request');
        expect(error.message).toMatch(/too many items or is nested too deeply/);
        expect(error.problems?.[0]?.path).toMatch(/^query/);
      },
    );
  }

  it('refuses values structured clone can deliver that are not plain data', async () => {
    class Sneaky {
      query = 'x';
    }
    for (const query of [new Map([['a', 1]]), new Date(0), new Uint8Array(4), new Sneaky(), new Set([1])]) {
      const error = await h.refuse('cases.search', { query });
      expect(error.code).toBe('invalid-request');
      expect(error.problems).toEqual([
        { path: 'query', message: 'is not plain text, a number, a list or a set of fields' },
      ]);
    }
    expect((await h.refuse('cases.search', new Sneaky())).problems?.[0]?.path).toBe('(request)');
  });

  it('still refuses forbidden keys, oversized text and extra properties on lists, and passes ordinary requests', async () => {
    const polluted = JSON.parse('{"query":"x","__proto__":{"admin":true}}');
    expect((await h.refuse('cases.search', polluted)).problems?.[0]?.path).toBe('__proto__');
    expect((await h.refuse('cases.search', { query: 'x'.repeat(300_000) })).message).toMatch(/too large/);
    const list = Object.assign(['a'], { extra: 1 });
    expect((await h.refuse('cases.search', { query: list })).problems?.[0]?.path).toBe('query.extra');
    expect(await h.call('cases.search', { query: 'Robin' })).toHaveLength(1);
  });
});

describe('pictures', () => {
  it('refuses an 8-byte fake PNG for the report, saves nothing, and the report still exports', async () => {
    const before = storeFingerprint();
    const fake = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    const error = await h.refuse('map.useInReport', { caseId, view: 'anonymised', pngBase64: fake });
    expect(error).toMatchObject({
      code: 'invalid-request',
      problems: [{ path: 'pngBase64', message: expect.stringMatching(/^is not a usable PNG image/) }],
    });
    expect(error.message).toMatch(/Nothing was saved/);
    expect(storeFingerprint()).toBe(before);
    // A truncated real picture too.
    const cut = solidPng(40, 20).subarray(0, 60).toString('base64');
    expect((await h.refuse('map.useInReport', { caseId, view: 'anonymised', pngBase64: cut })).code).toBe(
      'invalid-request',
    );
    h.host.saveFile = join(folder.path, 'report.docx');
    expect(await h.call('reports.export', { assessmentId })).toMatchObject({ savedTo: h.host.saveFile });
    // An export that sends a fake picture with the request is refused too, naming the field.
    expect((await h.refuse('reports.export', { assessmentId, mapPngBase64: fake })).problems?.[0]?.path).toBe(
      'mapPngBase64',
    );
  });

  it('a damaged picture kept from before is left out of the report instead of breaking every export', async () => {
    await h.call('map.useInReport', {
      caseId,
      view: 'anonymised',
      pngBase64: solidPng(40, 20).toString('base64'),
    });
    // As an older version could have saved it: only the signature.
    h.wb
      .db()
      .prepare('UPDATE report_map_images SET png = ? WHERE case_id = ?')
      .run(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), caseId);
    h.host.saveFile = join(folder.path, 'report.docx');
    expect(await h.call('reports.export', { assessmentId })).toMatchObject({ savedTo: h.host.saveFile });
  });
});
