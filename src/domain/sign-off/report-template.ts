import { z } from 'zod';

/**
 * The organisation's report format: which parts of the AIM report appear, in what order, under what
 * headings. The cover page and contents always come first; the quality-assurance record and the
 * signature block cannot be left out.
 */

export const REPORT_PARTS = [
  'reason-and-route',
  'eligibility',
  'planning',
  'sources',
  'sessions',
  'domains',
  'analysis',
  'outcome',
  'pattern-map',
  'end-meeting',
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
  parts: [
    { part: 'reason-and-route', heading: 'Reason for the assessment and route' },
    { part: 'eligibility', heading: 'Referral criteria' },
    { part: 'planning', heading: 'Planning meeting' },
    { part: 'sources', heading: 'Sources of information' },
    { part: 'sessions', heading: 'Sessions held' },
    { part: 'domains', heading: 'Assessment domains' },
    { part: 'analysis', heading: 'Analysis, formulation and plan' },
    { part: 'outcome', heading: 'Outcome' },
    { part: 'pattern-map', heading: 'Pattern map and chronology' },
    { part: 'end-meeting', heading: 'End meeting' },
    { part: 'quality-assurance', heading: 'Quality assurance' },
    { part: 'signatures', heading: 'Signatures and how to verify them' },
  ],
};
