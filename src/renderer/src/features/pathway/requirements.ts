import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { PLAN_KIND_LABELS, type PlanKind, plural } from './shared.tsx';

// The recording requirements a profile lists (Islington §8; Lancashire's case notes) as a checklist of
// what is and is not on the case. Matched by the requirement's wording against what the workbench
// records; a requirement it cannot see is said to be checked by hand, never ticked.

export type Evidence =
  | { state: 'recorded'; detail: string }
  | { state: 'missing'; detail: string }
  | { state: 'not-needed'; detail: string }
  | { state: 'not-tracked'; detail: string };

const planCount = (summary: PathwaySummary, kinds: PlanKind[]) =>
  summary.plans.filter((p) => (kinds as string[]).includes(p.kind)).length;

function plans(summary: PathwaySummary, kinds: PlanKind[]): Evidence {
  const n = planCount(summary, kinds);
  const what = kinds.map((k) => PLAN_KIND_LABELS[k].toLowerCase()).join(', ');
  return n > 0
    ? { state: 'recorded', detail: `${plural(n, 'record')} under Plans and records (${what}).` }
    : { state: 'missing', detail: `No ${what} is recorded under Plans and records yet.` };
}

export function evidenceFor(requirement: { id: string; label: string }, summary: PathwaySummary): Evidence {
  const text = `${requirement.id} ${requirement.label}`.toLowerCase();
  const held = summary.consultations.filter((c) => c.meeting);
  if (/safety plan/.test(text)) return plans(summary, ['safety-plan']);
  if (/diversion plan/.test(text)) return plans(summary, ['diversion-plan']);
  if (/intervention plan|direct work/.test(text)) return plans(summary, ['direct-work-plan']);
  if (/multi-professional meeting/.test(text)) return plans(summary, ['multi-professional-meeting']);
  if (/mase/.test(text)) return plans(summary, ['mase-nomination', 'mase-update', 'mase-feedback']);
  if (/declin/.test(text)) {
    const declined = summary.consultations.filter((c) => c.screening?.decision === 'decline');
    if (declined.length === 0)
      return { state: 'not-needed', detail: `No request has been declined by the ${summary.terms.hub}.` };
    return {
      state: 'not-tracked',
      detail:
        'The decline rationale is on the consultation record; check the case note on the case management system by hand.',
    };
  }
  if (/consultation/.test(text) && /request/.test(text)) {
    return summary.consultations.length > 0
      ? {
          state: 'recorded',
          detail: `${plural(summary.consultations.length, 'consultation request')} recorded here.`,
        }
      : { state: 'missing', detail: 'No consultation request is recorded yet.' };
  }
  if (/consultation/.test(text)) {
    return held.length > 0
      ? { state: 'recorded', detail: `Outcome of ${plural(held.length, 'consultation')} recorded here.` }
      : { state: 'missing', detail: 'No consultation outcome is recorded yet.' };
  }
  if (/aim/.test(text) && /reason|decision/.test(text)) {
    const started = summary.history.filter((e) => e.kind === 'AIM assessment');
    return started.length > 0
      ? { state: 'recorded', detail: 'The reasons are recorded with the AIM assessment.' }
      : { state: 'missing', detail: 'No AIM assessment has been started yet.' };
  }
  return { state: 'not-tracked', detail: 'The workbench does not record this: check it by hand.' };
}

export const EVIDENCE_WORDS: Record<Evidence['state'], string> = {
  recorded: 'Recorded here',
  missing: 'Not recorded yet',
  'not-needed': 'Not needed',
  'not-tracked': 'Check by hand',
};
