import { describe, expect, it } from 'vitest';
import { islingtonProfile } from '#domain/profiles/built-in/islington.ts';
import { lancashireProfile } from '#domain/profiles/built-in/lancashire.ts';
import { suggestCategory } from '#domain/profiles/suggest-category.ts';

describe('suggestCategory', () => {
  it('suggests the highest category with a ticked descriptor and explains why', () => {
    const s = suggestCategory(islingtonProfile, ['consent-unclear', 'victimising', 'intrusive']);
    expect(s).toMatchObject({
      category: '2',
      label: 'Category 2 – Abusive',
      decidingDescriptorIds: ['victimising', 'intrusive'],
    });
    expect(s.explanation).toBe(
      'Category 2 – Abusive suggested: it is the highest category with a ticked descriptor (2 descriptors are ticked: “Victimising intent or outcome”; “Intrusive”). This is a suggestion: the practitioner decides the category and records the rationale.',
    );
  });

  it('category 3 outranks everything', () => {
    expect(suggestCategory(islingtonProfile, ['single-instance', 'sadism']).category).toBe('3');
  });

  it('category 0 from a single inappropriate descriptor', () => {
    expect(suggestCategory(islingtonProfile, ['single-instance']).category).toBe('0');
  });

  it('normal when nothing is ticked and the profile has a normal point (Lancashire)', () => {
    expect(suggestCategory(lancashireProfile, [])).toMatchObject({ category: 'normal', label: 'Normal' });
  });

  it('no suggestion when nothing is ticked and there is no normal point (Islington)', () => {
    const s = suggestCategory(islingtonProfile, []);
    expect(s.category).toBeUndefined();
    expect(s.explanation).toContain('no "normal" point');
  });

  it('ignores and reports descriptor ids that the profile does not have', () => {
    const s = suggestCategory(islingtonProfile, ['made-up', 'compulsivity']);
    expect(s).toMatchObject({ category: '1', unknownDescriptorIds: ['made-up'] });
  });
});
