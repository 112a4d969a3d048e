import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxParts } from '../../support/docx-xml.ts';
import { tableFingerprint } from '../../support/store-dump.ts';
import { tempFolder } from '../../support/temp.ts';
import { type Harness, harness, seededTeam } from '../../support/workbench.ts';
import { as, openCase, startRequest, type Team } from './support.ts';

// Issue 12, "The AIM outcome is whole": AIM3 records its overall levels (concern and strengths), not only
// AIM2 its single outcome.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let team: Team;

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-11-26T10:00:00Z') });
  team = await seededTeam(h);
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

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
