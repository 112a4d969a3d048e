import { z } from 'zod';
import { CONSENT_METHOD_WORDS, CONSENT_METHODS } from '../domain/pattern-map/consent-rule.ts';
import { UncertainDateSchema } from '../domain/pattern-map/uncertain-date.ts';
import { CANNOT_BE_ASKED } from '../domain/profiles/schema-parts.ts';
import { meetingView } from './meeting.ts';
import {
  agency,
  isoDay,
  isoInstant,
  recordId,
  recordVersion,
  requiredText,
  requiredTextUpTo,
  shortText,
} from './primitives.ts';

// The pattern map: people on the case, consents, items on the time axis, links, themes, meetings.

export const PERSON_KINDS = [
  'parent-carer',
  'sibling',
  'harmed-child',
  'harmed-adult',
  'peer',
  'other-child',
  'other-adult',
] as const;
export const personKind = z.enum(PERSON_KINDS, { message: 'is not a known kind of person' });
export const PERSON_KIND_LABELS: Record<(typeof PERSON_KINDS)[number], string> = {
  'parent-carer': 'Parent / carer',
  sibling: 'Sibling',
  'harmed-child': 'Harmed child',
  'harmed-adult': 'Harmed adult',
  peer: 'Peer',
  'other-child': 'Other child',
  'other-adult': 'Other adult',
};

export const personFields = {
  kind: personKind,
  /** May be empty for a harmed person known only by a reference. */
  name: shortText,
  anonymisedLabel: requiredText,
  relationship: shortText,
};

export const casePerson = z.strictObject({ id: recordId, version: recordVersion, ...personFields });
export type CasePerson = z.infer<typeof casePerson>;

export const CONSENT_SUBJECTS = ['child', 'parent-carer', 'social-worker-permission'] as const;
export const consentStatus = z.enum(['given', 'refused', 'not-sought']);

/** How a consent was given (issue 14); '' where it was not recorded. */
export { CONSENT_METHOD_WORDS, CONSENT_METHODS };
export const consentMethod = z.enum(CONSENT_METHODS, {
  message: 'is not a way of giving consent the workbench knows',
});

export const consentRecord = z.strictObject({
  id: recordId,
  purpose: z.string(),
  subject: z.enum(CONSENT_SUBJECTS),
  personId: recordId.nullable(),
  personLabel: z.string(),
  status: consentStatus,
  reason: z.string(),
  recordedAt: isoInstant,
  recordedByName: z.string(),
  method: consentMethod.or(z.literal('')),
  givenOn: isoDay.nullable(),
  /** The consent already recorded (at referral) this one rests on: said once (issue 14). */
  restsOn: recordId.nullable(),
  /** When a later record for the same purpose and person no longer gave it: a withdrawal. */
  withdrawnAt: isoInstant.nullable(),
});
export type ConsentRecord = z.infer<typeof consentRecord>;

export const uncertainDate = UncertainDateSchema;

export const LINK_KINDS = [
  'possible-trigger',
  'escalation',
  'same-harmed-person',
  'same-place',
  'other',
] as const;
export const LINK_KIND_LABELS: Record<(typeof LINK_KINDS)[number], string> = {
  'possible-trigger': 'Possible trigger',
  escalation: 'Escalation',
  'same-harmed-person': 'Same harmed person',
  'same-place': 'Same place',
  other: 'Other',
};

const itemCommon = {
  what: requiredTextUpTo(2000),
  place: shortText,
  date: uncertainDate,
  sourceAgency: agency,
  sourceDetail: shortText,
};

export const lifeEventFields = z.strictObject({
  kind: z.literal('life-event'),
  lane: z.string().regex(/^[a-z0-9-]{1,40}$/, 'is not a known type of life event'),
  people: z.array(recordId).max(20),
  ...itemCommon,
});

export const incidentFields = z.strictObject({
  kind: z.literal('incident'),
  people: z.array(recordId).max(20),
  harmedPersonId: recordId.nullable(),
  childAgeThen: z.number().int().min(0).max(25).nullable(),
  hackettCategory: shortText,
  brookColour: shortText,
  ...itemCommon,
});

export const itemFields = z.discriminatedUnion('kind', [lifeEventFields, incidentFields]);
export type ItemFields = z.infer<typeof itemFields>;

export const axisSpan = z.strictObject({
  from: isoDay,
  to: isoDay,
  midpoint: z.number().int(),
  approximate: z.boolean(),
  label: z.string(),
});

export const mapItem = z.strictObject({
  id: recordId,
  version: recordVersion,
  kind: z.enum(['life-event', 'incident']),
  lane: z.string(),
  what: z.string(),
  people: z.array(recordId),
  place: z.string(),
  date: uncertainDate,
  span: axisSpan,
  sourceAgency: agency,
  sourceDetail: z.string(),
  harmedPersonId: recordId.nullable(),
  childAgeThen: z.number().int().nullable(),
  hackettCategory: z.string(),
  brookColour: z.string(),
  createdAt: isoInstant,
  createdByName: z.string(),
  updatedAt: isoInstant,
  updatedByName: z.string(),
});
export type MapItem = z.infer<typeof mapItem>;

export const mapLink = z.strictObject({
  id: recordId,
  fromId: recordId,
  toId: recordId,
  kind: z.enum(LINK_KINDS),
  label: z.string(),
  createdByName: z.string(),
});
export type MapLink = z.infer<typeof mapLink>;

export const mapTheme = z.strictObject({
  id: recordId,
  fromDay: isoDay,
  toDay: isoDay,
  text: z.string(),
  createdByName: z.string(),
});
export type MapTheme = z.infer<typeof mapTheme>;

export const mapMeeting = meetingView.extend({
  id: recordId,
  version: recordVersion,
  notes: z.string(),
  createdByName: z.string(),
  updatedAt: isoInstant,
});
export type MapMeeting = z.infer<typeof mapMeeting>;

export const lifeEventType = z.strictObject({ id: z.string(), label: z.string() });

export const sharingStatus = z.strictObject({
  /** Why external sharing is not yet allowed, one plain sentence each; empty when it is. */
  missingForExternal: z.array(z.string()),
  allocatedSocialWorkerId: recordId,
  allocatedSocialWorkerName: z.string(),
});

export const knownName = z.strictObject({
  name: z.string(),
  anonymisedLabel: z.string(),
  parts: z.enum(['none', 'all', 'last']),
});

export const identifyingWord = z.strictObject({
  id: recordId,
  word: z.string(),
  shownAs: z.string(),
  createdByName: z.string(),
});
export type IdentifyingWord = z.infer<typeof identifyingWord>;

export const consentException = z.strictObject({
  id: recordId,
  personId: recordId,
  personLabel: z.string(),
  circumstance: z.enum(CANNOT_BE_ASKED),
  reason: z.string(),
  recordedAt: isoInstant,
  recordedByName: z.string(),
  approvedAt: isoInstant.nullable(),
  approvedByName: z.string().nullable(),
});
export type ConsentException = z.infer<typeof consentException>;

/** A record of the map being shared (exported), and on what footing its consents rested. */
export const mapShare = z.strictObject({
  at: isoInstant,
  byName: z.string(),
  audience: z.enum(['internal', 'external']),
  recipient: z.string(),
  view: z.enum(['named', 'anonymised']),
  format: z.enum(['png', 'docx']),
  consentBasis: z.string(),
});

export const patternMap = z.strictObject({
  caseId: recordId,
  caseReference: z.string(),
  childName: z.string(),
  childPreferredName: z.string(),
  dateOfBirth: isoDay,
  lifeEventTypes: z.array(lifeEventType),
  categories: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  brookColours: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  people: z.array(casePerson),
  items: z.array(mapItem),
  links: z.array(mapLink),
  themes: z.array(mapTheme),
  meetings: z.array(mapMeeting),
  consents: z.array(consentRecord),
  sharing: sharingStatus,
  orderExplanation: z.string(),
  /** Every name the case knows and what the anonymised view shows instead (domain/pattern-map/anonymise.ts). */
  knownNames: z.array(knownName),
  /** Words a practitioner marked as identifying on this case. */
  identifyingWords: z.array(identifyingWord),
  /** Parents or carers recorded as not able to be asked for consent to share the map externally. */
  consentExceptions: z.array(consentException),
  /** What the profile's consent entry allows when a parent or carer cannot be asked; null: nothing. */
  cannotBeAskedRule: z
    .strictObject({
      circumstances: z.array(z.enum(CANNOT_BE_ASKED)),
      approval: z.enum(['case-manager', 'none']),
      basis: z.string(),
    })
    .nullable(),
  shares: z.array(mapShare),
});
export type PatternMap = z.infer<typeof patternMap>;
