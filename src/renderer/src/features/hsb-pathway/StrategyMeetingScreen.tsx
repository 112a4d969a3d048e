import { type FormEvent, Fragment, type ReactNode, useState } from 'react';
import type { CallRequest } from '../../../../contract/calls.ts';
import type { FieldProblem, Result } from '../../../../contract/errors.ts';
import type { PathwaySummary } from '../../../../contract/pathway-calls.ts';
import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  fieldId,
  NO_ERRORS,
  orderProblems,
  problemFor,
  problemText,
} from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';
import { instantFrom } from '../deadlines/due.ts';
import { type CaseBasics, CaseScreen, loadBasics } from './shared.tsx';

type MeetingRequest = CallRequest<'pathway.recordStrategyMeeting'>;
type MeetingType = MeetingRequest['type'];
type Outcome = PathwaySummary['strategyMeeting']['outcomes'][number];

interface Data extends CaseBasics {
  timeline: CaseTimeline;
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, timeline] = await Promise.all([loadBasics(caseId), call('pathway.timeline', { caseId })]);
  if (!basics.ok) return basics;
  if (!timeline.ok) return timeline;
  return { ok: true, data: { ...basics.data, timeline: timeline.data } };
}

const FORM = 'meeting';
const TYPE_OPTIONS: { value: MeetingType; label: string }[] = [
  { value: 'discussion', label: 'Strategy discussion' },
  { value: 'meeting', label: 'Strategy meeting' },
  {
    value: 'complex-abuse',
    label: 'Complex abuse (joint) strategy meeting: several children involved',
  },
];
const REQUIREMENT_LABELS: Record<string, string> = {
  'details.leadAgency': 'Lead agency agreed',
  'details.s47Type': 'Section 47 enquiry: single or joint with police',
  'details.followUpWorkingDays': 'Follow-up strategy meeting within (working days)',
};
const LABELS: Record<string, string> = {
  type: 'Type',
  trigger: 'What triggered it',
  heldAt: 'Date held',
  heldAtTime: 'Time held',
  chair: 'Chair',
  attendees: 'Attendees',
  agenda: 'Agenda',
  outcomes: 'Outcomes agreed',
  ...REQUIREMENT_LABELS,
  'details.rationale': 'Rationale for the decision',
  category: 'Hackett category agreed at the meeting',
  categoryRationale: 'Rationale for the category',
  actions: 'Actions',
};

interface Attendee {
  key: number;
  name: string;
  role: string;
  agency: string;
  attendance: 'present' | 'apologies';
}
interface Action {
  key: number;
  text: string;
  owner: string;
  due: string;
  done: boolean;
}

let nextKey = 1;
const newAttendee = (): Attendee => ({
  key: nextKey++,
  name: '',
  role: '',
  agency: '',
  attendance: 'present',
});
const newAction = (): Action => ({ key: nextKey++, text: '', owner: '', due: '', done: false });

/** Record a strategy discussion or meeting: who, the agenda, the outcomes with what they need, the category and actions. */
export function StrategyMeetingScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  return (
    <CaseScreen
      caseId={caseId}
      title="Record a strategy discussion or meeting"
      loaded={loaded}
      reload={() => void reload()}
      what="the profile’s strategy meeting"
    >
      {(data) =>
        data.hsbCase.status !== 'open' ? (
          <p className="body">This case is closed.</p>
        ) : data.summary.strategyMeeting.outcomes.length === 0 ? (
          <p className="body">
            The {data.timeline.profile.name} profile lists no strategy meeting outcomes, so a strategy meeting
            cannot be recorded here. Record the case notes in the case management system.
          </p>
        ) : (
          <MeetingForm data={data} />
        )
      }
    </CaseScreen>
  );
}

function MeetingForm({ data }: { data: Data }) {
  const { summary, timeline } = data;
  const profileMeeting = summary.strategyMeeting;
  const { navigate } = useRouter();
  const [type, setType] = useState<MeetingType | ''>('');
  const [trigger, setTrigger] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [chair, setChair] = useState(profileMeeting.chair);
  const [attendees, setAttendees] = useState<Attendee[]>([newAttendee()]);
  const [notes, setNotes] = useState<string[]>(profileMeeting.agenda.map(() => ''));
  const [outcomes, setOutcomes] = useState<string[]>([]);
  const [rationale, setRationale] = useState('');
  const [leadAgency, setLeadAgency] = useState('');
  const [s47Type, setS47Type] = useState<'single' | 'joint' | ''>('');
  const [followUp, setFollowUp] = useState('');
  const [category, setCategory] = useState('');
  const [categoryRationale, setCategoryRationale] = useState('');
  const [actions, setActions] = useState<Action[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const chosen = profileMeeting.outcomes.filter((o) => outcomes.includes(o.id));
  const needs = (what: string) => chosen.some((o) => o.requires.includes(what));
  const rationaleNeeded = needs('rationale');

  function clientProblems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!type)
      problems.push({
        path: 'type',
        message: 'Choose the type: discussion, meeting or complex abuse meeting',
      });
    if (!trigger.trim()) problems.push({ path: 'trigger', message: 'Enter what triggered it' });
    if (!day) problems.push({ path: 'heldAt', message: 'Enter the date it was held' });
    if (!time) problems.push({ path: 'heldAtTime', message: 'Enter the time it was held' });
    const entry = entryProblems([
      ['heldAt', day, LABELS.heldAt ?? 'Date held', 'date'],
      ['heldAtTime', time, LABELS.heldAtTime ?? 'Time held', 'time'],
    ]);
    problems.push(...entry);
    if (day && time && !instantFrom(day, time) && entry.length === 0)
      problems.push({ path: 'heldAt', message: 'Enter a real date and time' });
    if (!chair.trim()) problems.push({ path: 'chair', message: 'Enter who chaired it' });
    attendees.forEach((a, i) => {
      if (!a.name.trim())
        problems.push({
          path: `attendees.${i}.name`,
          message: `Enter the name of attendee ${i + 1}, or remove the row`,
        });
    });
    if (attendees.length === 0) problems.push({ path: 'attendees', message: 'Add who attended' });
    if (outcomes.length === 0) problems.push({ path: 'outcomes', message: 'Tick at least one outcome' });
    if (followUp.trim() && !/^\d{1,2}$/.test(followUp.trim()))
      problems.push({
        path: 'details.followUpWorkingDays',
        message: 'Enter a whole number of working days from 1 to 60',
      });
    actions.forEach((a, i) => {
      if (!a.text.trim())
        problems.push({ path: `actions.${i}.text`, message: `Enter action ${i + 1}, or remove the row` });
      problems.push(...entryProblems([[`actions.${i}.due`, a.due, `Due date of action ${i + 1}`, 'date']]));
    });
    return problems;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const heldAt = instantFrom(day, time);
    const problems = clientProblems();
    if (problems.length > 0 || !heldAt || !type) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    const days = followUp.trim() ? Number(followUp.trim()) : null;
    setBusy(true);
    const result = await call('pathway.recordStrategyMeeting', {
      caseId: data.hsbCase.id,
      type,
      trigger,
      heldAt,
      chair,
      attendees: attendees.map(({ key: _k, ...a }) => a),
      agenda: profileMeeting.agenda.map((point, i) => ({ point, notes: notes[i] ?? '' })),
      outcomes,
      details: {
        rationale,
        leadAgency: needs('lead-agency') ? leadAgency : '',
        s47Type: needs('s47-type') ? s47Type : '',
        followUpWorkingDays: needs('follow-up-timescale') ? days : null,
      },
      category,
      categoryRationale: category ? categoryRationale : '',
      actions: actions.map(({ key: _k, ...a }) => ({ ...a, due: a.due || null })),
    });
    setBusy(false);
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
    const meeting = result.data.meetings.at(-1);
    const assessments = (history: PathwaySummary['history']) =>
      history.filter((h) => h.kind === 'AIM assessment').length;
    const started = assessments(result.data.history) > assessments(summary.history);
    const alongside = chosen.some((o) => o.startsAssessment)
      ? started
        ? ' An AIM assessment has been started on the case.'
        : ' No new AIM assessment was started: the case already has one, or the profile’s rules stopped it (see the case).'
      : '';
    navigate(
      { name: 'hsb-meetings', caseId: data.hsbCase.id },
      `${meeting?.typeLabel ?? 'Strategy meeting'} recorded: ${meeting?.outcomes.join('; ') ?? ''}.${alongside}`,
    );
  }

  const setAttendee = (key: number, change: Partial<Attendee>) =>
    setAttendees((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  const setAction = (key: number, change: Partial<Action>) =>
    setActions((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));

  // Each field an outcome needs appears under the first ticked outcome that needs it.
  const revealedBy = new Map<string, string>();
  for (const o of chosen)
    for (const r of o.requires) if (r !== 'rationale' && !revealedBy.has(r)) revealedBy.set(r, o.id);
  const revealFor = (o: Outcome): ReactNode[] =>
    o.requires
      .filter((r) => revealedBy.get(r) === o.id)
      .map((r) => {
        if (r === 'lead-agency')
          return (
            <TextField
              key={r}
              form={FORM}
              path="details.leadAgency"
              label={REQUIREMENT_LABELS['details.leadAgency'] ?? ''}
              value={leadAgency}
              onChange={setLeadAgency}
              width="medium"
              errors={errors}
            />
          );
        if (r === 's47-type')
          return (
            <RadioGroup
              key={r}
              form={FORM}
              path="details.s47Type"
              label={REQUIREMENT_LABELS['details.s47Type'] ?? ''}
              options={[
                { value: 'single', label: 'Single (social care only)' },
                { value: 'joint', label: 'Joint with police' },
              ]}
              value={s47Type}
              onChange={setS47Type}
              errors={errors}
            />
          );
        if (r === 'follow-up-timescale')
          return (
            <TextField
              key={r}
              form={FORM}
              path="details.followUpWorkingDays"
              label={REQUIREMENT_LABELS['details.followUpWorkingDays'] ?? ''}
              hint="The follow-up meeting becomes a deadline on the case."
              value={followUp}
              onChange={setFollowUp}
              inputMode="numeric"
              width="time"
              errors={errors}
            />
          );
        return null;
      });

  const outcomesId = fieldId(FORM, 'outcomes');
  const outcomesProblem = problemFor(errors, 'outcomes');
  return (
    <form onSubmit={submit} noValidate aria-label="Record a strategy discussion or meeting" className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <RadioGroup
        form={FORM}
        path="type"
        label={LABELS.type ?? ''}
        options={TYPE_OPTIONS}
        value={type}
        onChange={setType}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="trigger"
        label={LABELS.trigger ?? ''}
        hint="For example, amber concern screened with the Brook tool."
        value={trigger}
        onChange={setTrigger}
        errors={errors}
      />
      <DateTimeFields
        form={FORM}
        path="heldAt"
        dateLabel={LABELS.heldAt ?? ''}
        timeLabel={LABELS.heldAtTime ?? ''}
        date={day}
        time={time}
        onDate={setDay}
        onTime={setTime}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="chair"
        label={LABELS.chair ?? ''}
        hint={
          profileMeeting.chair ? `The ${timeline.profile.name} profile: ${profileMeeting.chair}.` : undefined
        }
        value={chair}
        onChange={setChair}
        errors={errors}
      />

      <h2 className="heading-m">Attendees</h2>
      {profileMeeting.attendees.length > 0 ? (
        <div className="hint measure">
          <p>The {timeline.profile.name} profile asks for:</p>
          <ul className="bullets">
            {profileMeeting.attendees.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <datalist id={`${FORM}-roles`}>
        {profileMeeting.attendees.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      {problemFor(errors, 'attendees') && !errors.problems.some((p) => p.path.startsWith('attendees.')) ? (
        <p id={fieldId(FORM, 'attendees')} className="field-error">
          {problemText('Attendees', problemFor(errors, 'attendees') ?? '')}
        </p>
      ) : null}
      {attendees.map((a, i) => (
        <fieldset key={a.key} className="fieldset hsb-row">
          <legend className="legend legend--s">Attendee {i + 1}</legend>
          <div className="field-row">
            <TextField
              form={FORM}
              path={`attendees.${i}.name`}
              label="Name"
              value={a.name}
              onChange={(v) => setAttendee(a.key, { name: v })}
              width="medium"
              errors={errors}
            />
            <RoleField
              index={i}
              value={a.role}
              onChange={(v) => setAttendee(a.key, { role: v })}
              errors={errors}
            />
            <TextField
              form={FORM}
              path={`attendees.${i}.agency`}
              label="Agency"
              value={a.agency}
              onChange={(v) => setAttendee(a.key, { agency: v })}
              width="short"
              errors={errors}
            />
            <SelectField
              form={FORM}
              path={`attendees.${i}.attendance`}
              label="Attendance"
              value={a.attendance}
              onChange={(v) => setAttendee(a.key, { attendance: v as Attendee['attendance'] })}
              options={[
                { value: 'present', label: 'Present' },
                { value: 'apologies', label: 'Apologies' },
              ]}
              errors={errors}
            />
          </div>
          <button
            type="button"
            className="link-button"
            onClick={() => setAttendees((list) => list.filter((x) => x.key !== a.key))}
          >
            Remove attendee {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setAttendees((list) => [...list, newAttendee()])}
      >
        Add an attendee
      </button>

      {profileMeeting.agenda.length > 0 ? (
        <>
          <h2 className="heading-m">Agenda</h2>
          <p className="body hint">
            The points the {timeline.profile.name} profile lists, each with its notes.
          </p>
          {profileMeeting.agenda.map((point, i) => (
            <TextAreaField
              key={point}
              form={FORM}
              path={`agenda.${i}.notes`}
              label={point}
              value={notes[i] ?? ''}
              onChange={(v) => setNotes((list) => list.map((n, j) => (j === i ? v : n)))}
              rows={2}
              errors={errors}
            />
          ))}
        </>
      ) : null}

      <h2 className="heading-m">Outcome</h2>
      <div className={`field${outcomesProblem ? ' field--error' : ''}`}>
        <fieldset id={outcomesId} className="fieldset" aria-describedby={`${outcomesId}-hint`}>
          <legend className="legend">{LABELS.outcomes}</legend>
          <p id={`${outcomesId}-hint`} className="hint">
            Tick every outcome agreed. Some need more detail, which appears when ticked; each starts the
            deadlines the profile attaches to it.
          </p>
          {outcomesProblem ? (
            <p className="field-error">
              <span className="visually-hidden">Error: </span>
              {problemText(LABELS.outcomes, outcomesProblem)}
            </p>
          ) : null}
          {profileMeeting.outcomes.map((o) => {
            const id = `${outcomesId}-${o.id}`;
            const notesFor = [
              o.startsAssessment
                ? 'Starts an AIM assessment on the case: the allocated social worker and YOS practitioner become the co-assessors.'
                : '',
              o.noFurtherAction && summary.terms.nfaReportedTo
                ? `Goes on the list of no further action decisions for the ${summary.terms.nfaReportedTo}.`
                : o.noFurtherAction
                  ? 'Goes on the list of no further action decisions.'
                  : '',
            ].filter(Boolean);
            return (
              <Fragment key={o.id}>
                <div className="checkbox">
                  <input
                    id={id}
                    type="checkbox"
                    className="checkbox__input"
                    checked={outcomes.includes(o.id)}
                    onChange={(e) =>
                      setOutcomes((list) =>
                        e.target.checked ? [...list, o.id] : list.filter((x) => x !== o.id),
                      )
                    }
                    aria-describedby={notesFor.length ? `${id}-hint` : undefined}
                  />
                  <label htmlFor={id} className="checkbox__label">
                    {o.label}
                  </label>
                </div>
                {notesFor.length ? (
                  <p id={`${id}-hint`} className="hint checkbox__hint">
                    {notesFor.join(' ')}
                  </p>
                ) : null}
                {outcomes.includes(o.id) && revealFor(o).some(Boolean) ? (
                  <div className="radio__reveal">{revealFor(o)}</div>
                ) : null}
              </Fragment>
            );
          })}
        </fieldset>
      </div>
      <TextAreaField
        form={FORM}
        path="details.rationale"
        label={
          rationaleNeeded
            ? `${LABELS['details.rationale']} (required for the outcome chosen)`
            : `${LABELS['details.rationale']} (optional)`
        }
        hint="Why the meeting decided as it did. Used as the reasons for an AIM assessment started alongside."
        value={rationale}
        onChange={setRationale}
        rows={3}
        errors={errors}
      />
      <SelectField
        form={FORM}
        path="category"
        label={LABELS.category ?? ''}
        hint="Optional. Recorded in the category history, with the deadlines the profile ties to it."
        value={category}
        onChange={setCategory}
        options={timeline.categories.map((c) => ({
          value: c.id,
          label: c.brookColour ? `${c.label} — ${c.brookColour}` : c.label,
        }))}
        placeholder="Not agreed at this meeting"
        errors={errors}
      />
      {category ? (
        <TextAreaField
          form={FORM}
          path="categoryRationale"
          label={`${LABELS.categoryRationale} (required, unless the rationale above covers it)`}
          value={categoryRationale}
          onChange={setCategoryRationale}
          rows={2}
          errors={errors}
        />
      ) : null}

      <h2 className="heading-m">Actions</h2>
      {actions.length === 0 ? <p className="body hint">No actions added.</p> : null}
      {actions.map((a, i) => (
        <fieldset key={a.key} className="fieldset hsb-row">
          <legend className="legend legend--s">Action {i + 1}</legend>
          <TextField
            form={FORM}
            path={`actions.${i}.text`}
            label="What"
            value={a.text}
            onChange={(v) => setAction(a.key, { text: v })}
            errors={errors}
          />
          <div className="field-row">
            <TextField
              form={FORM}
              path={`actions.${i}.owner`}
              label="Owner"
              value={a.owner}
              onChange={(v) => setAction(a.key, { owner: v })}
              width="medium"
              errors={errors}
            />
            <DateField
              form={FORM}
              path={`actions.${i}.due`}
              label="Due"
              value={a.due}
              onChange={(v) => setAction(a.key, { due: v })}
              errors={errors}
            />
          </div>
          <div className="checkbox">
            <input
              id={`${FORM}-actions-${i}-done`}
              type="checkbox"
              className="checkbox__input"
              checked={a.done}
              onChange={(e) => setAction(a.key, { done: e.target.checked })}
            />
            <label htmlFor={`${FORM}-actions-${i}-done`} className="checkbox__label">
              Done
            </label>
          </div>
          <button
            type="button"
            className="link-button"
            onClick={() => setActions((list) => list.filter((x) => x.key !== a.key))}
          >
            Remove action {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setActions((list) => [...list, newAction()])}
      >
        Add an action
      </button>

      <div className="button-group hsb-submit">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Save the record
        </button>
        <RouteLink to={{ name: 'hsb-meetings', caseId: data.hsbCase.id }}>See the meeting records</RouteLink>
      </div>
    </form>
  );
}

function RoleField({
  index,
  value,
  onChange,
  errors,
}: {
  index: number;
  value: string;
  onChange: (v: string) => void;
  errors: FormErrors;
}) {
  const path = `attendees.${index}.role`;
  const id = fieldId(FORM, path);
  const message = problemFor(errors, path);
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <label htmlFor={id} className="label">
        Role
      </label>
      {message ? <p className="field-error">{problemText('Role', message)}</p> : null}
      <input
        id={id}
        className="input input--medium"
        list={`${FORM}-roles`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
}
