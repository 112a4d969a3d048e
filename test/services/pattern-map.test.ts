import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agency } from '#contract/vocabulary.ts';
import type { UncertainDate } from '#domain/pattern-map/uncertain-date.ts';
import { lancashireProfile } from '#domain/profiles/built-in/lancashire.ts';
import { recentAudit } from '#store/audit-trail.ts';
import { addMother, addParentCarer, consentRecord, externalMapShare } from '../support/case-steps.ts';
import { docxParts } from '../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { docxToPdf, pdfText } from '../support/libreoffice.ts';
import { ANONYMISED_WORDS, fillCaseWithNames, NAMED_CHILD, NAMES_TO_HIDE } from '../support/named-case.ts';
import {
  ADMIN_PASSWORD,
  addTeamMember,
  type Harness,
  openCaseFor,
  openTeamCase,
  SW_PASSWORD,
  signInAs,
  type Team,
  teamAllocation,
} from '../support/workbench.ts';

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;
let caseId: string;

const lifeEvent = (
  what: string,
  date: UncertainDate,
  sourceAgency: Agency,
  lane = 'family',
  people: string[] = [],
) => ({
  kind: 'life-event' as const,
  lane,
  what,
  people,
  place: '',
  date,
  sourceAgency,
  sourceDetail: '',
});

seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, async (w) => {
  ({ folder, h, team } = w);
  caseId = await openTeamCase(h, team, { name: 'Jamie Example', dateOfBirth: '2013-03-14' });
});

async function buildMap() {
  const mother = await addMother(h, caseId);
  const harmed = await h.call('people.add', {
    caseId,
    kind: 'harmed-child',
    name: '',
    anonymisedLabel: 'Child B (peer, 9)',
    relationship: 'school peer',
  });
  const move = await h.call('map.addItem', {
    caseId,
    item: lifeEvent(
      'Moved to foster care after Sarah Example was admitted to hospital',
      { precision: 'day', day: '2021-09-06' },
      'childrens-social-care',
      'care-placement',
      [mother.id],
    ),
  });
  await h.call('map.addItem', {
    caseId,
    item: lifeEvent(
      'Excluded for fighting',
      { precision: 'month', year: 2021, month: 11 },
      'education',
      'education',
    ),
  });
  await h.call('map.addItem', {
    caseId,
    item: lifeEvent(
      'Domestic abuse reported at home',
      { precision: 'age', age: 7 },
      'police',
      'police-justice',
    ),
  });
  const incident = await h.call('map.addItem', {
    caseId,
    item: {
      kind: 'incident',
      what: 'Touched a younger child at the after-school club',
      people: [],
      place: 'After-school club',
      date: { precision: 'day', day: '2021-10-12' },
      sourceAgency: 'education',
      sourceDetail: 'Designated safeguarding lead',
      harmedPersonId: harmed.id,
      childAgeThen: null,
      hackettCategory: '1',
      brookColour: 'amber',
    },
  });
  return { mother, harmed, move, incident };
}

describe('the pattern map', () => {
  it('keeps items with their author, places uncertain dates, and orders the chronology', async () => {
    const { incident } = await buildMap();
    expect(incident).toMatchObject({
      lane: 'incidents',
      childAgeThen: 8,
      createdByName: 'Alex Administrator',
    });
    const map = await h.call('map.get', { caseId });
    expect(map.items).toHaveLength(4);
    const byWhat = (w: string) => map.items.find((i) => i.what.startsWith(w));
    expect(byWhat('Domestic')?.span).toMatchObject({
      from: '2020-03-14',
      approximate: true,
      label: 'At about age 7',
    });
    expect(byWhat('Excluded')?.span).toMatchObject({ approximate: true, label: 'November 2021' });
    expect(byWhat('Moved')?.span.approximate).toBe(false);
    expect(map.orderExplanation).toMatch(/middle of its period/);
  });

  it('puts uncertain dates in the same order in the map and in the case chronology', async () => {
    // Born 14/03/2013: "about age 6" runs 14/03/2019 to 13/03/2020 (middle September 2019), so it comes
    // after Summer 2019 (middle July), although it starts before it.
    await h.call('map.addItem', {
      caseId,
      item: lifeEvent('Aged six event', { precision: 'age', age: 6 }, 'health'),
    });
    await h.call('map.addItem', {
      caseId,
      item: lifeEvent('Summer event', { precision: 'season', year: 2019, season: 'summer' }, 'education'),
    });
    const map = await h.call('map.get', { caseId });
    expect(map.items.map((i) => i.what)).toEqual(['Summer event', 'Aged six event']);
    h.host.saveFile = join(folder.path, 'chronology.docx');
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    expect(await h.call('reports.exportChronology', { caseId })).toEqual({ savedTo: h.host.saveFile });
    const xml = docxParts(h.host.saveFile)['word/document.xml'] ?? '';
    expect(xml.indexOf('Summer event')).toBeGreaterThan(0);
    expect(xml.indexOf('Summer event')).toBeLessThan(xml.indexOf('Aged six event'));
  });

  it('links an event to an incident as a possible trigger, pins a theme, and records the meeting', async () => {
    const { move, incident } = await buildMap();
    let map = await h.call('map.addLink', {
      caseId,
      fromId: move.id,
      toId: incident.id,
      kind: 'possible-trigger',
      label: '',
    });
    expect(map.links).toEqual([
      expect.objectContaining({ fromId: move.id, toId: incident.id, kind: 'possible-trigger' }),
    ]);
    map = await h.call('map.addTheme', {
      caseId,
      fromDay: '2021-09-06',
      toDay: '2021-10-31',
      text: 'After the move to foster care: behaviour escalates',
    });
    expect(map.themes[0]?.text).toMatch(/foster care/);
    const meeting = await h.call('map.saveMeeting', {
      caseId,
      meetingId: null,
      expectedVersion: null,
      heldAt: '2026-11-20T09:30:00Z',
      chair: 'HSB Hub practitioner',
      attendees: [
        { name: 'Sam Social Worker', role: 'Allocated social worker', agency: 'CSC', attendance: 'attended' },
      ],
      decisions: 'Proceed to AIM assessment',
      actions: [{ text: 'Request school records', owner: 'Sam', due: '2026-11-27', done: false }],
      notes: '',
    });
    expect(meeting).toMatchObject({ chair: 'HSB Hub practitioner', version: 1 });
    const again = await h.refuse('map.saveMeeting', {
      caseId,
      meetingId: meeting.id,
      expectedVersion: 7,
      heldAt: meeting.heldAt,
      chair: 'x',
      attendees: [{ name: 'x', role: '', agency: '', attendance: 'attended' }],
      decisions: '',
      actions: [],
      notes: '',
    });
    expect(again.code).toBe('conflict');
  });

  it('rejects an end date before the start, an incident without a source agency, and a link to itself — saving nothing', async () => {
    const { move } = await buildMap();
    const before = (await h.call('map.get', { caseId })).items.length;
    const range = await h.refuse('map.addItem', {
      caseId,
      item: lifeEvent(
        'Lived with grandparents',
        { precision: 'range', from: '2020-05-01', to: '2020-01-01' },
        'health',
      ),
    });
    expect(range.problems).toContainEqual({
      path: 'item.date.to',
      message: 'the end date must not be before the start date',
    });
    const { sourceAgency: _, ...noAgency } = lifeEvent('x', { precision: 'year', year: 2020 }, 'health');
    const incident = await h.refuse('map.addItem', {
      caseId,
      item: {
        ...noAgency,
        kind: 'incident',
        harmedPersonId: null,
        childAgeThen: null,
        hackettCategory: '',
        brookColour: '',
      },
    });
    expect(incident.problems?.map((p) => p.path)).toContain('item.sourceAgency');
    const self = await h.refuse('map.addLink', {
      caseId,
      fromId: move.id,
      toId: move.id,
      kind: 'escalation',
      label: '',
    });
    expect(self.message).toBe('An item cannot be linked to itself: choose two different items.');
    expect((await h.call('map.get', { caseId })).items.length).toBe(before);
  });

  it('does not let two people’s edits overwrite each other', async () => {
    const { move } = await buildMap();
    const base = {
      ...lifeEvent(move.what, move.date, 'childrens-social-care', 'care-placement', move.people),
    };
    await h.call('map.updateItem', {
      itemId: move.id,
      expectedVersion: move.version,
      item: { ...base, place: 'Blackburn' },
    });
    const second = await h.refuse('map.updateItem', {
      itemId: move.id,
      expectedVersion: move.version,
      item: { ...base, what: 'Moved to kinship care' },
    });
    expect(second.code).toBe('conflict');
    expect(second.message).toMatch(/Alex Administrator changed this item while you were editing it/);
    const now = (await h.call('map.get', { caseId })).items.find((i) => i.id === move.id);
    expect(now).toMatchObject({ place: 'Blackburn', what: move.what, version: 2 });
  });

  it('moves a life event between lanes but keeps incidents on the child’s lane', async () => {
    const { move, incident } = await buildMap();
    expect((await h.call('map.moveItem', { itemId: move.id, expectedVersion: 1, lane: 'family' })).lane).toBe(
      'family',
    );
    expect(
      (await h.refuse('map.moveItem', { itemId: incident.id, expectedVersion: 1, lane: 'family' })).code,
    ).toBe('rule-broken');
  });

  it('refuses a consent record for a person not on the case', async () => {
    const { harmed } = await buildMap();
    const error = await h.refuse('consents.record', consentRecord(caseId, 'parent-carer', harmed.id));
    expect(error.problems).toEqual([{ path: 'personId', message: 'is not a parent or carer on this case' }]);
    expect((await h.call('map.get', { caseId })).consents).toEqual([]);
  });
});

describe('sharing the map', () => {
  it('refuses an external export without consent, naming what is missing; with consent it succeeds and is audited', async () => {
    const { mother } = await buildMap();
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    h.host.saveFile = join(folder.path, 'map-external.docx');
    const exportExternal = externalMapShare(caseId);
    const refused = await h.refuse('map.export', exportExternal);
    expect(refused.code).toBe('rule-broken');
    expect(refused.message).toContain(
      'The permission of the allocated social worker (Sam Social Worker) is not recorded.',
    );
    expect(refused.message).toContain('The consent of the child is not recorded.');
    expect(refused.message).toContain('The consent of Mother (parent/carer) is not recorded.');
    expect(existsSync(h.host.saveFile)).toBe(false);

    await h.call('consents.record', consentRecord(caseId, 'child', null));
    await h.call('consents.record', consentRecord(caseId, 'social-worker-permission', null));
    const stillRefused = await h.refuse('map.export', exportExternal);
    expect(stillRefused.message).toBe(
      'The map cannot be shared with an external agency yet. The consent of Mother (parent/carer) is not recorded.',
    );
    await h.call('consents.record', consentRecord(caseId, 'parent-carer', mother.id));

    expect(await h.call('map.export', exportExternal)).toEqual({ savedTo: h.host.saveFile });
    const [entry] = recentAudit(h.wb.db(), 1);
    expect(entry).toMatchObject({ action: 'map.export', userName: 'Sam Social Worker' });
    expect(entry?.summary).toMatch(/anonymised pattern map as DOCX for an external agency; saved to /);
    expect(entry?.summary).not.toContain('CAMHS');

    // The Word file opens in LibreOffice, is marked, and shows roles, not names, in the anonymised view.
    const text = pdfText(docxToPdf(h.host.saveFile));
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Anonymised view');
    expect(text).toContain('Child B (peer, 9)');
    expect(text).toContain('Mother was admitted to hospital');
    expect(text).not.toContain('Sarah');
    expect(text).not.toContain('Jamie Example');
    expect(text).toContain('November 2021 (approx.)');
  }, 120_000);

  it('lets only the allocated social worker export for the professionals involved', async () => {
    await buildMap();
    h.host.saveFile = join(folder.path, 'map.docx');
    const request = {
      caseId,
      audience: 'internal' as const,
      recipient: 'Professionals at the mapping meeting',
      view: 'named' as const,
      format: 'docx' as const,
    };
    const refused = await h.refuse('map.export', request);
    expect(refused.message).toBe(
      'Only the allocated social worker, Sam Social Worker, can share the map with the professionals involved.',
    );
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    expect(await h.call('map.export', request)).toEqual({ savedTo: h.host.saveFile });
    expect(readFileSync(h.host.saveFile).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an image export that is not a PNG', async () => {
    await buildMap();
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    h.host.saveFile = join(folder.path, 'map.png');
    const error = await h.refuse('map.export', {
      caseId,
      audience: 'internal',
      recipient: 'Team',
      view: 'named',
      format: 'png',
      pngBase64: Buffer.from('<svg/>').toString('base64'),
    });
    expect(error.message).toMatch(/^The map image cannot be used: it is not a PNG file. Nothing was saved/);
  });
});

describe('anonymised means anonymised', () => {
  it('replaces every name the case knows in the anonymised Word export, and keeps the marked words out of the trail', async () => {
    const child = await h.call('children.create', NAMED_CHILD);
    const named = await h.call('cases.open', { childId: child.id, ...teamAllocation(team) });
    await fillCaseWithNames(h.call, named.id);
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    h.host.saveFile = join(folder.path, 'anonymised.docx');
    await h.call('map.export', {
      caseId: named.id,
      audience: 'internal',
      recipient: 'Professionals at the mapping meeting',
      view: 'anonymised',
      format: 'docx',
    });
    const text = Object.values(docxParts(h.host.saveFile))
      .join(' ')
      .replace(/<[^>]+>/g, '');
    for (const name of NAMES_TO_HIDE) expect(text.toLowerCase(), name).not.toContain(name.toLowerCase());
    for (const word of ANONYMISED_WORDS) expect(text).toContain(word);
    expect(text).toContain('Mother');
    const trail = recentAudit(h.wb.db(), 40)
      .map((e) => e.summary)
      .join('\n');
    expect(trail).toContain('marked a word as identifying');
    expect(trail).not.toContain('Preston');
  });
});

describe('consent that fits real families', () => {
  async function father(onCase: string) {
    const person = await addParentCarer(h, onCase, 'Dan Example', 'Father', 'father');
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    for (const subject of ['child', 'social-worker-permission'] as const)
      await h.call('consents.record', consentRecord(onCase, subject, null));
    await h.call(
      'consents.record',
      consentRecord(onCase, 'parent-carer', person.id, {
        status: 'not-sought',
        reason: 'No contact since 2022; whereabouts unknown',
      }),
    );
    return person;
  }

  it('lets the social worker record why a father cannot be asked and a manager approve, as the profile’s consent entry says; the share record and the trail show both', async () => {
    const dad = await father(caseId);
    h.host.saveFile = join(folder.path, 'shared.docx');
    const refused = await h.refuse('map.export', externalMapShare(caseId));
    expect(refused.message).toContain(
      'The consent of Father (parent/carer) was not sought. If they cannot be asked, the allocated social worker can record why, for a manager to approve.',
    );
    const map = await h.call('consents.recordCannotBeAsked', {
      caseId,
      personId: dad.id,
      circumstance: 'whereabouts-unknown',
      reason: 'No contact since 2022; the last address is out of date and the police hold no other.',
    });
    expect(map.sharing.missingForExternal).toEqual([
      'Sharing without the consent of Father (parent/carer) (whereabouts unknown) needs the approval of a manager on the case.',
    ]);
    expect(existsSync(h.host.saveFile)).toBe(false);
    // The social worker cannot approve their own record; a manager on the case can.
    const own = await h.refuse('consents.approveCannotBeAsked', {
      caseId,
      exceptionId: map.consentExceptions[0]?.id ?? '',
    });
    expect(own.message).toBe(
      'Only a manager on the case can approve sharing the map without a parent’s or carer’s consent. Nothing was saved.',
    );
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    const approved = await h.call('consents.approveCannotBeAsked', {
      caseId,
      exceptionId: map.consentExceptions[0]?.id ?? '',
    });
    expect(approved.sharing.missingForExternal).toEqual([]);
    expect(approved.consentExceptions[0]).toMatchObject({
      recordedByName: 'Sam Social Worker',
      approvedByName: 'Alex Administrator',
    });

    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    expect(await h.call('map.export', externalMapShare(caseId))).toEqual({ savedTo: h.host.saveFile });
    const [share] = (await h.call('map.get', { caseId })).shares;
    expect(share?.consentBasis).toContain('Father (parent/carer) was not asked: whereabouts unknown.');
    expect(share?.consentBasis).toContain('Reason recorded by Sam Social Worker');
    expect(share?.consentBasis).toContain('No contact since 2022');
    expect(share?.consentBasis).toContain('Approved by Alex Administrator');
    const trail = recentAudit(h.wb.db(), 20).map((e) => e.summary);
    expect(trail.some((s) => /recorded that Father \(parent\/carer\) cannot be asked/.test(s))).toBe(true);
    expect(trail.some((s) => /approved sharing the map without the consent of Father/.test(s))).toBe(true);
    // The trail says who recorded a reason and who approved; the reason itself stays on the share
    // record (the audit trail never holds text a person typed).
    const exported = trail.find((s) => s.startsWith('exported'));
    expect(exported).toContain('Reason recorded by Sam Social Worker');
    expect(exported).toContain('Approved by Alex Administrator');
    expect(trail.join('\n')).not.toContain('the police hold no other');
  }, 60_000);

  it('never lets “cannot be asked” stand against a refusal, whichever was recorded first', async () => {
    const dad = await father(caseId);
    const answer = (status: 'refused' | 'not-sought', reason: string) =>
      h.call('consents.record', consentRecord(caseId, 'parent-carer', dad.id, { status, reason }));
    const cannotBeAsked = (reason: string) => ({
      caseId,
      personId: dad.id,
      circumstance: 'whereabouts-unknown' as const,
      reason,
    });
    // Refused first: the social worker cannot then record that he cannot be asked.
    await answer('refused', 'Said no on the phone');
    const refused = await h.refuse('consents.recordCannotBeAsked', cannotBeAsked('No contact since'));
    expect(refused).toMatchObject({ code: 'rule-broken', problems: [{ path: 'personId' }] });
    expect(refused.message).toContain('Father was asked and refused consent to share the map');
    expect((await h.call('map.get', { caseId })).consentExceptions).toEqual([]);
    // Recorded and approved while he could not be found; then he is found and refuses.
    await answer('not-sought', 'Whereabouts unknown');
    const map = await h.call('consents.recordCannotBeAsked', cannotBeAsked('No contact since 2022'));
    await signInAs(h, 'admin');
    const approved = await h.call('consents.approveCannotBeAsked', {
      caseId,
      exceptionId: map.consentExceptions[0]?.id ?? '',
    });
    expect(approved.sharing.missingForExternal).toEqual([]);
    await signInAs(h, 'sam.sw');
    await answer('refused', 'Found; says no');
    const later = await h.call('map.get', { caseId });
    expect(later.sharing.missingForExternal).toEqual([
      'The consent of Father (parent/carer) was refused: the map cannot go to an external agency against it.',
    ]);
    h.host.saveFile = join(folder.path, 'against-refusal.docx');
    expect((await h.refuse('map.export', externalMapShare(caseId))).code).toBe('rule-broken');
    expect(existsSync(h.host.saveFile)).toBe(false);
  }, 60_000);

  it('needs a second person to approve: a social worker who is also a manager on the case cannot approve their own record', async () => {
    const dee = await addTeamMember(
      h,
      {
        username: 'dee.dual',
        name: 'Dee Dual',
        agency: 'childrens-social-care',
        roles: ['practitioner', 'manager'],
        aimTrained: true,
      },
      'dee dual pass 11',
    );
    const own = await openCaseFor(
      h,
      team,
      { name: 'Kim One' },
      { socialWorkerId: dee.id, managerIds: [dee.id] },
    );
    await signInAs(h, 'dee.dual', 'dee dual pass 11');
    const dad = await addParentCarer(h, own.id, 'Dan One', 'Father', 'father');
    const map = await h.call('consents.recordCannotBeAsked', {
      caseId: own.id,
      personId: dad.id,
      circumstance: 'whereabouts-unknown',
      reason: 'No contact',
    });
    const refused = await h.refuse('consents.approveCannotBeAsked', {
      caseId: own.id,
      exceptionId: map.consentExceptions[0]?.id ?? '',
    });
    expect(refused).toMatchObject({
      code: 'forbidden',
      message:
        'You recorded why they cannot be asked, so another manager on the case must approve it. Nothing was saved.',
    });
    expect((await h.call('map.get', { caseId: own.id })).consentExceptions[0]?.approvedAt).toBeNull();
  }, 60_000);

  it('reads the rule from the profile: a profile that allows it only for a parent who has died refuses “whereabouts unknown”, saving nothing', async () => {
    const local = structuredClone(lancashireProfile);
    Object.assign(local, { id: 'lancashire-strict', name: 'Lancashire (strict)', version: 1 });
    const sharing = local.consent.find((c) => c.purpose === 'pattern-map-sharing');
    if (!sharing?.whenParentCannotBeAsked) throw new Error('the Lancashire profile has no rule');
    sharing.whenParentCannotBeAsked = { ...sharing.whenParentCannotBeAsked, circumstances: ['deceased'] };
    await h.call('profiles.import', { text: JSON.stringify(local) });
    const child = await h.call('children.create', {
      name: 'Kit Strict',
      dateOfBirth: '2014-02-02',
      gender: 'male',
    });
    const strict = await h.call('cases.open', {
      childId: child.id,
      ...teamAllocation(team),
      profileId: 'lancashire-strict',
    });
    const dad = await father(strict.id);
    const before = (await h.call('map.get', { caseId: strict.id })).consentExceptions;
    const refused = await h.refuse('consents.recordCannotBeAsked', {
      caseId: strict.id,
      personId: dad.id,
      circumstance: 'whereabouts-unknown',
      reason: 'No contact since 2022',
    });
    expect(refused.code).toBe('rule-broken');
    expect(refused.message).toContain(
      'does not allow sharing the map without a parent’s or carer’s consent for this reason (whereabouts unknown)',
    );
    expect((await h.call('map.get', { caseId: strict.id })).consentExceptions).toEqual(before);
    const allowed = await h.call('consents.recordCannotBeAsked', {
      caseId: strict.id,
      personId: dad.id,
      circumstance: 'deceased',
      reason: 'Died in 2023',
    });
    expect(allowed.consentExceptions).toHaveLength(1);
  }, 60_000);
});
