import { z } from 'zod';

/**
 * Assessment frameworks are templates (data): the public structure only — domain names, headings,
 * a neutral rating scale. AIM's licensed item wording is never shipped: an organisation that holds the
 * licence imports its own item set into a template (see item-sets.ts).
 */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');
const text = z.string().trim().min(1, 'must not be empty').max(200);

export const FrameworkSchema = z
  .strictObject({
    id: slug,
    version: z.number().int().min(1),
    name: text,
    description: z.string().max(1000),
    domains: z
      .array(z.strictObject({ id: slug, name: text, guidance: z.string().max(1000) }))
      .min(1, 'must have at least one domain'),
    /** How each assessor rates a concern or strength; the labels are the template's, not AIM's. */
    ratingScale: z.array(z.strictObject({ id: slug, label: text })).min(2, 'must have at least two points'),
    /** Headings of the analysis, formulation and plan, in report order. */
    sections: z.array(z.strictObject({ id: slug, heading: text, guidance: z.string().max(1000) })),
    /** An overall outcome the template defines (AIM2), or none. */
    outcome: z
      .strictObject({ label: text, options: z.array(z.strictObject({ id: slug, label: text })).min(1) })
      .nullable(),
    /**
     * Overall levels recorded side by side, each from its own list (AIM3: the overall level of concern and
     * the overall level of strengths). Absent in templates made before they were added.
     */
    levels: z
      .array(
        z.strictObject({
          id: slug,
          label: text,
          options: z.array(z.strictObject({ id: slug, label: text })).min(1),
        }),
      )
      .optional(),
  })
  .superRefine((f, ctx) => {
    const dup = (list: { id: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id))
          ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `repeats the id “${x.id}”` });
        seen.add(x.id);
      });
    };
    dup(f.domains, 'domains');
    dup(f.ratingScale, 'ratingScale');
    dup(f.sections, 'sections');
  });

export type Framework = z.infer<typeof FrameworkSchema>;

const SCALE = [
  { id: 'not-evident', label: 'Not evident' },
  { id: 'some', label: 'Some evidence' },
  { id: 'clear', label: 'Clear evidence' },
];

/** Analysis and plan headings common to the built-in templates (Lancashire steps 8–13; Blackpool section 2). */
const SECTIONS = [
  { id: 'needs-met', heading: 'Needs the behaviour meets (sexual and non-sexual)', guidance: '' },
  { id: 'views', heading: 'Views of the child and family', guidance: '' },
  { id: 'strengths-protective', heading: 'Strengths and protective factors', guidance: '' },
  { id: 'formulation', heading: 'Formulation', guidance: '' },
  { id: 'recommendations', heading: 'Recommendations', guidance: '' },
  { id: 'intervention-targets', heading: 'Intervention targets', guidance: '' },
  { id: 'supervision', heading: 'Level of supervision', guidance: '' },
];

const LEVELS = [
  { id: 'low', label: 'Low' },
  { id: 'medium', label: 'Medium' },
  { id: 'high', label: 'High' },
];

/**
 * A built-in template: its own domains (no guidance of their own), the neutral rating scale and the
 * analysis and plan headings the built-in templates share.
 */
function builtIn(t: {
  id: string;
  version?: number;
  name: string;
  description: string;
  domains: [id: string, name: string][];
  outcome?: Framework['outcome'];
  levels?: Framework['levels'];
}): Framework {
  return {
    id: t.id,
    version: t.version ?? 1,
    name: t.name,
    description: t.description,
    domains: t.domains.map(([id, name]) => ({ id, name, guidance: '' })),
    ratingScale: SCALE,
    sections: SECTIONS,
    outcome: t.outcome ?? null,
    ...(t.levels ? { levels: t.levels } : {}),
  };
}

export const AIM3 = builtIn({
  id: 'aim3',
  // Version 2: the overall levels of concern and of strengths (issue 12: "the AIM outcome is whole").
  version: 2,
  name: 'AIM3',
  description: 'The five AIM3 domains (public structure only; load your licensed items to rate them).',
  domains: [
    ['sexual-behaviours', 'Sexual behaviours'],
    ['non-sexual-behaviours', 'Non-sexual behaviours'],
    ['developmental', 'Developmental'],
    ['environmental-family', 'Environmental / family'],
    ['self-regulation', 'Self-regulation'],
  ],
  levels: [
    { id: 'concern', label: 'Overall level of concern', options: LEVELS },
    { id: 'strengths', label: 'Overall level of strengths', options: LEVELS },
  ],
});

/** The levels recorded so far, by level id; stored as JSON in the assessment's outcome. */
export function recordedLevels(stored: string | null): Record<string, string> {
  if (!stored) return {};
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

/** Each level of a framework with what is recorded for it. */
export function levelsOf(framework: Framework, stored: string | null) {
  const recorded = recordedLevels(stored);
  return (framework.levels ?? []).map((l) => {
    const value = recorded[l.id] ?? null;
    return {
      id: l.id,
      label: l.label,
      value,
      valueLabel: value ? (l.options.find((o) => o.id === value)?.label ?? value) : null,
    };
  });
}

/** The outcome in words: the single outcome's label, or each level ("Overall level of concern: High"). */
export function outcomeLabelOf(framework: Framework, stored: string | null): string | null {
  if (framework.levels?.length) {
    const levels = levelsOf(framework, stored);
    if (levels.every((l) => l.value === null)) return null;
    return levels.map((l) => `${l.label}: ${l.valueLabel ?? 'not recorded'}`).join('; ');
  }
  if (!stored) return null;
  return framework.outcome?.options.find((o) => o.id === stored)?.label ?? stored;
}

export const AIM2 = builtIn({
  id: 'aim2',
  name: 'AIM2',
  description: 'Static and dynamic concerns and strengths, with an outcome defined by the template.',
  domains: [
    ['static-concerns', 'Static concerns'],
    ['dynamic-concerns', 'Dynamic concerns'],
    ['static-strengths', 'Static strengths'],
    ['dynamic-strengths', 'Dynamic strengths'],
  ],
  outcome: {
    label: 'Overall outcome',
    options: [
      { id: 'low', label: 'Low level of concern' },
      { id: 'medium', label: 'Medium level of concern' },
      { id: 'high', label: 'High level of concern' },
    ],
  },
});

export const AIM_UNDER_12S = builtIn({
  id: 'aim-under-12s',
  name: 'AIM under 12s',
  description: 'For younger children (public structure only).',
  domains: [
    ['sexual-behaviours', 'Sexual behaviours'],
    ['non-sexual-behaviours', 'Non-sexual behaviours'],
    ['developmental', 'Developmental'],
    ['family-carers', 'Family and carers'],
    ['environment', 'Environment'],
  ],
});

export const CUSTOM = builtIn({
  id: 'custom',
  name: 'Custom assessment',
  description: 'A general structure for assessments that do not use AIM.',
  domains: [
    ['concerns', 'Concerns'],
    ['strengths', 'Strengths'],
  ],
});

export const BUILT_IN_FRAMEWORKS: readonly Framework[] = [AIM3, AIM2, AIM_UNDER_12S, CUSTOM];
