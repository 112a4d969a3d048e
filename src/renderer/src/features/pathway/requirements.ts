import type { PathwaySummary } from '#contract/pathway-calls.ts';

// The recording requirements a profile lists, each with the verdict the service gives from what the
// workbench records (src/domain/pathway/recording-evidence.ts): this file only words the verdicts.

export type Evidence = PathwaySummary['recordingRequirements'][number]['evidence'];

export const EVIDENCE_WORDS: Record<Evidence['state'], string> = {
  recorded: 'Recorded here',
  missing: 'Not recorded yet',
  'not-needed': 'Not needed',
  'not-tracked': 'Check by hand',
};
