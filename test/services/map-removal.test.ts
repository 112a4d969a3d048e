import { describe, expect, it } from 'vitest';
import type { Agency } from '#contract/vocabulary.ts';
import type { UncertainDate } from '#domain/pattern-map/uncertain-date.ts';
import { addMother } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { type Harness, openTeamCase, type Team } from '../support/workbench.ts';

// Removing items, links and themes from the pattern map (each audited, with what depends on them), and
// changing a person recorded on the case (people.update), all through the router.

let h: Harness;
let team: Team;
let caseId: string;

const storeFingerprint = () => tableFingerprint(h.wb.db());

const lifeEvent = (what: string, date: UncertainDate, sourceAgency: Agency, lane = 'family') => ({
  kind: 'life-event' as const,
  lane,
  what,
  people: [],
  place: '',
  date,
  sourceAgency,
  sourceDetail: '',
});

/** The entries written since the trail had `since` entries, oldest first: action, record and summary. */
async function entriesSince(since: number) {
  return (await h.call('audit.recent', { limit: 500 }))
    .filter((e) => e.seq > since)
    .sort((x, y) => x.seq - y.seq)
    .map((e) => [e.action, e.recordType, e.recordId, e.summary]);
}
const lastSeq = async () => (await h.call('audit.recent', { limit: 1 }))[0]?.seq ?? 0;

seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, async (w) => {
  ({ h, team } = w);
  caseId = await openTeamCase(h, team, { name: 'Jamie Example', dateOfBirth: '2013-03-14' });
});

/** Two life events both linked to one incident, and a theme over the period. */
async function buildMap() {
  const move = await h.call('map.addItem', {
    caseId,
    item: lifeEvent(
      'Moved to foster care',
      { precision: 'day', day: '2021-09-06' },
      'childrens-social-care',
      'care-placement',
    ),
  });
  const exclusion = await h.call('map.addItem', {
    caseId,
    item: lifeEvent(
      'Excluded for fighting',
      { precision: 'month', year: 2021, month: 11 },
      'education',
      'education',
    ),
  });
  const incident = await h.call('map.addItem', {
    caseId,
    item: {
      kind: 'incident',
      what: 'Touched a younger child at the after-school club',
      people: [],
      place: 'After-school club',
      date: { precision: 'day', day: '2021-12-12' },
      sourceAgency: 'education',
      sourceDetail: 'Designated safeguarding lead',
      harmedPersonId: null,
      childAgeThen: null,
      hackettCategory: '1',
      brookColour: 'amber',
    },
  });
  await h.call('map.addLink', {
    caseId,
    fromId: move.id,
    toId: incident.id,
    kind: 'possible-trigger',
    label: '',
  });
  const linked = await h.call('map.addLink', {
    caseId,
    fromId: exclusion.id,
    toId: incident.id,
    kind: 'escalation',
    label: '',
  });
  const withTheme = await h.call('map.addTheme', {
    caseId,
    fromDay: '2021-09-01',
    toDay: '2021-12-31',
    text: 'Placement instability',
  });
  const linkOf = (fromId: string) => linked.links.find((l) => l.fromId === fromId)?.id ?? '';
  return {
    move,
    exclusion,
    incident,
    moveLink: linkOf(move.id),
    exclusionLink: linkOf(exclusion.id),
    themeId: withTheme.themes[0]?.id ?? '',
  };
}

describe('removing from the pattern map', () => {
  it('removes an item with its links (and only its links), keeps the reason, and audits both', async () => {
    const m = await buildMap();
    const since = await lastSeq();
    h.travelTo(new Date('2026-11-21T09:00:00Z'));
    await h.call('map.removeItem', {
      itemId: m.move.id,
      expectedVersion: 1,
      reason: 'Recorded on the wrong child’s map',
    });
    const map = await h.call('map.get', { caseId });
    expect(map.items.map((i) => i.id).sort()).toEqual([m.exclusion.id, m.incident.id].sort());
    // The link from the removed item goes with it; the other link to the same incident stays.
    expect(map.links.map((l) => [l.id, l.fromId, l.toId])).toEqual([
      [m.exclusionLink, m.exclusion.id, m.incident.id],
    ]);
    expect(map.themes.map((t) => t.id)).toEqual([m.themeId]);
    expect(await entriesSince(since)).toEqual([
      ['map.remove-item', 'map-item', m.move.id, 'removed a life event and 1 link to it; reason recorded'],
    ]);
    // "Reason recorded": the reason is kept in the store, with who removed what and when.
    expect(
      h.wb
        .db()
        .prepare('SELECT case_id, item_id, kind, reason, removed_at, removed_by FROM map_item_removals')
        .all(),
    ).toEqual([
      {
        case_id: caseId,
        item_id: m.move.id,
        kind: 'life-event',
        reason: 'Recorded on the wrong child’s map',
        removed_at: '2026-11-21T09:00:00.000Z',
        removed_by: team.admin.id,
      },
    ]);
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it('removing the incident removes every link to it', async () => {
    const m = await buildMap();
    const since = await lastSeq();
    await h.call('map.removeItem', { itemId: m.incident.id, expectedVersion: 1, reason: 'Duplicate entry' });
    const map = await h.call('map.get', { caseId });
    expect(map.items.map((i) => i.id).sort()).toEqual([m.move.id, m.exclusion.id].sort());
    expect(map.links).toEqual([]);
    expect(await entriesSince(since)).toEqual([
      [
        'map.remove-item',
        'map-item',
        m.incident.id,
        'removed an incident of concerning sexual behaviour and 2 links to it; reason recorded',
      ],
    ]);
  });

  it('refuses removing an item changed since it was read, or already removed — saving nothing', async () => {
    const m = await buildMap();
    await h.call('map.moveItem', { itemId: m.move.id, expectedVersion: 1, lane: 'family' });
    const before = storeFingerprint();
    expect(
      await h.refuse('map.removeItem', { itemId: m.move.id, expectedVersion: 1, reason: 'Wrong' }),
    ).toEqual({
      code: 'conflict',
      message:
        'Alex Administrator changed this item while you were editing it. Your change was not saved: reload the map to see theirs, then make yours again.',
    });
    expect(storeFingerprint()).toBe(before);
    await h.call('map.removeItem', { itemId: m.move.id, expectedVersion: 2, reason: 'Wrong' });
    const removed = storeFingerprint();
    expect(
      (await h.refuse('map.removeItem', { itemId: m.move.id, expectedVersion: 2, reason: 'Wrong' })).code,
    ).toBe('not-found');
    expect(storeFingerprint()).toBe(removed);
  });

  it('removes a link, leaving both items; audited', async () => {
    const m = await buildMap();
    const since = await lastSeq();
    const map = await h.call('map.removeLink', { linkId: m.moveLink });
    expect(map.links.map((l) => l.id)).toEqual([m.exclusionLink]);
    expect(map.items).toHaveLength(3);
    expect(await entriesSince(since)).toEqual([
      ['map.remove-link', 'map-link', m.moveLink, 'removed a possible-trigger link'],
    ]);
    const removed = storeFingerprint();
    expect((await h.refuse('map.removeLink', { linkId: m.moveLink })).code).toBe('not-found');
    expect(storeFingerprint()).toBe(removed);
  });

  it('removes a theme, leaving the items and links; audited', async () => {
    const m = await buildMap();
    const since = await lastSeq();
    const map = await h.call('map.removeTheme', { themeId: m.themeId });
    expect(map.themes).toEqual([]);
    expect(map.items).toHaveLength(3);
    expect(map.links).toHaveLength(2);
    expect(await entriesSince(since)).toEqual([
      ['map.remove-theme', 'map-theme', m.themeId, 'removed a theme'],
    ]);
    const removed = storeFingerprint();
    expect((await h.refuse('map.removeTheme', { themeId: m.themeId })).code).toBe('not-found');
    expect(storeFingerprint()).toBe(removed);
  });
});

describe('changing a person recorded on the case', () => {
  it('saves the new details, moves the version on and audits without the person’s name', async () => {
    const mother = await addMother(h, caseId);
    const since = await lastSeq();
    const changed = await h.call('people.update', {
      personId: mother.id,
      expectedVersion: 1,
      kind: 'parent-carer',
      name: 'Sarah Married-Name',
      anonymisedLabel: 'Mother (A)',
      relationship: 'birth mother',
    });
    expect(changed).toEqual({
      id: mother.id,
      version: 2,
      kind: 'parent-carer',
      name: 'Sarah Married-Name',
      anonymisedLabel: 'Mother (A)',
      relationship: 'birth mother',
    });
    expect((await h.call('map.get', { caseId })).people).toEqual([changed]);
    const entries = await entriesSince(since);
    expect(entries).toEqual([['person.update', 'case', caseId, 'changed a person on the case']]);
    expect(JSON.stringify(entries)).not.toMatch(/Sarah|Married|Mother/);
    // The anonymised label is what the anonymised map and consent records show.
    await h.call('consents.record', {
      caseId,
      purpose: 'map-sharing-external',
      subject: 'parent-carer',
      personId: mother.id,
      status: 'given',
      reason: '',
    });
    expect((await h.call('map.get', { caseId })).consents.map((c) => c.personLabel)).toEqual(['Mother (A)']);
  });

  it('refuses a stale change and a missing name (unless a harmed person) — saving nothing', async () => {
    const mother = await addMother(h, caseId);
    const fields = {
      kind: 'parent-carer' as const,
      name: 'Sarah Example',
      anonymisedLabel: 'Mum',
      relationship: 'mother',
    };
    await h.call('people.update', { personId: mother.id, expectedVersion: 1, ...fields });
    const before = storeFingerprint();
    expect(await h.refuse('people.update', { personId: mother.id, expectedVersion: 1, ...fields })).toEqual({
      code: 'conflict',
      message:
        'Someone else changed this person’s details after you opened them. Reload and make your change again.',
    });
    expect(
      await h.refuse('people.update', { personId: mother.id, expectedVersion: 2, ...fields, name: '' }),
    ).toEqual({
      code: 'invalid-request',
      message: 'Give the person’s name (only a harmed child or adult may be recorded by reference alone).',
      problems: [{ path: 'name', message: 'is required for this kind of person' }],
    });
    expect(storeFingerprint()).toBe(before);
    // A harmed child may be recorded by reference alone.
    const harmed = await h.call('people.add', {
      caseId,
      kind: 'harmed-child',
      name: 'Named By Mistake',
      anonymisedLabel: 'Child B',
      relationship: 'school peer',
    });
    const byReference = await h.call('people.update', {
      personId: harmed.id,
      expectedVersion: 1,
      kind: 'harmed-child',
      name: '',
      anonymisedLabel: 'Child B',
      relationship: 'school peer',
    });
    expect(byReference).toMatchObject({ name: '', version: 2 });
  });
});
