import { describe, expect, it } from 'vitest';
import type { DeadlineAdjustment, DeadlineInput } from '#domain/clock/adjustments.ts';
import { DeadlineAdjustmentSchema, dueIfResumedAt, effectiveDeadline } from '#domain/clock/adjustments.ts';
import type { WorkingCalendar } from '#domain/clock/working-days.ts';

const england: WorkingCalendar = { nation: 'england-wales', closureDays: [] };
const by = 'user-17';

// Lancashire protocol step 8: 45 working days from the first meeting with the child.
// First meeting Mon 02/11/2026; hand count: 38 working days take us to Thu 24/12, then Tue 29 (39),
// Wed 30 (40), Thu 31 (41), Mon 4/1 (42), Tue 5 (43), Wed 6 (44), Thu 07/01/2027 (45).
const aim = (adjustments: DeadlineAdjustment[]): DeadlineInput => ({
  rule: { kind: 'working-days', days: 45 },
  trigger: '2026-11-02',
  calendar: england,
  adjustments,
});

describe('effectiveDeadline', () => {
  it('with no adjustments, the effective due is the original', () => {
    const r = effectiveDeadline(aim([]));
    expect(r.ok && r.deadline.current.dueDay).toBe('2027-01-07');
    expect(r.ok && r.deadline.paused).toBe(false);
  });

  it('a pause stops the clock; on resume the due date moves by the working days paused', () => {
    const r = effectiveDeadline(
      aim([
        { type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'Court directions: wait for the hearing', by },
        { type: 'resume', at: '2026-12-08T09:00:00Z', by },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // Paused Thu 3/12, resumed Tue 8/12: Fri 4, Mon 7, Tue 8 = 3 working days. 07/01 + 3 = Tue 12/01/2027.
    expect(r.deadline.original.dueDay).toBe('2027-01-07');
    expect(r.deadline.current.dueDay).toBe('2027-01-12');
    expect(r.deadline.paused).toBe(false);
    expect(r.deadline.history.map((h) => h.summary)).toEqual([
      'Paused on Thu 03/12/2026: Court directions: wait for the hearing.',
      'Resumed on Tue 08/12/2026 after 3 working days; due date moved from 07/01/2027 to 12/01/2027.',
    ]);
  });

  it('while paused, reports the pause and keeps the due date in force when the clock stopped', () => {
    const input = aim([{ type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'Court directions', by }]);
    const r = effectiveDeadline(input);
    expect(r.ok && r.deadline.paused).toBe(true);
    expect(r.ok && r.deadline.pausedSince).toBe('2026-12-03T10:00:00Z');
    expect(r.ok && r.deadline.current.dueDay).toBe('2027-01-07');
    expect(dueIfResumedAt(input, '2026-12-04T09:00:00Z')?.dueDay).toBe('2027-01-08');
  });

  it('an extension sets a later day, by date or by extra working days', () => {
    const r = effectiveDeadline(
      aim([
        { type: 'extend', at: '2026-12-10T10:00:00Z', extraWorkingDays: 2, reason: 'Interpreter needed', by },
        {
          type: 'extend',
          at: '2026-12-11T10:00:00Z',
          newDueDay: '2027-01-29',
          reason: 'Court directions',
          by,
        },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // Thu 07/01 + 2 working days = Mon 11/01/2027.
    expect(r.deadline.history[0]?.dueAfter.dueDay).toBe('2027-01-11');
    expect(r.deadline.current.dueDay).toBe('2027-01-29');
    expect(r.deadline.original.dueDay).toBe('2027-01-07');
  });

  it('hour rules are paused in real time', () => {
    const r = effectiveDeadline({
      rule: { kind: 'hours', hours: 24 },
      trigger: '2026-12-01T09:00:00Z',
      calendar: england,
      adjustments: [
        { type: 'pause', at: '2026-12-01T12:00:00Z', reason: 'Child missing; police leading', by },
        { type: 'resume', at: '2026-12-01T14:30:00Z', by, reason: 'Child found' },
      ],
    });
    expect(r.ok && r.deadline.current.dueInstant).toBe('2026-12-02T11:30:00.000Z');
    expect(r.ok && r.deadline.history[1]?.summary).toContain('after 2 hours 30 minutes');
  });

  it('weeks windows move both dates by calendar days when paused, and only the latest when extended', () => {
    const r = effectiveDeadline({
      rule: { kind: 'weeks-window', targetWeeks: 6, latestWeeks: 8 },
      trigger: '2026-12-23',
      calendar: england,
      adjustments: [
        { type: 'pause', at: '2027-01-04T10:00:00Z', reason: 'Court directions', by },
        { type: 'resume', at: '2027-01-11T10:00:00Z', by },
        {
          type: 'extend',
          at: '2027-01-12T10:00:00Z',
          newDueDay: '2027-03-10',
          reason: 'Court directions',
          by,
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.deadline.history[1]?.dueAfter).toMatchObject({ dueDay: '2027-02-10', latestDay: '2027-02-24' });
    expect(r.deadline.current).toMatchObject({ dueDay: '2027-02-10', latestDay: '2027-03-10' });
  });
});

describe('effectiveDeadline rejects user errors as values', () => {
  const rejects = (adjustments: DeadlineAdjustment[]) => {
    const r = effectiveDeadline(aim(adjustments));
    if (r.ok) throw new Error('expected an error');
    return r.errors;
  };

  it('a blank reason', () => {
    expect(rejects([{ type: 'pause', at: '2026-12-03T10:00:00Z', reason: '  ', by }])).toEqual([
      {
        index: 0,
        code: 'reason-required',
        message: 'Change 1 (pause) needs a reason, for example court directions.',
      },
    ]);
    expect(
      rejects([{ type: 'extend', at: '2026-12-03T10:00:00Z', reason: '', by, extraWorkingDays: 1 }])[0]?.code,
    ).toBe('reason-required');
  });

  it('no author', () => {
    expect(rejects([{ type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'x', by: '' }])[0]?.code).toBe(
      'author-required',
    );
  });

  it('resume without a pause, or a second pause', () => {
    expect(rejects([{ type: 'resume', at: '2026-12-03T10:00:00Z', by }])[0]?.code).toBe('not-paused');
    const pause: DeadlineAdjustment = { type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'x', by };
    expect(rejects([pause, { ...pause, at: '2026-12-04T10:00:00Z' }])[0]).toMatchObject({
      index: 1,
      code: 'already-paused',
    });
  });

  it('changes out of order or before the trigger', () => {
    expect(rejects([{ type: 'pause', at: '2026-10-01T10:00:00Z', reason: 'x', by }])[0]?.code).toBe(
      'before-trigger',
    );
    expect(
      rejects([
        { type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'x', by },
        { type: 'resume', at: '2026-12-02T10:00:00Z', by },
      ])[0]?.code,
    ).toBe('out-of-order');
  });

  it('a pause after the deadline has passed', () => {
    expect(rejects([{ type: 'pause', at: '2027-01-08T10:00:00Z', reason: 'x', by }])[0]?.code).toBe(
      'pause-after-due',
    );
  });

  it('an extension that is not later, or that gives both or neither form', () => {
    expect(
      rejects([{ type: 'extend', at: '2026-12-03T10:00:00Z', newDueDay: '2027-01-07', reason: 'x', by }])[0],
    ).toMatchObject({ code: 'extension-not-later', message: expect.stringContaining('07/01/2027') });
    expect(rejects([{ type: 'extend', at: '2026-12-03T10:00:00Z', reason: 'x', by }])[0]?.code).toBe(
      'invalid-extension',
    );
    expect(
      rejects([
        {
          type: 'extend',
          at: '2026-12-03T10:00:00Z',
          reason: 'x',
          by,
          newDueDay: '2027-02-01',
          extraWorkingDays: 2,
        },
      ])[0]?.code,
    ).toBe('invalid-extension');
  });
});

describe('DeadlineAdjustmentSchema', () => {
  it('accepts a well-formed pause and rejects a blank reason', () => {
    const pause = { type: 'pause', at: '2026-12-03T10:00:00Z', reason: 'Court directions', by };
    expect(DeadlineAdjustmentSchema.safeParse(pause).success).toBe(true);
    expect(DeadlineAdjustmentSchema.safeParse({ ...pause, reason: ' ' }).success).toBe(false);
  });
});
