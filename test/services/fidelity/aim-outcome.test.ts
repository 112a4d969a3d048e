import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../../support/each-test.ts';
import { tableFingerprint } from '../../support/store-dump.ts';
import type { Harness } from '../../support/workbench.ts';
import { as, openCase, startRequest, type Team } from './support.ts';

// Issue 12, "The AIM outcome is whole": AIM3 records its overall levels (concern and strengths), not only
// AIM2 its single outcome.

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ folder, h, team } = w));

describe('AIM3 overall levels', () => {
  it('a co-assessor records the overall level of concern and of strengths, audited, and the report shows both', async () => {
    // Caught before: AIM3 defined no outcome, so neither level could be recorded at all.
    const caseId = await openCase(h, team, 'lancashire');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    expect(a.outcomeLevels).toEqual([
      { id: 'concern', label: 'Overall level of concern', value: null, valueLabel: null },
      { id: 'strengths', label: 'Overall level of strengths', value: null, valueLabel: null },
    ]);
    await as(h, 'sam.sw');
    const before = tableFingerprint(h.wb.db());
    expect(await h.refuse('assessments.setOutcome', { assessmentId: a.id, outcome: 'high' })).toMatchObject({
      code: 'invalid-request',
      message:
        'Say which overall level you are recording: overall level of concern or overall level of strengths.',
      problems: [{ path: 'level', message: 'is not a level of this framework' }],
    });
    expect(
      await h.refuse('assessments.setOutcome', { assessmentId: a.id, outcome: 'severe', level: 'concern' }),
    ).toMatchObject({
      problems: [{ path: 'outcome', message: 'is not a choice for the overall level of concern' }],
    });
    expect(tableFingerprint(h.wb.db())).toBe(before);

    await h.call('assessments.setOutcome', { assessmentId: a.id, outcome: 'high', level: 'concern' });
    await as(h, 'yas.yos');
    const view = await h.call('assessments.setOutcome', {
      assessmentId: a.id,
      outcome: 'low',
      level: 'strengths',
    });
    expect(view.outcomeLevels.map((l) => [l.id, l.valueLabel])).toEqual([
      ['concern', 'High'],
      ['strengths', 'Low'],
    ]);
    await as(h, 'admin');
    const trail = (await h.call('audit.recent', { limit: 50 })).filter(
      (e) => e.action === 'assessment.outcome',
    );
    expect(trail.map((e) => e.summary).sort()).toEqual([
      'set the overall level of concern to high',
      'set the overall level of strengths to low',
    ]);

    // The report says both levels.
    await as(h, 'sam.sw');
    h.host.saveFile = join(folder.path, 'report.docx');
    await h.call('reports.export', { assessmentId: a.id });
    const text = Object.values(docxParts(h.host.saveFile)).join('');
    expect(text).toContain('Overall level of concern: High; Overall level of strengths: Low');
  });
});
