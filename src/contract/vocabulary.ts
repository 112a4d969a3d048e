// Words the practitioners use, shared by the store, the services and the screens.

export const AGENCIES = [
  'childrens-social-care',
  'youth-justice',
  'police',
  'health',
  'education',
  'other',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const AGENCY_LABELS: Record<Agency, string> = {
  'childrens-social-care': "Children's Social Care",
  'youth-justice': 'Youth Justice / YOS',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  other: 'Other',
};

export const ROLES = ['practitioner', 'manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  manager: 'Manager',
  administrator: 'Administrator',
};

export const GENDERS = ['female', 'male', 'non-binary', 'not-known', 'prefer-not-to-say'] as const;
export type Gender = (typeof GENDERS)[number];

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  'non-binary': 'Non-binary',
  'not-known': 'Not known',
  'prefer-not-to-say': 'Prefers not to say',
};

/** Whether the child needs an interpreter (issue 14); '' is not recorded. */
export const INTERPRETER_LABELS = { yes: 'Yes', no: 'No', 'not-known': 'Not known' } as const;
export type InterpreterNeeded = keyof typeof INTERPRETER_LABELS;

/** Special educational needs and disabilities (issue 14); '' is not recorded. */
export const SEND_LABELS = {
  none: 'None',
  'sen-support': 'SEN support',
  'ehc-plan': 'Education, health and care (EHC) plan',
  'not-known': 'Not known',
} as const;
export type SendStatus = keyof typeof SEND_LABELS;
