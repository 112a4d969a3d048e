export * from './built-in/index.ts';
export {
  citationText,
  readableCitation,
  readableCitations,
  SOURCE_FILE_NAME,
  SOURCE_TITLES,
} from './citations.ts';
export type {
  CriterionEvaluation,
  CriterionResult,
  EligibilityEvaluation,
  EligibilityFacts,
  EligibilityOutcome,
} from './eligibility.ts';
export { ELIGIBILITY_OUTCOME_LABELS, evaluateEligibility } from './eligibility.ts';
export type { ParseProfileResult, ProfileError } from './parse.ts';
export { describeProfileErrors, parseProfile } from './parse.ts';
export type { ActionFacts, AssessorTraining, ConsentPurpose, TrainedAssessors } from './practice.ts';
export {
  consentFor,
  mayScreenConsultations,
  trackedActionsFor,
  trainedAssessors,
  untrainedAssessor,
} from './practice.ts';
export type {
  CategoryId,
  Citation,
  EligibilityCriterion,
  Profile,
  ProfileInput,
  RiskMatrixRow,
  StrategyMeetingOutcome,
  Timescale,
} from './schema.ts';
export { CATEGORY_IDS, HACKETT_TERMS, ProfileSchema } from './schema.ts';
export { NOT_STATED, NOT_STATED_TEXT } from './schema-parts.ts';
export type { CategorySuggestion } from './suggest-category.ts';
export { suggestCategory } from './suggest-category.ts';
export type { CaseContext, ClockStart } from './timescales.ts';
export {
  type ClockStop,
  findTimescale,
  ruleApplies,
  rulesMetBy,
  rulesStartedBy,
  rulesStartedByOutcome,
} from './timescales.ts';
