import { z } from 'zod';
import {
  assessmentSummary,
  assessmentView,
  eligibilityFacts,
  frameworkListItem,
  meetingDetails,
  participant,
  richText,
  versionComparison,
} from './assessment-schemas.ts';
import { ADMIN, CASEWORK, call, empty } from './call-spec.ts';
import {
  agency,
  isoDay,
  isoInstant,
  longText,
  recordId,
  recordVersion,
  requiredText,
  requiredTextUpTo,
  shortText,
} from './primitives.ts';

const sectionKey = z.string().regex(/^[a-z0-9-]{1,60}$/, 'is not a section of this assessment');
const ofAssessment = { assessmentId: recordId };

/** The AIM assessment calls; joined into the one list of calls in calls.ts. */
export const assessmentCalls = {
  'frameworks.list': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: z.array(frameworkListItem),
  }),
  'frameworks.importItemSet': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({
      frameworkId: shortText.min(1),
      text: z.string().min(1, 'is empty').max(2_000_000, 'is too large'),
    }),
    response: frameworkListItem,
    maxRequestBytes: 2_100_000,
  }),
  'assessments.forCase': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: z.array(assessmentSummary),
  }),
  'assessments.start': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      frameworkId: shortText.min(1),
      route: z.enum(['welfare', 'criminal']),
      reasons: longText.min(1, 'is required'),
      qualityReviewNotified: longText,
      decisionAt: isoInstant,
      facts: eligibilityFacts,
      proceedReason: longText,
      leadAssessorId: recordId,
      coAssessorId: recordId,
    }),
    response: assessmentView,
  }),
  'assessments.get': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ id: recordId }),
    response: assessmentView,
  }),
  'assessments.addSource': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      source: requiredText,
      agency,
      consultedOn: isoDay,
      abeInterviewAccessed: z.boolean(),
      notes: longText,
    }),
    response: assessmentView,
  }),
  'assessments.addSession': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      heldOn: isoDay,
      participants: z.array(participant).min(1, 'say who the session was with').max(20),
      assessorIds: z.array(recordId).min(1, 'choose at least one assessor').max(2),
      place: shortText,
      notes: richText,
    }),
    response: assessmentView,
  }),
  'assessments.saveMeeting': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      kind: z.enum(['planning', 'end']),
      expectedVersion: recordVersion.nullable(),
      details: meetingDetails,
    }),
    response: assessmentView,
  }),
  'assessments.addItem': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      domainId: shortText.min(1),
      kind: z.enum(['concern', 'strength']),
      label: requiredTextUpTo(500),
    }),
    response: assessmentView,
  }),
  'assessments.addLicensedItems': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, domainId: shortText.min(1) }),
    response: assessmentView,
  }),
  'assessments.rate': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      itemId: recordId,
      rating: shortText.min(1),
      evidence: longText.min(1, 'give the evidence for this rating'),
      source: requiredText,
    }),
    response: assessmentView,
  }),
  'assessments.finishDomain': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, domainId: shortText.min(1) }),
    response: assessmentView,
  }),
  'assessments.proposeAgreement': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      itemId: recordId,
      rating: shortText.min(1),
      rationale: longText.min(1, 'say why you agreed this'),
    }),
    response: assessmentView,
  }),
  /** Confirms the proposal the person saw: refused if it changed since (rating or time of proposal). */
  'assessments.confirmAgreement': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ itemId: recordId, rating: shortText.min(1), proposedAt: isoInstant }),
    response: assessmentView,
  }),
  /** Agrees, in one step, the named items both co-assessors rated the same independently (issue 14). */
  'assessments.agreeMatchingRatings': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      domainId: shortText.min(1),
      itemIds: z.array(recordId).min(1, 'choose the items to agree').max(500),
    }),
    response: assessmentView,
  }),
  'assessments.holdSection': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, sectionKey }),
    response: assessmentView,
  }),
  'assessments.releaseSection': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, sectionKey }),
    response: assessmentView,
  }),
  'assessments.autosave': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ ...ofAssessment, sectionKey, content: richText }),
    response: z.strictObject({ savedAt: isoInstant }),
  }),
  'assessments.saveSection': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      sectionKey,
      expectedVersion: z.number().int().min(0),
      content: richText,
    }),
    response: assessmentView,
  }),
  'assessments.setOutcome': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      outcome: shortText.min(1),
      /** Which overall level, for a framework that records several (AIM3: 'concern', 'strengths'). */
      level: shortText.optional(),
    }),
    response: assessmentView,
  }),
  'assessments.startReview': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      ...ofAssessment,
      reason: longText.min(1, 'say why the assessment is being reviewed'),
    }),
    response: assessmentView,
  }),
  'assessments.compareVersions': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ fromId: recordId, toId: recordId }),
    response: versionComparison,
  }),
};
