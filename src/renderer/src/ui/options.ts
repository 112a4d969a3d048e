import { AGENCIES, AGENCY_LABELS, GENDER_LABELS, GENDERS, ROLE_LABELS, ROLES } from '#contract/vocabulary.ts';

export const AGENCY_OPTIONS = AGENCIES.map((value) => ({ value, label: AGENCY_LABELS[value] }));
export const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));
export const GENDER_OPTIONS = GENDERS.map((value) => ({ value, label: GENDER_LABELS[value] }));

/** The options for radios, checkboxes or a select from their labels, in the labels' order. */
export const optionsOf = <V extends string>(labels: Record<V, string>) =>
  (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
