import { type FormEvent, type ReactNode, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ExportButton } from '../../ui/ExportButton.tsx';
import { CheckboxGroup, DateTimeFields, RadioGroup, TextAreaField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { WarningText } from '../../ui/Notice.tsx';
import { entryProblems, type FormErrors, orderProblems } from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import type { Consultation } from './consultation-words.ts';
import { StateTag, When } from './shared.tsx';

export function ConsultationRecord({
  caseId,
  consultation: c,
  hub,
  open,
  userName,
  onDone,
}: {
  caseId: string;
  consultation: Consultation;
  hub: string;
  open: boolean;
  userName: string;
  onDone: (s: PathwaySummary) => void;
}) {
  const titleId = `consultation-${c.id}-title`;
  // The hub screens a request; the person who made it waits for the decision.
  const mine = c.requestedByName === userName;
  return (
    <article aria-labelledby={titleId} className="panel hsb-consultation">
      <h3 id={titleId} className="heading-s heading--flush">
        Consultation requested <When at={c.requestedAt} />
      </h3>
      <p className="body">
        <StateTag tone={c.state === 'declined' ? 'todo' : c.state === 'held' ? 'done' : 'info'}>
          {c.stateLabel}
        </StateTag>
      </p>
      {c.screening?.decision === 'decline' ? (
        <WarningText>
          The {hub} declined this request: {c.screening.rationale}
        </WarningText>
      ) : null}
      <dl className="facts">
        <div className="facts__row">
          <dt>Requested by</dt>
          <dd>{c.requestedByName}</dd>
        </div>
        <div className="facts__row">
          <dt>Manager</dt>
          <dd>{c.managerName}</dd>
        </div>
        <div className="facts__row">
          <dt>For</dt>
          <dd className="prewrap">{c.request}</dd>
        </div>
        {c.screening ? (
          <div className="facts__row">
            <dt>Screening</dt>
            <dd>
              {c.screening.decision === 'accept' ? 'Accepted' : 'Declined'} by {c.screening.byName},{' '}
              <When at={c.screening.at} />
              {c.screening.rationale ? (
                <span className="cell-note prewrap">{c.screening.rationale}</span>
              ) : null}
            </dd>
          </div>
        ) : null}
        {c.meeting ? (
          <>
            <div className="facts__row">
              <dt>Held</dt>
              <dd>
                <When at={c.meeting.heldAt} />, with {c.meeting.attendees.join(', ')}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Outcome</dt>
              <dd>The behaviour is {c.meeting.outcome}</dd>
            </div>
            <div className="facts__row">
              <dt>Next steps</dt>
              <dd>{c.meeting.nextSteps.join(', ')}</dd>
            </div>
            <div className="facts__row">
              <dt>Resources shared</dt>
              <dd className="prewrap">
                {c.meeting.resourcesShared || <span className="hint">None recorded</span>}
              </dd>
            </div>
            {c.meeting.notes ? (
              <div className="facts__row">
                <dt>Notes</dt>
                <dd className="prewrap">{c.meeting.notes}</dd>
              </div>
            ) : null}
          </>
        ) : null}
      </dl>
      {c.meeting?.nextSteps.includes('pattern mapping') ? (
        <p className="body">
          Next: <RouteLink to={{ name: 'pattern-map', caseId }}>open the pattern map</RouteLink>.
        </p>
      ) : null}
      {open && c.state === 'requested' && mine ? (
        <p className="body">Waiting for the {hub} to screen the request.</p>
      ) : null}
      {open && c.state === 'requested' && !mine ? (
        <ScreenForm consultation={c} hub={hub} onDone={onDone} />
      ) : null}
      {open && c.state === 'accepted' ? <HeldForm consultation={c} onDone={onDone} /> : null}
      <ExportButton
        name="reports.exportConsultation"
        request={{ caseId, consultationId: c.id }}
        label="Export the consultation record (Word)"
      />
    </article>
  );
}

const SCREEN_LABELS = {
  decision: 'Decision',
  rationale: 'Rationale (required to decline: it is shown to the referrer)',
};

function ScreenForm({
  consultation: c,
  hub,
  onDone,
}: {
  consultation: Consultation;
  hub: string;
  onDone: (s: PathwaySummary) => void;
}) {
  const form = `screen-${c.id}`;
  const [decision, setDecision] = useState<'accept' | 'decline' | ''>('');
  const [rationale, setRationale] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  const submit = submitting(async () => {
    const problems: FieldProblem[] = [];
    if (!decision) problems.push({ path: 'decision', message: 'Choose accept or decline' });
    if (decision === 'decline' && !rationale.trim())
      problems.push({
        path: 'rationale',
        message: 'Enter the rationale for declining: the referrer will see it',
      });
    if (problems.length > 0 || !decision) {
      setErrors({ problems });
      return;
    }
    const result = await send(
      call('consultations.screen', {
        consultationId: c.id,
        expectedVersion: c.version,
        decision,
        rationale,
      }),
    );
    if (!result.ok) return;
    onDone(result.data);
  });

  return (
    <SubForm
      form={form}
      title={`Screen the request (${hub})`}
      hint={`For ${hub} staff. The person who made the request cannot screen it.`}
      errors={errors}
      labels={SCREEN_LABELS}
      onSubmit={submit}
      submit="Record the screening decision"
      busy={busy}
    >
      <RadioGroup
        form={form}
        path="decision"
        label={SCREEN_LABELS.decision}
        options={[
          { value: 'accept', label: 'Accept the request' },
          { value: 'decline', label: 'Decline the request' },
        ]}
        value={decision}
        onChange={setDecision}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="rationale"
        label={SCREEN_LABELS.rationale}
        value={rationale}
        onChange={setRationale}
        rows={3}
        errors={errors}
      />
    </SubForm>
  );
}

const OUTCOMES = [
  { value: 'normal', label: 'Normal' },
  { value: 'inappropriate', label: 'Inappropriate' },
  { value: 'problematic', label: 'Problematic' },
  { value: 'harmful', label: 'Harmful' },
] as const;
type ConsultationOutcome = (typeof OUTCOMES)[number]['value'];
const NEXT_STEPS = [
  { value: 'pattern-mapping', label: 'Pattern mapping' },
  { value: 'aim-assessment', label: 'AIM assessment' },
  { value: 'signposting', label: 'Signposting' },
  { value: 'no-further-involvement', label: 'No further hub involvement' },
] as const;
type NextStep = (typeof NEXT_STEPS)[number]['value'];
const HELD_LABELS = {
  heldAt: 'Date held',
  heldAtTime: 'Time held',
  attendees: 'Who attended (one per line)',
  outcome: 'Outcome: the behaviour is',
  resourcesShared: 'Resources shared',
  nextSteps: 'Next steps',
  notes: 'Notes',
};

function HeldForm({
  consultation: c,
  onDone,
}: {
  consultation: Consultation;
  onDone: (s: PathwaySummary) => void;
}) {
  const form = `held-${c.id}`;
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [attendees, setAttendees] = useState('');
  const [outcome, setOutcome] = useState<ConsultationOutcome | ''>('');
  const [resources, setResources] = useState('');
  const [nextSteps, setNextSteps] = useState<NextStep[]>([]);
  const [notes, setNotes] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  const submit = submitting(async () => {
    const heldAt = instantFrom(day, time);
    const names = attendees
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const problems: FieldProblem[] = [];
    if (!day) problems.push({ path: 'heldAt', message: 'Enter the date the consultation was held' });
    if (!time) problems.push({ path: 'heldAtTime', message: 'Enter the time the consultation was held' });
    const entry = entryProblems([
      ['heldAt', day, HELD_LABELS.heldAt, 'date'],
      ['heldAtTime', time, HELD_LABELS.heldAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (names.length === 0) problems.push({ path: 'attendees', message: 'Enter who attended, one per line' });
    if (!outcome) problems.push({ path: 'outcome', message: 'Choose the outcome' });
    if (nextSteps.length === 0) problems.push({ path: 'nextSteps', message: 'Tick at least one next step' });
    if (problems.length > 0 || !heldAt || !outcome) {
      setErrors({ problems: orderProblems(problems, Object.keys(HELD_LABELS)) });
      return;
    }
    const result = await send(
      call('consultations.recordMeeting', {
        consultationId: c.id,
        expectedVersion: c.version,
        heldAt,
        attendees: names,
        outcome,
        resourcesShared: resources,
        nextSteps,
        notes,
      }),
    );
    if (!result.ok) return;
    onDone(result.data);
  });

  return (
    <SubForm
      form={form}
      title="Record the consultation meeting"
      errors={errors}
      labels={HELD_LABELS}
      onSubmit={submit}
      submit="Record the consultation"
      busy={busy}
    >
      <DateTimeFields
        form={form}
        path="heldAt"
        dateLabel={HELD_LABELS.heldAt}
        timeLabel={HELD_LABELS.heldAtTime}
        date={day}
        time={time}
        onDate={setDay}
        onTime={setTime}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="attendees"
        label={HELD_LABELS.attendees}
        hint="Name and role, for example Sam Social Worker (allocated social worker)."
        value={attendees}
        onChange={setAttendees}
        rows={3}
        errors={errors}
      />
      <RadioGroup
        form={form}
        path="outcome"
        label={HELD_LABELS.outcome}
        hint="Hackett’s continuum, as the hub uses it."
        options={OUTCOMES}
        value={outcome}
        onChange={setOutcome}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="resourcesShared"
        label={HELD_LABELS.resourcesShared}
        value={resources}
        onChange={setResources}
        rows={2}
        errors={errors}
      />
      <CheckboxGroup
        form={form}
        path="nextSteps"
        label={HELD_LABELS.nextSteps}
        options={NEXT_STEPS}
        values={nextSteps}
        onChange={setNextSteps}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="notes"
        label={HELD_LABELS.notes}
        hint="Optional."
        value={notes}
        onChange={setNotes}
        rows={3}
        errors={errors}
      />
    </SubForm>
  );
}

/** A form within a consultation record: its heading, the problems found, its fields and its button. */
function SubForm({
  form,
  title,
  hint,
  errors,
  labels,
  onSubmit,
  submit,
  busy,
  children,
}: {
  form: string;
  title: string;
  hint?: string;
  errors: FormErrors;
  labels: Record<string, string>;
  onSubmit: (e: FormEvent) => void;
  submit: string;
  busy: boolean;
  children: ReactNode;
}) {
  const titleId = `${form}-title`;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="form hsb-subform">
      <h4 id={titleId} className="heading-xs heading--flush">
        {title}
      </h4>
      {hint ? <p className="body hint">{hint}</p> : null}
      <ErrorSummary form={form} errors={errors} labels={labels} />
      {children}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {submit}
      </button>
    </form>
  );
}
