import { describe, expect, it } from 'vitest';
import { islingtonProfile } from '#domain/profiles/built-in/islington.ts';
import { describeProfileErrors, parseProfile } from '#domain/profiles/parse.ts';

/** A deep copy of a valid profile to break, as plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
const copy = (): any => JSON.parse(JSON.stringify(islingtonProfile));

function errorsOf(json: unknown) {
  const result = parseProfile(json);
  if (result.ok) throw new Error('expected the profile to be rejected');
  return result.errors;
}

describe('parseProfile rejects bad profiles with readable paths', () => {
  it('missing fields', () => {
    const p = copy();
    delete p.name;
    delete p.timescales[1].citation;
    expect(errorsOf(p)).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required' },
        { path: 'timescales[1].citation', message: 'is required' },
      ]),
    );
  });

  it('something that is not a profile at all', () => {
    expect(errorsOf('hello')).toEqual([
      { path: '(the whole profile)', message: 'must be a group of fields' },
    ]);
  });

  it('unknown rule kinds', () => {
    const p = copy();
    p.timescales[0].rule = { kind: 'fortnights', fortnights: 1 };
    expect(errorsOf(p)).toEqual([
      {
        path: 'timescales[0].rule.kind',
        message:
          'must be one of "hours", "working-days", "calendar-days", "weeks-window", "immediate" (got "fortnights")',
      },
    ]);
    p.timescales[0].rule = { days: 3 };
    expect(errorsOf(p)[0]?.message).toMatch(/^is required: one of "hours"/);
  });

  it('negative days and hours', () => {
    const p = copy();
    p.timescales[2].rule = { kind: 'working-days', days: -2 };
    p.timescales[3].rule = { kind: 'hours', hours: -1 };
    expect(errorsOf(p)).toEqual([
      { path: 'timescales[2].rule.days', message: 'must be 0 or more' },
      { path: 'timescales[3].rule.hours', message: 'must be 0 or more' },
    ]);
  });

  it('fractional working days', () => {
    const p = copy();
    p.timescales[0].rule.days = 2.5;
    expect(errorsOf(p)).toEqual([{ path: 'timescales[0].rule.days', message: 'must be a whole number' }]);
  });

  it('a weeks window whose latest is before its target', () => {
    const p = copy();
    p.timescales[0].rule = { kind: 'weeks-window', targetWeeks: 8, latestWeeks: 6 };
    expect(errorsOf(p)).toEqual([
      { path: 'timescales[0].rule.latestWeeks', message: 'must be the same as or more than targetWeeks' },
    ]);
  });

  it('duplicate rule ids', () => {
    const p = copy();
    p.timescales[1].id = p.timescales[0].id;
    expect(errorsOf(p)).toEqual([
      {
        path: 'timescales[1].id',
        message: 'repeats the rule id "strategy-meeting" (already used at timescales[0])',
      },
    ]);
  });

  it('triggers naming unknown events or rules', () => {
    const p = copy();
    p.timescales[0].startsOn = { event: 'concern-recieved' };
    p.timescales[3].startsOn = { ruleMet: 'no-such-rule' };
    expect(errorsOf(p)).toEqual([
      { path: 'timescales[0].startsOn.event', message: 'names an unknown trigger event "concern-recieved"' },
      { path: 'timescales[3].startsOn.ruleMet', message: 'names an unknown rule "no-such-rule"' },
    ]);
  });

  it('a trigger that is neither an event nor a rule', () => {
    const p = copy();
    p.timescales[0].startsOn = 'category-agreed';
    expect(errorsOf(p)[0]).toEqual({
      path: 'timescales[0].startsOn',
      message: 'must name a trigger event, { "event": "…" }, or another rule, { "ruleMet": "…" }',
    });
  });

  it('circular triggers, with the chain in the message', () => {
    const p = copy();
    // emergency-action (index 2) now waits for the follow-up meeting (index 3), which waits for it.
    p.timescales[2].startsOn = { ruleMet: 'strategy-meeting-after-emergency-action' };
    expect(errorsOf(p)).toEqual([
      {
        path: 'timescales[2].startsOn.ruleMet',
        message:
          'makes a circle of triggers (emergency-action → strategy-meeting-after-emergency-action → emergency-action), so none of these clocks could ever start',
      },
    ]);
  });

  it('a rule that waits for itself', () => {
    const p = copy();
    p.timescales[0].startsOn = { ruleMet: 'strategy-meeting' };
    expect(errorsOf(p)[0]?.message).toContain('(strategy-meeting → strategy-meeting)');
  });

  it('a longer circle A → B → C → A is reported once', () => {
    const p = copy();
    p.timescales[0].startsOn = { ruleMet: 'strategy-meeting-complex' };
    p.timescales[1].startsOn = { ruleMet: 'emergency-action' };
    p.timescales[2].startsOn = { ruleMet: 'strategy-meeting' };
    expect(errorsOf(p)).toEqual([
      {
        path: 'timescales[0].startsOn.ruleMet',
        message: expect.stringContaining(
          'strategy-meeting → strategy-meeting-complex → emergency-action → strategy-meeting',
        ),
      },
    ]);
  });

  it('categories and colours that are not in the profile', () => {
    const p = copy();
    p.timescales[0].appliesTo.categories = ['2', '4'];
    p.riskMatrix.rows[0].brookColour = 'orange';
    const errors = errorsOf(p);
    expect(errors).toContainEqual({
      path: 'timescales[0].appliesTo.categories[1]',
      message: 'must be one of "0", "1", "2", "3", "normal"',
    });
    p.timescales[0].appliesTo.categories = ['2', 'normal'];
    expect(errorsOf(p)).toEqual([
      { path: 'riskMatrix.rows[0].brookColour', message: 'names an unknown Brook colour "orange"' },
      {
        path: 'timescales[0].appliesTo.categories[1]',
        message: 'names an unknown category (not in the risk matrix) "normal"',
      },
    ]);
  });

  it('unknown fields, a bad version and a bad id', () => {
    const p = copy();
    p.timescales[0].appliesto = {};
    p.version = 0;
    p.id = 'Islington Council';
    expect(describeProfileErrors(errorsOf(p))).toEqual([
      'id: must be lower-case letters, digits and single hyphens (for example "strategy-meeting")',
      'version: must be 1 or more',
      'timescales[0]: has an unknown field "appliesto"',
    ]);
  });

  it('an unknown nation', () => {
    const p = copy();
    p.nation = 'wales';
    expect(errorsOf(p)).toEqual([
      { path: 'nation', message: 'must be one of "england-wales", "scotland", "northern-ireland"' },
    ]);
  });
});
