import type { SignOffStatus } from '#contract/sign-off-calls.ts';

/** The steps a version goes through, in practitioners' words (Lancashire steps 9–10). */
export const STEPS = ['Draft', 'Submitted for QA', 'Approved', 'Signed', 'Final'] as const;

/**
 * Where a version is on the steps: the index of the current step, or null for a draft replaced by a
 * later version (it stopped on the way). Once approved, the first signature moves it to "Signed".
 */
export function currentStep(status: Pick<SignOffStatus, 'state' | 'signatures'>): number | null {
  switch (status.state) {
    case 'in-progress':
      return 0;
    case 'submitted':
      return 1;
    case 'approved':
      return status.signatures.length > 0 ? 3 : 2;
    case 'final':
      return 4;
    default:
      return null;
  }
}

const ACTION_LABELS: Record<string, string> = {
  submit: 'Submitted for quality assurance',
  return: 'Returned with comments',
  approve: 'Approved in quality assurance',
  sign: 'Signed',
};

/** A transition's action as a past-tense phrase for the record table. */
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

export type SignOffAction = 'submit' | 'approve' | 'return' | 'sign';

/** The actions that move a version on from its state: the ones whose refusal is worth explaining. */
export function actionsForState(state: string): SignOffAction[] {
  switch (state) {
    case 'in-progress':
      return ['submit'];
    case 'submitted':
      return ['approve', 'return'];
    case 'approved':
      return ['sign'];
    default:
      return [];
  }
}

/** What the person may not do now and why, with the same reason given once (approve and return share one). */
export function refusals(status: Pick<SignOffStatus, 'state' | 'allowed' | 'reasons'>) {
  const names: Record<SignOffAction, string> = {
    submit: 'Submit for quality assurance',
    approve: 'Approve',
    return: 'Return with comments',
    sign: 'Sign this version',
  };
  const byReason = new Map<string, string[]>();
  for (const action of actionsForState(status.state)) {
    if (status.allowed[action]) continue;
    const reason = status.reasons[action];
    if (!reason) continue;
    byReason.set(reason, [...(byReason.get(reason) ?? []), names[action]]);
  }
  return [...byReason].map(([reason, actions]) => ({ actions: actions.join(' or '), reason }));
}
