import { z } from 'zod';
import { FrameworkSchema } from '../domain/assessment/frameworks.ts';
import { RichTextSchema } from '../domain/assessment/rich-text.ts';
import { meeting, meetingView } from './meeting.ts';
import {
  agency,
  isoDay,
  isoInstant,
  longText,
  recordId,
  recordVersion,
  requiredText,
  shortText,
} from './primitives.ts';
import { deadlineView } from './timescale-schemas.ts';

export const richText = RichTextSchema;

export const frameworkListItem = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  description: z.string(),
  domains: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  itemSet: z.strictObject({ name: z.string(), licence: z.string(), itemCount: z.number().int() }).nullable(),
});

export const eligibilityFacts = z.strictObject({
  referralDate: isoDay.optional(),
  lastBehaviourDate: isoDay.optional(),
  residesInArea: z.boolean().optional(),
  ongoingPoliceInvestigation: z.boolean().optional(),
  openToChildrensSocialCare: z.boolean().optional(),
  openToYouthJusticeService: z.boolean().optional(),
});

const person = z.strictObject({ id: recordId, name: z.string(), agency, aimTrained: z.boolean() });

export const participant = z.strictObject({
  kind: z.enum(['child', 'parent-carer', 'significant-other', 'professional']),
  label: requiredText,
});

/** The AIM planning or end meeting: the one meeting model plus what AIM records at it. */
const aimMeetingFields = {
  informationShared: richText,
  timescales: longText,
  roles: longText,
  /** End meeting only: the work done and the level of concern now. */
  levelOfConcern: shortText,
};
export const meetingDetails = meeting.safeExtend(aimMeetingFields);
export const meetingDetailsView = meetingView.extend(aimMeetingFields);
export type MeetingDetails = z.infer<typeof meetingDetailsView>;
/**
 * An AIM meeting record as stored: in the one meeting model, or (saved before it, and kept so because an
 * approved report is compared with it) a day `heldOn` with no chair, agenda, decisions or attendance.
 */
export type StoredMeetingDetails =
  | MeetingDetails
  | (Omit<MeetingDetails, 'heldAt' | 'chair' | 'agenda' | 'decisions' | 'attendees'> & {
      heldOn: string;
      attendees: Omit<MeetingDetails['attendees'][number], 'attendance'>[];
    });

const ratingView = z.strictObject({
  assessorId: recordId,
  assessorName: z.string(),
  /** Hidden until the viewer has finished their own independent ratings of the domain. */
  hidden: z.boolean(),
  rating: z.string(),
  ratingLabel: z.string(),
  evidence: z.string(),
  source: z.string(),
});

export const assessmentView = z.strictObject({
  id: recordId,
  version: recordVersion,
  versionNo: z.number().int(),
  previousId: recordId.nullable(),
  readOnly: z.boolean(),
  caseId: recordId,
  caseReference: z.string(),
  childName: z.string(),
  state: z.string(),
  framework: FrameworkSchema,
  itemSetName: z.string().nullable(),
  route: z.enum(['welfare', 'criminal']),
  routeLabel: z.string(),
  reasons: z.string(),
  qualityReviewNotified: z.string(),
  decisionAt: isoInstant,
  eligibility: z.strictObject({
    outcomeLabel: z.string(),
    summary: z.string(),
    criteria: z.array(z.strictObject({ label: z.string(), result: z.string(), explanation: z.string() })),
  }),
  proceedReason: z.string(),
  leadAssessor: person,
  coAssessor: person,
  viewerRole: z.enum(['lead', 'co', 'reader']),
  outcome: z.string().nullable(),
  /** The overall levels a framework records side by side (AIM3: concern and strengths). */
  outcomeLevels: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      value: z.string().nullable(),
      valueLabel: z.string().nullable(),
    }),
  ),
  window: deadlineView.nullable(),
  windowRule: z.string(),
  sources: z.array(
    z.strictObject({
      id: recordId,
      source: z.string(),
      agency: z.string(),
      consultedOn: isoDay,
      consultedByName: z.string(),
      abeInterviewAccessed: z.boolean(),
      notes: z.string(),
    }),
  ),
  sessions: z.array(
    z.strictObject({
      id: recordId,
      heldOn: isoDay,
      participants: z.array(participant),
      assessorNames: z.array(z.string()),
      place: z.string(),
      notes: richText,
    }),
  ),
  planning: z
    .strictObject({ details: meetingDetailsView, version: recordVersion, updatedByName: z.string() })
    .nullable(),
  endMeeting: z
    .strictObject({ details: meetingDetailsView, version: recordVersion, updatedByName: z.string() })
    .nullable(),
  domains: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      finishedBy: z.array(
        z.strictObject({ assessorId: recordId, assessorName: z.string(), finishedAt: isoInstant }),
      ),
      licensedItemsAvailable: z.number().int(),
      items: z.array(
        z.strictObject({
          id: recordId,
          kind: z.enum(['concern', 'strength']),
          label: z.string(),
          licensed: z.boolean(),
          state: z.enum(['awaiting-both', 'awaiting-one', 'same', 'differ', 'agreed']),
          stateLabel: z.string(),
          ratings: z.array(ratingView),
          agreed: z
            .strictObject({
              rating: z.string(),
              ratingLabel: z.string(),
              rationale: z.string(),
              proposedAt: isoInstant,
              proposedByName: z.string(),
              confirmedByName: z.string().nullable(),
              confirmedAt: isoInstant.nullable(),
            })
            .nullable(),
        }),
      ),
    }),
  ),
  sections: z.array(
    z.strictObject({
      key: z.string(),
      heading: z.string(),
      content: richText,
      version: z.number().int(),
      updatedAt: isoInstant.nullable(),
      updatedByName: z.string(),
      heldBy: z.strictObject({ name: z.string(), since: isoInstant, isViewer: z.boolean() }).nullable(),
      myDraft: z
        .strictObject({ content: richText, savedAt: isoInstant, baseVersion: z.number().int() })
        .nullable(),
    }),
  ),
  versions: z.array(
    z.strictObject({ id: recordId, versionNo: z.number().int(), startedAt: isoInstant, state: z.string() }),
  ),
  /** Each time quality assurance returned this version, latest last; answered once resubmitted. */
  returns: z.array(
    z.strictObject({
      at: isoInstant,
      byName: z.string(),
      answered: z.boolean(),
      comments: z.array(z.strictObject({ about: z.string(), aboutLabel: z.string(), comment: z.string() })),
    }),
  ),
  /** People recorded on the case who can take part in a session (a harmed person is not offered). */
  casePeople: z.array(
    z.strictObject({
      id: recordId,
      name: z.string(),
      relationship: z.string(),
      kind: z.enum(['parent-carer', 'significant-other']),
    }),
  ),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const assessmentSummary = z.strictObject({
  id: recordId,
  versionNo: z.number().int(),
  frameworkName: z.string(),
  state: z.string(),
  startedAt: isoInstant,
  leadAssessorName: z.string(),
  coAssessorName: z.string(),
});

export const versionComparison = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  sections: z.array(
    z.strictObject({ heading: z.string(), changed: z.boolean(), before: z.string(), after: z.string() }),
  ),
  ratings: z.array(
    z.strictObject({ domain: z.string(), item: z.string(), before: z.string(), after: z.string() }),
  ),
});
