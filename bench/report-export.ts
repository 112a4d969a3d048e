import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxToPdf, pdfPageCount } from '../test/support/libreoffice.ts';
import { harness, openCaseFor, SW_PASSWORD, seededTeam } from '../test/support/workbench.ts';

// Exporting a large AIM report: long narrative sections, many domain items and a 500-item chronology.

const ITEMS = 500;

export async function benchReportExport(): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'hsb-bench-report-'));
  const h = harness(folder, { start: new Date('2026-06-01T09:00:00+01:00') });
  try {
    const team = await seededTeam(h);
    // Managed by the administrator, who adds the chronology: only people on the case may change it.
    const hsbCase = await openCaseFor(h, team, { name: 'Bench Child', dateOfBirth: '2010-01-01' });
    for (let i = 0; i < ITEMS; i++) {
      const day = `${2011 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      await h.call('map.addItem', {
        caseId: hsbCase.id,
        item: {
          kind: 'life-event',
          lane: ['family', 'education', 'health', 'online'][i % 4] ?? 'other',
          what: `Event ${i}: a move, an exclusion or an appointment, described in a sentence or two for the chronology.`,
          people: [],
          place: 'Preston',
          date: { precision: 'day', day },
          sourceAgency: 'education',
          sourceDetail: '',
        },
      });
    }
    const a = await h.call('assessments.start', {
      caseId: hsbCase.id,
      frameworkId: 'aim3',
      route: 'welfare',
      reasons: 'Benchmark',
      qualityReviewNotified: '',
      decisionAt: '2026-05-20T10:00:00+01:00',
      facts: {},
      proceedReason: 'Benchmark',
      leadAssessorId: team.yos.id,
      coAssessorId: team.socialWorker.id,
    });
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    const paragraph =
      'The assessors considered the information from school, health and the family, and what Riley said in the sessions. '.repeat(
        5,
      );
    for (const key of [
      'needs-met',
      'views',
      'strengths-protective',
      'formulation',
      'recommendations',
      'intervention-targets',
      'supervision',
    ]) {
      await h.call('assessments.saveSection', {
        assessmentId: a.id,
        sectionKey: key,
        expectedVersion: 0,
        content: {
          blocks: Array.from({ length: 70 }, (_, j) => ({
            type: j % 10 === 0 ? ('heading' as const) : ('paragraph' as const),
            runs: [{ text: j % 10 === 0 ? `Part ${j / 10 + 1}` : paragraph }],
          })),
        },
      });
    }
    const out = join(folder, 'large-report.docx');
    h.host.saveFile = out;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await h.call('reports.export', { assessmentId: a.id });
      runs.push(performance.now() - t);
    }
    const pages = pdfPageCount(docxToPdf(out));
    const median = [...runs].sort((x, y) => x - y)[1] ?? 0;
    return [
      `report export: ${pages} pages, ${ITEMS}-item chronology, ${(statSync(out).size / 1024).toFixed(0)} KiB: median ${median.toFixed(0)} ms of 3 (${runs.map((r) => r.toFixed(0)).join(', ')} ms) through the IPC router`,
    ];
  } finally {
    h.wb.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
