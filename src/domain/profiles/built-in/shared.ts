/**
 * Data shared by several built-in profiles. Hackett's (2010) category descriptors appear in the same
 * words in Hounslow's pathway (seed 000, "Categories of HSB Risk") and Islington's procedure
 * (seed 002, §3); they are public local-authority guidance, kept here in short paraphrase.
 * Brook's behaviour lists are Brook's content and are deliberately not included.
 */
import { SOURCE_TITLES } from '../citations.ts';
import type { Profile, ProfileInput } from '../schema.ts';

type Descriptor = { id: string; text: string };

export const INAPPROPRIATE_DESCRIPTORS: Descriptor[] = [
  { id: 'single-instance', text: 'Single instances of inappropriate sexual behaviour' },
  { id: 'acceptable-in-peer-group', text: 'Behaviour socially acceptable within the peer group' },
  { id: 'context-inappropriate', text: 'The context for the behaviour may be inappropriate' },
  { id: 'generally-consensual', text: 'Generally consensual and reciprocal' },
];

export const PROBLEMATIC_DESCRIPTORS: Descriptor[] = [
  { id: 'problematic-concerning', text: 'Problematic and concerning behaviours' },
  { id: 'developmentally-unusual', text: 'Developmentally unusual and socially unexpected' },
  { id: 'no-overt-victimisation', text: 'No overt elements of victimisation' },
  { id: 'consent-unclear', text: 'Consent issues may be unclear' },
  { id: 'lacks-reciprocity', text: 'May lack reciprocity or equal power' },
  { id: 'compulsivity', text: 'May include levels of compulsivity' },
];

export const ABUSIVE_DESCRIPTORS: Descriptor[] = [
  { id: 'victimising', text: 'Victimising intent or outcome' },
  { id: 'misuse-of-power', text: 'Includes misuse of power' },
  { id: 'coercion-force', text: 'Coercion and force to ensure victim compliance' },
  { id: 'intrusive', text: 'Intrusive' },
  { id: 'consent-lacking', text: 'Informed consent lacking, or not able to be freely given by the victim' },
  { id: 'expressive-violence', text: 'May include elements of expressive violence' },
];

export const VIOLENT_DESCRIPTORS: Descriptor[] = [
  { id: 'physically-violent', text: 'Physically violent sexual abuse' },
  { id: 'highly-intrusive', text: 'Highly intrusive' },
  {
    id: 'instrumental-violence',
    text: 'Instrumental violence which is physiologically and/or sexually arousing to the perpetrator',
  },
  { id: 'sadism', text: 'Sadism' },
];

/** Hackett's categories 0 (inappropriate) and 1 (problematic) under their own names, with their descriptors. */
export const HACKETT_LOWER_ROWS: Profile['riskMatrix']['rows'] = [
  { category: '0', hackett: 'inappropriate', label: 'Inappropriate', descriptors: INAPPROPRIATE_DESCRIPTORS },
  { category: '1', hackett: 'problematic', label: 'Problematic', descriptors: PROBLEMATIC_DESCRIPTORS },
];

/** The risk matrix of a profile that keeps Hackett's four categories under their own names, as Islington's
 * procedure (seed 002, §3) states them. */
export const HACKETT_MATRIX: Profile['riskMatrix'] = {
  citation: { source: SOURCE_TITLES.islington, section: '3. Identifying Risk Level (Hackett categories)' },
  rows: [
    ...HACKETT_LOWER_ROWS,
    { category: '2', hackett: 'abusive', label: 'Abusive', descriptors: ABUSIVE_DESCRIPTORS },
    { category: '3', hackett: 'violent', label: 'Violent', descriptors: VIOLENT_DESCRIPTORS },
  ],
};

/** Brook Traffic Light Tool age bands (the tool judges behaviour against the child's band). */
export const BROOK_AGE_BANDS: ProfileInput['brook']['ageBands'] = [
  { id: '0-5', label: '0 to 5 years', minAge: 0, maxAge: 5 },
  { id: '5-9', label: '5 to 9 years', minAge: 5, maxAge: 9 },
  { id: '9-13', label: '9 to 13 years', minAge: 9, maxAge: 13 },
  { id: '13-17', label: '13 to 17 years', minAge: 13, maxAge: 17 },
];

/** Colour names as the source procedures write them (the 2020 Brook tool says orange for amber). */
export const BROOK_COLOURS_AMBER: ProfileInput['brook']['colours'] = [
  { id: 'green', label: 'Green' },
  { id: 'amber', label: 'Amber' },
  { id: 'red', label: 'Red' },
];

/** The HSB work-flow matrix's London child-protection tiers (seed 001; seed 000 work-flow table). */
export const LONDON_TIERS = {
  tier2:
    "Tier 2: additional needs that can be met through early help; a referral to children's social care is not required",
  tier3:
    "Tier 3: complex multiple needs needing statutory and specialist services; a referral to children's social care is required",
  tier4: "Tier 4: acute need; immediate referral to children's social care and/or the police",
} as const;

/** Strategy meeting attendees and purposes, in the same words in seed 000 and seed 002 §5.3. */
export const STRATEGY_MEETING_PURPOSES = [
  'Establish whether the child is at risk of significant harm and, if so, initiate section 47 procedures',
  'Establish the risks to the child and the risks posed to others, including linked children such as siblings',
  'Identify other perpetrators and victims, and the likelihood of prosecution',
  'Develop a safeguarding and support plan',
  'Decide whether to start a section 47 investigation and, if so, whether single or joint with police, and plan it',
  'Decide whether to refer to the MASE (multi-agency sexual exploitation panel)',
];
