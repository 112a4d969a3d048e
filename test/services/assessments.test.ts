import { describe, expect, it } from 'vitest';
import { richTextFromPlain } from '#domain/assessment/rich-text.ts';
import { aimAssessment, LICENSED_AIM3_ITEMS } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { type Harness, openCaseFor, signInAs, type Team } from '../support/workbench.ts';

let h: Harness;
let team: Team;

const as = (username: 'sam.sw' | 'yas.yos' | 'admin') => signInAs(h, username);

const caseUnder = (profileId: string, dateOfBirth = '2013-03-14') =>
  openCaseFor(h, team, { name: 'Riley Assessed', dateOfBirth }, { profileId });

/** The decision of 5 May 2026 to start an AIM3 welfare assessment; `extra` changes any of it. */
const decision = (caseId: string, extra: Parameters<typeof aimAssessment>[2] = {}) =>
  aimAssessment(caseId, team, {
    reasons:
      'Concerning sexual behaviour towards a younger child at school; category 2 agreed at the strategy meeting.',
    decisionAt: '2026-05-05T10:00:00+01:00',
    referralDate: '2026-05-01',
    lastBehaviourDate: '2026-04-20',
    ...extra,
  });

const start = (caseId: string, extra: Parameters<typeof aimAssessment>[2] = {}) =>
  h.call('assessments.start', decision(caseId, extra));

/** A session with Riley on Wed 06/05/2026. */
const sessionWithRiley = (assessmentId: string, assessorIds: string[], place: string, notes = '') =>
  h.call('assessments.addSession', {
    assessmentId,
    heldOn: '2026-05-06',
    participants: [{ kind: 'child', label: 'Riley' }],
    assessorIds,
    place,
    notes: richTextFromPlain(notes),
  });

/** A developmental strength labelled "x", to add. */
const strengthX = (assessmentId: string) =>
  ({ assessmentId, domainId: 'developmental', kind: 'strength', label: 'x' }) as const;

seededWorkbenchEachTest({ start: new Date('2026-05-06T09:00:00+01:00') }, (w) => ({ h, team } = w));

describe('starting an assessment', () => {
  it('records the decision, route, eligibility and co-assessors', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    expect(a).toMatchObject({ versionNo: 1, route: 'welfare', state: 'in-progress', viewerRole: 'reader' });
    expect(a.eligibility.outcomeLabel).toBe('Eligible for AIM');
    expect(a.framework.domains.map((d) => d.name)).toEqual([
      'Sexual behaviours',
      'Non-sexual behaviours',
      'Developmental',
      'Environmental / family',
      'Self-regulation',
    ]);
    expect(a.leadAssessor.name).toBe('Yas Youth Justice');
  });

  it('refuses a child the profile sends to consultation only, unless a reason to proceed is recorded', async () => {
    const hsbCase = await caseUnder('lancashire', '2017-01-10');
    const error = await h.refuse('assessments.start', decision(hsbCase.id, { reasons: 'x' }));
    expect(error.code).toBe('rule-broken');
    expect(error.message).toMatch(/consultation/i);
    expect(error.problems).toEqual([
      { path: 'proceedReason', message: 'is required when the criteria are not met' },
    ]);
    const a = await start(hsbCase.id, { proceedReason: 'Court directed an AIM assessment' });
    expect(a.proceedReason).toBe('Court directed an AIM assessment');
  });

  it('enforces the profile’s training rule: Hounslow needs both co-assessors AIM-trained', async () => {
    await h.call('users.update', {
      id: team.socialWorker.id,
      name: team.socialWorker.name,
      agency: 'childrens-social-care',
      roles: ['practitioner'],
      aimTrained: false,
      active: true,
    });
    const hounslow = await caseUnder('hounslow');
    const refused = await h.refuse('assessments.start', decision(hounslow.id, { reasons: 'x', facts: {} }));
    expect(refused.message).toBe('Under the Hounslow profile both co-assessors must be AIM-trained.');
    // Lancashire: one trained lead is enough.
    const lancashire = await caseUnder('lancashire');
    expect((await start(lancashire.id)).coAssessor.aimTrained).toBe(false);
  });
});

describe('doing the work', () => {
  it('Lancashire: the window runs 45 working days from the first session with the child, across a bank holiday', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    await as('sam.sw');
    const withChild = await sessionWithRiley(
      a.id,
      [team.socialWorker.id, team.yos.id],
      'School',
      'First meeting.',
    );
    // Wed 06/05/2026 is day 0. May after the 6th: Thu 7, Fri 8, 11–15, 18–22, 26–29 (Mon 25 is the spring bank
    // holiday) = 16 working days; June: 22 → 38; July 1, 2, 3, 6, 7, 8, 9 → 45: Thu 09/07/2026.
    expect(withChild.window?.originalDue.dueDay).toBe('2026-07-09');
    expect(withChild.windowRule).toMatch(/within 45 working days/);
    const again = await sessionWithRiley(a.id, [team.yos.id], 'Home');
    expect(again.window?.originalDue.dueDay).toBe('2026-07-09');
  });

  it('each assessor rates independently; the difference is shown; they agree, with who and why', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    await as('sam.sw');
    let view = await h.call('assessments.addItem', {
      assessmentId: a.id,
      domainId: 'sexual-behaviours',
      kind: 'concern',
      label: 'Use of coercion',
    });
    const itemId = view.domains[0]?.items[0]?.id ?? '';
    await h.call('assessments.rate', {
      itemId,
      rating: 'some',
      evidence: 'School report of pressure on a younger child',
      source: 'School DSL',
    });
    await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: 'sexual-behaviours' });

    await as('yas.yos');
    view = await h.call('assessments.get', { id: a.id });
    const hidden = view.domains[0]?.items[0]?.ratings.find((r) => r.assessorName === 'Sam Social Worker');
    expect(hidden).toMatchObject({ hidden: true, rating: '', evidence: '' });
    const rated = await h.call('assessments.rate', {
      itemId,
      rating: 'clear',
      evidence: 'Police account: threats used',
      source: 'Police',
    });
    // Whether the two agree stays hidden until Yas has finished too.
    expect(rated.domains[0]?.items[0]?.state).toBe('awaiting-one');
    expect(
      (await h.refuse('assessments.proposeAgreement', { itemId, rating: 'clear', rationale: 'x' })).message,
    ).toMatch(/Both assessors must finish/);
    view = await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: 'sexual-behaviours' });
    const item = view.domains[0]?.items[0];
    expect(item?.state).toBe('differ');
    expect(item?.stateLabel).toBe('The assessors differ');
    expect(item?.ratings.map((r) => [r.assessorName, r.ratingLabel])).toEqual([
      ['Yas Youth Justice', 'Clear evidence'],
      ['Sam Social Worker', 'Some evidence'],
    ]);
    const first = await h.call('assessments.proposeAgreement', {
      itemId,
      rating: 'some',
      rationale: 'First thoughts.',
    });
    const seen = first.domains[0]?.items[0]?.agreed;
    h.travelTo(new Date(h.clock.now.getTime() + 60_000));
    const proposed = await h.call('assessments.proposeAgreement', {
      itemId,
      rating: 'clear',
      rationale: 'The police account corroborates the school report.',
    });
    const latest = proposed.domains[0]?.items[0]?.agreed;
    expect(
      (
        await h.refuse('assessments.confirmAgreement', {
          itemId,
          rating: 'clear',
          proposedAt: latest?.proposedAt ?? '',
        })
      ).message,
    ).toMatch(/other assessor must confirm/);

    await as('sam.sw');
    // Confirming the proposal as first seen is refused: it changed since.
    const stale = await h.refuse('assessments.confirmAgreement', {
      itemId,
      rating: seen?.rating ?? '',
      proposedAt: seen?.proposedAt ?? '',
    });
    expect(stale).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed after you looked at it/),
    });
    view = await h.call('assessments.confirmAgreement', {
      itemId,
      rating: 'clear',
      proposedAt: latest?.proposedAt ?? '',
    });
    expect(view.domains[0]?.items[0]).toMatchObject({
      state: 'agreed',
      agreed: {
        ratingLabel: 'Clear evidence',
        rationale: 'The police account corroborates the school report.',
        proposedByName: 'Yas Youth Justice',
        confirmedByName: 'Sam Social Worker',
      },
    });
  });

  it('only the co-assessors change the assessment', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    const error = await h.refuse('assessments.addItem', strengthX(a.id));
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'Only the two co-assessors can change this assessment.',
    });
  });
});

describe('two assessors editing the narrative', () => {
  it('a section is held by one person at a time; a stale save is refused and both texts are kept', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    await as('sam.sw');
    await h.call('assessments.holdSection', { assessmentId: a.id, sectionKey: 'formulation' });
    await h.call('assessments.autosave', {
      assessmentId: a.id,
      sectionKey: 'formulation',
      content: richTextFromPlain('Sam’s formulation draft'),
    });

    await as('yas.yos');
    const held = await h.refuse('assessments.holdSection', { assessmentId: a.id, sectionKey: 'formulation' });
    expect(held.code).toBe('conflict');
    expect(held.message).toMatch(/^Sam Social Worker is editing this section \(since \d\d:\d\d\)/);
    expect(
      (
        await h.refuse('assessments.saveSection', {
          assessmentId: a.id,
          sectionKey: 'formulation',
          expectedVersion: 0,
          content: richTextFromPlain('Yas overwrites'),
        })
      ).code,
    ).toBe('conflict');

    // The hold lapses after ten minutes without an autosave; Yas takes over and saves.
    h.travelTo(new Date(h.clock.now.getTime() + 11 * 60_000));
    await h.call('assessments.holdSection', { assessmentId: a.id, sectionKey: 'formulation' });
    const saved = await h.call('assessments.saveSection', {
      assessmentId: a.id,
      sectionKey: 'formulation',
      expectedVersion: 0,
      content: richTextFromPlain('Yas’s formulation'),
    });
    expect(saved.sections.find((s) => s.key === 'formulation')).toMatchObject({
      version: 1,
      updatedByName: 'Yas Youth Justice',
      heldBy: null,
    });

    await as('sam.sw');
    const stale = await h.refuse('assessments.saveSection', {
      assessmentId: a.id,
      sectionKey: 'formulation',
      expectedVersion: 0,
      content: richTextFromPlain('Sam’s formulation, finished'),
    });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/Your text has not been lost/);
    const view = await h.call('assessments.get', { id: a.id });
    const section = view.sections.find((s) => s.key === 'formulation');
    expect(section?.content.blocks[0]?.runs[0]?.text).toBe('Yas’s formulation');
    expect(section?.myDraft?.content.blocks[0]?.runs[0]?.text).toBe('Sam’s formulation draft');
  });
});

describe('frameworks and reviews', () => {
  it('loads a valid licensed item set and refuses an invalid one with the path of each fault', async () => {
    const good = LICENSED_AIM3_ITEMS;
    const bad = {
      ...good,
      items: [
        { id: 'S1', domainId: 'astrology', kind: 'concern', text: '' },
        { id: 'S1', domainId: 'developmental', kind: 'maybe', text: 'x' },
      ],
    };
    const error = await h.refuse('frameworks.importItemSet', {
      frameworkId: 'aim3',
      text: JSON.stringify(bad),
    });
    expect(error.problems?.map((p) => p.path)).toEqual(['items[0].text', 'items[1].kind']);
    const wrongDomain = await h.refuse('frameworks.importItemSet', {
      frameworkId: 'aim3',
      text: JSON.stringify({ ...good, items: [{ ...good.items[0], domainId: 'astrology' }] }),
    });
    expect(wrongDomain.problems).toEqual([{ path: 'items[0].domainId', message: 'is not a domain of AIM3' }]);
    expect((await h.call('frameworks.list', {})).find((f) => f.id === 'aim3')?.itemSet).toBeNull();
    const loaded = await h.call('frameworks.importItemSet', {
      frameworkId: 'aim3',
      text: JSON.stringify(good),
    });
    expect(loaded.itemSet).toEqual({
      name: 'Our AIM3 items',
      licence: 'Example Council AIM licence 2026',
      itemCount: 1,
    });

    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    await as('sam.sw');
    const view = await h.call('assessments.addLicensedItems', {
      assessmentId: a.id,
      domainId: 'sexual-behaviours',
    });
    expect(view.domains[0]?.items.map((i) => [i.label, i.licensed])).toEqual([
      ['Licensed wording held by the council', true],
    ]);
  });

  it('a review starts a new version from the last and shows what changed; the earlier version is read-only', async () => {
    const hsbCase = await caseUnder('lancashire');
    const a = await start(hsbCase.id);
    await as('sam.sw');
    await h.call('assessments.saveSection', {
      assessmentId: a.id,
      sectionKey: 'recommendations',
      expectedVersion: 0,
      content: richTextFromPlain('Weekly direct work'),
    });
    const v1 = await sessionWithRiley(a.id, [team.socialWorker.id], 'School');
    const v2 = await h.call('assessments.startReview', {
      assessmentId: a.id,
      reason: 'Moved to a new placement',
    });
    // A review keeps the window that started for the first version.
    expect(v2.window).not.toBeNull();
    expect(v2.window?.currentDue.dueDay).toBe(v1.window?.currentDue.dueDay);
    expect(v2).toMatchObject({ versionNo: 2, previousId: a.id });
    expect(v2.sections.find((s) => s.key === 'recommendations')?.content.blocks[0]?.runs[0]?.text).toBe(
      'Weekly direct work',
    );
    await h.call('assessments.saveSection', {
      assessmentId: v2.id,
      sectionKey: 'recommendations',
      expectedVersion: 1,
      content: richTextFromPlain('Fortnightly direct work'),
    });
    const diff = await h.call('assessments.compareVersions', { fromId: a.id, toId: v2.id });
    expect(diff.sections.find((s) => s.heading === 'Recommendations')).toEqual({
      heading: 'Recommendations',
      changed: true,
      before: 'Weekly direct work',
      after: 'Fortnightly direct work',
    });
    expect((await h.call('assessments.get', { id: a.id })).readOnly).toBe(true);
    expect((await h.refuse('assessments.addItem', strengthX(a.id))).code).toBe('rule-broken');
  });
});
