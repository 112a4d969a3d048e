import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { ConsentRecord } from '#contract/pattern-map-schemas.ts';

// Words shared by the consultation screen's parts.

export type Consultation = PathwaySummary['consultations'][number];
export type ConsentStatus = ConsentRecord['status'];

/** The purpose the hub referral's consent is recorded under. */
export const PURPOSE = 'hub-referral';
export const STATUS_WORDS: Record<ConsentStatus, string> = {
  given: 'Given',
  refused: 'Refused',
  'not-sought': 'Not sought',
};
