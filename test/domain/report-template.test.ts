import { describe, expect, it } from 'vitest';
import {
  currentTemplate,
  DEFAULT_REPORT_TEMPLATE,
  REPORT_PARTS,
  ReportTemplateSchema,
} from '#domain/sign-off/report-template.ts';

const saved = (parts: [string, string][]) =>
  ReportTemplateSchema.parse({ parts: parts.map(([part, heading]) => ({ part, heading })) });

describe('the organisation’s report format', () => {
  it('by default tells the whole pathway in the order it happens', () => {
    expect(DEFAULT_REPORT_TEMPLATE.parts.map((p) => p.part)).toEqual([...REPORT_PARTS]);
    expect(ReportTemplateSchema.safeParse(DEFAULT_REPORT_TEMPLATE).success).toBe(true);
  });

  it('a format saved before the pathway parts keeps its own order and headings and gains each new part in its place', () => {
    // Before: such a format produced a report with no referral, category, consultation or meetings.
    const old = saved([
      ['signatures', 'Signatures'],
      ['domains', 'Domains'],
      ['eligibility', 'Eligibility'],
      ['quality-assurance', 'QA'],
    ]);
    expect(currentTemplate(old).parts.map((p) => `${p.part}:${p.heading}`)).toEqual([
      'referral:Referral',
      'signatures:Signatures',
      'domains:Domains',
      'eligibility:Eligibility',
      'category:Risk category',
      'consultation:Consultation with the hub',
      'strategy-meetings:Strategy discussions and meetings',
      'mapping-meeting:Mapping meeting',
      'intervention-plan:Intervention and safety plans',
      'quality-assurance:QA',
    ]);
  });

  it('a part left out of a current format stays out', () => {
    const chosen = {
      formatVersion: 2 as const,
      parts: DEFAULT_REPORT_TEMPLATE.parts.filter((p) => p.part !== 'category'),
    };
    expect(currentTemplate(chosen).parts.map((p) => p.part)).not.toContain('category');
  });
});
