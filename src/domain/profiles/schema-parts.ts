/** Building blocks of the protocol profile schema (see schema.ts for the whole document). */
import { z } from 'zod';
import { DeadlineRuleSchema } from '../clock/rules.ts';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = z
  .string()
  .regex(
    SLUG_PATTERN,
    'must be lower-case letters, digits and single hyphens (for example "strategy-meeting")',
  );
export const text = z.string().trim().min(1, 'must not be empty');
const textList = z.array(text);

/** Where a rule comes from: a seed file name (or a national document) and the section in it. */
export const CitationSchema = z.strictObject({ source: text, section: text });

/** The point on Hackett's continuum. 'normal' is used by profiles that keep a point below category 0. */
export const CATEGORY_IDS = ['normal', '0', '1', '2', '3'] as const;
export const CategoryIdSchema = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof CategoryIdSchema>;

export const HACKETT_TERMS = ['normal', 'inappropriate', 'problematic', 'abusive', 'violent'] as const;

/** The names an authority uses for its services and roles. */
export const TerminologySchema = z.strictObject({
  childrensSocialCare: text,
  youthJusticeService: text,
  earlyHelp: text.optional(),
  frontDoor: text.optional(),
  qualityReview: text.optional(),
  coordinator: text.optional(),
  hub: text.optional(),
  exploitationPanel: text.optional(),
});

/** Brook Traffic Light Tool: colour names and age bands only; Brook's behaviour lists are not shipped. */
export const BrookSchema = z.strictObject({
  colours: z
    .array(z.strictObject({ id: slug, label: text, response: text.optional() }))
    .min(1, 'must list at least one colour'),
  ageBands: z.array(
    z
      .strictObject({
        id: slug,
        label: text,
        minAge: z.number().int().min(0),
        maxAge: z.number().int().min(0),
      })
      .refine((band) => band.maxAge >= band.minAge, {
        message: 'must not be below minAge',
        path: ['maxAge'],
      }),
  ),
  citation: CitationSchema.optional(),
});

export const DescriptorSchema = z.strictObject({ id: slug, text });

export const RiskMatrixRowSchema = z.strictObject({
  category: CategoryIdSchema,
  hackett: z.enum(HACKETT_TERMS),
  /** How the authority names the point, e.g. "Category 2 – Abusive". */
  label: text,
  brookColour: slug.optional(),
  childProtectionTier: text.optional(),
  serviceResponse: text.optional(),
  /** Short paraphrases of the category descriptors in the source procedures, used to suggest a category. */
  descriptors: z.array(DescriptorSchema),
  citation: CitationSchema.optional(),
});

export const RiskMatrixSchema = z.strictObject({
  rows: z.array(RiskMatrixRowSchema).min(1, 'must have at least one row'),
  citation: CitationSchema,
});

export const TriggerEventSchema = z.strictObject({
  id: slug,
  label: text,
  /**
   * Recording one of these categories at the concern or screening (not at a strategy meeting) records this
   * step at the same moment, once (Islington §5.3: the clock starts when it is believed the child may be
   * displaying abusive or violent HSB).
   */
  raisedByCategories: z.array(CategoryIdSchema).min(1, 'must list at least one category').optional(),
});

/** A clock starts on a named event, or when another rule's deadline is met. */
export const StartsOnSchema = z.union([z.strictObject({ event: text }), z.strictObject({ ruleMet: text })], {
  error: 'must name a trigger event, { "event": "…" }, or another rule, { "ruleMet": "…" }',
});

/**
 * What meets a rule without anyone marking it met: one of the profile's trigger events being recorded,
 * or a step the workbench itself records (the final sign-off of the assessment).
 */
export const MEETING_STEPS = ['final-sign-off'] as const;
export const MetBySchema = z.union(
  [z.strictObject({ event: text }), z.strictObject({ step: z.enum(MEETING_STEPS) })],
  { error: 'must name a trigger event, { "event": "…" }, or a step, { "step": "final-sign-off" }' },
);

export const AppliesToSchema = z.strictObject({
  categories: z.array(CategoryIdSchema).min(1, 'must list at least one category').optional(),
  complex: z.boolean().optional(),
  brookColours: z.array(slug).min(1, 'must list at least one colour').optional(),
});

export const TimescaleSchema = z.strictObject({
  id: slug,
  label: text,
  startsOn: StartsOnSchema,
  /** Steps that meet the rule when recorded; without it, someone marks the deadline met. */
  metBy: z.array(MetBySchema).min(1, 'must list at least one step').optional(),
  rule: DeadlineRuleSchema,
  appliesTo: AppliesToSchema.optional(),
  citation: CitationSchema,
  note: text.optional(),
});

/** What happens when a criterion is not met. */
const ifNotMet = z.enum(['not-eligible', 'consultation-only']);
export const ELIGIBILITY_FACTS = [
  'residesInArea',
  'ongoingPoliceInvestigation',
  'openToChildrensSocialCare',
  'openToYouthJusticeService',
] as const;

export const EligibilityCriterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('behaviour-within-months'),
    id: slug,
    label: text,
    months: z.number().int().min(1, 'must be 1 or more'),
    ifNotMet,
    citation: CitationSchema,
  }),
  z
    .strictObject({
      kind: z.literal('age-on-referral'),
      id: slug,
      label: text,
      minAge: z.number().int().min(0, 'must be 0 or more'),
      maxAge: z.number().int().min(0, 'must be 0 or more'),
      ifNotMet,
      citation: CitationSchema,
    })
    .refine((c) => c.maxAge >= c.minAge, { message: 'must not be below minAge', path: ['maxAge'] }),
  z.strictObject({
    kind: z.literal('yes-no'),
    id: slug,
    label: text,
    question: text,
    fact: z.enum(ELIGIBILITY_FACTS),
    expected: z.boolean(),
    ifNotMet,
    /**
     * Not met, the AIM assessment cannot start at all, whatever reason is given (Lancashire: "If there is an
     * ongoing police investigation, CYJS will not be able to complete an AIM assessment or interventions").
     * The text says why, in the practitioner's words.
     */
    blocksAim: text.optional(),
    citation: CitationSchema,
  }),
]);

export const EligibilitySchema = z.strictObject({
  /** What the criteria decide, e.g. "HSB Hub consultation and AIM assessment". */
  purpose: text,
  criteria: z.array(EligibilityCriterionSchema),
});

export const OUTCOME_DETAILS = ['rationale', 'lead-agency', 's47-type', 'follow-up-timescale'] as const;

export const StrategyMeetingSchema = z.strictObject({
  chair: text.optional(),
  attendees: textList,
  agenda: textList,
  outcomes: z.array(
    z.strictObject({
      id: slug,
      label: text,
      startsEvents: z.array(slug),
      /** Details the meeting must record with this outcome. */
      requires: z.array(z.enum(OUTCOME_DETAILS)).optional(),
      /** The outcome starts an AIM assessment alongside (the allocated pair as co-assessors). */
      startsAssessment: z.boolean().optional(),
      /** A no-further-action decision, reported to the coordinator the profile names. */
      noFurtherAction: z.boolean().optional(),
    }),
  ),
  citation: CitationSchema,
});

export const RecordingRequirementSchema = z.strictObject({
  id: slug,
  label: text,
  appliesTo: z.strictObject({ categories: z.array(CategoryIdSchema).min(1) }).optional(),
  citation: CitationSchema,
});

/** What a consent entry is for, so the workbench reads it where it matters (not by a guessed id). */
export const CONSENT_PURPOSES = ['hub-referral', 'pattern-map-sharing'] as const;

/** Said where a procedure is silent, instead of a rule the workbench would have to invent. */
export const NOT_STATED = 'not-stated';
export const NOT_STATED_TEXT = 'Not stated in the procedure';

/** Why a parent or carer cannot be asked for their consent. */
export const CANNOT_BE_ASKED = ['whereabouts-unknown', 'deceased', 'no-parental-responsibility'] as const;
export type CannotBeAsked = (typeof CANNOT_BE_ASKED)[number];
export const CANNOT_BE_ASKED_LABELS: Record<CannotBeAsked, string> = {
  'whereabouts-unknown': 'whereabouts unknown',
  deceased: 'deceased',
  'no-parental-responsibility': 'no parental responsibility',
};

/**
 * What may happen when a parent or carer cannot be asked: in which circumstances the allocated social
 * worker may record why instead of their consent, and whether a manager on the case must approve.
 * Absent: their consent is needed whatever the circumstances.
 */
export const CannotBeAskedRuleSchema = z.strictObject({
  circumstances: z.array(z.enum(CANNOT_BE_ASKED)).min(1, 'must name at least one circumstance'),
  approval: z.enum(['case-manager', 'none']),
  /** Where the rule comes from (the procedure, or the authority's local practice). */
  basis: text,
});
export type CannotBeAskedRule = z.infer<typeof CannotBeAskedRuleSchema>;

export const ConsentRequirementSchema = z.strictObject({
  id: slug,
  /** What the consent is for; the workbench asks for exactly these people's consent before it. */
  purpose: z.enum(CONSENT_PURPOSES).optional(),
  /** What needs consent, e.g. "Referral to the CYJS HSB Hub for a consultation". */
  label: text,
  from: z
    .array(z.enum(['child', 'parent-carer', 'allocated-social-worker']))
    .min(1, 'must say whose consent'),
  whenParentCannotBeAsked: CannotBeAskedRuleSchema.optional(),
  citation: CitationSchema,
});

/**
 * Which co-assessors must be AIM-trained: both, the youth justice co-assessor (Lancashire step 6: "an AIM
 * trained CYJS practitioner"), or not stated in the procedure (no check is made).
 */
export const TRAINED_ASSESSORS = ['both', 'youth-justice', NOT_STATED] as const;

/**
 * Which Children's Social Care worker signs the report: the case's allocated social worker (Lancashire
 * step 9: "sign off by the assessing CYJS worker and the CSC allocated social worker"), or not stated.
 */
export const SOCIAL_CARE_SIGNERS = ['allocated-social-worker', NOT_STATED] as const;

export const AimSchema = z.strictObject({
  /** Older profiles only: superseded by trainedAssessors (true: both; false: the lead). */
  coAssessorsMustBothBeTrained: z.boolean(),
  trainedAssessors: z.enum(TRAINED_ASSESSORS).optional(),
  trainedAssessorsCitation: CitationSchema.optional(),
  /** The timescale rule that sets the assessment window. */
  assessmentWindowRuleId: slug.optional(),
  qualityAssuranceRoles: textList,
  /** The agencies whose managers may quality-assure (e.g. 'youth-justice'); absent means any manager. */
  qualityAssuranceAgencies: z.array(slug).optional(),
  /** Who reviews the assessment jointly with the quality assurer (Lancashire step 9: the CSC Team Manager). */
  qualityAssuranceJointReview: text.optional(),
  signOffRoles: textList,
  /** Who signs for Children's Social Care; absent means not stated (any co-assessor signs). */
  socialCareSigner: z.enum(SOCIAL_CARE_SIGNERS).optional(),
  /** Where the procedure says an intervention plan follows the assessment, if it does. */
  interventionPlanCitation: CitationSchema.optional(),
  routes: z
    .array(z.strictObject({ id: z.enum(['welfare', 'criminal']), label: text, leadAgency: text }))
    .optional(),
  citation: CitationSchema,
});

/** Who screens a request for a consultation with the hub or specialist (Lancashire step 2: the CYJS HSB Hub). */
export const ConsultationSchema = z.strictObject({
  screenedBy: text,
  /** The agencies whose staff screen requests; "not-stated" where the procedure does not say. */
  screeningAgencies: z.union([z.array(slug).min(1, 'must list at least one agency'), z.literal(NOT_STATED)]),
  citation: CitationSchema.optional(),
});

export const EXPLOITATION_FLAGS = ['cse', 'cce', 'missing', 'trafficking'] as const;

/**
 * An action the procedure asks for on some cases, tracked until the step that does it is recorded with its
 * date (Islington §7: every HSB case linked to CSE is taken to the MASE; Hounslow: the step-down meeting).
 */
export const TrackedActionSchema = z.strictObject({
  id: slug,
  label: text,
  /** Which cases: a concern flagged with one of these, and/or one of these agreed categories. */
  when: z
    .strictObject({
      exploitation: z.array(z.enum(EXPLOITATION_FLAGS)).min(1).optional(),
      categories: z.array(CategoryIdSchema).min(1).optional(),
      /** Once an AIM assessment on the case is final (signed by both co-assessors). */
      assessmentFinal: z.literal(true).optional(),
      /** Once a strategy discussion or meeting has chosen one of these outcomes. */
      strategyOutcomes: z.array(slug).min(1).optional(),
      /** Once a screening has recorded one of these Brook colours (Blackpool: amber or red). */
      brookColours: z.array(slug).min(1).optional(),
      /** Once this step (a trigger event) has been recorded. */
      afterStep: slug.optional(),
    })
    .optional(),
  /** The step (a trigger event) whose recording does the action. */
  doneBy: slug,
  citation: CitationSchema,
});

/** Who every "no further action" decision is reported to (Hounslow: the E&V Coordinator). */
export const NfaReportedToSchema = z.strictObject({ role: text, citation: CitationSchema });
