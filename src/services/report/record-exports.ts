import { randomUUID } from 'node:crypto';
import { HeadingLevel, Paragraph } from 'docx';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { formatDay, londonDay, londonTime } from '#domain/dates.ts';
import { literal } from '#export/marking.ts';
import { lines, meetingBlocks } from '#export/meeting-docx.ts';
import { type RecordSection, recordDocx } from '#export/record-docx.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { insertReportExport } from '#store/sign-off.ts';
import { saveExportFile } from '../export-file.ts';
import { pathwaySummary } from '../pathway/summary.ts';
import type { Session, Workbench } from '../workbench.ts';

// Word exports of single pathway records: a strategy discussion or meeting, and a hub consultation.

const when = (iso: string) => `${formatDay(londonDay(iso))} ${londonTime(iso)}`;

function allocatedCase(db: Db, caseId: string, userId: string) {
  const hsbCase = findCase(db, caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  if (![hsbCase.socialWorkerId, hsbCase.yosPractitionerId, ...hsbCase.managerIds].includes(userId)) {
    throw new WorkbenchError(
      'forbidden',
      'Only the people allocated to the case (its social worker, YOS practitioner and managers) can export its records.',
    );
  }
  return { hsbCase, child };
}

/** A record exported to Word: drawn, then saved through the save dialog and audited. */
async function saveRecord(
  wb: Workbench,
  startedIn: Extract<Session, { state: 'signed-in' }>,
  r: {
    caseId: string;
    kind: string;
    title: string;
    subtitle: string;
    sections: Parameters<typeof recordDocx>[2];
    fileName: string;
    what: string;
  },
) {
  const buffer = await recordDocx(r.title, r.subtitle, r.sections, {
    on: londonDay(wb.now().toISOString()),
    by: startedIn.user.name,
  });
  return save(wb, startedIn, r.caseId, r.kind, r.fileName, buffer, r.what);
}

async function save(
  wb: Workbench,
  startedIn: Extract<Session, { state: 'signed-in' }>,
  caseId: string,
  kind: string,
  suggested: string,
  buffer: Buffer,
  what: string,
) {
  const { user } = startedIn;
  const path = await wb.host.chooseSaveFile(suggested);
  if (!path) return null;
  const now = wb.now().toISOString();
  const exportId = randomUUID();
  saveExportFile(wb, {
    startedIn,
    caseId,
    path,
    content: buffer,
    what,
    audit: {
      action: `report.export-${kind}`,
      recordType: 'case',
      recordId: caseId,
      summary: `exported ${what} to ${path}`,
    },
    record: {
      table: 'report_exports',
      id: exportId,
      insert: (db) =>
        insertReportExport(db, {
          id: exportId,
          assessmentId: null,
          caseId,
          kind,
          versionNo: null,
          marking: 'OFFICIAL-SENSITIVE',
          savedTo: path,
          at: now,
          by: user.id,
        }),
    },
  });
  return { savedTo: path };
}

export async function exportStrategyMeeting(
  wb: Workbench,
  req: ParsedRequest<'reports.exportStrategyMeeting'>,
) {
  const startedIn = wb.signedIn();
  const { user } = startedIn;
  const db = wb.db();
  const { hsbCase, child } = allocatedCase(db, req.caseId, user.id);
  const m = pathwaySummary(wb, req.caseId).meetings.find((x) => x.id === req.meetingId);
  if (!m) throw new WorkbenchError('not-found', 'That strategy meeting is not on this case.');
  const s47 = m.details.s47Type;
  const sections: RecordSection[] = [
    {
      heading: 'The meeting',
      blocks: meetingBlocks(m, {
        heading: null,
        level: HeadingLevel.HEADING_2,
        own: [
          ['Type', m.typeLabel],
          ['Why it was held', m.trigger],
          ['Hackett category agreed', m.categoryLabel],
          ['Recorded by', m.recordedByName],
        ],
        after: (sub) => [
          new Paragraph({ heading: sub, children: [literal('Outcome')] }),
          lines([
            ['Outcomes', m.outcomes.join('; ')],
            ['Section 47', s47 ? (s47 === 'joint' ? 'Joint with police' : 'Single agency') : ''],
            ['Lead agency', m.details.leadAgency],
            [
              'Follow-up strategy meeting',
              m.details.followUpWorkingDays ? `Within ${m.details.followUpWorkingDays} working days` : '',
            ],
            ['Rationale', m.details.rationale],
          ]),
        ],
      }),
    },
  ];
  return saveRecord(wb, startedIn, {
    caseId: hsbCase.id,
    kind: 'strategy-meeting',
    title: `${m.typeLabel} record`,
    subtitle: `${child.name}, case ${hsbCase.reference}`,
    sections,
    fileName: `strategy-meeting-${hsbCase.reference}-${londonDay(m.heldAt)}.docx`,
    what: `the ${m.typeLabel.toLowerCase()} record of ${formatDay(londonDay(m.heldAt))}`,
  });
}

export async function exportConsultation(wb: Workbench, req: ParsedRequest<'reports.exportConsultation'>) {
  const startedIn = wb.signedIn();
  const { user } = startedIn;
  const db = wb.db();
  const { hsbCase, child } = allocatedCase(db, req.caseId, user.id);
  const summary = pathwaySummary(wb, req.caseId);
  const c = summary.consultations.find((x) => x.id === req.consultationId);
  if (!c) throw new WorkbenchError('not-found', 'That consultation is not on this case.');
  const sections: RecordSection[] = [
    {
      heading: 'Request',
      lines: [
        ['Requested', when(c.requestedAt)],
        ['Requested by', c.requestedByName],
        ['Manager who agreed it', c.managerName],
        ['What it is for', c.request],
        ['State', c.stateLabel],
      ],
    },
    {
      heading: `Screening by the ${summary.terms.hub}`,
      lines: c.screening
        ? [
            ['Decision', c.screening.decision === 'accept' ? 'Accepted' : 'Declined'],
            ['Rationale', c.screening.rationale],
            ['By', c.screening.byName],
            ['When', when(c.screening.at)],
          ]
        : [['Decision', 'Not screened yet']],
    },
    c.meeting
      ? {
          heading: 'Consultation',
          blocks: meetingBlocks(c.meeting, {
            heading: null,
            level: HeadingLevel.HEADING_2,
            own: [
              ['The behaviour is', c.meeting.outcome],
              ['Resources shared', c.meeting.resourcesShared],
              ['Next steps', c.meeting.nextSteps.join('; ')],
              ['Notes', c.meeting.notes],
            ],
          }),
        }
      : { heading: 'Consultation', lines: [['Held', 'Not held yet']] },
  ];
  return saveRecord(wb, startedIn, {
    caseId: hsbCase.id,
    kind: 'consultation',
    title: `Consultation record (${summary.terms.hub})`,
    subtitle: `${child.name}, case ${hsbCase.reference}`,
    sections,
    fileName: `consultation-${hsbCase.reference}-${londonDay(c.requestedAt)}.docx`,
    what: 'the consultation record',
  });
}
