/** Which of a profile's timescale rules start on an event, a met rule, or a strategy meeting outcome. */
import type { CategoryId, Profile, Timescale } from './schema.ts';

export interface CaseContext {
  category?: CategoryId;
  /** Islington §5.3: particularly complex concerns allow up to 5 working days. */
  complex?: boolean;
  brookColour?: string;
}

export type ClockStart = { event: string } | { ruleMet: string };

/** True when a rule's `appliesTo` conditions hold for the case. A condition the case cannot answer fails. */
export function ruleApplies(rule: Timescale, context: CaseContext): boolean {
  const when = rule.appliesTo;
  if (!when) return true;
  if (when.categories && (context.category === undefined || !when.categories.includes(context.category)))
    return false;
  if (when.complex !== undefined && when.complex !== (context.complex ?? false)) return false;
  if (
    when.brookColours &&
    (context.brookColour === undefined || !when.brookColours.includes(context.brookColour))
  )
    return false;
  return true;
}

export function rulesStartedBy(profile: Profile, start: ClockStart, context: CaseContext = {}): Timescale[] {
  return profile.timescales.filter((t) => {
    const matches =
      'event' in start
        ? 'event' in t.startsOn && t.startsOn.event === start.event
        : 'ruleMet' in t.startsOn && t.startsOn.ruleMet === start.ruleMet;
    return matches && ruleApplies(t, context);
  });
}

/** The rules whose clocks a strategy meeting outcome starts, through the events it raises. */
export function rulesStartedByOutcome(
  profile: Profile,
  outcomeId: string,
  context: CaseContext = {},
): Timescale[] {
  const outcome = profile.strategyMeeting?.outcomes.find((o) => o.id === outcomeId);
  if (!outcome) return [];
  return outcome.startsEvents.flatMap((event) => rulesStartedBy(profile, { event }, context));
}

/** Something recorded on a case that may meet a rule: a trigger event, or a step of the workbench's own. */
export type ClockStop = { event: string } | { step: 'final-sign-off' };

/** The profile's rules that `stop` meets (those whose `metBy` names it). */
export function rulesMetBy(profile: Profile, stop: ClockStop): Timescale[] {
  return profile.timescales.filter((t) =>
    (t.metBy ?? []).some((m) =>
      'event' in m ? 'event' in stop && stop.event === m.event : 'step' in stop && stop.step === m.step,
    ),
  );
}

export function findTimescale(profile: Profile, ruleId: string): Timescale | undefined {
  return profile.timescales.find((t) => t.id === ruleId);
}
