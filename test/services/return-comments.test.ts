import { describe, expect, it } from 'vitest';
import { aimAssessment, DECIDED_20_MAY } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import {
  addYouthJusticeManager,
  type Harness,
  openCaseFor,
  PAT_PASSWORD,
  signInAs,
  type Team,
} from '../support/workbench.ts';

// Issue 14: returned work shows the manager's comments on the assessment page, beside the part each is about.

let h: Harness;
let team: Team;
let assessmentId: string;
const as = (username: string) => signInAs(h, username, username === 'pat.manager' ? PAT_PASSWORD : undefined);

seededWorkbenchEachTest({ start: new Date('2026-06-01T09:00:00+01:00') }, async (w) => {
  ({ h, team } = w);
  const pat = await addYouthJusticeManager(h);
  const hsbCase = await openCaseFor(
    h,
    team,
    { name: 'Riley Returned', dateOfBirth: '2012-02-02' },
    { managerIds: [team.admin.id, pat.id] },
  );
  assessmentId = (await h.call('assessments.start', aimAssessment(hsbCase.id, team, DECIDED_20_MAY))).id;
  await as('sam.sw');
  await h.call('signOff.submit', { assessmentId, comments: 'Ready for QA' });
  await as('pat.manager');
});

const returnWithParts = () =>
  h.call('signOff.return', {
    assessmentId,
    comments: 'Read it again as a whole before resubmitting.',
    sectionComments: [
      { about: 'section:formulation', comment: 'Add the school’s view to the formulation.' },
      { about: 'domain:developmental', comment: 'Say where the strengths evidence comes from.' },
    ],
  });

describe('comments on returned work', () => {
  it('are kept on the part they are about, shown on the assessment page until it is resubmitted', async () => {
    // Fails before the change: signOff.return refused sectionComments, and the view had no returns.
    await returnWithParts();
    await as('sam.sw');
    let view = await h.call('assessments.get', { id: assessmentId });
    expect(view.returns).toEqual([
      {
        at: '2026-06-01T08:00:00.000Z',
        byName: 'Pat Manager',
        answered: false,
        comments: [
          {
            about: 'whole',
            aboutLabel: 'The whole assessment',
            comment: 'Read it again as a whole before resubmitting.',
          },
          {
            about: 'section:formulation',
            aboutLabel: expect.any(String),
            comment: 'Add the school’s view to the formulation.',
          },
          {
            about: 'domain:developmental',
            aboutLabel: 'Domain: Developmental',
            comment: 'Say where the strengths evidence comes from.',
          },
        ],
      },
    ]);
    // The QA history on the sign-off page keeps them as text, each under its part.
    const status = await h.call('signOff.status', { assessmentId });
    expect(status.transitions.at(-1)?.comments).toContain(
      'Domain: Developmental: Say where the strengths evidence comes from.',
    );
    // My work names each comment with its part.
    const returned = (await h.call('work.inbox', {})).find((i) => i.kind === 'returned');
    expect(returned?.detail).toContain(
      'Domain: Developmental — “Say where the strengths evidence comes from.”',
    );

    await h.call('signOff.submit', { assessmentId, comments: 'Done' });
    view = await h.call('assessments.get', { id: assessmentId });
    expect(view.returns.map((r) => r.answered)).toEqual([true]);
  });

  it('refuses a comment on a part the assessment does not have, or no comment at all, saving nothing', async () => {
    // Fails before the change: an empty general comment was refused, but a part could not be named at all.
    const fingerprint = tableFingerprint(h.wb.db());
    const unknown = await h.refuse('signOff.return', {
      assessmentId,
      comments: '',
      sectionComments: [{ about: 'section:no-such-section', comment: 'x' }],
    });
    expect(unknown.message).toBe(
      'A comment is about a part that is not in this assessment. Choose the section or domain again. Nothing was saved.',
    );
    const none = await h.refuse('signOff.return', { assessmentId, comments: '  ', sectionComments: [] });
    expect(none.message).toBe(
      'Say what needs to change before you return the assessment. Nothing was saved.',
    );
    expect(tableFingerprint(h.wb.db())).toBe(fingerprint);
  });
});
