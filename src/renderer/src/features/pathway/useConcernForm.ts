import { useEffect, useRef, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CasePerson } from '#contract/pattern-map-schemas.ts';
import type { Agency } from '#contract/vocabulary.ts';
import { isIsoDay } from '#domain/dates.ts';
import type { ProfileAskedFact } from '#domain/profiles/practice.ts';
import { call } from '../../app/api.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { entryProblems } from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import { type ChildKind, type Exploitation, exploitationOf, FORM, LABELS } from './concern-form.ts';
import type { EligibilityView } from './EligibilityResult.tsx';
import { type YesNo, yesNoAnswer } from './shared.tsx';

/** Every answer on the concern form, in one value. */
export interface ConcernFields {
  day: string;
  time: string;
  newReferral: 'yes' | 'no' | '';
  sourceAgency: string;
  sourceRole: string;
  referrerName: string;
  referrerPhone: string;
  referrerEmail: string;
  reported: string;
  childIds: string[];
  flags: Exploitation[];
  lastBehaviourDate: string;
  resides: YesNo | '';
  police: YesNo | '';
  /** Answers to the questions only the profile's criteria ask (Lancashire: CoN Level 4, open to CYJS). */
  asked: Partial<Record<ProfileAskedFact, YesNo | ''>>;
  proceedReason: string;
}

const EMPTY: ConcernFields = {
  day: '',
  time: '',
  newReferral: '',
  sourceAgency: '',
  sourceRole: '',
  referrerName: '',
  referrerPhone: '',
  referrerEmail: '',
  reported: '',
  childIds: [],
  flags: [],
  lastBehaviourDate: '',
  resides: '',
  police: '',
  asked: {},
  proceedReason: '',
};

/** What the form can tell before it asks the workbench: each missing or malformed answer. */
function concernProblems(f: ConcernFields, receivedAt: string | null, needsReason: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!f.day) problems.push({ path: 'receivedAt', message: 'Enter the date the concern was received' });
  if (!f.time) problems.push({ path: 'receivedAtTime', message: 'Enter the time the concern was received' });
  const entry = entryProblems([
    ['receivedAt', f.day, LABELS.receivedAt, 'date'],
    ['receivedAtTime', f.time, LABELS.receivedAtTime, 'time'],
  ]);
  problems.push(...entry);
  problems.push(
    ...entryProblems([
      ['facts.lastBehaviourDate', f.lastBehaviourDate, 'Date of the most recent behaviour', 'date'],
    ]),
  );
  if (f.day && f.time && !receivedAt && entry.length === 0)
    problems.push({ path: 'receivedAt', message: 'Enter a real date and time' });
  if (!f.newReferral) problems.push({ path: 'newReferral', message: 'Say whether this is a new referral' });
  if (!f.sourceAgency)
    problems.push({ path: 'sourceAgency', message: 'Choose the agency of the person reporting' });
  if (!f.reported.trim()) problems.push({ path: 'reported', message: 'Enter what was reported' });
  if (needsReason && !f.proceedReason.trim())
    problems.push({
      path: 'proceedReason',
      message: 'Enter the reason to proceed, or change the answers if a criterion is in fact met',
    });
  return problems;
}

/**
 * The eligibility check: asked for on demand, then kept up to date as the answers change.
 * `problem` says why it could not be checked.
 */
function useEligibility(caseId: string, receivedAt: string | null, facts: Record<string, unknown>) {
  const [eligibility, setEligibility] = useState<EligibilityView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const checked = useRef(false);
  const generation = useRef(0);
  const factsKey = JSON.stringify([receivedAt, facts]);

  async function check() {
    if (!receivedAt) {
      setProblem('Enter the date and time the concern was received: eligibility is judged on that date.');
      setEligibility(null);
      return;
    }
    setProblem(null);
    checked.current = true;
    const mine = ++generation.current;
    const result = await call('pathway.checkEligibility', { caseId, receivedAt, facts });
    if (mine !== generation.current) return;
    if (result.ok) setEligibility(result.data);
    else setProblem(result.error.message);
  }

  // Once checked, the result follows the answers as they change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: factsKey stands for the answers
  useEffect(() => {
    if (!checked.current) return;
    const timer = setTimeout(() => void check(), 250);
    return () => clearTimeout(timer);
  }, [factsKey]);

  return { eligibility, problem, check };
}

/** The facts the eligibility check and the concern record: only those answered. */
function factsOf(f: ConcernFields): Record<string, unknown> {
  return {
    ...(isIsoDay(f.lastBehaviourDate) ? { lastBehaviourDate: f.lastBehaviourDate } : {}),
    ...(yesNoAnswer(f.resides) !== undefined ? { residesInArea: yesNoAnswer(f.resides) } : {}),
    ...(yesNoAnswer(f.police) !== undefined ? { ongoingPoliceInvestigation: yesNoAnswer(f.police) } : {}),
    ...Object.fromEntries(
      (Object.entries(f.asked ?? {}) as [ProfileAskedFact, YesNo | ''][])
        .map(([fact, v]) => [fact, yesNoAnswer(v)] as const)
        .filter(([, v]) => v !== undefined),
    ),
  };
}

/** The concern form's answers, the eligibility check, and its submit (pathway.recordConcern). */
export function useConcernForm(
  caseId: string,
  candidates: CasePerson[],
  onSaved: (summary: PathwaySummary) => void,
) {
  const reason = useRef({ needed: false, shown: false });
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: EMPTY,
    check: (f) => concernProblems(f, instantFrom(f.day, f.time), reason.current.needed),
    toRequest: (f) => ({
      caseId,
      receivedAt: instantFrom(f.day, f.time) ?? '',
      newReferral: f.newReferral === 'yes',
      sourceAgency: f.sourceAgency as Agency,
      sourceRole: f.sourceRole,
      referrerName: f.referrerName,
      referrerPhone: f.referrerPhone,
      referrerEmail: f.referrerEmail,
      reported: f.reported,
      children: candidates
        .filter((p) => f.childIds.includes(p.id))
        .map((p) => ({ personId: p.id, role: p.kind as ChildKind })),
      exploitation: exploitationOf(f.flags),
      facts: factsOf(f),
      proceedReason: reason.current.shown ? f.proceedReason : '',
    }),
    send: (request) => call('pathway.recordConcern', request),
    onSuccess: onSaved,
    onRefused: (error) => {
      if (error.problems?.some((p) => p.path === 'proceedReason')) void check();
      return undefined;
    },
  });
  const fields = form.methods.watch();
  const {
    eligibility,
    problem: checkProblem,
    check,
  } = useEligibility(caseId, instantFrom(fields.day, fields.time), factsOf(fields));
  const needsReason =
    eligibility !== null &&
    (eligibility.outcome === 'not-eligible' || eligibility.outcome === 'more-information-needed');
  const showReason = needsReason || form.errors.problems.some((p) => p.path === 'proceedReason');
  reason.current = { needed: needsReason, shown: showReason };

  return { form, flags: fields.flags, eligibility, checkProblem, check, showReason };
}
