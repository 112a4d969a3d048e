import type { CallResponse } from '#contract/calls.ts';
import { parseReturnComments, returnParts, WHOLE_ASSESSMENT } from '#domain/assessment/returns.ts';
import { isHubStaff } from '#domain/case-access.ts';
import { formatDay, londonDay } from '#domain/dates.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { requireAssessment } from './assessments/view.ts';
import { mayAccessCase } from './case-access.ts';
import { signOffStatus } from './report/sign-off.ts';
import type { Workbench } from './workbench.ts';

/**
 * My work as an inbox: what is waiting for this person, by the roles they hold on each case — a
 * consultation request to screen (hub), an assessment to quality-assure (the case's managers), work
 * returned with the manager's comments, independent ratings to finish, agreements to confirm and
 * signatures to give (co-assessors), and strategy meeting actions they own. Each item names the place
 * where it is done. Only cases the person may open are read.
 */
export type InboxItem = CallResponse<'work.inbox'>[number];

const PER_ASSESSMENT = `SELECT a.id, a.case_id AS caseId, a.state, a.lead_assessor_id AS lead,
  a.co_assessor_id AS co, a.version_no AS versionNo FROM assessments a
  WHERE a.state IN ('in-progress', 'submitted', 'approved')`;

interface AssessmentFacts {
  id: string;
  caseId: string;
  state: string;
  lead: string;
  co: string;
  versionNo: number;
}

export function inbox(wb: Workbench): InboxItem[] {
  const { user } = wb.signedIn();
  const db = wb.db();
  const may = new Map<string, boolean>();
  const readable = (caseId: string) => {
    if (!may.has(caseId)) may.set(caseId, mayAccessCase(wb, db, caseId));
    return may.get(caseId) === true;
  };
  const items: Omit<InboxItem, 'caseReference' | 'childName'>[] = [];

  if (isHubStaff(user)) {
    const requests = db
      .prepare(
        `SELECT c.id, c.case_id AS caseId, c.requested_at AS at, u.name AS byName FROM consultations c
         JOIN users u ON u.id = c.requested_by WHERE c.state = 'requested' ORDER BY c.requested_at`,
      )
      .all() as { id: string; caseId: string; at: string; byName: string }[];
    for (const r of requests) {
      items.push({
        kind: 'screen-consultation',
        caseId: r.caseId,
        title: 'Screen the consultation request',
        detail: `Requested by ${r.byName} on ${formatDay(londonDay(r.at))}.`,
        since: r.at,
        due: null,
        place: { screen: 'hsb-consultation', id: r.caseId },
      });
    }
  }

  const assessments = db.prepare(PER_ASSESSMENT).all() as AssessmentFacts[];
  const managing = new Set(
    (
      db.prepare('SELECT case_id AS id FROM case_managers WHERE user_id = ?').all(user.id) as { id: string }[]
    ).map((r) => r.id),
  );
  for (const a of assessments) {
    const coAssessor = a.lead === user.id || a.co === user.id;
    if (!coAssessor && !managing.has(a.caseId)) continue;
    const last = lastTransition(db, a.id);
    // An item on this assessment, since its last step unless said otherwise.
    const forAssessment = (
      kind: InboxItem['kind'],
      screen: 'assessment' | 'sign-off',
      title: string,
      detail: string,
      since = last?.at ?? '',
    ) => items.push({ kind, caseId: a.caseId, title, detail, since, due: null, place: { screen, id: a.id } });
    // Who may approve or sign is the sign-off's own decision (the profile's rules included), not guessed
    // here; asked only where an approval or a signature is waiting (the status verifies signatures, and
    // a final or replaced version waits for nothing).
    const allowed =
      a.state === 'submitted' || a.state === 'approved' ? signOffStatus(wb, a.id).allowed : null;
    if (a.state === 'submitted' && allowed?.approve) {
      forAssessment(
        'quality-assure',
        'sign-off',
        'Quality-assure the assessment',
        `Version ${a.versionNo}, submitted by ${last?.byName ?? 'a co-assessor'}.`,
      );
    }
    if (!coAssessor) continue;
    if (a.state === 'in-progress' && last?.action === 'return') {
      forAssessment('returned', 'assessment', 'Returned with comments', returnedDetail(db, a.id, last));
    }
    if (a.state === 'approved' && allowed?.sign) {
      forAssessment(
        'sign',
        'sign-off',
        'Sign the approved assessment',
        `Version ${a.versionNo}, approved by ${last?.byName ?? 'a manager'}.`,
      );
    }
    if (a.state !== 'in-progress') continue;
    const open = domainsToFinish(db, a.id, user.id);
    if (open.length > 0) {
      forAssessment(
        'finish-ratings',
        'assessment',
        'Finish your independent ratings',
        `Items you have not finished rating in ${listInWords(open)}.`,
        '',
      );
    }
    const toConfirm = proposalsToConfirm(db, a.id, user.id);
    if (toConfirm.length > 0) {
      forAssessment(
        'confirm-agreement',
        'assessment',
        'Confirm the agreed positions proposed to you',
        `${toConfirm.length} proposed by your co-assessor: ${toConfirm.slice(0, 3).join('; ')}${toConfirm.length > 3 ? '; …' : ''}.`,
        '',
      );
    }
  }

  const meetings = db
    .prepare(
      'SELECT case_id AS caseId, held_at AS heldAt, type, actions FROM strategy_meetings ORDER BY held_at',
    )
    .all() as { caseId: string; heldAt: string; type: string; actions: string }[];
  const me = user.name.trim().toLowerCase();
  for (const m of meetings) {
    for (const action of JSON.parse(m.actions) as {
      text: string;
      owner: string;
      due: string | null;
      done: boolean;
    }[]) {
      if (action.done || action.owner.trim().toLowerCase() !== me) continue;
      items.push({
        kind: 'meeting-action',
        caseId: m.caseId,
        title: action.text,
        detail: `An action for you from the strategy ${m.type} on ${formatDay(londonDay(m.heldAt))}.`,
        since: m.heldAt,
        due: action.due,
        place: { screen: 'hsb-meetings', id: m.caseId },
      });
    }
  }

  return items
    .filter((i) => readable(i.caseId))
    .flatMap((i) => {
      const hsbCase = findCase(db, i.caseId);
      if (hsbCase?.status !== 'open') return [];
      return [
        { ...i, caseReference: hsbCase.reference, childName: findChild(db, hsbCase.childId)?.name ?? '' },
      ];
    });
}

function lastTransition(db: Db, assessmentId: string) {
  return db
    .prepare(
      `SELECT t.action, t.comments, t.section_comments AS sectionComments, t.at, u.name AS byName FROM report_transitions t JOIN users u ON u.id = t.by
       WHERE t.assessment_id = ? ORDER BY t.at DESC, t.rowid DESC LIMIT 1`,
    )
    .get(assessmentId) as
    | { action: string; comments: string; sectionComments: string; at: string; byName: string }
    | undefined;
}

/** The manager's comments on returned work, each with the part of the assessment it is about. */
function returnedDetail(db: Db, assessmentId: string, last: NonNullable<ReturnType<typeof lastTransition>>) {
  const onParts = parseReturnComments(last.sectionComments);
  if (onParts.every((c) => c.about === WHOLE_ASSESSMENT))
    return last.comments ? `${last.byName}: “${last.comments}”` : `Returned by ${last.byName}.`;
  const parts = returnParts(requireAssessment(db, assessmentId).framework);
  const label = (about: string) => parts.find((p) => p.about === about)?.label ?? about;
  return `${last.byName}: ${onParts.map((c) => `${label(c.about)} — “${c.comment}”`).join('; ')}`;
}

/**
 * The names of the domains holding items that this assessor has not yet finished rating independently,
 * in the framework's order, so the person knows where on the assessment page to go.
 */
function domainsToFinish(db: Db, assessmentId: string, userId: string): string[] {
  const open = new Set(
    (
      db
        .prepare(
          `SELECT DISTINCT i.domain_id AS id FROM assessment_items i
           WHERE i.assessment_id = ? AND NOT EXISTS (
             SELECT 1 FROM domain_progress p
             WHERE p.assessment_id = i.assessment_id AND p.domain_id = i.domain_id AND p.assessor_id = ?)`,
        )
        .all(assessmentId, userId) as { id: string }[]
    ).map((r) => r.id),
  );
  if (open.size === 0) return [];
  const { domains } = requireAssessment(db, assessmentId).framework;
  const place = (id: string) => domains.findIndex((d) => d.id === id) >>> 0;
  return [...open].sort((a, b) => place(a) - place(b)).map((id) => domains[place(id)]?.name ?? id);
}

/** 'A', 'A and B', 'A, B and C'. */
function listInWords(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function proposalsToConfirm(db: Db, assessmentId: string, userId: string): string[] {
  return (
    db
      .prepare(
        `SELECT i.label FROM agreed_positions p JOIN assessment_items i ON i.id = p.item_id
         WHERE i.assessment_id = ? AND p.confirmed_by IS NULL AND p.proposed_by <> ? ORDER BY i.label`,
      )
      .all(assessmentId, userId) as { label: string }[]
  ).map((r) => r.label);
}
