import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RichText } from '#domain/assessment/rich-text.ts';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { SW, YOS } from './setup.ts';

// Pasting into a narrative section of an AIM assessment, in Chromium against the real router. Text copied
// from a web page or a Word document arrives as HTML: the editor keeps what rich text can hold (bold, a
// list, paragraphs) and the words themselves, and nothing else — a script does not run and is not kept, an
// image's error handler never fires, and what is saved is the rich text data, never HTML.

/** Thursday 07/05/2026 09:00 in London (BST). */
const NOW = new Date('2026-05-07T08:00:00Z');
const CHILD = 'Riley Pasted';

/** What a person copies: bold words, a bulleted list, and what a hostile page might hide among them. */
const PASTED_HTML = [
  '<meta charset="utf-8"><style>p { color: red }</style>',
  '<p>Riley said <b>he knew it was wrong</b> when asked.</p>',
  '<script>window.pastedScriptRan = true;</script>',
  '<ul><li>School report</li><li>Police <strong>account</strong></li></ul>',
  '<p>End of notes<img src="missing.png" onerror="window.pastedImageErrorRan = true"></p>',
].join('');
const PASTED_PLAIN =
  'Riley said he knew it was wrong when asked.\nSchool report\nPolice account\nEnd of notes';

const suite = e2e.browserFile('hsb-paste-e2e-', { now: NOW });
let app: WorkbenchPage;
let assessmentId = '';
const cspMessages: string[] = [];

const { call } = suite;

/** The page's own constructors (this file is type-checked without the DOM's types). */
interface PageGlobals {
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => unknown;
}

/** Pastes as the browser does: a paste event carrying the clipboard's HTML and plain text. */
async function paste(page: Page, html: string, plain: string) {
  await page.getByRole('textbox', { name: 'Formulation' }).evaluate(
    (editor, [h, p]) => {
      const g = globalThis as unknown as PageGlobals;
      const clipboardData = new g.DataTransfer();
      clipboardData.setData('text/html', h ?? '');
      clipboardData.setData('text/plain', p ?? '');
      const event = new g.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
      (editor as unknown as { dispatchEvent(e: unknown): boolean }).dispatchEvent(event);
    },
    [html, plain],
  );
}

beforeAll(async () => {
  app = suite.app;
  app.page.on('console', (message) => {
    if (/^Refused to /.test(message.text())) cspMessages.push(message.text());
  });
  const { ids, hsbCase } = await e2e.setUpTeamAndCase(call, {
    child: { name: CHILD, dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
  });
  const started = await e2e.startAimAssessment(call, {
    caseId: hsbCase.id,
    decisionAt: '2026-05-05T10:00:00+01:00',
    leadAssessorId: ids[SW.username] ?? '',
    coAssessorId: ids[YOS.username] ?? '',
  });
  assessmentId = started.id;
  await e2e.signOutAndReload(app, SW);
});

describe('pasting into a narrative section', () => {
  it('keeps bold, the list and the words of pasted HTML, and drops the script and the image', async () => {
    const { page } = app;
    await e2e.openAssessment(page, CHILD);

    const section = page.getByRole('region', { name: 'Formulation', exact: true });
    await section.getByRole('button', { name: 'Edit Formulation' }).click();
    const editor = section.getByRole('textbox', { name: 'Formulation' });
    await editor.click();
    await paste(page, PASTED_HTML, PASTED_PLAIN);

    // In the editor: the list as a list, nothing of the script or the image.
    await editor.getByRole('listitem').filter({ hasText: 'School report' }).waitFor();
    expect(await editor.getByRole('listitem').allTextContents()).toEqual(['School report', 'Police account']);
    expect(await editor.getByRole('img').count()).toBe(0);
    const typed = await editor.textContent();
    expect(typed).not.toContain('pastedScriptRan');
    expect(typed).not.toContain('color: red');

    await section.getByRole('button', { name: 'Save Formulation' }).click();
    await section.getByText('Formulation has been saved.').waitFor();

    // Saved as rich text data: the formatting a person can see, the words, nothing else.
    const view = await call('assessments.get', { id: assessmentId });
    const saved = view.sections.find((s) => s.key === 'formulation')?.content as RichText;
    expect(saved).toEqual({
      blocks: [
        {
          type: 'paragraph',
          runs: [
            { text: 'Riley said ' },
            { text: 'he knew it was wrong', bold: true },
            { text: ' when asked.' },
          ],
        },
        { type: 'bullet', runs: [{ text: 'School report' }] },
        { type: 'bullet', runs: [{ text: 'Police ' }, { text: 'account', bold: true }] },
        { type: 'paragraph', runs: [{ text: 'End of notes' }] },
      ],
    });
    // Shown back the same way once saved.
    const shown = page.getByRole('region', { name: 'Formulation', exact: true });
    expect(await shown.getByRole('listitem').allTextContents()).toEqual(['School report', 'Police account']);
    await shown.getByText('he knew it was wrong', { exact: true }).waitFor();

    // Neither the script nor the image's error handler ran, and nothing needed an inline style or script.
    expect(
      await page.evaluate(() => 'pastedScriptRan' in globalThis || 'pastedImageErrorRan' in globalThis),
    ).toBe(false);
    expect(cspMessages).toEqual([]);
  });
});
