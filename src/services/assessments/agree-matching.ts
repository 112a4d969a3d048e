import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { compareItem, type MatchingRefusal, matchingRefusal } from '#domain/assessment/comparison.ts';
import {
  agreedOfAssessment,
  itemsOfAssessment,
  ratingsOfAssessment,
  upsertAgreed,
} from '#store/assessments.ts';
import { namesById } from '../deadlines.ts';
import type { Workbench } from '../workbench.ts';
import { changeAssessment, note, requireBothFinished, requireDomain } from './work.ts';

const WHY_NOT: Record<MatchingRefusal, string> = {
  differ: 'the two ratings differ: propose an agreed position for it instead',
  'not-rated': 'it has not been rated by both of you',
  agreed: 'an agreed position is already recorded',
  proposed: 'a proposed position is waiting to be confirmed',
};

/**
 * Issue 14: items both co-assessors rated the same independently are agreed in one step, named one by
 * one. Either every named item is agreed, in one transaction with one audit entry naming them, or none is.
 */
export function agreeMatchingRatings(wb: Workbench, req: ParsedRequest<'assessments.agreeMatchingRatings'>) {
  return changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const domain = requireDomain(a, req.domainId);
    requireBothFinished(db, a, domain.id);
    const items = itemsOfAssessment(db, a.id).filter((i) => i.domainId === domain.id);
    const ratings = ratingsOfAssessment(db, a.id);
    const agreed = agreedOfAssessment(db, a.id);
    const names = namesById(db);
    const chosen = [...new Set(req.itemIds)].map((id, index) => {
      const item = items.find((i) => i.id === id);
      if (!item)
        throw new WorkbenchError(
          'invalid-request',
          `That item is not in ${domain.name}. Nothing was saved.`,
          {
            problems: [{ path: `itemIds[${index}]`, message: `is not an item of ${domain.name}` }],
          },
        );
      const position = agreed.find((g) => g.itemId === id);
      const pair = compareItem(
        { itemId: id, ratings: ratings.filter((r) => r.itemId === id), agreed: null },
        [a.leadAssessorId, a.coAssessorId],
      ).ratings;
      const why = matchingRefusal(pair, position ? { confirmed: position.confirmedBy !== null } : null);
      if (why)
        throw new WorkbenchError(
          'rule-broken',
          `“${item.label}” cannot be agreed as you both rated it: ${WHY_NOT[why]}. Nothing was saved.`,
        );
      return { item, rating: pair[0]?.rating as string };
    });
    const scale = (id: string) => a.framework.ratingScale.find((s) => s.id === id)?.label ?? id;
    const both = `${names.get(a.leadAssessorId) ?? a.leadAssessorId} and ${names.get(a.coAssessorId) ?? a.coAssessorId}`;
    for (const { item, rating } of chosen) {
      upsertAgreed(db, {
        itemId: item.id,
        rating,
        rationale: `${both} each rated this “${scale(rating)}” independently; agreed as rated.`,
        proposedBy: userId,
        proposedAt: now,
        confirmedBy: userId,
        confirmedAt: now,
      });
    }
    audit(
      note(
        a,
        'agree-matching',
        // Named by record id and rating: the audit trail never copies what a person typed (the item's words).
        `agreed ${chosen.length} ${chosen.length === 1 ? 'item' : 'items'} in ${domain.name} as both assessors rated ${chosen.length === 1 ? 'it' : 'them'}: ${chosen.map((c) => `item ${c.item.id} (${scale(c.rating)})`).join('; ')}`,
      ),
    );
  });
}
