import { describe, expect, it } from 'vitest';
import { recentAudit } from '#store/audit-trail.ts';
import { childDetails, schoolConcern } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { addTeamMember, type Harness, openCaseFor, signInAs, type Team } from '../support/workbench.ts';

// Issue 14: the child's record complete enough to use, the referrer's contact details on a concern, and
// case notes (dated, attributed, audited, add-only, need-to-know), through the router on a real store.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ h, team } = w));

const fingerprint = () => tableFingerprint(h.wb.db());
const lastAudit = () => recentAudit(h.wb.db(), 1)[0];

const RECORD = {
  ethnicity: 'White British',
  firstLanguage: 'Polish',
  interpreterNeeded: 'yes' as const,
  send: 'ehc-plan' as const,
  sendNote: 'Autism; EHC plan since Year 4.',
  homeAddress: '14 Larkhill Crescent\nPreston PR1 4XY',
  gpPractice: 'Ribbleton Medical Centre',
  gpContact: 'Tower Road, Preston PR2 6XX; 01772 555 010',
};

describe('the child’s record', () => {
  it('keeps ethnicity, language, interpreter, SEND, home address and GP, and audits a change to them', async () => {
    // Bug caught: the contract refused these fields (strict request) and the store had no columns for them.
    const created = await h.call('children.create', childDetails('Robin Ashworth', RECORD));
    expect(await h.call('children.get', { id: created.id })).toMatchObject(RECORD);

    const { id, version, createdAt: _c, createdBy: _b, updatedAt: _u, ...fields } = created;
    await h.call('children.update', {
      ...fields,
      id,
      expectedVersion: version,
      send: 'sen-support',
      gpPractice: 'Fishwick Surgery',
    });
    expect(await h.call('children.get', { id })).toMatchObject({
      send: 'sen-support',
      gpPractice: 'Fishwick Surgery',
    });
    expect(lastAudit()).toMatchObject({
      action: 'child.update',
      recordId: id,
      summary: 'changed send, gpPractice',
    });
  });

  it('is optional: a child recorded without it reads “not recorded” (empty) for each part', async () => {
    const created = await h.call('children.create', childDetails('Morgan Smith'));
    // Every part RECORD fills (all eight) reads empty.
    expect(created).toMatchObject(Object.fromEntries(Object.keys(RECORD).map((part) => [part, ''])));
  });

  it('refuses an option it does not know, saving nothing', async () => {
    const before = fingerprint();
    const error = await h.refuse('children.create', { ...childDetails('Alex Jones'), send: 'statement' });
    expect(error.code).toBe('invalid-request');
    // Before: refused only as a key the contract did not know.
    expect(error.problems).toEqual([{ path: 'send', message: 'is not a known option' }]);
    expect(fingerprint()).toBe(before);
  });
});

describe('the referrer on a concern', () => {
  it('keeps their name, phone and e-mail beside their role and agency, shown with the concern', async () => {
    // Bug caught: the concern kept only the source agency and role: nobody knew whom to call back.
    const hsbCase = await openCaseFor(h, team, { name: 'Robin Ashworth' });
    const summary = await h.call(
      'pathway.recordConcern',
      schoolConcern(hsbCase.id, {
        referrerName: 'Priya Okafor',
        referrerPhone: '01772 555 123',
        referrerEmail: 'p.okafor@fulwood.sch.uk',
      }),
    );
    expect(summary.referrals[0]).toMatchObject({
      source: 'Education (Designated safeguarding lead)',
      referrer: 'Priya Okafor, phone 01772 555 123, e-mail p.okafor@fulwood.sch.uk',
    });
    // The anonymised view hides the referrer's name, as it does every name the case knows.
    const known = (await h.call('map.get', { caseId: hsbCase.id })).knownNames;
    expect(known).toContainEqual(
      expect.objectContaining({ name: 'Priya Okafor', anonymisedLabel: '[referrer]' }),
    );
  });

  it('refuses an e-mail address that is not one, saving nothing', async () => {
    const hsbCase = await openCaseFor(h, team, { name: 'Robin Ashworth' });
    const before = fingerprint();
    const error = await h.refuse(
      'pathway.recordConcern',
      schoolConcern(hsbCase.id, { referrerEmail: 'priya at school' }),
    );
    expect(error.code).toBe('invalid-request');
    expect(error.problems).toEqual([
      { path: 'referrerEmail', message: 'must be an e-mail address, like name@example.org' },
    ]);
    expect(fingerprint()).toBe(before);
  });
});

describe('case notes', () => {
  it('are dated by the event, attributed to the person signed in, audited and listed newest first', async () => {
    const hsbCase = await openCaseFor(h, team, { name: 'Robin Ashworth' });
    await signInAs(h, 'sam.sw');
    await h.call('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-20',
      text: 'Home visit: mother present.',
    });
    expect(lastAudit()).toMatchObject({
      action: 'case-note.add',
      recordId: hsbCase.id,
      userName: team.socialWorker.name,
      summary: 'added a case note dated 2026-11-20',
    });
    h.travelTo(new Date('2026-11-26T11:00:00Z'));
    await h.call('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-24',
      text: 'Called the school.',
    });
    await h.call('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-18',
      text: 'Corrects the note of 20/11/2026: the visit was on 18/11/2026.',
    });
    const notes = await h.call('caseNotes.list', { caseId: hsbCase.id });
    expect(notes.map((n) => [n.eventDay, n.text, n.recordedByName])).toEqual([
      ['2026-11-24', 'Called the school.', team.socialWorker.name],
      ['2026-11-20', 'Home visit: mother present.', team.socialWorker.name],
      ['2026-11-18', 'Corrects the note of 20/11/2026: the visit was on 18/11/2026.', team.socialWorker.name],
    ]);
    expect(notes[0]?.recordedAt).toBe('2026-11-26T11:00:00.000Z');
  });

  it('refuses a note dated in the future, or with no words, saving nothing', async () => {
    const hsbCase = await openCaseFor(h, team, { name: 'Robin Ashworth' });
    const before = fingerprint();
    const future = await h.refuse('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-27',
      text: 'Tomorrow.',
    });
    expect(future).toMatchObject({ code: 'invalid-request', problems: [{ path: 'eventDay' }] });
    expect(future.message).toContain('Nothing was saved.');
    const empty = await h.refuse('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-26',
      text: '   ',
    });
    expect(empty).toMatchObject({ code: 'invalid-request', problems: [{ path: 'text' }] });
    expect(fingerprint()).toBe(before);
  });

  it('are need-to-know: someone not allocated to the case can neither read nor add them', async () => {
    const hsbCase = await openCaseFor(h, team, { name: 'Robin Ashworth' });
    await h.call('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-25',
      text: 'Strategy call held.',
    });
    await addTeamMember(
      h,
      {
        username: 'una.out',
        name: 'Una Outsider',
        agency: 'childrens-social-care',
        roles: ['practitioner'],
        aimTrained: false,
      },
      'outsider pass 1',
    );
    await signInAs(h, 'una.out', 'outsider pass 1');
    const before = fingerprint();
    expect((await h.refuse('caseNotes.list', { caseId: hsbCase.id })).code).toBe('forbidden');
    const add = await h.refuse('caseNotes.add', {
      caseId: hsbCase.id,
      eventDay: '2026-11-25',
      text: 'Nosy.',
    });
    expect(add.code).toBe('forbidden');
    expect(fingerprint()).toBe(before);
  });
});
