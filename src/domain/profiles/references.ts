/**
 * Checks across a profile that a field-by-field schema cannot see: unique ids, names that must refer to
 * something declared elsewhere in the profile, and chains of rules that would trigger each other in a
 * circle (A starts when B is met, B starts when A is met: neither could ever start).
 */
export type PathSegment = string | number;
export interface ReferenceProblem {
  path: PathSegment[];
  message: string;
}

/** The parts of a profile these checks read (kept structural so the checks do not depend on zod). */
export interface ReferenceView {
  brook: { colours: { id: string }[]; ageBands: { id: string }[] };
  riskMatrix: { rows: { category: string; brookColour?: string; descriptors: { id: string }[] }[] };
  triggerEvents: { id: string; raisedByCategories?: string[] }[];
  timescales: {
    id: string;
    startsOn: { event: string } | { ruleMet: string };
    metBy?: ({ event: string } | { step: string })[];
    appliesTo?: { categories?: string[]; brookColours?: string[] };
  }[];
  eligibility: { criteria: { id: string }[] };
  strategyMeeting?: { outcomes: { id: string; startsEvents: string[] }[] };
  recordingRequirements: { id: string; appliesTo?: { categories: string[] } }[];
  consent: { id: string }[];
  aim?: { assessmentWindowRuleId?: string };
  trackedActions?: {
    id: string;
    doneBy: string;
    when?: { categories?: string[]; brookColours?: string[]; afterStep?: string };
  }[];
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(the whole profile)' : out;
}

function duplicates(
  problems: ReferenceProblem[],
  items: { id: string }[],
  base: PathSegment[],
  what: string,
  field = 'id',
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else
      problems.push({
        path: [...base, i, field],
        message: `repeats the ${what} "${item.id}" (already used at ${formatPath([...base, first])})`,
      });
  });
}

function mustExist(
  problems: ReferenceProblem[],
  known: ReadonlySet<string>,
  value: string,
  path: PathSegment[],
  what: string,
): void {
  if (!known.has(value)) problems.push({ path, message: `names an unknown ${what} "${value}"` });
}

function allExist(
  problems: ReferenceProblem[],
  known: ReadonlySet<string>,
  values: readonly string[] | undefined,
  path: PathSegment[],
  what: string,
): void {
  for (const [j, value] of (values ?? []).entries()) mustExist(problems, known, value, [...path, j], what);
}

function circularTriggers(view: ReferenceView, problems: ReferenceProblem[]): void {
  const index = new Map(view.timescales.map((t, i) => [t.id, i]));
  const reported = new Set<number>();
  view.timescales.forEach((_, start) => {
    const chain: number[] = [];
    let current: number | undefined = start;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      const startsOn: ReferenceView['timescales'][number]['startsOn'] | undefined =
        view.timescales[current]?.startsOn;
      current = startsOn && 'ruleMet' in startsOn ? index.get(startsOn.ruleMet) : undefined;
    }
    if (current === undefined) return;
    const loop = chain.slice(chain.indexOf(current));
    if (loop.some((i) => reported.has(i))) return;
    for (const i of loop) reported.add(i);
    const first = Math.min(...loop);
    const from = loop.indexOf(first);
    const ordered = [...loop.slice(from), ...loop.slice(0, from), first];
    const names = ordered.map((i) => view.timescales[i]?.id).join(' → ');
    problems.push({
      path: ['timescales', first, 'startsOn', 'ruleMet'],
      message: `makes a circle of triggers (${names}), so none of these clocks could ever start`,
    });
  });
}

export function checkReferences(view: ReferenceView): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  duplicates(problems, view.brook.colours, ['brook', 'colours'], 'colour id');
  duplicates(problems, view.brook.ageBands, ['brook', 'ageBands'], 'age band id');
  duplicates(
    problems,
    view.riskMatrix.rows.map((r) => ({ id: r.category })),
    ['riskMatrix', 'rows'],
    'category',
    'category',
  );
  const descriptorIds = new Map<string, string>();
  view.riskMatrix.rows.forEach((row, r) => {
    row.descriptors.forEach((d, i) => {
      const path = formatPath(['riskMatrix', 'rows', r, 'descriptors', i]);
      const first = descriptorIds.get(d.id);
      if (first !== undefined) {
        problems.push({
          path: ['riskMatrix', 'rows', r, 'descriptors', i, 'id'],
          message: `repeats the descriptor id "${d.id}" (already used at ${first})`,
        });
      } else descriptorIds.set(d.id, path);
    });
  });
  duplicates(problems, view.triggerEvents, ['triggerEvents'], 'trigger event id');
  duplicates(problems, view.timescales, ['timescales'], 'rule id');
  duplicates(problems, view.eligibility.criteria, ['eligibility', 'criteria'], 'criterion id');
  duplicates(problems, view.recordingRequirements, ['recordingRequirements'], 'requirement id');
  duplicates(problems, view.consent, ['consent'], 'consent id');
  duplicates(problems, view.strategyMeeting?.outcomes ?? [], ['strategyMeeting', 'outcomes'], 'outcome id');

  const colours = new Set(view.brook.colours.map((c) => c.id));
  const categories = new Set(view.riskMatrix.rows.map((r) => r.category));
  const events = new Set(view.triggerEvents.map((e) => e.id));
  const rules = new Set(view.timescales.map((t) => t.id));

  view.riskMatrix.rows.forEach((row, r) => {
    if (row.brookColour !== undefined)
      mustExist(problems, colours, row.brookColour, ['riskMatrix', 'rows', r, 'brookColour'], 'Brook colour');
  });
  view.timescales.forEach((t, i) => {
    const base = ['timescales', i] as PathSegment[];
    if ('event' in t.startsOn)
      mustExist(problems, events, t.startsOn.event, [...base, 'startsOn', 'event'], 'trigger event');
    else mustExist(problems, rules, t.startsOn.ruleMet, [...base, 'startsOn', 'ruleMet'], 'rule');
    t.metBy?.forEach((m, k) => {
      if ('event' in m) mustExist(problems, events, m.event, [...base, 'metBy', k, 'event'], 'trigger event');
    });
    const inMatrix = 'category (not in the risk matrix)';
    allExist(problems, categories, t.appliesTo?.categories, [...base, 'appliesTo', 'categories'], inMatrix);
    allExist(
      problems,
      colours,
      t.appliesTo?.brookColours,
      [...base, 'appliesTo', 'brookColours'],
      'Brook colour',
    );
  });
  view.triggerEvents.forEach((e, i) => {
    const path = ['triggerEvents', i, 'raisedByCategories'];
    allExist(problems, categories, e.raisedByCategories, path, 'category (not in the risk matrix)');
  });
  view.strategyMeeting?.outcomes.forEach((o, i) => {
    allExist(
      problems,
      events,
      o.startsEvents,
      ['strategyMeeting', 'outcomes', i, 'startsEvents'],
      'trigger event',
    );
  });
  view.recordingRequirements.forEach((req, i) => {
    const path = ['recordingRequirements', i, 'appliesTo', 'categories'];
    allExist(problems, categories, req.appliesTo?.categories, path, 'category');
  });
  duplicates(problems, view.trackedActions ?? [], ['trackedActions'], 'action id');
  view.trackedActions?.forEach((a, i) => {
    mustExist(problems, events, a.doneBy, ['trackedActions', i, 'doneBy'], 'trigger event');
    const path = ['trackedActions', i, 'when', 'categories'];
    allExist(problems, categories, a.when?.categories, path, 'category (not in the risk matrix)');
    allExist(
      problems,
      colours,
      a.when?.brookColours,
      ['trackedActions', i, 'when', 'brookColours'],
      'Brook colour',
    );
    if (a.when?.afterStep !== undefined)
      mustExist(
        problems,
        events,
        a.when.afterStep,
        ['trackedActions', i, 'when', 'afterStep'],
        'trigger event',
      );
  });
  const windowRule = view.aim?.assessmentWindowRuleId;
  if (windowRule !== undefined)
    mustExist(problems, rules, windowRule, ['aim', 'assessmentWindowRuleId'], 'rule');
  circularTriggers(view, problems);
  return problems;
}
