import { createHash, randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { formatDay, londonDay, londonTime } from '#domain/dates.ts';
import { chronologicalOrder, exactDaySpan } from '#domain/event-order.ts';
import { placeDate } from '#domain/pattern-map/uncertain-date.ts';
import {
  currentTemplate,
  DEFAULT_REPORT_TEMPLATE,
  type ReportTemplate,
  ReportTemplateSchema,
} from '#domain/sign-off/report-template.ts';
import { type ReportState, STATE_LABELS } from '#domain/sign-off/states.ts';
import { caseChronologyDocx } from '#export/case-chronology-docx.ts';
import { reportDocx } from '#export/report-docx.ts';
import { assessmentsOfCase } from '#store/assessments.ts';
import { caseNotesOf } from '#store/case-notes.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { caseEvents, deadlinesOfCase } from '#store/deadlines.ts';
import { itemsOfCase, reportMapImageOf } from '#store/pattern-map.ts';
import { insertReportExport, signaturesOf, signingKeyById, transitionsOf } from '#store/sign-off.ts';
import { requireAssessment } from '../assessments/view.ts';
import { namesById } from '../deadlines.ts';
import { saveExportFile } from '../export-file.ts';
import { isPng, requirePng } from '../png.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { buildReportPathway, pathwayChronology } from './pathway-content.ts';
import { buildReportContent, type ReportContent } from './report-content.ts';
import { verifySignatures } from './sign-off.ts';

const TEMPLATE_KEY = 'reportTemplate';

export function reportTemplate(db: Db): ReportTemplate {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(TEMPLATE_KEY) as
    | { value: string }
    | undefined;
  const parsed = row ? ReportTemplateSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? currentTemplate(parsed.data) : DEFAULT_REPORT_TEMPLATE;
}

export function updateReportTemplate(
  wb: Workbench,
  req: ParsedRequest<'reports.updateTemplate'>,
): ReportTemplate {
  return wb.write((db, audit) => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(TEMPLATE_KEY, JSON.stringify({ ...req, formatVersion: 2 }));
    audit({
      action: 'report.template',
      recordType: 'settings',
      recordId: TEMPLATE_KEY,
      summary: `changed the report format (${req.parts.length} parts)`,
    });
    return reportTemplate(db);
  });
}

const STEP_WORDS: Record<string, string> = {
  submit: 'Submitted for quality assurance',
  return: 'Returned with comments',
  approve: 'Approved',
  sign: 'Signed',
};

/**
 * Exports the AIM report as Word. A final, verified report is exported exactly as signed (from the
 * approved content); anything else carries a watermark on every page; every export is audited.
 */
export async function exportReport(wb: Workbench, req: ParsedRequest<'reports.export'>) {
  const startedIn = wb.signedIn();
  const { user, keys } = startedIn;
  const db = wb.db();
  const a = requireAssessment(db, req.assessmentId);
  const hsbCase = findCase(db, a.caseId);
  // The report is shared by its co-assessors and the case's managers, not by anyone with access to cases.
  if (user.id !== a.leadAssessorId && user.id !== a.coAssessorId && !hsbCase?.managerIds.includes(user.id)) {
    throw new WorkbenchError(
      'forbidden',
      'Only the two co-assessors and the case’s managers can export this report.',
    );
  }
  const names = namesById(db);
  const verified = verifySignatures(db, a, keys.auditKey);
  // The picture sent with the request, or the one chosen on the map screen for the report.
  let mapPng: Buffer | null = null;
  if (req.mapPngBase64) {
    mapPng = Buffer.from(req.mapPngBase64, 'base64');
    requirePng(mapPng, 'mapPngBase64');
  } else {
    // A picture saved before pictures were checked in full may be damaged: the report goes out without it.
    const chosen = reportMapImageOf(db, a.caseId)?.png ?? null;
    mapPng = chosen && isPng(chosen) ? chosen : null;
  }
  const changed = verified.verification.status === 'changed';
  const final = a.state === 'final' && verified.verification.status === 'verified';
  const watermark = changed
    ? 'SIGNATURES NOT VERIFIED — CHANGED AFTER SIGN-OFF'
    : final
      ? null
      : 'DRAFT — NOT SIGNED OFF';
  // What was signed is what is exported: the approved content when there is one.
  const content: ReportContent =
    verified.storedContent && !changed ? verified.storedContent : buildReportContent(db, a);
  const now = wb.now();
  const transitions = transitionsOf(db, a.id);
  const buffer = await reportDocx(content, {
    template: reportTemplate(db),
    stateLabel: STATE_LABELS[a.state as ReportState] ?? a.state,
    watermark,
    verificationMessage: verified.verification.message,
    contentHash: verified.snapshot?.contentHash ?? null,
    qualityAssurance: transitions.map((t) => ({
      action: STEP_WORDS[t.action] ?? t.action,
      byName: names.get(t.by) ?? t.by,
      at: t.at,
      comments: t.comments,
    })),
    signatures: signaturesOf(db, a.id).map((s, i) => {
      const key = signingKeyById(db, s.signingKeyId);
      return {
        signerName: verified.signatures[i]?.signerName ?? s.signerId,
        role: verified.signatures[i]?.role ?? '',
        signedAt: s.signedAt,
        verified: verified.signatures[i]?.verified ?? false,
        publicKeyFingerprint: key
          ? createHash('sha256').update(Buffer.from(key.publicKey, 'base64')).digest('hex').slice(0, 16)
          : '',
      };
    }),
    approval: approvalOf(transitions, names),
    exportedOn: londonDay(now.toISOString()),
    exportedBy: user.name,
    mapPng,
  });
  const marking = watermark ?? 'OFFICIAL-SENSITIVE, final and verified';
  const path = await wb.host.chooseSaveFile(
    `aim-report-${content.context.case.reference}-v${a.versionNo}${final ? '' : '-DRAFT'}.docx`,
  );
  if (!path) return null;
  saveExportFile(wb, {
    startedIn,
    caseId: a.caseId,
    path,
    content: buffer,
    what: `the AIM report, version ${a.versionNo}`,
    audit: {
      action: 'report.export',
      recordType: 'assessment',
      recordId: a.id,
      summary: `exported the AIM report, version ${a.versionNo} (${marking}), to ${path}`,
    },
    record: reportExportRecord({
      assessmentId: a.id,
      caseId: a.caseId,
      kind: 'aim-report',
      versionNo: a.versionNo,
      marking,
      savedTo: path,
      at: now.toISOString(),
      by: user.id,
    }),
  });
  return { savedTo: path, marking };
}

/** The manager's approval that stands: the latest, unless the report was returned or resubmitted after it. */
function approvalOf(transitions: ReturnType<typeof transitionsOf>, names: Map<string, string>) {
  const last = transitions.findLast((t) => t.action !== 'sign');
  return last?.action === 'approve' ? { byName: names.get(last.by) ?? last.by, at: last.at } : null;
}

/** The `report_exports` row an export of a report or chronology records, in the export's own transaction. */
function reportExportRecord(row: Omit<Parameters<typeof insertReportExport>[1], 'id'>) {
  const id = randomUUID();
  return {
    table: 'report_exports' as const,
    id,
    insert: (store: Db) => insertReportExport(store, { id, ...row }),
  };
}

export async function exportCaseChronology(wb: Workbench, req: ParsedRequest<'reports.exportChronology'>) {
  const startedIn = wb.signedIn();
  const { user } = startedIn;
  const db = wb.db();
  const hsbCase = findCase(db, req.caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  const allocated = [hsbCase.socialWorkerId, hsbCase.yosPractitionerId, ...hsbCase.managerIds];
  if (!allocated.includes(user.id)) {
    throw new WorkbenchError(
      'forbidden',
      'Only the people allocated to the case (its social worker, YOS practitioner and managers) can export its chronology.',
    );
  }
  const names = namesById(db);
  const at = (iso: string) => {
    const time = londonTime(iso);
    return {
      id: iso,
      createdAt: iso,
      span: exactDaySpan(londonDay(iso)),
      when: time === '00:00' ? formatDay(londonDay(iso)) : `${formatDay(londonDay(iso))} ${time}`,
      approximate: false,
    };
  };
  const onDay = (day: string) => ({
    id: day,
    createdAt: day,
    span: exactDaySpan(day),
    when: formatDay(day),
    approximate: false,
  });
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  const eventLabel = (id: string) =>
    profile.triggerEvents.find((e) => e.id === id)?.label ?? id.replace(/-/g, ' ');
  const rows = chronologicalOrder([
    {
      ...at(hsbCase.openedAt),
      kind: 'Case opened',
      what: `${hsbCase.reference} opened`,
      source: names.get(hsbCase.openedBy) ?? '',
    },
    ...caseEvents(db, hsbCase.id).map((e) => ({
      ...at(e.occurredAt),
      kind: 'Pathway step',
      what: `${e.event === 'category-agreed' ? 'Risk category agreed' : eventLabel(e.event)}${(e.details as { summary?: string }).summary ? `: ${(e.details as { summary?: string }).summary}` : ''}`,
      source: names.get(e.recordedBy) ?? '',
    })),
    ...deadlinesOfCase(db, hsbCase.id).flatMap((d) =>
      d.metAt ? [{ ...at(d.metAt), kind: 'Deadline met', what: d.label, source: '' }] : [],
    ),
    ...assessmentsOfCase(db, hsbCase.id).flatMap((a) => [
      {
        ...at(a.decisionAt),
        kind: 'Assessment',
        what: `Decision to assess (${a.framework.name}, version ${a.versionNo}, ${a.route} route)`,
        source: names.get(a.startedBy) ?? '',
      },
      ...transitionsOf(db, a.id).map((t) => ({
        ...at(t.at),
        kind: 'Sign-off',
        what: `${STEP_WORDS[t.action] ?? t.action}${t.comments ? `: ${t.comments}` : ''}`,
        source: names.get(t.by) ?? '',
      })),
    ]),
    // The concern, the consultation, strategy and mapping meetings and the plans, as the report tells them.
    ...pathwayChronology(buildReportPathway(db, hsbCase.id, profile, (id) => names.get(id) ?? id)).map(
      (r) => ({
        ...(r.at.length > 10 ? at(r.at) : onDay(r.at)),
        kind: r.kind,
        what: r.what,
        source: r.source,
      }),
    ),
    // Case notes (issue 14) on the day of the event, in the same order as everything else.
    ...caseNotesOf(db, hsbCase.id).map((n) => ({
      ...onDay(n.eventDay),
      id: n.id,
      createdAt: n.recordedAt,
      kind: 'Case note',
      what: n.text,
      source: names.get(n.recordedBy) ?? '',
    })),
    ...itemsOfCase(db, hsbCase.id).map((i) => {
      const span = placeDate(i.date, child.dateOfBirth);
      return {
        id: i.id,
        createdAt: i.createdAt,
        span,
        when: span.label,
        approximate: span.approximate,
        kind: i.kind === 'incident' ? 'Incident' : 'Life event',
        what: i.what,
        source: AGENCY_LABELS[i.sourceAgency as Agency] ?? i.sourceAgency,
      };
    }),
  ]);
  const now = wb.now();
  const buffer = await caseChronologyDocx({ childName: child.name, caseReference: hsbCase.reference }, rows, {
    on: londonDay(now.toISOString()),
    by: user.name,
  });
  const path = await wb.host.chooseSaveFile(`case-chronology-${hsbCase.reference}.docx`);
  if (!path) return null;
  saveExportFile(wb, {
    startedIn,
    caseId: hsbCase.id,
    path,
    content: buffer,
    what: 'the case chronology',
    audit: {
      action: 'report.export-chronology',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `exported the case chronology to ${path}`,
    },
    record: reportExportRecord({
      assessmentId: null,
      caseId: hsbCase.id,
      kind: 'case-chronology',
      versionNo: null,
      marking: 'OFFICIAL-SENSITIVE',
      savedTo: path,
      at: now.toISOString(),
      by: user.id,
    }),
  });
  return { savedTo: path };
}
