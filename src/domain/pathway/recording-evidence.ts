import { formatDay, type IsoDay, type IsoInstant, londonDay } from '#domain/dates.ts';

// The recording requirements a profile lists (Islington §8; Lancashire's case notes) as a checklist of
// what is and is not on the case (issue 17). Each requirement is matched by its wording against what the
// workbench records; one that must be done in another system ("recorded on LCS", "a case note") is never
// said to be recorded here, and one the workbench cannot see at all is said to be checked by hand.

export type EvidenceState = 'recorded' | 'missing' | 'not-needed' | 'not-tracked';
export interface Evidence {
  state: EvidenceState;
  detail: string;
}
/** Which rule gave the verdict: `fallback` means none matched the wording. */
export type EvidenceRule =
  | 'other-system'
  | 'plans'
  | 'decline'
  | 'consultation-request'
  | 'consultation-outcome'
  | 'aim-sessions'
  | 'aim-reasons'
  | 'risk-category'
  | 'fallback';

/** What the workbench holds on the case, as far as the checklist needs it. */
export interface RecordedFacts {
  /** The profile's word for the hub ("CYJS HSB Hub"). */
  hub: string;
  plans: { kind: string; dated: IsoDay }[];
  consultations: { requestedAt: IsoInstant; declined: boolean; heldAt: IsoInstant | null }[];
  /** `notified`: how and when the quality-review service was told (Blackpool's SQR service), or ''. */
  assessments: { decidedAt: IsoInstant; reasons: string; notified: string; sessionDays: IsoDay[] }[];
  /** The risk category last agreed, if any. */
  category: { label: string; agreedAt: IsoInstant } | null;
}

const PLAN_WORDS: Record<string, string> = {
  'safety-plan': 'safety plan',
  'diversion-plan': 'diversion plan',
  'direct-work-plan': 'direct-work intervention plan',
  'multi-professional-meeting': 'multi-professional meeting',
  'mase-nomination': 'MASE nomination',
  'mase-update': 'MASE update',
  'mase-feedback': 'MASE feedback',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const days = (list: IsoDay[]) => [...list].sort().map(formatDay).join(', ');
const instantDays = (list: IsoInstant[]) => days(list.map(londonDay));

/**
 * Systems other than the workbench a requirement may name. The first that matches names the system in
 * the wording ("Record this on LCS: the workbench cannot see it").
 */
const OTHER_SYSTEMS: { pattern: RegExp; name: string }[] = [
  { pattern: /\bLCS\b/, name: 'LCS' },
  { pattern: /\bliquid ?logic\b/i, name: 'Liquidlogic' },
  { pattern: /\bmosaic\b/i, name: 'Mosaic' },
  { pattern: /\beclipse\b/i, name: 'Eclipse' },
  { pattern: /\bcase management system\b/i, name: 'the case management system' },
  { pattern: /\bcase note\b/i, name: 'the case management system (case note)' },
];

export function otherSystemNamed(label: string): string | null {
  return OTHER_SYSTEMS.find((s) => s.pattern.test(label))?.name ?? null;
}

const elsewhere = (system: string, also = ''): Evidence => ({
  state: 'not-tracked',
  detail: `Record this on ${system}: the workbench cannot see it.${also}`,
});

function plans(facts: RecordedFacts, kinds: string[]): Evidence {
  const found = facts.plans.filter((p) => kinds.includes(p.kind));
  const what = kinds.map((k) => PLAN_WORDS[k] ?? k).join(', ');
  return found.length > 0
    ? {
        state: 'recorded',
        detail: `${plural(found.length, 'record')} under Plans and records (${what}): ${days(found.map((p) => p.dated))}.`,
      }
    : { state: 'missing', detail: `No ${what} is recorded under Plans and records yet.` };
}

type Rule = {
  rule: EvidenceRule;
  applies: (text: string) => boolean;
  verdict: (f: RecordedFacts, label: string) => Evidence;
};

const planRule = (pattern: RegExp, kinds: string[]): Rule => ({
  rule: 'plans',
  applies: (t) => pattern.test(t),
  verdict: (f) => plans(f, kinds),
});

// A declined request's rationale goes on a case note elsewhere; with nothing declined, nothing is needed.
const DECLINE: Rule = {
  rule: 'decline',
  applies: (t) => /declin/.test(t),
  verdict: (f, label) => {
    const declined = f.consultations.filter((c) => c.declined);
    if (declined.length === 0)
      return { state: 'not-needed', detail: `No request has been declined by the ${f.hub}.` };
    return elsewhere(
      otherSystemNamed(label) ?? 'the case management system',
      ` The decline rationale for ${plural(declined.length, 'request')} is on the consultation record here.`,
    );
  },
};

const RULES: Rule[] = [
  planRule(/safety plan/, ['safety-plan']),
  planRule(/diversion plan/, ['diversion-plan']),
  planRule(/intervention plan|direct work/, ['direct-work-plan']),
  planRule(/multi-professional meeting/, ['multi-professional-meeting']),
  planRule(/\bmase\b/, ['mase-nomination', 'mase-update', 'mase-feedback']),
  {
    rule: 'aim-sessions',
    applies: (t) => /\baim\b/.test(t) && /appointment|session|interview/.test(t),
    verdict: (f) => {
      if (f.assessments.length === 0)
        return {
          state: 'missing',
          detail: 'No AIM assessment has been started yet, so no session is recorded.',
        };
      const sessions = f.assessments.flatMap((a) => a.sessionDays);
      return sessions.length > 0
        ? {
            state: 'recorded',
            detail: `${plural(sessions.length, 'session')} recorded with the AIM assessment: ${days(sessions)}.`,
          }
        : { state: 'missing', detail: 'No session is recorded with the AIM assessment yet.' };
    },
  },
  {
    rule: 'aim-reasons',
    applies: (t) => /\baim\b/.test(t) && /reason|decision/.test(t),
    verdict: (f, label) => {
      if (f.assessments.length === 0)
        return { state: 'missing', detail: 'No AIM assessment has been started yet.' };
      const decided = `the AIM assessment decided on ${instantDays(f.assessments.map((a) => a.decidedAt))}`;
      // Blackpool: "with notification to the SQR service", recorded when the assessment is decided.
      if (!/notif/i.test(label))
        return { state: 'recorded', detail: `The reasons are recorded with ${decided}.` };
      const notified = f.assessments.map((a) => a.notified.trim()).filter(Boolean);
      return notified.length > 0
        ? {
            state: 'recorded',
            detail: `The reasons and the notification (${notified.join('; ')}) are recorded with ${decided}.`,
          }
        : {
            state: 'missing',
            detail: `The reasons are recorded with ${decided}, but not the notification: record how and when it was sent.`,
          };
    },
  },
  {
    rule: 'consultation-request',
    applies: (t) => /consultation/.test(t) && /request/.test(t),
    verdict: (f) =>
      f.consultations.length > 0
        ? {
            state: 'recorded',
            detail: `${plural(f.consultations.length, 'consultation request')} recorded here: ${instantDays(f.consultations.map((c) => c.requestedAt))}.`,
          }
        : { state: 'missing', detail: 'No consultation request is recorded yet.' },
  },
  {
    rule: 'consultation-outcome',
    applies: (t) => /consultation/.test(t),
    verdict: (f) => {
      const held = f.consultations.flatMap((c) => (c.heldAt ? [c.heldAt] : []));
      return held.length > 0
        ? {
            state: 'recorded',
            detail: `Outcome of ${plural(held.length, 'consultation')} recorded here: ${instantDays(held)}.`,
          }
        : { state: 'missing', detail: 'No consultation outcome is recorded yet.' };
    },
  },
  {
    rule: 'risk-category',
    applies: (t) => /risk category|hackett/.test(t),
    verdict: (f) =>
      f.category
        ? {
            state: 'recorded',
            detail: `${f.category.label} agreed on ${instantDays([f.category.agreedAt])}.`,
          }
        : { state: 'missing', detail: 'No risk category has been agreed yet.' },
  },
];

/** The verdict on one recording requirement, and the rule that gave it. */
export function recordingEvidence(
  requirement: { id: string; label: string },
  facts: RecordedFacts,
): Evidence & { rule: EvidenceRule } {
  const text = `${requirement.id} ${requirement.label}`.toLowerCase();
  if (DECLINE.applies(text)) return { rule: DECLINE.rule, ...DECLINE.verdict(facts, requirement.label) };
  // Anything to be done in another system is never "Recorded here", whatever else it mentions.
  const system = otherSystemNamed(requirement.label);
  if (system) return { rule: 'other-system', ...elsewhere(system) };
  const rule = RULES.find((r) => r.applies(text));
  if (rule) return { rule: rule.rule, ...rule.verdict(facts, requirement.label) };
  return {
    rule: 'fallback',
    state: 'not-tracked',
    detail: 'The workbench does not record this: check it by hand.',
  };
}
