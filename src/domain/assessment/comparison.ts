/**
 * Two co-assessors rate each item independently; the comparison shows, item by item, where they differ
 * and whether an agreed position has been recorded. Pure.
 */

export interface AssessorRating {
  assessorId: string;
  rating: string;
  evidence: string;
}

export interface ItemComparisonInput<R extends AssessorRating = AssessorRating> {
  itemId: string;
  ratings: readonly R[];
  agreed: { rating: string } | null;
}

export type ItemState = 'awaiting-both' | 'awaiting-one' | 'same' | 'differ' | 'agreed';

export interface ItemComparison<R extends AssessorRating = AssessorRating> {
  itemId: string;
  state: ItemState;
  /** The two ratings, in the order of the assessors given. */
  ratings: (R | null)[];
}

export function compareItem<R extends AssessorRating>(
  input: ItemComparisonInput<R>,
  assessorIds: readonly [string, string],
): ItemComparison<R> {
  const ratings = assessorIds.map((id) => input.ratings.find((r) => r.assessorId === id) ?? null);
  const given = ratings.filter((r): r is R => r !== null);
  let state: ItemState;
  if (input.agreed) state = 'agreed';
  else if (given.length === 0) state = 'awaiting-both';
  else if (given.length === 1) state = 'awaiting-one';
  else state = given[0]?.rating === given[1]?.rating ? 'same' : 'differ';
  return { itemId: input.itemId, state, ratings };
}

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  'awaiting-both': 'Not yet rated',
  'awaiting-one': 'Waiting for the other assessor',
  same: 'Both assessors gave the same rating',
  differ: 'The assessors differ',
  agreed: 'Agreed position recorded',
};

/**
 * An assessor sees the other's ratings in a domain only once they have finished their own independent
 * ratings for it, so that the first ratings really are independent. Someone who is not one of the two
 * assessors (a manager reading the assessment) rates nothing and sees everything.
 */
export function mayShowOtherRatings(
  finishedIndependently: ReadonlySet<string>,
  viewer: { id: string; isAssessor: boolean },
): boolean {
  return !viewer.isAssessor || finishedIndependently.has(viewer.id);
}

export const HIDDEN_COMPARISON_LABEL =
  'Both assessors have rated it: the comparison shows when you finish your own ratings';

/**
 * An item's state as one viewer may see it: while the other assessor's rating is hidden from them,
 * even whether the two ratings are the same stays hidden, so it reads as waiting.
 */
export function stateSeenBy(state: ItemState, mayShowOthers: boolean): { state: ItemState; label: string } {
  if (!mayShowOthers && (state === 'same' || state === 'differ')) {
    return { state: 'awaiting-one', label: HIDDEN_COMPARISON_LABEL };
  }
  return { state, label: ITEM_STATE_LABELS[state] };
}

export type MatchingRefusal = 'differ' | 'not-rated' | 'agreed' | 'proposed';

/**
 * Whether an item can be agreed in one step because both assessors gave it the same rating
 * independently (issue 14): null if it can, otherwise why not. An agreed or proposed position is
 * never replaced this way.
 */
export function matchingRefusal(
  ratings: readonly (AssessorRating | null)[],
  position: { confirmed: boolean } | null,
): MatchingRefusal | null {
  if (position) return position.confirmed ? 'agreed' : 'proposed';
  const [first, second] = ratings;
  if (!first || !second) return 'not-rated';
  return first.rating === second.rating ? null : 'differ';
}
