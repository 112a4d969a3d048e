/**
 * A protocol profile: one authority's HSB pathway as a versioned JSON document (data, not code).
 * A case runs under exactly one profile. Whether a profile is built in is decided by the store, not
 * written in the file.
 */
import { z } from 'zod';
import { NATIONS } from '../clock/nations.ts';
import { checkReferences } from './references.ts';
import {
  AimSchema,
  BrookSchema,
  ConsentRequirementSchema,
  ConsultationSchema,
  EligibilitySchema,
  NfaReportedToSchema,
  RecordingRequirementSchema,
  RiskMatrixSchema,
  StrategyMeetingSchema,
  slug,
  TerminologySchema,
  TimescaleSchema,
  TrackedActionSchema,
  TriggerEventSchema,
  text,
} from './schema-parts.ts';

export const ProfileSchema = z
  .strictObject({
    id: slug,
    version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
    name: text,
    authority: text,
    /** Whose bank holidays the working-day clock uses. */
    nation: z.enum(NATIONS),
    terminology: TerminologySchema,
    brook: BrookSchema,
    riskMatrix: RiskMatrixSchema,
    triggerEvents: z.array(TriggerEventSchema),
    timescales: z.array(TimescaleSchema),
    eligibility: EligibilitySchema,
    strategyMeeting: StrategyMeetingSchema.optional(),
    recordingRequirements: z.array(RecordingRequirementSchema),
    consent: z.array(ConsentRequirementSchema),
    aim: AimSchema.optional(),
    consultation: ConsultationSchema.optional(),
    nfaReportedTo: NfaReportedToSchema.optional(),
    trackedActions: z.array(TrackedActionSchema).optional(),
  })
  .superRefine((profile, ctx) => {
    for (const problem of checkReferences(profile)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });

export type Profile = z.infer<typeof ProfileSchema>;
/** The shape authors write (before defaults); identical to Profile while the schema has no defaults. */
export type ProfileInput = z.input<typeof ProfileSchema>;
export type Timescale = Profile['timescales'][number];
export type RiskMatrixRow = Profile['riskMatrix']['rows'][number];
export type EligibilityCriterion = Profile['eligibility']['criteria'][number];
export type StrategyMeetingOutcome = NonNullable<Profile['strategyMeeting']>['outcomes'][number];
export type Citation = Timescale['citation'];

export type { CategoryId } from './schema-parts.ts';
export { CATEGORY_IDS, HACKETT_TERMS } from './schema-parts.ts';
