import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_PARTS } from '#domain/sign-off/report-template.ts';
import { docxToPdf, pdfPageCount, pdfText, pdfToPngs } from '../support/libreoffice.ts';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, type Person, SW, YOS } from './setup.ts';

// Quality assurance and sign-off through the UI in Chromium, against the real router, on a Lancashire
// case whose AIM assessment is led by the YOS practitioner with the social worker as co-assessor. The
// social worker submits it; the YOS co-assessor is shown why they cannot approve it; Pat, a youth-justice
// manager who did not co-assess it, returns it with comments; it is resubmitted and approved; each
// co-assessor signs with their password (a wrong one first); the page says "Signed by … unchanged since"
// and Final; the Word report is exported (and rendered through LibreOffice to look at). Then one character
// of a signed section is changed directly in the database: the page says "Changed after sign-off" in an
// alert. Last, an administrator reorders, renames, removes and restores parts of the report format.
// Axe runs on each state of the screen.

/** Monday 01/06/2026 09:00 in London (BST). */
const START = new Date('2026-06-01T08:00:00Z');
const SHOTS = '/tmp/hsb-sign-off-screens';
/** A youth-justice manager who did not co-assess: she quality-assures. */
const PAT: Person = {
  username: 'pat.manager',
  password: 'pat manager password 1',
  name: 'Pat Manager',
  agency: 'youth-justice',
  roles: ['manager'],
  aimTrained: false,
};
const CHILD = 'Riley Signed';
const TITLE = `Quality assurance and sign-off: ${CHILD}`;

const suite = e2e.browserFile('hsb-sign-off-e2e-', { now: START });
let app: WorkbenchPage;
const { checked: screensChecked, expectAccessible, closeUp } = e2e.screens(SHOTS, { fresh: true });
let assessmentId = '';
let caseReference = '';
let reportPath = '';

/** Set-up the other browser tests drive through the UI, done through the router to save time. */
const { call } = suite;

/** Signs in as someone and opens the sign-off page (the assessment page will link to it). */
async function openSignOffAs(page: Page, who: { username: string; password: string }) {
  await e2e.signInThroughUi(page, who);
  await openSignOff(page);
}

async function openSignOff(page: Page) {
  await page.evaluate((hash) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, `#/assessments/${assessmentId}/sign-off`);
  await e2e.heading(page, TITLE).waitFor();
}

/** The five steps, Draft to Final, as listed under "Progress of version N". */
const steps = (page: Page) =>
  page.getByRole('region', { name: /^Progress of version \d+$/ }).getByRole('listitem');
/** The current step as '<label> | <status>', e.g. 'Draft | Current step', read as the screen says it. */
const stepText = async (page: Page) => {
  const current = steps(page).filter({ hasText: 'Current step' });
  expect(await current.count()).toBe(1);
  // The step's number or tick is decoration (hidden from screen readers): what is left is label and status.
  const text = ((await current.textContent()) ?? '').replace(/\s+/g, ' ').replace(/^(\d|✓) /, '');
  const at = text.indexOf('Current step');
  return `${text.slice(0, at).trim()} | ${text.slice(at)}`;
};
/** Why an action is not offered: the region under "Your part" named by its heading. */
const notAvailable = (page: Page) =>
  page.getByRole('region', { name: /^(Nothing for you to do on this version now|Not available to you)$/ });
const reasonText = async (page: Page) =>
  ((await notAvailable(page).getByRole('listitem').textContent()) ?? '').replace(/\s+/g, ' ');
/** The first cell of each body row of a table. */
const firstCells = async (table: Locator) => {
  const rows = await table
    .getByRole('row')
    .filter({ has: table.page().getByRole('cell') })
    .all();
  return Promise.all(
    rows.map(async (row) => ((await row.getByRole('cell').first().textContent()) ?? '').trim()),
  );
};
const cellTexts = async (row: Locator) =>
  (await row.getByRole('cell').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

beforeAll(async () => {
  app = suite.app;
  const { ids, hsbCase } = await e2e.setUpTeamAndCase(call, {
    team: { members: [SW, YOS, PAT] },
    child: { name: CHILD, dateOfBirth: '2012-02-02', socialCareNumber: 'SC-1' },
    profileId: 'lancashire',
    // Pat quality-assures, so is one of the case's managers (only allocated people reach a case).
    managers: [ADMIN, PAT],
  });
  const assessment = await e2e.startAimAssessment(call, {
    caseId: hsbCase.id,
    decisionAt: '2026-05-20T10:00:00+01:00',
    leadAssessorId: ids[YOS.username] ?? '',
    coAssessorId: ids[SW.username] ?? '',
  });
  assessmentId = assessment.id;
  caseReference = assessment.caseReference;
  await call('session.signOut', {});
  await call('session.signIn', e2e.credentials(SW));
  await call('assessments.addSource', {
    assessmentId,
    source: 'School safeguarding file',
    agency: 'education',
    consultedOn: '2026-05-21',
    abeInterviewAccessed: true,
    notes: '',
  });
  await call('assessments.addSession', {
    assessmentId,
    heldOn: '2026-05-22',
    participants: [{ kind: 'child', label: 'Riley' }],
    assessorIds: [ids[SW.username] ?? '', ids[YOS.username] ?? ''],
    place: 'Home',
    notes: { blocks: [{ type: 'paragraph', runs: [{ text: 'Riley engaged well.' }] }] },
  });
  await call('assessments.saveSection', {
    assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: {
      blocks: [
        { type: 'heading', runs: [{ text: 'What the behaviour meant' }] },
        {
          type: 'paragraph',
          runs: [
            { text: 'Riley was ' },
            { text: 'frightened', bold: true },
            { text: ' and ' },
            { text: 'isolated', italic: true },
            { text: ' after the move to a new school.' },
          ],
        },
        { type: 'bullet', runs: [{ text: 'A strength: a trusted relationship with his grandmother' }] },
      ],
    },
  });
  await e2e.signOutAndReload(app);
});

describe('quality assurance and sign-off, through the UI', () => {
  it('shows the social worker a draft, exports it watermarked, and submits it for quality assurance', async () => {
    const { page } = app;
    await openSignOffAs(page, SW);
    expect(
      await page.getByText(`Case ${caseReference} · AIM assessment version 1`, { exact: true }).isVisible(),
    ).toBe(true);
    const verification = page.getByRole('region', { name: 'Not signed yet' });
    expect(await verification.isVisible()).toBe(true);
    expect(await stepText(page)).toBe('Draft | Current step');
    expect(await steps(page).allTextContents()).toHaveLength(5);
    expect(
      await page.getByText('There is no content hash yet. It is fixed when a manager approves').isVisible(),
    ).toBe(true);

    // Before export it says drafts are watermarked; the export says where it went and how it is marked.
    const exportPart = page.getByRole('region', { name: 'Export to Word' });
    expect(
      await exportPart
        .getByText('every page of the exported report will be watermarked DRAFT — NOT SIGNED OFF')
        .isVisible(),
    ).toBe(true);
    app.host.saveFile = join(suite.folder, 'draft.docx');
    await exportPart.getByRole('button', { name: 'Export the report (Word)' }).click();
    const exported = e2e.notice(exportPart, 'Report exported');
    await exported.waitFor();
    expect(await exported.getByText(`Saved to ${app.host.saveFile}`).isVisible()).toBe(true);
    expect(await exported.getByText('Marked: DRAFT — NOT SIGNED OFF').isVisible()).toBe(true);
    expect(existsSync(app.host.saveFile)).toBe(true);
    copyFileSync(app.host.saveFile, join(SHOTS, 'draft.docx'));
    await expectAccessible(page, 'draft');

    const form = page.getByRole('form', { name: 'Submit for quality assurance' });
    await form.getByLabel('Comments for the manager (optional)').fill('Ready for QA');
    e2e.minutesLater(app, 5);
    await form.getByRole('button', { name: 'Submit for quality assurance' }).click();
    const done = e2e.notice(page, 'Submitted for quality assurance. A manager');
    await done.waitFor();
    // Focus moves to what happened, since the form that was used has gone.
    await expect.poll(() => done.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await form.count()).toBe(0);
    expect(await stepText(page)).toBe('Submitted for QA | Current step');
    const record = page.getByRole('table', { name: 'Quality-assurance record, oldest first' });
    expect(await cellTexts(record.getByRole('row').nth(1))).toEqual([
      'Submitted for quality assurance',
      'Sam Social Worker',
      '01/06/2026 09:05',
      'Ready for QA',
    ]);
    // The social worker cannot approve their own work, and is told why.
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectAccessible(page, 'submitted social worker');
  });

  it('shows the YOS co-assessor that Approve is not offered, and why', async () => {
    const { page } = app;
    await openSignOffAs(page, YOS);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Return with comments' }).count()).toBe(0);
    const why = notAvailable(page);
    expect(await why.getByRole('heading').textContent()).toBe('Nothing for you to do on this version now');
    expect((await why.getByRole('listitem').textContent())?.replace(/\s+/g, ' ')).toBe(
      'Approve or Return with comments: Only a manager can quality-assure an assessment; a practitioner cannot approve it.',
    );
    await expectAccessible(page, 'submitted practitioner');
  });

  it('lets Pat, a manager who did not co-assess it, return it with comments (required)', async () => {
    const { page } = app;
    await openSignOffAs(page, PAT);
    const form = page.getByRole('form', { name: 'Quality-assure this version' });
    expect(await form.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
    await expectAccessible(page, 'submitted manager');
    await form.getByRole('button', { name: 'Return with comments' }).click();
    await form.getByText('There is a problem').waitFor();
    expect(
      await form
        .getByRole('link', { name: 'Enter what needs to change before you return the assessment' })
        .count(),
    ).toBe(1);
    expect(await stepText(page)).toBe('Submitted for QA | Current step');
    await closeUp(form, 'return without comments');
    await expectAccessible(page, 'return without comments');

    await form.getByLabel('Comments').fill('Add the school’s view of Riley’s friendships.');
    e2e.minutesLater(app, 30);
    await form.getByRole('button', { name: 'Return with comments' }).click();
    await e2e.notice(page, 'Returned to the co-assessors with your comments.').waitFor();
    expect(await stepText(page)).toBe('Draft | Current step');
    const record = page.getByRole('table', { name: 'Quality-assurance record, oldest first' });
    expect(await cellTexts(record.getByRole('row').nth(2))).toEqual([
      'Returned with comments',
      'Pat Manager',
      '01/06/2026 09:35',
      'Add the school’s view of Riley’s friendships.',
    ]);
    expect(await reasonText(page)).toBe(
      'Submit for quality assurance: Only the two co-assessors can submit the assessment for quality assurance.',
    );
    await expectAccessible(page, 'returned manager');
  });

  it('is resubmitted by the social worker and approved by Pat, fixing the content hash', async () => {
    const { page } = app;
    await openSignOffAs(page, SW);
    e2e.minutesLater(app, 60);
    await page
      .getByRole('form', { name: 'Submit for quality assurance' })
      .getByRole('button', { name: 'Submit for quality assurance' })
      .click();
    await e2e.notice(page, 'Submitted for quality assurance.').waitFor();

    await openSignOffAs(page, PAT);
    const form = page.getByRole('form', { name: 'Quality-assure this version' });
    // Lancashire step 9: reviewed jointly with the CSC Team Manager, who is recorded with the approval.
    await form.getByLabel('CSC Team Manager who reviewed it with you').fill('Chris Team Manager');
    await form.getByLabel('Comments').fill('Clear analysis.');
    e2e.minutesLater(app, 20);
    await form.getByRole('button', { name: 'Approve' }).click();
    await e2e.notice(page, 'Approved. The approved content is now fixed').waitFor();
    expect(await stepText(page)).toBe('Approved | Current step');
    const signatures = page.getByRole('region', { name: 'Signatures' });
    expect(await signatures.getByRole('code').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await reasonText(page)).toBe(
      'Sign this version: Only the two named co-assessors can sign the assessment.',
    );
    await closeUp(signatures, 'content hash');
    await expectAccessible(page, 'approved manager');
  });

  it('is signed by each co-assessor with their password; a wrong password is refused clearly', async () => {
    const { page } = app;
    await openSignOffAs(page, YOS);
    const form = page.getByRole('form', { name: 'Sign this version' });
    expect(
      await form.getByText('Your signature covers the exact content Pat Manager approved').isVisible(),
    ).toBe(true);
    await form.getByLabel('Your password').fill('not my password');
    await form.getByRole('button', { name: 'Sign this version' }).click();
    const summary = form.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(
      await summary
        .getByRole('link', { name: 'That password is not right. The assessment has not been signed.' })
        .count(),
    ).toBe(1);
    // Beside the field too, with "Error:" for screen readers.
    expect(
      await form
        .getByText('Error: That password is not right. The assessment has not been signed.', { exact: true })
        .isVisible(),
    ).toBe(true);
    expect(await form.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true');
    await closeUp(form, 'wrong password');
    await expectAccessible(page, 'sign wrong password');

    await form.getByLabel('Your password').fill(YOS.password);
    e2e.minutesLater(app, 10);
    await form.getByRole('button', { name: 'Sign this version' }).click();
    await e2e.notice(page, 'You have signed. The other co-assessor still needs to sign.').waitFor();
    expect(await stepText(page)).toBe('Signed | Current step: 1 of 2 signed');
    const partly = page.getByRole('region', { name: 'Partly signed' });
    expect(await partly.textContent()).toMatch(
      /Signed by Yas Youth Justice .* waiting for the other co-assessor\./,
    );
    expect(await reasonText(page)).toBe('Sign this version: You have already signed this version.');
    await expectAccessible(page, 'partly signed');

    await openSignOffAs(page, SW);
    e2e.minutesLater(app, 10);
    await page.getByLabel('Your password').fill(SW.password);
    await page.getByRole('button', { name: 'Sign this version' }).click();
    await e2e
      .notice(page, 'You have signed. Both co-assessors have now signed: version 1 is final.')
      .waitFor();
  });

  it('shows "Signed by … unchanged since" and Final, and exports the signed Word report', async () => {
    const { page } = app;
    // Shown afresh, as anyone opening it later would see it.
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await openSignOff(page);
    const verified = page.getByRole('region', { name: 'Signatures verified' });
    expect(await verified.getByRole('paragraph').first().textContent()).toMatch(
      /^Signed by Yas Youth Justice \(Lead assessor, Youth Justice \/ YOS\) on 01\/06\/2026 at 11:05 and Sam Social Worker \(Co-assessor, Children's Social Care\) on 01\/06\/2026 at 11:15, unchanged since\.$/,
    );
    expect(await stepText(page)).toBe('Final | Current step');
    expect(await steps(page).filter({ hasText: /Done$/ }).count()).toBe(4);
    const signatures = page.getByRole('table', { name: 'Signatures on this version' });
    expect(await cellTexts(signatures.getByRole('row').nth(1))).toEqual([
      'Yas Youth Justice',
      'Lead assessor, Youth Justice / YOS',
      '01/06/2026 11:05',
      '✓ Yes',
    ]);
    expect(await cellTexts(signatures.getByRole('row').nth(2))).toEqual([
      'Sam Social Worker',
      "Co-assessor, Children's Social Care",
      '01/06/2026 11:15',
      '✓ Yes',
    ]);
    const record = page.getByRole('table', { name: 'Quality-assurance record, oldest first' });
    expect(await firstCells(record)).toEqual([
      'Submitted for quality assurance',
      'Returned with comments',
      'Submitted for quality assurance',
      'Approved in quality assurance',
      'Signed',
      'Signed',
    ]);
    expect(
      await page.getByText('This version is final: signed by both co-assessors and read-only.').isVisible(),
    ).toBe(true);
    expect(await page.getByRole('form').count()).toBe(0);
    await page.getByText('How to verify a report against this hash').click();
    await closeUp(verified, 'verified');
    await expectAccessible(page, 'final');

    const exportPart = page.getByRole('region', { name: 'Export to Word' });
    expect(await exportPart.getByText('DRAFT — NOT SIGNED OFF').count()).toBe(0);
    reportPath = join(suite.folder, 'aim-report-signed.docx');
    app.host.saveFile = reportPath;
    await exportPart.getByRole('button', { name: 'Export the report (Word)' }).click();
    const exported = e2e.notice(exportPart, 'Report exported');
    await exported.waitFor();
    expect(await exported.getByText(`Saved to ${reportPath}`).isVisible()).toBe(true);
    expect(await exported.getByText('Marked: OFFICIAL-SENSITIVE, final and verified').isVisible()).toBe(true);
    expect(existsSync(reportPath)).toBe(true);
    await closeUp(exportPart, 'export final');

    app.host.saveFile = join(suite.folder, 'chronology.docx');
    await exportPart.getByRole('button', { name: 'Export the case chronology (Word)' }).click();
    await e2e.notice(exportPart, 'Case chronology exported').waitFor();
    expect(await exportPart.getByText(`Saved to ${app.host.saveFile}`).isVisible()).toBe(true);
    expect(existsSync(app.host.saveFile)).toBe(true);
    copyFileSync(app.host.saveFile, join(SHOTS, 'chronology.docx'));

    // A cancelled save dialog saves nothing and says so.
    app.host.saveFile = null;
    await exportPart.getByRole('button', { name: 'Export the report (Word)' }).click();
    await exportPart.getByText('The report was not exported: you closed the save window').waitFor();
  });

  it('renders the exported report through LibreOffice, to look at', async () => {
    const docx = join(SHOTS, 'report.docx');
    copyFileSync(reportPath, docx);
    const pdf = docxToPdf(docx);
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain(CHILD);
    expect(text).toMatch(/Signed by Yas Youth Justice .* unchanged since/);
    expect(text).toContain('What the behaviour meant');
    expect(pdfToPngs(pdf, join(SHOTS, 'report-page')).length).toBeGreaterThan(1);
    const draft = docxToPdf(join(SHOTS, 'draft.docx'));
    expect(pdfText(draft)).toContain('DRAFT — NOT SIGNED OFF');
    pdfToPngs(draft, join(SHOTS, 'draft-page'));
    const chronology = docxToPdf(join(SHOTS, 'chronology.docx'));
    pdfToPngs(chronology, join(SHOTS, 'chronology-page'));
  }, 120_000);

  it('says "Changed after sign-off" in an alert when a signed section is changed directly in the database', async () => {
    const { page } = app;
    const changed = app.workbench
      .db()
      .prepare(
        "UPDATE assessment_sections SET content = replace(content, 'frightened', 'frightenes') WHERE section_key = 'formulation'",
      )
      .run();
    expect(changed.changes).toBe(1);
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await openSignOff(page);
    const alert = page.getByRole('alert').filter({ hasText: 'Changed after sign-off' });
    await alert.waitFor();
    expect(await alert.getByRole('heading').textContent()).toBe('Signatures not verified');
    expect(await alert.getByRole('paragraph').first().textContent()).toMatch(
      /^Changed after sign-off: the assessment’s records no longer match the approved report\.$/,
    );
    expect(
      await page
        .getByRole('region', { name: 'Export to Word' })
        .getByText('every page of the exported report will be marked SIGNATURES NOT VERIFIED')
        .isVisible(),
    ).toBe(true);
    // Each signature still matches the approved content; the page says what that "Yes" does and does not mean.
    expect(
      await page
        .getByRole('region', { name: 'Signatures' })
        .getByText('“Yes” means the signature matches the content that was approved.')
        .isVisible(),
    ).toBe(true);
    await closeUp(alert, 'changed');
    await expectAccessible(page, 'changed after sign-off');
  });

  it('lets an administrator reorder, rename, remove and restore parts of the report format', async () => {
    const { page } = app;
    await e2e.signOutThroughUi(page);
    await e2e.signInThroughUi(page, ADMIN);
    await e2e.goTo(page, 'Report format');
    await e2e.heading(page, 'Report format').waitFor();
    const form = page.getByRole('form', { name: 'Parts of the AIM report' });
    const headingFields = form.getByRole('textbox', { name: /^Heading for / });
    const headings = () =>
      headingFields.evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    // The whole pathway: referral, criteria, category, consultation, strategy and mapping meetings, the
    // assessment, outcome, plans, quality assurance and signatures.
    expect(await headings()).toHaveLength(18);
    expect(await form.getByRole('button', { name: 'Remove Quality assurance' }).count()).toBe(0);
    expect(await form.getByRole('button', { name: 'Remove Signatures and how to verify them' }).count()).toBe(
      0,
    );
    await expectAccessible(page, 'report format');

    // Sources of information (9th) moves up to 8th; focus stays on its Move up button.
    await form.getByRole('button', { name: 'Move up Sources of information' }).click();
    expect((await headings()).slice(6, 9)).toEqual([
      'Reason for the assessment and route',
      'Sources of information',
      'Planning meeting',
    ]);
    expect(
      await form
        .getByRole('button', { name: 'Move up Sources of information' })
        .evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    expect(await e2e.notice(page, 'Sources of information moved up: now part 8 of 18.').count()).toBe(1);

    // The first part has no Move up.
    expect(await form.getByRole('button', { name: 'Move up Referral', exact: true }).count()).toBe(0);

    await form.getByRole('button', { name: 'Remove Planning meeting' }).click();
    expect(await headings()).toHaveLength(17);
    const removed = page.getByRole('region', { name: 'Parts left out of the report' });
    await removed.getByRole('button', { name: 'Add back Planning meeting' }).waitFor();
    await form.getByLabel('Heading for Sessions held').fill('');
    await form.getByRole('button', { name: 'Save the report format' }).click();
    await form.getByRole('link', { name: 'Enter a heading for Sessions held' }).waitFor();
    await closeUp(
      form.getByRole('list').filter({ has: page.getByRole('textbox', { name: /^Heading for / }) }),
      'report format error',
    );
    await expectAccessible(page, 'report format with a problem');

    await form.getByLabel('Heading for Sessions held').fill('Sessions with Riley and the family');
    await removed.getByRole('button', { name: 'Add back Planning meeting' }).click();
    expect(await removed.getByText('None: every part is in the report.').isVisible()).toBe(true);
    // It goes back where the standard format has it, relative to the parts kept.
    expect((await headings()).slice(6, 10)).toEqual([
      'Reason for the assessment and route',
      'Planning meeting',
      'Sources of information',
      'Sessions with Riley and the family',
    ]);
    await form.getByRole('button', { name: 'Remove End meeting' }).click();
    await form.getByRole('button', { name: 'Save the report format' }).click();
    await e2e.notice(page, 'The report format has been saved.').waitFor();
    const saved = await call('reports.template', {});
    // Every part in the default order, less the end meeting just removed.
    expect(saved.parts.map((p) => p.part)).toEqual(REPORT_PARTS.filter((p) => p !== 'end-meeting'));
    expect(saved.parts[9]?.heading).toBe('Sessions with Riley and the family');
    await expectAccessible(page, 'report format saved');
    expect(app.outsideRequests).toEqual([]);
    expect(screensChecked).toHaveLength(14);
  });
});
