import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES } from '#domain/profiles/built-in/index.ts';
import { SOURCE_TITLES } from '#domain/profiles/citations.ts';
import { parseProfile } from '#domain/profiles/parse.ts';
import { ProfileSchema } from '#domain/profiles/schema.ts';

const SEEDS = Object.values(SOURCE_TITLES) as string[];
const NATIONAL = ['Working Together to Safeguard Children 2023'];

describe.each(BUILT_IN_PROFILES.map((p) => [p.name, p] as const))(
  'built-in profile: %s',
  (_name, profile) => {
    it('validates against the schema, also after a JSON round trip', () => {
      expect(ProfileSchema.safeParse(profile).success).toBe(true);
      const parsed = parseProfile(JSON.parse(JSON.stringify(profile)));
      expect(parsed).toEqual({ ok: true, profile });
    });

    it('never names a source file in a citation: a practitioner reads the document title', () => {
      expect(JSON.stringify(profile)).not.toMatch(/\d{3}_[^ ]*\.txt/);
    });

    it('cites a source document and section for every timescale rule', () => {
      expect(profile.timescales.length).toBeGreaterThan(0);
      for (const rule of profile.timescales) {
        expect([...SEEDS, ...NATIONAL]).toContain(rule.citation.source);
        expect(rule.citation.section.length).toBeGreaterThan(3);
      }
    });

    it('contains no e-mail addresses or telephone numbers', () => {
      const json = JSON.stringify(profile);
      expect(json).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(json).not.toMatch(/\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b/);
    });

    it('ships no Brook behaviour lists: colours and age bands only', () => {
      expect(Object.keys(profile.brook).sort()).toEqual(
        profile.brook.citation ? ['ageBands', 'citation', 'colours'] : ['ageBands', 'colours'],
      );
    });
  },
);

describe('built-in profiles together', () => {
  it('have unique ids', () => {
    const ids = BUILT_IN_PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
