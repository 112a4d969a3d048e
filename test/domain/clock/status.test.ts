import { describe, expect, it } from 'vitest';
import { computeDue } from '#domain/clock/due.ts';
import { deadlineStatus } from '#domain/clock/status.ts';
import type { WorkingCalendar } from '#domain/clock/working-days.ts';

const england: WorkingCalendar = { nation: 'england-wales', closureDays: [] };
// "Within 3 working days" of Thu 26/11/2026: due by the end of Tue 01/12/2026.
const due = computeDue({ kind: 'working-days', days: 3 }, '2026-11-26', england);

describe('deadlineStatus', () => {
  it.each([
    // The date is beside the status wherever it is shown, so the status does not repeat it.
    ['2026-11-16T10:00:00Z', 'later', 'green', 'On track'],
    ['2026-11-26T10:00:00Z', 'due-this-week', 'amber', 'Due within 5 working days'],
    ['2026-12-01T10:00:00Z', 'due-today', 'red', 'Due today'],
    ['2026-12-01T23:59:00Z', 'due-today', 'red', 'Due today'],
    ['2026-12-02T00:00:00Z', 'overdue', 'red', 'Overdue by 1 working day'],
    ['2026-12-03T09:00:00Z', 'overdue', 'red', 'Overdue by 2 working days'],
  ])('at %s: %s', (now, status, rag, label) => {
    expect(deadlineStatus(due, now, england)).toMatchObject({ status, rag, label });
  });

  it('says "was due" when overdue only over a weekend', () => {
    const friday = computeDue({ kind: 'working-days', days: 1 }, '2026-11-26', england);
    expect(deadlineStatus(friday, '2026-11-29T10:00:00Z', england).label).toBe(
      'Overdue: was due Fri 27/11/2026',
    );
  });

  it('shows times for hour rules', () => {
    const hours = computeDue({ kind: 'hours', hours: 24 }, '2026-12-01T14:30:00Z', england);
    expect(deadlineStatus(hours, '2026-12-02T09:00:00Z', england).label).toBe('Due today by 14:30');
    expect(deadlineStatus(hours, '2026-12-01T15:00:00Z', england).label).toBe('Due within 5 working days');
    expect(deadlineStatus(hours, '2026-12-02T15:00:00Z', england).label).toBe('Overdue since 14:30 today');
  });

  it('met on time or late', () => {
    expect(
      deadlineStatus(due, '2026-12-10T10:00:00Z', england, { completedAt: '2026-12-01T16:00:00Z' }),
    ).toEqual({
      status: 'met',
      rag: 'green',
      onTime: true,
      label: 'Met on time (Tue 01/12/2026)',
    });
    expect(
      deadlineStatus(due, '2026-12-10T10:00:00Z', england, { completedAt: '2026-12-03T16:00:00Z' }),
    ).toEqual({
      status: 'met',
      rag: 'amber',
      onTime: false,
      label: 'Met late: completed Thu 03/12/2026, 2 working days after the due date',
    });
  });

  it('paused', () => {
    expect(
      deadlineStatus(due, '2026-12-10T10:00:00Z', england, { pausedSince: '2026-11-30T10:00:00Z' }),
    ).toEqual({
      status: 'paused',
      rag: 'amber',
      label: 'Paused since Mon 30/11/2026',
    });
  });

  it('weeks windows: target, then past target, then the latest day', () => {
    // Blackpool section 2: AIM decision Wed 23/12/2026; target Wed 03/02/2027, latest Wed 17/02/2027.
    const window = computeDue(
      { kind: 'weeks-window', targetWeeks: 6, latestWeeks: 8 },
      '2026-12-23',
      england,
    );
    expect(deadlineStatus(window, '2027-01-04T10:00:00Z', england)).toMatchObject({
      status: 'later',
      label: 'On track',
    });
    expect(deadlineStatus(window, '2027-02-01T10:00:00Z', england)).toMatchObject({
      status: 'due-this-week',
      label: 'Target date within 5 working days',
    });
    expect(deadlineStatus(window, '2027-02-08T10:00:00Z', england)).toMatchObject({
      status: 'past-target',
      rag: 'amber',
      label: 'Past target date 03/02/2027; latest Wed 17/02/2027',
    });
    expect(deadlineStatus(window, '2027-02-17T10:00:00Z', england).status).toBe('due-today');
    expect(deadlineStatus(window, '2027-02-19T10:00:00Z', england).label).toBe('Overdue by 2 working days');
  });
});
