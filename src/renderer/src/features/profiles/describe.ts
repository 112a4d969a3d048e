import type { Profile, Timescale } from '#domain/profiles/schema.ts';

// Plain-English readings of a profile's rules, for the profile screens. (The backend words the rules
// of running deadlines itself; this describer is only for reading a profile document.)

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** e.g. {kind:'working-days',days:3} → 'within 3 working days'. */
export function describeRule(rule: Timescale['rule']): string {
  switch (rule.kind) {
    case 'hours':
      return `within ${plural(rule.hours, 'hour')}`;
    case 'working-days':
      return rule.days === 0 ? 'the same working day' : `within ${plural(rule.days, 'working day')}`;
    case 'calendar-days':
      return rule.days === 0 ? 'the same day' : `within ${plural(rule.days, 'calendar day')}`;
    case 'weeks-window':
      return rule.targetWeeks === rule.latestWeeks
        ? `within ${plural(rule.latestWeeks, 'week')}`
        : `target ${plural(rule.targetWeeks, 'week')}, latest ${plural(rule.latestWeeks, 'week')}`;
    case 'immediate':
      return 'immediately';
    default:
      return 'an unknown kind of rule';
  }
}

/** What starts a timescale's clock: a named step, or another timescale being met. */
export function describeStart(profile: Profile, timescale: Timescale): string {
  const { startsOn } = timescale;
  if ('event' in startsOn) {
    return profile.triggerEvents.find((e) => e.id === startsOn.event)?.label ?? startsOn.event;
  }
  const other = profile.timescales.find((t) => t.id === startsOn.ruleMet);
  return `When “${other?.label ?? startsOn.ruleMet}” is done`;
}

const or = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** Which cases a timescale applies to, e.g. 'Category 2 or 3; not particularly complex'; '' for all. */
export function describeAppliesTo(profile: Profile, timescale: Timescale): string {
  const applies = timescale.appliesTo;
  if (!applies) return '';
  const parts: string[] = [];
  if (applies.categories) parts.push(`Category ${or(applies.categories)}`);
  if (applies.complex === true) parts.push('particularly complex');
  if (applies.complex === false) parts.push('not particularly complex');
  if (applies.brookColours)
    parts.push(`Brook ${or(applies.brookColours.map((c) => colourLabel(profile, c)))}`);
  return parts.join('; ');
}

export const colourLabel = (profile: Profile, id: string | undefined) =>
  id ? (profile.brook.colours.find((c) => c.id === id)?.label ?? id) : '';

export { NATION_LABELS } from '#domain/clock/nations.ts';

export const SOURCE_LABELS: Record<'built-in' | 'imported' | 'cloned', string> = {
  'built-in': 'Built-in',
  imported: 'Imported',
  cloned: 'Cloned',
};

const TERMINOLOGY_LABELS: Record<keyof Profile['terminology'], string> = {
  childrensSocialCare: 'Children’s social care',
  youthJusticeService: 'Youth justice service',
  earlyHelp: 'Early help',
  frontDoor: 'Front door',
  qualityReview: 'Quality review',
  coordinator: 'Coordinator',
  hub: 'HSB hub',
  exploitationPanel: 'Exploitation panel',
};

/** The terms the profile sets, each with its label, in the order of TERMINOLOGY_LABELS. */
export function termsOf(profile: Profile): { key: string; label: string; term: string }[] {
  const set = new Map(Object.entries(profile.terminology));
  return Object.entries(TERMINOLOGY_LABELS).flatMap(([key, label]) => {
    const term = set.get(key);
    return term ? [{ key, label, term }] : [];
  });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const hackettTerm = (term: string) => capitalise(term);

type Criterion = Profile['eligibility']['criteria'][number];

export function describeCriterion(c: Criterion): string {
  const otherwise =
    c.ifNotMet === 'consultation-only' ? 'otherwise a consultation only' : 'otherwise not eligible';
  switch (c.kind) {
    case 'behaviour-within-months':
      return `Behaviour within the last ${plural(c.months, 'month')}; ${otherwise}.`;
    case 'age-on-referral':
      return `Aged ${c.minAge} to ${c.maxAge} when referred; ${otherwise}.`;
    case 'yes-no':
      return `${c.question} Expected answer: ${c.expected ? 'yes' : 'no'}; ${otherwise}.`;
  }
}

export const CONSENT_FROM: Record<string, string> = {
  child: 'the child',
  'parent-carer': 'the parent or carer',
  'allocated-social-worker': 'the allocated social worker',
};
