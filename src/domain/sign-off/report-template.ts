import { z } from 'zod';

/**
 * The organisation's report format: which parts of the AIM report appear, in what order, under what
 * headings. The cover page and contents always come first; the quality-assurance record and the
 * signature block cannot be left out.
 */

export const REPORT_PARTS = [
  'referral',
  'eligibility',
  'category',
  'consultation',
  'strategy-meetings',
  'mapping-meeting',
  'reason-and-route',
  'planning',
  'sources',
  'sessions',
  'domains',
  'analysis',
  'pattern-map',
  'outcome',
  'end-meeting',
  'intervention-plan',
  'quality-assurance',
  'signatures',
] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

const REQUIRED: readonly ReportPart[] = ['quality-assurance', 'signatures'];

export const ReportTemplateSchema = z
  .strictObject({
    parts: z
      .array(
        z.strictObject({
          part: z.enum(REPORT_PARTS, { message: 'is not a part of the report' }),
          heading: z.string().trim().min(1, 'must not be empty').max(120),
        }),
      )
      .min(1),
    /**
     * 2: the format knows every part of the whole pathway. A format saved before (no version) gets the parts
     * added since, each in its default place; a part left out of a version-2 format stays out.
     */
    formatVersion: z.literal(2).optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.parts.forEach((p, i) => {
      if (seen.has(p.part))
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'part'], message: 'appears twice' });
      seen.add(p.part);
    });
    for (const part of REQUIRED) {
      if (!seen.has(part)) ctx.addIssue({ code: 'custom', path: ['parts'], message: `must include ${part}` });
    }
  });
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;

export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = {
  formatVersion: 2,
  parts: [
    { part: 'referral', heading: 'Referral' },
    { part: 'eligibility', heading: 'Referral criteria' },
    { part: 'category', heading: 'Risk category' },
    { part: 'consultation', heading: 'Consultation with the hub' },
    { part: 'strategy-meetings', heading: 'Strategy discussions and meetings' },
    { part: 'mapping-meeting', heading: 'Mapping meeting' },
    { part: 'reason-and-route', heading: 'Reason for the assessment and route' },
    { part: 'planning', heading: 'Planning meeting' },
    { part: 'sources', heading: 'Sources of information' },
    { part: 'sessions', heading: 'Sessions held' },
    { part: 'domains', heading: 'Assessment domains' },
    { part: 'analysis', heading: 'Analysis, formulation and plan' },
    { part: 'pattern-map', heading: 'Pattern map and chronology' },
    { part: 'outcome', heading: 'Outcome' },
    { part: 'end-meeting', heading: 'End meeting' },
    { part: 'intervention-plan', heading: 'Intervention and safety plans' },
    { part: 'quality-assurance', heading: 'Quality assurance' },
    { part: 'signatures', heading: 'Signatures and how to verify them' },
  ],
};

/** The parts a format saved before version 2 could not have chosen. */
const ADDED_IN_VERSION_2: readonly ReportPart[] = [
  'referral',
  'category',
  'consultation',
  'strategy-meetings',
  'mapping-meeting',
  'intervention-plan',
];

/**
 * A saved format as it reads today: one saved before the pathway parts existed keeps its parts, order and
 * headings, and gains each new part with its default heading, placed after the part that precedes it in
 * the default order (or first, when none of those is in the format).
 */
export function currentTemplate(saved: ReportTemplate): ReportTemplate {
  if (saved.formatVersion === 2) return saved;
  const parts = [...saved.parts];
  for (const added of DEFAULT_REPORT_TEMPLATE.parts) {
    if (!ADDED_IN_VERSION_2.includes(added.part) || parts.some((p) => p.part === added.part)) continue;
    const before = REPORT_PARTS.slice(0, REPORT_PARTS.indexOf(added.part));
    const after = parts.findLastIndex((p) => before.includes(p.part));
    parts.splice(after + 1, 0, added);
  }
  return { formatVersion: 2, parts };
}
