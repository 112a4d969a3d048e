/**
 * The UK nations whose bank holidays differ (England and Wales share theirs). Kept apart from
 * bank-holidays.ts so the contract and the screens can name a nation without loading date-holidays.
 */
export const NATIONS = ['england-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_LABELS: Record<Nation, string> = {
  'england-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};
