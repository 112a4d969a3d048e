import { describe, expect, it } from 'vitest';
import { parentConsentProblem } from '#domain/pattern-map/consent-rule.ts';
import type { CannotBeAskedRule } from '#domain/profiles/schema-parts.ts';

const rule: CannotBeAskedRule = {
  circumstances: ['whereabouts-unknown', 'deceased'],
  approval: 'case-manager',
  basis: 'Local practice',
};
const who = 'Father (parent/carer)';

describe('a parent or carer who cannot be asked', () => {
  it('is settled by consent given, or by a recorded reason the rule allows once a manager approves', () => {
    expect(
      parentConsentProblem({ who, consent: { status: 'given' }, cannotBeAsked: undefined, rule }),
    ).toBeNull();
    const waiting = { circumstance: 'whereabouts-unknown' as const, approved: false };
    expect(
      parentConsentProblem({ who, consent: { status: 'not-sought' }, cannotBeAsked: waiting, rule }),
    ).toBe(
      'Sharing without the consent of Father (parent/carer) (whereabouts unknown) needs the approval of a manager on the case.',
    );
    expect(
      parentConsentProblem({ who, consent: undefined, cannotBeAsked: { ...waiting, approved: true }, rule }),
    ).toBeNull();
    expect(
      parentConsentProblem({
        who,
        consent: undefined,
        cannotBeAsked: waiting,
        rule: { ...rule, approval: 'none' },
      }),
    ).toBeNull();
  });

  it('is not settled where the profile has no rule, or the rule does not cover the circumstance', () => {
    const noPr = { circumstance: 'no-parental-responsibility' as const, approved: true };
    expect(parentConsentProblem({ who, consent: undefined, cannotBeAsked: noPr, rule })).toMatch(
      /does not allow sharing without their consent/,
    );
    expect(
      parentConsentProblem({
        who,
        consent: { status: 'not-sought' },
        cannotBeAsked: undefined,
        rule: undefined,
      }),
    ).toBe('The consent of Father (parent/carer) was not sought.');
    expect(
      parentConsentProblem({ who, consent: { status: 'refused' }, cannotBeAsked: undefined, rule }),
    ).toBe(
      'The consent of Father (parent/carer) was refused: the map cannot go to an external agency against it.',
    );
  });

  it('never lets an approved “cannot be asked” stand against a refusal', () => {
    const approved = { circumstance: 'whereabouts-unknown' as const, approved: true };
    expect(parentConsentProblem({ who, consent: { status: 'refused' }, cannotBeAsked: approved, rule })).toBe(
      'The consent of Father (parent/carer) was refused: the map cannot go to an external agency against it.',
    );
    expect(
      parentConsentProblem({ who, consent: { status: 'not-sought' }, cannotBeAsked: approved, rule }),
    ).toBeNull();
  });
});
