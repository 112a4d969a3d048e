import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { entryProblems, errorsFromResult, orderProblems } from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import { LABELS, type MeetingFields, newAttendee, type Update } from './meeting-form.ts';

/** What the form can tell before it asks the workbench: each missing or malformed answer. */
export function meetingProblems(f: MeetingFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!f.type)
    problems.push({
      path: 'type',
      message: 'Choose the type: discussion, meeting or complex abuse meeting',
    });
  if (!f.trigger.trim()) problems.push({ path: 'trigger', message: 'Enter what triggered it' });
  if (!f.day) problems.push({ path: 'heldAt', message: 'Enter the date it was held' });
  if (!f.time) problems.push({ path: 'heldAtTime', message: 'Enter the time it was held' });
  const entry = entryProblems([
    ['heldAt', f.day, LABELS.heldAt, 'date'],
    ['heldAtTime', f.time, LABELS.heldAtTime, 'time'],
  ]);
  problems.push(...entry);
  if (f.day && f.time && !instantFrom(f.day, f.time) && entry.length === 0)
    problems.push({ path: 'heldAt', message: 'Enter a real date and time' });
  if (!f.chair.trim()) problems.push({ path: 'chair', message: 'Enter who chaired it' });
  f.attendees.forEach((a, i) => {
    if (!a.name.trim())
      problems.push({
        path: `attendees.${i}.name`,
        message: `Enter the name of attendee ${i + 1}, or remove the row`,
      });
  });
  if (f.attendees.length === 0) problems.push({ path: 'attendees', message: 'Add who attended' });
  if (f.outcomes.length === 0) problems.push({ path: 'outcomes', message: 'Tick at least one outcome' });
  if (f.followUp.trim() && !/^\d{1,2}$/.test(f.followUp.trim()))
    problems.push({
      path: 'details.followUpWorkingDays',
      message: 'Enter a whole number of working days from 1 to 60',
    });
  f.actions.forEach((a, i) => {
    if (!a.text.trim())
      problems.push({ path: `actions.${i}.text`, message: `Enter action ${i + 1}, or remove the row` });
    problems.push(...entryProblems([[`actions.${i}.due`, a.due, `Due date of action ${i + 1}`, 'date']]));
  });
  return problems;
}

/** The confirmation shown on the meetings list after saving, saying whether an AIM assessment started. */
function savedMessage(before: PathwaySummary, after: PathwaySummary, startsAssessment: boolean): string {
  const meeting = after.meetings.at(-1);
  const assessments = (history: PathwaySummary['history']) =>
    history.filter((h) => h.kind === 'AIM assessment').length;
  const started = assessments(after.history) > assessments(before.history);
  const alongside = startsAssessment
    ? started
      ? ' An AIM assessment has been started on the case.'
      : ' No new AIM assessment was started: the case already has one, or the profile’s rules stopped it (see the case).'
    : '';
  return `${meeting?.typeLabel ?? 'Strategy meeting'} recorded: ${meeting?.outcomes.join('; ') ?? ''}.${alongside}`;
}

/** The strategy meeting form's answers, its problems and its submit, which goes to the meetings list when saved. */
export function useMeetingForm(caseId: string, summary: PathwaySummary) {
  const profileMeeting = summary.strategyMeeting;
  const { navigate } = useRouter();
  const [fields, setFields] = useState<MeetingFields>(() => ({
    type: '',
    trigger: '',
    day: '',
    time: '',
    chair: profileMeeting.chair,
    attendees: [newAttendee()],
    notes: profileMeeting.agenda.map(() => ''),
    outcomes: [],
    rationale: '',
    leadAgency: '',
    s47Type: '',
    followUp: '',
    category: '',
    categoryRationale: '',
    actions: [],
  }));
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const update: Update = (change) => setFields((f) => ({ ...f, ...change }));

  const chosen = profileMeeting.outcomes.filter((o) => fields.outcomes.includes(o.id));
  const needs = (what: string) => chosen.some((o) => o.requires.includes(what));

  const submit = submitting(async () => {
    const f = fields;
    const heldAt = instantFrom(f.day, f.time);
    const problems = meetingProblems(f);
    if (problems.length > 0 || !heldAt || !f.type) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    const days = f.followUp.trim() ? Number(f.followUp.trim()) : null;
    const result = await send(
      call('pathway.recordStrategyMeeting', {
        caseId,
        type: f.type,
        trigger: f.trigger,
        heldAt,
        chair: f.chair,
        attendees: f.attendees.map(({ key: _k, ...a }) => a),
        agenda: profileMeeting.agenda.map((point, i) => ({ point, notes: f.notes[i] ?? '' })),
        outcomes: f.outcomes,
        details: {
          rationale: f.rationale,
          leadAgency: needs('lead-agency') ? f.leadAgency : '',
          s47Type: needs('s47-type') ? f.s47Type : '',
          followUpWorkingDays: needs('follow-up-timescale') ? days : null,
        },
        category: f.category,
        categoryRationale: f.category ? f.categoryRationale : '',
        actions: f.actions.map(({ key: _k, ...a }) => ({ ...a, due: a.due || null })),
      }),
    );
    if (!result.ok) {
      // The category is agreed by the same call: its problems belong to the category fields here.
      const fixed = {
        ...result.error,
        problems: result.error.problems?.map((p) =>
          p.path === 'rationale' ? { ...p, path: 'categoryRationale' } : p,
        ),
      };
      setErrors(errorsFromResult(fixed));
      return;
    }
    navigate(
      { name: 'hsb-meetings', caseId },
      savedMessage(
        summary,
        result.data,
        chosen.some((o) => o.startsAssessment),
      ),
    );
  });

  return { fields, update, chosen, needs, errors, busy, submit };
}
