import { z } from 'zod';
import { CASEWORK, call, caseworkRead } from './call-spec.ts';
import { meeting, meetingAction, meetingView } from './meeting.ts';
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
import { caseTimeline, categoryId } from './timescale-schemas.ts';

const eligibilityView = z.strictObject({
  outcome: z.string(),
  outcomeLabel: z.string(),
  summary: z.string(),
  criteria: z.array(z.strictObject({ label: z.string(), result: z.string(), explanation: z.string() })),
});

const facts = z.strictObject({
  lastBehaviourDate: isoDay.optional(),
  residesInArea: z.boolean().optional(),
  ongoingPoliceInvestigation: z.boolean().optional(),
  openToChildrensSocialCare: z.boolean().optional(),
  openToYouthJusticeService: z.boolean().optional(),
});

export const pathwaySummary = z.strictObject({
  caseId: recordId,
  stage: z.string(),
  nextDeadline: z
    .strictObject({ step: z.string(), due: z.string(), statusLabel: z.string(), rag: z.string() })
    .nullable(),
  terms: z.strictObject({
    youthJusticeService: z.string(),
    hub: z.string(),
    coordinator: z.string(),
    nfaReportedTo: z.string(),
  }),
  strategyMeeting: z.strictObject({
    chair: z.string(),
    attendees: z.array(z.string()),
    agenda: z.array(z.string()),
    outcomes: z.array(
      z.strictObject({
        id: z.string(),
        label: z.string(),
        requires: z.array(z.string()),
        startsAssessment: z.boolean(),
        noFurtherAction: z.boolean(),
      }),
    ),
  }),
  consentRequired: z.array(z.strictObject({ id: z.string(), label: z.string(), from: z.array(z.string()) })),
  /** Each requirement with what the workbench holds for it (issue 17: src/domain/pathway/recording-evidence.ts). */
  recordingRequirements: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      evidence: z.strictObject({
        state: z.enum(['recorded', 'missing', 'not-needed', 'not-tracked']),
        detail: z.string(),
      }),
    }),
  ),
  /** Actions the profile asks for on this case, done once their step is recorded (issue 12). */
  trackedActions: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      doneBy: z.string(),
      doneAt: isoInstant.nullable(),
      citation: z.string(),
    }),
  ),
  referrals: z.array(
    z.strictObject({
      id: recordId,
      receivedAt: isoInstant,
      newReferral: z.boolean(),
      source: z.string(),
      reported: z.string(),
      children: z.array(z.strictObject({ label: z.string(), role: z.string() })),
      exploitationAdvice: z.string().nullable(),
      eligibility: eligibilityView,
      proceedReason: z.string(),
      /** The referrer's name and contact details in one line ('' when none were recorded). */
      referrer: z.string(),
      /** The eligibility facts the concern gave, carried to the AIM start form (issue 14). */
      facts,
      recordedAt: isoInstant,
      recordedByName: z.string(),
    }),
  ),
  meetings: z.array(
    meetingView.extend({
      id: recordId,
      version: recordVersion,
      type: z.string(),
      typeLabel: z.string(),
      trigger: z.string(),
      outcomes: z.array(z.string()),
      details: z.strictObject({
        rationale: z.string(),
        leadAgency: z.string(),
        s47Type: z.string(),
        followUpWorkingDays: z.number().int().nullable(),
      }),
      categoryLabel: z.string(),
      recordedByName: z.string(),
    }),
  ),
  consultations: z.array(
    z.strictObject({
      id: recordId,
      version: recordVersion,
      state: z.string(),
      stateLabel: z.string(),
      requestedAt: isoInstant,
      requestedByName: z.string(),
      managerName: z.string(),
      request: z.string(),
      screening: z
        .strictObject({ decision: z.string(), rationale: z.string(), byName: z.string(), at: isoInstant })
        .nullable(),
      meeting: meetingView
        .extend({
          outcome: z.string(),
          resourcesShared: z.string(),
          nextSteps: z.array(z.string()),
          notes: z.string(),
        })
        .nullable(),
    }),
  ),
  plans: z.array(
    z.strictObject({
      id: recordId,
      kind: z.string(),
      kindLabel: z.string(),
      dated: isoDay,
      title: z.string(),
      details: z.string(),
      withWhom: z.string(),
      recordedByName: z.string(),
    }),
  ),
  history: z.array(
    z.strictObject({
      at: z.string(),
      kind: z.string(),
      title: z.string(),
      detail: z.string(),
      byName: z.string(),
    }),
  ),
});
export type PathwaySummary = z.infer<typeof pathwaySummary>;

export const PLAN_KINDS = [
  'safety-plan',
  'diversion-plan',
  'direct-work-plan',
  'multi-professional-meeting',
  'mase-nomination',
  'mase-update',
  'mase-feedback',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
/** What each kind of plan or record is called on screen and in documents. */
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  'safety-plan': 'Safety plan',
  'diversion-plan': 'Diversion plan',
  'direct-work-plan': 'Direct-work intervention plan',
  'multi-professional-meeting': 'Multi-professional meeting (HSB risk discussed)',
  'mase-nomination': 'MASE nomination',
  'mase-update': 'MASE update',
  'mase-feedback': 'MASE feedback',
};

/** The HSB pathway calls; joined into the one list of calls in calls.ts. */
export const pathwayCalls = {
  'pathway.summary': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: pathwaySummary,
  }),
  'pathway.checkEligibility': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId, receivedAt: isoInstant, facts }),
    response: eligibilityView,
  }),
  'pathway.recordConcern': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      receivedAt: isoInstant,
      newReferral: z.boolean(),
      sourceAgency: agency,
      sourceRole: shortText,
      reported: longText.min(1, 'say what was reported'),
      children: z
        .array(
          z.strictObject({
            personId: recordId,
            role: z.enum(['harmed-child', 'sibling', 'peer', 'other-child']),
          }),
        )
        .max(20),
      exploitation: z.strictObject({
        cse: z.boolean(),
        cce: z.boolean(),
        missing: z.boolean(),
        trafficking: z.boolean(),
      }),
      facts,
      proceedReason: longText,
      // Issue 14: the referrer by name, with how to reach them (their role and agency are above).
      referrerName: shortText.optional().default(''),
      referrerPhone: shortText.optional().default(''),
      referrerEmail: z
        .union([z.literal(''), z.email({ message: 'must be an e-mail address, like name@example.org' })])
        .optional()
        .default(''),
    }),
    response: pathwaySummary,
  }),
  'pathway.suggestCategory': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId, descriptorIds: z.array(shortText).max(100) }),
    response: z.strictObject({
      suggested: z.string().nullable(),
      explanation: z.string(),
      rows: z.array(
        z.strictObject({
          category: z.string(),
          label: z.string(),
          brookColour: z.string(),
          childProtectionTier: z.string(),
          serviceResponse: z.string(),
          descriptors: z.array(z.strictObject({ id: z.string(), text: z.string() })),
        }),
      ),
    }),
  }),
  'pathway.recordStrategyMeeting': call({
    access: CASEWORK,
    writes: true,
    request: meeting.safeExtend({
      caseId: recordId,
      type: z.enum(['discussion', 'meeting', 'complex-abuse']),
      trigger: requiredText,
      outcomes: z.array(shortText.min(1)).min(1, 'record the outcome').max(10),
      details: z.strictObject({
        rationale: longText,
        leadAgency: shortText,
        s47Type: z.enum(['', 'single', 'joint']),
        followUpWorkingDays: z.number().int().min(1).max(60).nullable(),
      }),
      category: shortText,
      categoryRationale: longText,
    }),
    response: pathwaySummary,
  }),
  'pathway.updateMeetingActions': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      meetingId: recordId,
      expectedVersion: recordVersion,
      actions: z.array(meetingAction).max(100),
    }),
    response: pathwaySummary,
  }),
  'pathway.nfaList': caseworkRead(
    z.array(
      z.strictObject({
        caseId: recordId,
        caseReference: z.string(),
        childName: z.string(),
        profileName: z.string(),
        reportedTo: z.string(),
        decidedAt: isoInstant,
        rationale: z.string(),
        recordedByName: z.string(),
      }),
    ),
  ),
  'consultations.request': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      managerId: recordId,
      request: longText.min(1, 'say what the consultation is for'),
    }),
    response: pathwaySummary,
  }),
  'consultations.screen': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      consultationId: recordId,
      expectedVersion: recordVersion,
      decision: z.enum(['accept', 'decline']),
      rationale: longText,
    }),
    response: pathwaySummary,
  }),
  'consultations.recordMeeting': call({
    access: CASEWORK,
    writes: true,
    request: meeting.safeExtend({
      consultationId: recordId,
      expectedVersion: recordVersion,
      outcome: z.enum(['normal', 'inappropriate', 'problematic', 'harmful']),
      resourcesShared: longText,
      nextSteps: z
        .array(z.enum(['pattern-mapping', 'aim-assessment', 'signposting', 'no-further-involvement']))
        .min(1, 'record the next steps'),
      notes: longText,
    }),
    response: pathwaySummary,
  }),
  'plans.record': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      kind: z.enum(PLAN_KINDS),
      dated: isoDay,
      title: requiredText,
      details: longText.min(1, 'is required'),
      withWhom: shortText,
    }),
    response: pathwaySummary,
  }),

  'pathway.timeline': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: caseTimeline,
  }),
  'pathway.recordCategory': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      category: categoryId,
      agreedAt: isoInstant,
      agreedBy: requiredText,
      /** Required when the category departs from the one the ticked descriptors suggest (or none were ticked). */
      rationale: longText,
      complex: z.boolean(),
      descriptorIds: z.array(shortText).max(100).optional(),
    }),
    response: caseTimeline,
  }),
  'pathway.recordEvent': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      event: shortText.min(1),
      occurredAt: isoInstant,
      note: longText,
      brookColour: shortText.optional(),
    }),
    response: caseTimeline,
  }),
  'pathway.moveProfileVersion': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      version: z.number().int().min(1),
      reason: longText.min(1, 'is required'),
    }),
    response: caseTimeline,
  }),
};
