/**
 * Where a child is on the HSB pathway now: the latest step recorded on the case, in the profile's words.
 * Pure: the caller lists the dated steps; the latest one wins (ties keep the order given).
 */

export interface PathwayStep {
  at: string;
  /** e.g. "Strategy meeting held: section 47 enquiry (joint with police); AIM assessment alongside". */
  stage: string;
}

export function currentStage(steps: readonly PathwayStep[]): string {
  let latest: PathwayStep | null = null;
  for (const step of steps) if (!latest || Date.parse(step.at) >= Date.parse(latest.at)) latest = step;
  return latest?.stage ?? 'Case opened: no concern recorded yet';
}

export const EXPLOITATION_PATHWAYS = {
  cse: 'child sexual exploitation (CSE)',
  cce: 'child criminal exploitation (CCE)',
  missing: 'missing',
  trafficking: 'trafficking',
} as const;

/** Hounslow: where CSE, CCE, missing or trafficking is identified, the worker follows that pathway too. */
export function exploitationAdvice(
  flags: Record<keyof typeof EXPLOITATION_PATHWAYS, boolean>,
): string | null {
  const found = (Object.keys(EXPLOITATION_PATHWAYS) as (keyof typeof EXPLOITATION_PATHWAYS)[]).filter(
    (k) => flags[k],
  );
  if (found.length === 0) return null;
  const names = found.map((k) => EXPLOITATION_PATHWAYS[k]);
  return `Also follow the ${names.join(', ')} pathway${found.length > 1 ? 's' : ''}: this concern identifies ${names.join(' and ')}.`;
}
