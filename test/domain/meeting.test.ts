import { describe, expect, it } from 'vitest';
import { meeting } from '#contract/meeting.ts';
import { inOneModel, meetingProblems } from '#domain/meeting.ts';

// The one meeting model's rules, written once (src/domain/meeting.ts) and applied by the contract's schema
// to every kind of meeting.

const valid = {
  heldAt: '2026-06-01T23:30:00Z', // 00:30 on Tuesday 02/06/2026 in London (BST)
  chair: 'Team manager',
  attendees: [{ name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' }],
  agenda: [{ point: 'Share information', notes: '' }],
  decisions: 'Proceed.',
  actions: [{ text: 'Request the school records', owner: 'Sam', due: '2026-06-02', done: false }],
};

const problemsOf = (value: unknown) => {
  const parsed = meeting.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('meeting rules', () => {
  it('accept a meeting whose actions fall due on the London day it was held or later', () => {
    expect(meetingProblems(valid)).toEqual([]);
    expect(problemsOf(valid)).toEqual([]);
  });

  it('refuse an action due before the London day of the meeting (not the UTC day)', () => {
    const early = {
      ...valid,
      actions: [{ text: 'Request the school records', owner: 'Sam', due: '2026-06-01', done: false }],
    };
    expect(meetingProblems(early)).toEqual([
      { path: 'actions.0.due', message: 'must not be before the meeting date (02/06/2026)' },
    ]);
    expect(problemsOf(early)).toEqual(['actions.0.due: must not be before the meeting date (02/06/2026)']);
  });

  it('need a chair: blank or only spaces is refused', () => {
    expect(meetingProblems({ ...valid, chair: '   ' })).toEqual([{ path: 'chair', message: 'is required' }]);
    expect(problemsOf({ ...valid, chair: ' ' })).toEqual(['chair: is required']);
  });

  it('need at least one attendee, each attended, sent apologies or did not attend', () => {
    expect(problemsOf({ ...valid, attendees: [] })).toEqual(['attendees: record who attended']);
    for (const attendance of ['attended', 'apologies', 'did-not-attend'])
      expect(problemsOf({ ...valid, attendees: [{ ...valid.attendees[0], attendance }] })).toEqual([]);
    expect(problemsOf({ ...valid, attendees: [{ ...valid.attendees[0], attendance: 'present' }] })).toEqual([
      'attendees.0.attendance: choose attended, sent apologies or did not attend',
    ]);
  });

  it('leave the agenda, decisions and actions empty when not given', () => {
    const { agenda: _a, decisions: _d, actions: _x, ...bare } = valid;
    expect(meeting.parse(bare)).toMatchObject({ agenda: [], decisions: '', actions: [] });
  });

  it('read an AIM meeting stored before the one model: its day at 00:00 London time, everyone attended', () => {
    const old = {
      heldOn: '2026-06-02',
      attendees: [{ name: 'Dana Police', role: 'Officer', agency: 'Police' }],
      actions: [],
      timescales: 'Weekly',
    };
    expect(inOneModel(old)).toEqual({
      heldAt: '2026-06-01T23:00:00.000Z',
      chair: '',
      attendees: [{ name: 'Dana Police', role: 'Officer', agency: 'Police', attendance: 'attended' }],
      agenda: [],
      decisions: '',
      actions: [],
      timescales: 'Weekly',
    });
    const now = { ...valid, timescales: 'Weekly' };
    expect(inOneModel(now as never)).toEqual(now);
  });
});
