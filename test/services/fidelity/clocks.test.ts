import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../support/temp.ts';
import { type Harness, harness, seededTeam } from '../../support/workbench.ts';
import { openCase, strategyMeeting, type Team } from './support.ts';

// Issue 12, "Clocks start when the procedure says, and only then". Dates are counted by hand against the
// England and Wales bank holidays; the trigger day is day 0 (README, "Working days").

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let team: Team;

async function setUp(now: string) {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date(now) });
  team = await seededTeam(h);
}
afterEach(() => {
  h.wb.close();
  folder.remove();
});

const category = (caseId: string, value: string, agreedAt: string) =>
  h.call('pathway.recordCategory', {
    caseId,
    category: value as '2',
    agreedAt,
    agreedBy: 'Screening by the duty team',
    rationale: 'Agreed at screening',
    complex: false,
  });

/** A strategy meeting on Monday 30/11/2026 that agrees category 2. */
const meetingAgreesCategory2 = (caseId: string) =>
  h.call(
    'pathway.recordStrategyMeeting',
    strategyMeeting(caseId, '2026-11-30T10:00:00Z', ['mase-referral'], {
      category: '2',
      categoryRationale: 'Agreed by the meeting',
    }),
  );

describe('Islington §5.3: the 3-working-day strategy meeting clock starts at the concern or screening', () => {
  it('starts when the screening believes abusive HSB (category 2), and the meeting that agrees category 2 starts no new clock after itself', async () => {
    await setUp('2026-12-02T12:00:00Z');
    const caseId = await openCase(h, team, 'islington');
    // Screening on Thursday 26/11/2026 agrees category 2 (abusive): day 0. Fri 27 = 1, Mon 30 = 2,
    // Tue 01/12 = 3, so the HSB strategy meeting is due by the end of Tuesday 01/12/2026.
    const screened = await category(caseId, '2', '2026-11-26T11:00:00Z');
    expect(screened.events.map((e) => e.event)).toContain('abusive-or-violent-hsb-believed');
    expect(screened.deadlines.map((d) => [d.ruleId, d.triggerAt, d.originalDue.dueDay])).toEqual([
      ['strategy-meeting', '2026-11-26T11:00:00.000Z', '2026-12-01'],
    ]);
    // The meeting is held on Monday 30/11 and agrees category 2 again. Caught before: the category agreed
    // at the meeting started a new "HSB strategy meeting held" clock, due Thursday 03/12, after itself.
    await meetingAgreesCategory2(caseId);
    const after = await h.call('pathway.timeline', { caseId });
    expect(after.deadlines.map((d) => [d.ruleId, d.state, d.originalDue.dueDay])).toEqual([
      ['strategy-meeting', 'met', '2026-12-01'],
    ]);
  });

  it('a category 2 agreed only at a strategy meeting starts no strategy meeting clock', async () => {
    // Caught before: a meeting on Monday 30/11/2026 agreeing category 2 started "HSB strategy meeting held"
    // due Thursday 03/12/2026, three working days after the meeting itself.
    await setUp('2026-12-02T12:00:00Z');
    const caseId = await openCase(h, team, 'islington');
    await meetingAgreesCategory2(caseId);
    const t = await h.call('pathway.timeline', { caseId });
    expect(t.categoryHistory.map((c) => c.category)).toEqual(['2']);
    expect(t.deadlines).toEqual([]);
  });

  it('the step can be recorded on the concern’s own date, before any category', async () => {
    await setUp('2026-12-02T12:00:00Z');
    const caseId = await openCase(h, team, 'islington');
    // Concern on Friday 27/11/2026 believed abusive: Mon 30 = 1, Tue 1 = 2, Wed 02/12 = 3.
    const t = await h.call('pathway.recordEvent', {
      caseId,
      event: 'abusive-or-violent-hsb-believed',
      occurredAt: '2026-11-27T09:00:00Z',
      note: 'Police report of an assault on a younger child',
    });
    expect(t.deadlines.map((d) => [d.ruleId, d.originalDue.dueDay])).toEqual([
      ['strategy-meeting', '2026-12-02'],
    ]);
    // A category agreed later at screening does not start the clock a second time.
    const later = await category(caseId, '3', '2026-11-30T09:00:00Z');
    expect(later.deadlines).toHaveLength(1);
  });
});

describe('Hounslow workflow guidance: 3 and 5 working days for categories 2 and 3 only', () => {
  it('"strategy threshold met" before any category is refused, saying what is missing, and saves nothing', async () => {
    // Caught before: the step was recorded and silently started no clock.
    await setUp('2027-01-05T12:00:00Z');
    const caseId = await openCase(h, team, 'hounslow');
    const refused = await h.refuse('pathway.recordEvent', {
      caseId,
      event: 'strategy-threshold-met',
      occurredAt: '2026-12-23T10:00:00Z',
      note: '',
    });
    expect(refused).toMatchObject({
      code: 'rule-broken',
      message:
        'Record the agreed HSB risk category first. Under the Hounslow profile “Strategy discussion held” (within 3 working days) and “Strategy meeting held” (within 5 working days) start only for categories 2 and 3, and no category is recorded for this case. Nothing has been saved.',
      problems: [{ path: 'event', message: 'needs the agreed risk category recorded first' }],
    });
    const t = await h.call('pathway.timeline', { caseId });
    expect(t.events).toEqual([]);
    expect(t.deadlines).toEqual([]);
  });

  it('category 1: the strategy discussion with police has no timescale; categories 2 and 3 get 3 and 5 working days', async () => {
    // Caught before: category 1 started the 3- and 5-working-day clocks the guidance gives for 2 and 3.
    await setUp('2027-01-05T12:00:00Z');
    const caseId = await openCase(h, team, 'hounslow');
    await category(caseId, '1', '2026-12-23T09:00:00Z');
    const t = await h.call('pathway.recordEvent', {
      caseId,
      event: 'strategy-threshold-met',
      occurredAt: '2026-12-23T10:00:00Z',
      note: '',
    });
    expect(t.events.map((e) => e.event)).toContain('strategy-threshold-met');
    expect(t.deadlines).toEqual([]);
    // Category 3 over Christmas: discussion by Wednesday 30/12/2026, meeting by Monday 04/01/2027.
    const caseId3 = await openCase(h, team, 'hounslow');
    await category(caseId3, '3', '2026-12-23T09:00:00Z');
    // Wed 23/12 = day 0. Thu 24 = 1; Fri 25 and Mon 28 are bank holidays; Tue 29 = 2, Wed 30 = 3 (discussion).
    // Thu 31 = 4; Fri 01/01 is a bank holiday; Mon 04/01 = 5 (meeting).
    const t3 = await h.call('pathway.recordEvent', {
      caseId: caseId3,
      event: 'strategy-threshold-met',
      occurredAt: '2026-12-23T10:00:00Z',
      note: '',
    });
    expect(t3.deadlines.map((d) => [d.ruleId, d.originalDue.dueDay])).toEqual([
      ['strategy-discussion', '2026-12-30'],
      ['strategy-meeting', '2027-01-04'],
    ]);
  });
});
