import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { plainText } from '#domain/assessment/rich-text.ts';
import {
  agreedOfAssessment,
  insertAssessment,
  insertAssessmentItem,
  itemsOfAssessment,
  meetingsOf,
  ratingsOfAssessment,
  saveMeetingRow,
  saveSectionRow,
  sectionsOfAssessment,
  setAssessmentField,
  upsertAgreed,
  upsertRating,
} from '#store/assessments.ts';
import type { Workbench } from '../workbench.ts';
import { readAssessment, requireAssessment, versionChain } from './view.ts';

/**
 * A review starts a new version from the last one: the items, ratings, agreed positions, narrative and
 * meetings are carried over (independent ratings open again), and the earlier version stays as it was.
 */
export function startReview(wb: Workbench, req: ParsedRequest<'assessments.startReview'>) {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  const id = randomUUID();
  wb.write((db, audit) => {
    const from = requireAssessment(db, req.assessmentId);
    if (userId !== from.leadAssessorId && userId !== from.coAssessorId) {
      throw new WorkbenchError(
        'forbidden',
        'Only the two co-assessors can start a review of this assessment.',
      );
    }
    const latest = versionChain(db, from).at(-1);
    if (latest?.id !== from.id)
      throw new WorkbenchError('rule-broken', `Version ${latest?.versionNo} is the latest: review that one.`);
    insertAssessment(db, {
      ...from,
      id,
      versionNo: from.versionNo + 1,
      previousId: from.id,
      state: 'in-progress',
      startedAt: now,
      startedBy: userId,
      version: 1,
    });
    const newItemId = new Map<string, string>();
    for (const item of itemsOfAssessment(db, from.id)) {
      const copyId = randomUUID();
      newItemId.set(item.id, copyId);
      insertAssessmentItem(db, { ...item, id: copyId, assessmentId: id });
    }
    for (const r of ratingsOfAssessment(db, from.id))
      upsertRating(db, { ...r, itemId: newItemId.get(r.itemId) as string });
    for (const g of agreedOfAssessment(db, from.id))
      upsertAgreed(db, { ...g, itemId: newItemId.get(g.itemId) as string });
    for (const s of sectionsOfAssessment(db, from.id))
      saveSectionRow(db, id, s.sectionKey, s.content, 0, s.updatedBy, s.updatedAt);
    for (const m of meetingsOf(db, from.id))
      saveMeetingRow(db, id, m.kind, m.details, null, m.updatedBy, now);
    if (from.state === 'in-progress') setAssessmentField(db, from.id, 'state', 'superseded');
    audit({
      action: 'assessment.review',
      recordType: 'assessment',
      recordId: id,
      summary: `started version ${from.versionNo + 1} as a review; reason recorded`,
    });
  });
  return readAssessment(wb.db(), id, userId, now);
}

/** What changed between two versions: each narrative section and each agreed rating. */
export function compareVersions(wb: Workbench, req: ParsedRequest<'assessments.compareVersions'>) {
  const db = wb.db();
  const from = requireAssessment(db, req.fromId);
  const to = requireAssessment(db, req.toId);
  if (from.caseId !== to.caseId)
    throw new WorkbenchError('invalid-request', 'Those are not versions of the same assessment.');
  const text = (id: string, key: string) => {
    const s = sectionsOfAssessment(db, id).find((x) => x.sectionKey === key);
    return s ? plainText(s.content) : '';
  };
  const scale = (r: string | undefined) =>
    r ? (to.framework.ratingScale.find((s) => s.id === r)?.label ?? r) : '—';
  const agreedByLabel = (id: string) => {
    const items = itemsOfAssessment(db, id);
    const agreed = agreedOfAssessment(db, id);
    return new Map(
      items.map((i) => [
        `${i.domainId}|${i.label}`,
        agreed.find((g) => g.itemId === i.id && g.confirmedBy)?.rating,
      ]),
    );
  };
  const before = agreedByLabel(from.id);
  const after = agreedByLabel(to.id);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return {
    from: from.versionNo,
    to: to.versionNo,
    sections: to.framework.sections.map((s) => {
      const b = text(from.id, s.id);
      const a = text(to.id, s.id);
      return { heading: s.heading, changed: a !== b, before: b, after: a };
    }),
    ratings: keys
      .filter((k) => before.get(k) !== after.get(k))
      .map((k) => {
        const [domainId, label] = k.split('|') as [string, string];
        return {
          domain: to.framework.domains.find((d) => d.id === domainId)?.name ?? domainId,
          item: label,
          before: scale(before.get(k)),
          after: scale(after.get(k)),
        };
      }),
  };
}
