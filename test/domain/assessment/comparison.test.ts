import { describe, expect, it } from 'vitest';
import {
  compareItem,
  HIDDEN_COMPARISON_LABEL,
  ITEM_STATE_LABELS,
  mayShowOtherRatings,
  stateSeenBy,
} from '#domain/assessment/comparison.ts';

// The rule that keeps the first ratings independent lives once, here; the service applies it and the
// screen shows what the service sent.

const rated = (assessorId: string, rating: string) => ({ assessorId, rating, evidence: '' });

describe('independent ratings', () => {
  it('shows the other assessor’s ratings only to an assessor who has finished their own, and always to a reader', () => {
    const finished = new Set(['lead']);
    expect(mayShowOtherRatings(finished, { id: 'lead', isAssessor: true })).toBe(true);
    expect(mayShowOtherRatings(finished, { id: 'co', isAssessor: true })).toBe(false);
    expect(mayShowOtherRatings(new Set(), { id: 'manager', isAssessor: false })).toBe(true);
  });

  it('hides whether two ratings are the same or differ until the viewer may see them', () => {
    const same = compareItem(
      { itemId: 'i', ratings: [rated('a', 'high'), rated('b', 'high')], agreed: null },
      ['a', 'b'],
    );
    const differ = compareItem(
      { itemId: 'i', ratings: [rated('a', 'high'), rated('b', 'low')], agreed: null },
      ['a', 'b'],
    );
    expect([same.state, differ.state]).toEqual(['same', 'differ']);
    for (const { state } of [same, differ]) {
      expect(stateSeenBy(state, false)).toEqual({ state: 'awaiting-one', label: HIDDEN_COMPARISON_LABEL });
      expect(stateSeenBy(state, true)).toEqual({ state, label: ITEM_STATE_LABELS[state] });
    }
  });

  it('does not hide waiting or agreed states', () => {
    for (const state of ['awaiting-both', 'awaiting-one', 'agreed'] as const) {
      expect(stateSeenBy(state, false)).toEqual({ state, label: ITEM_STATE_LABELS[state] });
    }
  });
});
