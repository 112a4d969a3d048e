/**
 * Practice rules read from a profile's data (never decided in code for every authority). Where a
 * procedure is silent, the profile says "not stated in the procedure" and no rule is invented.
 */
import type { Profile } from './schema.ts';
import { type CONSENT_PURPOSES, NOT_STATED } from './schema-parts.ts';

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type TrainedAssessors = 'both' | 'youth-justice' | 'lead' | typeof NOT_STATED;

/** The consent entry for a purpose: by its purpose, or (profiles written before purposes) by the same id. */
export function consentFor(profile: Profile, purpose: ConsentPurpose) {
  return (
    profile.consent.find((c) => c.purpose === purpose) ??
    profile.consent.find((c) => c.purpose === undefined && c.id === purpose)
  );
}

/**
 * Which co-assessors must be AIM-trained. A profile without an AIM section keeps the national default
 * (both); an older profile's coAssessorsMustBothBeTrained: false meant "the lead must be".
 */
export function trainedAssessors(profile: Profile): TrainedAssessors {
  if (!profile.aim) return 'both';
  if (profile.aim.trainedAssessors) return profile.aim.trainedAssessors;
  return profile.aim.coAssessorsMustBothBeTrained ? 'both' : 'lead';
}

export interface AssessorTraining {
  id: string;
  agency: string;
  aimTrained: boolean;
}

/** The assessor (field name and sentence) the profile's training rule refuses, or null. */
export function untrainedAssessor(
  profile: Profile,
  lead: AssessorTraining,
  co: AssessorTraining,
): { field: 'leadAssessorId' | 'coAssessorId'; message: string } | null {
  const rule = trainedAssessors(profile);
  const field = (a: AssessorTraining) => (a === lead ? 'leadAssessorId' : 'coAssessorId');
  if (rule === 'both') {
    const untrained = [lead, co].find((a) => !a.aimTrained);
    return untrained
      ? {
          field: field(untrained),
          message: `Under the ${profile.name} profile both co-assessors must be AIM-trained.`,
        }
      : null;
  }
  if (rule === 'lead')
    return lead.aimTrained
      ? null
      : {
          field: 'leadAssessorId',
          message: `Under the ${profile.name} profile the lead assessor must be AIM-trained.`,
        };
  if (rule === 'youth-justice') {
    const yj = [lead, co].filter((a) => a.agency === 'youth-justice');
    const untrained = yj.find((a) => !a.aimTrained);
    if (yj.length === 0)
      return {
        field: 'coAssessorId',
        message: `Under the ${profile.name} profile one co-assessor must be an AIM-trained ${profile.terminology.youthJusticeService} practitioner.`,
      };
    return untrained
      ? {
          field: field(untrained),
          message: `Under the ${profile.name} profile the ${profile.terminology.youthJusticeService} co-assessor must be AIM-trained. Ask the ${profile.terminology.youthJusticeService} team manager to identify an AIM-trained practitioner.`,
        }
      : null;
  }
  return null;
}

/** Who signs for Children's Social Care under the profile; not stated unless the profile says. */
export function socialCareSigner(profile: Profile) {
  return profile.aim?.socialCareSigner ?? NOT_STATED;
}

/**
 * Why the profile refuses this signer, or null. Where the profile says the allocated social worker signs
 * (Lancashire step 9), a Children's Social Care co-assessor who is no longer the case's allocated social
 * worker cannot sign.
 */
export function signerRefusal(
  profile: Profile,
  signer: { id: string; agency: string },
  allocatedSocialWorkerId: string,
): string | null {
  if (socialCareSigner(profile) !== 'allocated-social-worker') return null;
  if (signer.agency !== 'childrens-social-care' || signer.id === allocatedSocialWorkerId) return null;
  return `Under the ${profile.name} profile the report is signed for Children's Social Care by the case's allocated social worker, and you are not allocated to this case now. Ask a manager to allocate the case to you, or the allocated social worker to take part in a new version of the assessment.`;
}

/** Who reviews an assessment jointly with the quality assurer (Lancashire step 9: the CSC Team Manager), or ''. */
export function jointReviewRole(profile: Profile): string {
  return profile.aim?.qualityAssuranceJointReview ?? '';
}

/** The comments an approval keeps: who reviewed it jointly (recorded first), then the quality assurer's comments. */
export function approvalComments(role: string, reviewer: string, comments: string): string {
  if (!reviewer) return comments;
  const joint = `Reviewed jointly with ${reviewer}${role ? ` (${role})` : ''}.`;
  return comments ? `${joint}\n${comments}` : joint;
}

/** Whether a person of this agency may screen a consultation request under the profile. */
export function mayScreenConsultations(profile: Profile, agency: string): boolean {
  const agencies = profile.consultation?.screeningAgencies ?? ['youth-justice'];
  return agencies === NOT_STATED || agencies.includes(agency);
}

/** Facts the concern and start forms ask only when the profile's criteria need them, with the profile's question. */
export const PROFILE_ASKED_FACTS = ['openToChildrensSocialCare', 'openToYouthJusticeService'] as const;
export type ProfileAskedFact = (typeof PROFILE_ASKED_FACTS)[number];

export function askedFacts(profile: Profile): { fact: ProfileAskedFact; question: string }[] {
  return profile.eligibility.criteria.flatMap((c) =>
    c.kind === 'yes-no' && (PROFILE_ASKED_FACTS as readonly string[]).includes(c.fact)
      ? [{ fact: c.fact as ProfileAskedFact, question: c.question }]
      : [],
  );
}

/** What the tracked actions need to know about a case. */
export interface ActionFacts {
  exploitation: { cse: boolean; cce: boolean; missing: boolean; trafficking: boolean }[];
  category?: string;
  assessmentFinal: boolean;
  /** Every outcome chosen by the case's strategy discussions and meetings. */
  strategyOutcomes: readonly string[];
  /** The Brook colours screenings on the case have recorded (colour ids). */
  brookColours: readonly string[];
  /** When each recorded step was last recorded, by trigger event id. */
  recorded: ReadonlyMap<string, string>;
}

/** The plan kind that records the intervention plan following an AIM assessment. */
export const INTERVENTION_PLAN_KIND = 'direct-work-plan';

/**
 * An intervention plan follows the assessment (issue 12): once an AIM assessment on the case is final,
 * "Record the intervention plan" is due until a direct-work intervention plan is recorded after the
 * assessment was signed. Null while no assessment is final.
 */
export function interventionPlanAction(
  profile: Profile,
  finalAt: string | null,
  plans: readonly { kind: string; recordedAt: string }[],
) {
  if (!finalAt) return null;
  const recorded = plans
    .filter((p) => p.kind === INTERVENTION_PLAN_KIND && Date.parse(p.recordedAt) >= Date.parse(finalAt))
    .map((p) => p.recordedAt)
    .sort()[0];
  return {
    id: 'intervention-plan',
    label: 'Record the intervention plan',
    doneBy: INTERVENTION_PLAN_KIND,
    doneAt: recorded ?? null,
    citation: profile.aim?.interventionPlanCitation ?? {
      source: profile.name,
      section: 'intervention plan after the AIM assessment: not stated in the procedure',
    },
  };
}

/** The profile's tracked actions that apply to the case, each done once its step is recorded. */
export function trackedActionsFor(profile: Profile, facts: ActionFacts) {
  return (profile.trackedActions ?? [])
    .filter((a) => {
      const when = a.when;
      if (!when) return true;
      const flagged =
        !when.exploitation || facts.exploitation.some((e) => when.exploitation?.some((flag) => e[flag]));
      const categorised =
        !when.categories ||
        (facts.category !== undefined && when.categories.includes(facts.category as never));
      const decided =
        !when.strategyOutcomes || when.strategyOutcomes.some((o) => facts.strategyOutcomes.includes(o));
      const coloured = !when.brookColours || when.brookColours.some((c) => facts.brookColours.includes(c));
      const after = !when.afterStep || facts.recorded.has(when.afterStep);
      return (
        flagged &&
        categorised &&
        decided &&
        coloured &&
        after &&
        (!when.assessmentFinal || facts.assessmentFinal)
      );
    })
    .map((a) => ({
      id: a.id,
      label: a.label,
      doneBy: a.doneBy,
      doneAt: facts.recorded.get(a.doneBy) ?? null,
      citation: a.citation,
    }));
}
