import { describe, expect, it } from 'vitest';
import { consentToHubReferral } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { addTeamMember, type Harness, SW_PASSWORD, YOS_PASSWORD } from '../support/workbench.ts';
import {
  addYouthJusticeManager,
  as,
  openCase,
  startRequest,
  strategyMeeting,
  type Team,
} from './fidelity/support.ts';

// Issue 14, "My work is an inbox": at each hand-over of a Lancashire case, the next person's My work
// has the item waiting for them, naming where it is done; the person who handed it over has not.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => {
  ({ h, team } = w);
});

const HUB_PASSWORD = 'hub practitioner pass 1';
const waiting = async (who: 'admin' | 'sam.sw' | 'yas.yos' | 'hana.hub' | 'pat.manager') => {
  if (who === 'hana.hub') {
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: who, password: HUB_PASSWORD });
  } else await as(h, who);
  return (await h.call('work.inbox', {})).map((i) => `${i.kind}: ${i.title} [${i.place.screen}]`);
};

describe('My work as everyone’s inbox', () => {
  it('puts each hand-over on the next person’s My work, and takes it off when done', async () => {
    await addTeamMember(
      h,
      {
        username: 'hana.hub',
        name: 'Hana Hub',
        agency: 'youth-justice',
        roles: ['practitioner'],
        aimTrained: true,
      },
      HUB_PASSWORD,
    );
    const pat = await addYouthJusticeManager(h);
    const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, pat.id]);
    await as(h, 'sam.sw');
    await consentToHubReferral(h, caseId, 'Jo Example');
    const asked = await h.call('consultations.request', {
      caseId,
      managerId: team.admin.id,
      request: 'Advice on next steps',
    });
    // Social worker → hub: the request to screen.
    expect(await waiting('hana.hub')).toContain(
      'screen-consultation: Screen the consultation request [hsb-consultation]',
    );
    expect(await waiting('sam.sw')).not.toContain(
      'screen-consultation: Screen the consultation request [hsb-consultation]',
    );
    await as(h, 'yas.yos');
    const consultation = asked.consultations[0];
    await h.call('consultations.screen', {
      consultationId: consultation?.id as string,
      expectedVersion: consultation?.version as number,
      decision: 'accept',
      rationale: 'Meets the hub criteria',
    });
    expect((await waiting('hana.hub')).filter((i) => i.startsWith('screen-consultation'))).toEqual([]);

    // The assessment: ratings to finish for both co-assessors.
    await as(h, 'admin');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'yas.yos');
    const view = await h.call('assessments.addItem', {
      assessmentId: a.id,
      domainId: 'sexual-behaviours',
      kind: 'concern',
      label: 'Uses threats to keep others quiet',
    });
    const itemId = view.domains.find((d) => d.id === 'sexual-behaviours')?.items[0]?.id as string;
    for (const who of ['yas.yos', 'sam.sw'] as const) {
      expect(await waiting(who)).toContain('finish-ratings: Finish your independent ratings [assessment]');
      await h.call('assessments.rate', {
        itemId,
        rating: 'some',
        evidence: 'Told by school',
        source: 'School',
      });
      await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: 'sexual-behaviours' });
      expect(await waiting(who)).not.toContain(
        'finish-ratings: Finish your independent ratings [assessment]',
      );
    }
    // Sam proposes the agreed position; it waits for Yas.
    await h.call('assessments.proposeAgreement', { itemId, rating: 'some', rationale: 'We both saw it' });
    const CONFIRM = 'confirm-agreement: Confirm the agreed positions proposed to you [assessment]';
    expect(await waiting('sam.sw')).not.toContain(CONFIRM);
    expect(await waiting('yas.yos')).toContain(CONFIRM);
    const onYas = (await h.call('work.inbox', {})).find((i) => i.kind === 'confirm-agreement');
    expect(onYas?.detail).toBe('1 proposed by your co-assessor: Uses threats to keep others quiet.');
    const proposal = (await h.call('assessments.get', { id: a.id })).domains
      .find((d) => d.id === 'sexual-behaviours')
      ?.items.find((i) => i.id === itemId)?.agreed;
    await h.call('assessments.confirmAgreement', {
      itemId,
      rating: 'some',
      proposedAt: proposal?.proposedAt as string,
    });
    expect(await waiting('yas.yos')).not.toContain(CONFIRM);
    await as(h, 'sam.sw');

    // Co-assessors → manager: quality assurance; manager → co-assessors: returned with comments.
    await h.call('signOff.submit', { assessmentId: a.id, comments: 'Ready for QA' });
    const QA = 'quality-assure: Quality-assure the assessment [sign-off]';
    // Lancashire step 9: the CYJS Team Manager quality-assures, not the CSC manager of the case.
    expect(await waiting('admin')).not.toContain(QA);
    expect(await waiting('pat.manager')).toContain(QA);
    await h.call('signOff.return', { assessmentId: a.id, comments: 'Add the school’s view to the analysis' });
    expect(await waiting('pat.manager')).not.toContain(QA);
    await as(h, 'sam.sw');
    const returned = (await h.call('work.inbox', {})).find((i) => i.kind === 'returned');
    expect(returned).toMatchObject({
      title: 'Returned with comments',
      detail: 'Pat Manager: “Add the school’s view to the analysis”',
      place: { screen: 'assessment', id: a.id },
    });

    // Approved: both sign; each signature leaves the other's item only.
    await h.call('signOff.submit', { assessmentId: a.id, comments: 'Added' });
    await as(h, 'pat.manager');
    await h.call('signOff.approve', {
      assessmentId: a.id,
      comments: 'Clear',
      jointReviewer: 'Chris Manager',
    });
    expect(await waiting('yas.yos')).toContain('sign: Sign the approved assessment [sign-off]');
    await h.call('signOff.sign', { assessmentId: a.id, password: YOS_PASSWORD });
    expect(await waiting('yas.yos')).not.toContain('sign: Sign the approved assessment [sign-off]');
    expect(await waiting('sam.sw')).toContain('sign: Sign the approved assessment [sign-off]');
    await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD });
    expect((await waiting('sam.sw')).filter((i) => i.startsWith('sign:'))).toEqual([]);
  });

  it('names the domains where ratings are still to finish, in the framework’s order', async () => {
    // Bug caught: the item said only "2 domains with items you have not finished rating", so the
    // person had to search the assessment page for them.
    const caseId = await openCase(h, team, 'lancashire');
    await as(h, 'admin');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    for (const domainId of ['developmental', 'sexual-behaviours'])
      await h.call('assessments.addItem', { assessmentId: a.id, domainId, kind: 'concern', label: 'Seen' });
    const detail = async () =>
      (await h.call('work.inbox', {})).find((i) => i.kind === 'finish-ratings')?.detail;
    expect(await detail()).toBe('Items you have not finished rating in Sexual behaviours and Developmental.');
    const item = (await h.call('assessments.get', { id: a.id })).domains.find((d) => d.id === 'developmental')
      ?.items[0];
    await h.call('assessments.rate', {
      itemId: item?.id as string,
      rating: 'some',
      evidence: 'Seen',
      source: 'School',
    });
    await h.call('assessments.finishDomain', { assessmentId: a.id, domainId: 'developmental' });
    expect(await detail()).toBe('Items you have not finished rating in Sexual behaviours.');
  });

  it('lists the strategy meeting actions a person owns, with their due dates, and no one else’s', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    await h.call('pathway.recordStrategyMeeting', {
      ...strategyMeeting(caseId, '2026-11-25T10:00:00Z', ['outcome-recorded'], {
        details: { rationale: 'Single-agency response' },
      }),
      actions: [
        { text: 'Visit the school', owner: 'Sam Social Worker', due: '2026-12-01', done: false },
        { text: 'Check police records', owner: 'Yas Youth Justice', due: null, done: false },
        { text: 'Tell the family', owner: 'Sam Social Worker', due: null, done: true },
      ],
    });
    await as(h, 'sam.sw');
    expect((await h.call('work.inbox', {})).filter((i) => i.kind === 'meeting-action')).toEqual([
      expect.objectContaining({
        title: 'Visit the school',
        due: '2026-12-01',
        detail: 'An action for you from the strategy meeting on 25/11/2026.',
        place: { screen: 'hsb-meetings', id: caseId },
      }),
    ]);
  });
});
