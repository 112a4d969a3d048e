// The concern form's words and choices, shared by its parts (ConcernScreen.tsx).

export const FORM = 'concern';
export const LABELS = {
  receivedAt: 'Date received',
  receivedAtTime: 'Time received',
  newReferral: 'Is this a new referral?',
  sourceAgency: 'Agency of the person reporting',
  sourceRole: 'Their role',
  referrerName: 'Name of the person reporting',
  referrerPhone: 'Their phone number',
  referrerEmail: 'Their e-mail address',
  reported: 'What was reported',
  children: 'Other children involved',
  exploitation: 'Is any of these identified?',
  'facts.lastBehaviourDate': 'Date of the most recent behaviour',
  'facts.residesInArea': 'Does the child live in the area?',
  'facts.ongoingPoliceInvestigation': 'Is there an ongoing police investigation?',
  proceedReason: 'Reason to proceed although a criterion is not met',
};

/** Kinds of person who can be an "other child" in a concern; the concern records the same word as their role. */
export const CHILD_KINDS = ['harmed-child', 'sibling', 'peer', 'other-child'] as const;
export type ChildKind = (typeof CHILD_KINDS)[number];
export const isChildKind = (kind: string): kind is ChildKind =>
  (CHILD_KINDS as readonly string[]).includes(kind);

export const EXPLOITATION = [
  { value: 'cse', label: 'Child sexual exploitation (CSE)' },
  { value: 'cce', label: 'Child criminal exploitation (CCE)' },
  { value: 'missing', label: 'Missing' },
  { value: 'trafficking', label: 'Trafficking' },
] as const;
export type Exploitation = (typeof EXPLOITATION)[number]['value'];

/** The exploitation flags ticked, as the concern records them. */
export const exploitationOf = (flags: Exploitation[]) => ({
  cse: flags.includes('cse'),
  cce: flags.includes('cce'),
  missing: flags.includes('missing'),
  trafficking: flags.includes('trafficking'),
});
