import { beforeAll, describe, expect, it } from 'vitest';
import { schoolConcern } from '../support/case-steps.ts';
import { fillDate, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';

// Issue 17, "every word on screen is right", read on the screen as a person reads it: the case status,
// the concern's outcome said once in the history, a source dated tomorrow refused, and the history of an
// assessment that never shows a later state on the day it started.

/** Thursday 26/11/2026 10:00 in London (GMT). */
const NOW = new Date('2026-11-26T10:00:00Z');
const CHILD = 'Sky Wording';
const suite = e2e.browserFile('hsb-wording-e2e-', { now: NOW });
const { call } = suite;
const { expectAccessible } = e2e.screens(process.env.HSB_SHOTS);
let app: WorkbenchPage;
let caseId = '';
let assessmentId = '';

beforeAll(async () => {
  app = suite.app;
  const { ids, hsbCase } = await e2e.setUpTeamAndCase(call, {
    child: { name: CHILD, dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
  });
  caseId = hsbCase.id;
  await call('pathway.recordConcern', schoolConcern(caseId));
  const assessment = await e2e.startAimAssessment(call, {
    caseId,
    decisionAt: '2026-11-25T10:00:00Z',
    leadAssessorId: ids[e2e.YOS.username] ?? '',
    coAssessorId: ids[e2e.SW.username] ?? '',
  });
  assessmentId = assessment.id;
  await e2e.signOutAndReload(app, e2e.SW);
});

describe('the words the workbench writes, on screen', () => {
  it('says the concern’s outcome once, the assessment started on its own day, and its stage in plain words', async () => {
    // Caught before: "Concern received: eligible for aim"; "Eligible for AIM: Eligible for AIM: all 5 …".
    const { page } = app;
    await e2e.openCasePage(page, CHILD, 'History');
    const history = page.getByRole('table', { name: 'Steps and decisions, oldest first' });
    const concern = history
      .getByRole('row')
      .filter({ hasText: /Eligible for AIM: all \d+ referral criteria/ });
    expect((await concern.textContent())?.match(/Eligible for AIM/g)).toHaveLength(1);
    // The assessment's row says it started; no later state is put on the day it started.
    const started = history.getByRole('row').filter({ hasText: 'AIM3 assessment, version 1 started' });
    expect(await started.count()).toBe(1);
    expect(await history.getByText(/version 1: Draft|Final/).count()).toBe(0);
    await e2e.casePart(page, 'Summary');
    const status = page.getByRole('region', { name: 'Where things stand' });
    await status.getByText('Where the child is now:').waitFor();
    expect(await status.textContent()).toContain('AIM assessment (version 1): draft');
    await expectAccessible(page, 'case history wording');
  });

  it('refuses a source consulted tomorrow, says why beside the date, and adds nothing', async () => {
    // Caught before: a source could be dated the day after it was recorded.
    const { page } = app;
    await e2e.openAssessment(page, CHILD);
    const form = page.getByRole('form', { name: 'Add a source' });
    await form.getByLabel('Source').fill('School safeguarding log');
    await form.getByLabel('Agency').selectOption({ label: 'Education' });
    await fillDate(form, 'Date consulted', '27/11/2026');
    await form.getByRole('button', { name: 'Add source' }).click();
    await form.getByText('There is a problem').waitFor();
    expect(await form.getByRole('link', { name: /Date consulted.*future|future/i }).count()).toBeGreaterThan(
      0,
    );
    expect((await call('assessments.get', { id: assessmentId })).sources).toEqual([]);
    await expectAccessible(page, 'source dated tomorrow');
  });
});
