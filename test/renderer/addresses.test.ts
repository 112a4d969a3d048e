import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, screenOf } from '../../src/renderer/src/app/addresses.ts';

// Screen addresses, including the part of a long page one points at (issue 14: a reload or a link
// returns to the same place).
describe('screen addresses', () => {
  it('gives a part of a page its own address, and reads it back', () => {
    expect(hrefFor({ name: 'case', caseId: 'c1', section: 'notes' })).toBe('#/cases/c1/notes');
    expect(parseRoute('#/cases/c1/notes')).toEqual({ name: 'case', caseId: 'c1', section: 'notes' });
    expect(hrefFor({ name: 'pattern-map', caseId: 'c1', section: 'share' })).toBe('#/cases/c1/map/share');
    expect(parseRoute('#/assessments/a1/formulation')).toEqual({
      name: 'assessment',
      assessmentId: 'a1',
      section: 'formulation',
    });
  });

  it('leaves the part out when none is given', () => {
    expect(hrefFor({ name: 'case', caseId: 'c1' })).toBe('#/cases/c1');
    expect(parseRoute('#/cases/c1')).toEqual({ name: 'case', caseId: 'c1' });
    expect(parseRoute('#/cases/c1/map')).toEqual({ name: 'pattern-map', caseId: 'c1' });
  });

  it('prefers the address with more fixed parts over a section of the same length', () => {
    // Not the case page's section "sync", nor the assessment page's section "sign-off".
    expect(parseRoute('#/cases/c1/sync')).toEqual({ name: 'case-sync', caseId: 'c1' });
    expect(parseRoute('#/cases/c1/plans')).toEqual({ name: 'hsb-plans', caseId: 'c1' });
    expect(parseRoute('#/assessments/a1/sign-off')).toEqual({ name: 'sign-off', assessmentId: 'a1' });
    expect(parseRoute('#/cases/c1/assessments/new')).toEqual({ name: 'new-assessment', caseId: 'c1' });
  });

  it('keeps one screen whichever part of it is shown', () => {
    expect(hrefFor(screenOf({ name: 'case', caseId: 'c1', section: 'notes' }))).toBe('#/cases/c1');
    expect(screenOf({ name: 'cases' })).toEqual({ name: 'cases' });
  });

  it('sends an address it does not know to the case list, and ignores in-page links', () => {
    expect(parseRoute('#/cases/c1/map/share/extra')).toEqual({ name: 'cases' });
    expect(parseRoute('#pm-share')).toBeNull();
  });
});
