import { describe, expect, it } from 'vitest';
import { blackpoolProfile } from '#domain/profiles/built-in/blackpool.ts';
import { hounslowProfile } from '#domain/profiles/built-in/hounslow.ts';
import { islingtonProfile } from '#domain/profiles/built-in/islington.ts';
import { findTimescale, rulesStartedBy, rulesStartedByOutcome } from '#domain/profiles/timescales.ts';

const ids = (rules: { id: string }[]) => rules.map((r) => r.id);

describe('choosing the rules a case starts', () => {
  it('Islington: the complex flag picks 3 or 5 working days (§5.3)', () => {
    const believed = { event: 'abusive-or-violent-hsb-believed' };
    expect(ids(rulesStartedBy(islingtonProfile, believed, { category: '3' }))).toEqual(['strategy-meeting']);
    expect(ids(rulesStartedBy(islingtonProfile, believed, { category: '3', complex: true }))).toEqual([
      'strategy-meeting-complex',
    ]);
  });

  it('a rule limited to categories does not start when the category is not yet known', () => {
    expect(rulesStartedBy(hounslowProfile, { event: 'strategy-threshold-met' })).toEqual([]);
  });

  it('a met rule starts the rules that wait for it (Islington §5.4)', () => {
    expect(ids(rulesStartedBy(islingtonProfile, { ruleMet: 'emergency-action' }))).toEqual([
      'strategy-meeting-after-emergency-action',
    ]);
  });

  it('strategy meeting outcomes start rules through the events they raise', () => {
    expect(ids(rulesStartedByOutcome(hounslowProfile, 's47-joint'))).toEqual([
      's47-completed',
      'icpc-initiated',
    ]);
    // Blackpool: "AIM alongside" decides to screen; the 6–8 week window runs from the decision to assess.
    expect(ids(rulesStartedByOutcome(blackpoolProfile, 'aim-alongside'))).toEqual([]);
    expect(ids(rulesStartedByOutcome(blackpoolProfile, 's47-enquiry'))).toEqual([]);
    expect(rulesStartedByOutcome(hounslowProfile, 'no-further-action')).toEqual([]);
    expect(rulesStartedByOutcome(hounslowProfile, 'not-an-outcome')).toEqual([]);
  });

  it('finds a rule by id', () => {
    expect(findTimescale(blackpoolProfile, 'strategy-meeting')?.rule).toEqual({ kind: 'hours', hours: 24 });
  });
});
