import { describe, expect, it } from 'vitest';
import { islingtonProfile } from '#domain/profiles/built-in/islington.ts';
import { lancashireProfile } from '#domain/profiles/built-in/lancashire.ts';
import { rulesMetBy } from '#domain/profiles/index.ts';
import { parseProfile } from '#domain/profiles/parse.ts';

// What meets a rule without anyone marking it met ("deadlines close themselves"): named in the profile.

// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
const copy = (): any => JSON.parse(JSON.stringify(islingtonProfile));

describe('a rule met by a recorded step', () => {
  it('Lancashire’s AIM assessment window is met by the final sign-off, and by nothing else', () => {
    expect(rulesMetBy(lancashireProfile, { step: 'final-sign-off' }).map((t) => t.id)).toEqual([
      'aim-assessment-completed',
    ]);
    expect(rulesMetBy(lancashireProfile, { event: 'first-meeting-with-child' })).toEqual([]);
    expect(rulesMetBy(islingtonProfile, { step: 'final-sign-off' })).toEqual([]);
  });

  it('an imported profile may name its own events as meeting a rule; an unknown one is refused by name', () => {
    const p = copy();
    const event = p.triggerEvents[0].id;
    p.timescales[0].metBy = [{ event }];
    const parsed = parseProfile(p);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(rulesMetBy(parsed.profile, { event }).map((t) => t.id)).toEqual([p.timescales[0].id]);

    p.timescales[0].metBy = [{ event: 'meeting-helt' }, { step: 'coffee' }];
    const refused = parseProfile(p);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors[0]?.path).toBe('timescales[0].metBy[1]');
    }
    p.timescales[0].metBy = [{ event: 'meeting-helt' }];
    const unknown = parseProfile(p);
    expect(unknown.ok ? [] : unknown.errors).toEqual([
      { path: 'timescales[0].metBy[0].event', message: 'names an unknown trigger event "meeting-helt"' },
    ]);
  });
});
