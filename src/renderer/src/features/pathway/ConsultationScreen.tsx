import { type FormEvent, useState } from 'react';
import type { FieldProblem, Result } from '../../../../contract/errors.ts';
import type { PathwaySummary } from '../../../../contract/pathway-calls.ts';
import type { CasePerson, ConsentRecord } from '../../../../contract/pattern-map-schemas.ts';
import type { UserSummary } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { ExportButton } from '../../ui/ExportButton.tsx';
import {
  CheckboxGroup,
  DateTimeFields,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/Field.tsx';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { all, useLoad } from '../../ui/useLoad.ts';
import { instantFrom } from '../deadlines/due.ts';
import { type CaseBasics, CaseScreen, hasHub, loadBasics, StateTag, When } from './shared.tsx';

type Consultation = PathwaySummary['consultations'][number];
type ConsentStatus = ConsentRecord['status'];

interface Data extends CaseBasics {
  people: CasePerson[];
  consents: ConsentRecord[];
  users: UserSummary[];
}

async function load(caseId: string): Promise<Result<Data>> {
  const results = all<[CaseBasics, { people: CasePerson[]; consents: ConsentRecord[] }, UserSummary[]]>(
    await Promise.all([loadBasics(caseId), call('map.get', { caseId }), call('users.list', {})]),
  );
  if (!results.ok) return results;
  const [basics, map, users] = results.data;
  return { ok: true, data: { ...basics, people: map.people, consents: map.consents, users } };
}

const PURPOSE = 'hub-referral';
const STATUS_WORDS: Record<ConsentStatus, string> = {
  given: 'Given',
  refused: 'Refused',
  'not-sought': 'Not sought',
};

/** Lancashire: consent, the allocated social worker's request, the hub's screening and the consultation meeting. */
export function ConsultationScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  const hub = loaded.state === 'ready' ? loaded.data.summary.terms.hub : 'hub';
  return (
    <CaseScreen
      caseId={caseId}
      title={loaded.state === 'ready' ? `Consultation with the ${hub}` : 'Consultation'}
      loaded={loaded}
      reload={() => void reload()}
      what="the consultation"
    >
      {(data) =>
        hasHub(data.summary) ? (
          <ConsultationWork data={data} />
        ) : (
          <p className="body">
            This case’s profile has no HSB hub that takes consultation requests. Use the strategy meeting and
            the plans and records instead.
          </p>
        )
      }
    </CaseScreen>
  );
}

function ConsultationWork({ data }: { data: Data }) {
  const { user } = useSession();
  const [summary, setSummary] = useState(data.summary);
  const [people, setPeople] = useState(data.people);
  const [consents, setConsents] = useState(data.consents);
  const [requested, setRequested] = useState(false);
  const caseId = data.hsbCase.id;
  const open = data.hsbCase.status === 'open';
  const hub = summary.terms.hub;
  const isSocialWorker = user.id === data.hsbCase.socialWorkerId;
  const running = summary.consultations.some((c) => c.state === 'requested' || c.state === 'accepted');
  const stillNeeded = consentStillNeeded(summary, people, consents);
  const socialWorker =
    data.users.find((u) => u.id === data.hsbCase.socialWorkerId)?.name ?? 'the allocated social worker';
  return (
    <>
      {open ? (
        <ConsentSection
          caseId={caseId}
          summary={summary}
          people={people}
          consents={consents}
          onConsents={setConsents}
          onPerson={(p) => setPeople((list) => [...list, p])}
        />
      ) : null}
      <section aria-labelledby="request-title" className="section section--divided">
        <h2 id="request-title" className="heading-m">
          Request a consultation
        </h2>
        {!open ? <p className="body">This case is closed.</p> : null}
        {open && !isSocialWorker ? (
          <p className="body">
            Only the allocated social worker, {socialWorker}, can request a consultation.
          </p>
        ) : null}
        {requested ? (
          <SuccessNotice title={`Consultation requested: it is now with the ${hub} to screen.`} />
        ) : null}
        {open && isSocialWorker && running && !requested ? (
          <p className="body">A request is already with the {hub}: see below.</p>
        ) : null}
        {open && isSocialWorker && !running && stillNeeded.length > 0 ? (
          <p className="body">Consent still to be recorded as given: {stillNeeded.join(', ')}.</p>
        ) : null}
        {open && isSocialWorker && !running ? (
          <RequestForm
            consentKey={consents.length}
            caseId={caseId}
            hub={hub}
            users={data.users}
            hsbCase={data.hsbCase}
            onDone={(next) => {
              setRequested(true);
              setSummary(next);
            }}
          />
        ) : null}
      </section>
      <section aria-labelledby="consultations-title" className="section section--divided">
        <h2 id="consultations-title" className="heading-m">
          Consultation records
        </h2>
        {summary.consultations.length === 0 ? (
          <p className="body hint">No consultation has been requested on this case yet.</p>
        ) : (
          [...summary.consultations]
            .reverse()
            .map((c) => (
              <ConsultationRecord
                key={c.id}
                caseId={caseId}
                consultation={c}
                hub={hub}
                open={open}
                userName={user.name}
                onDone={setSummary}
              />
            ))
        )}
      </section>
    </>
  );
}

// ---------- Consent ----------

/** Whose consent to the referral is not yet recorded as given (the workbench checks again on request). */
function consentStillNeeded(
  summary: PathwaySummary,
  people: CasePerson[],
  consents: ConsentRecord[],
): string[] {
  const from = summary.consentRequired.find((c) => c.id === PURPOSE)?.from ?? [];
  const given = (subject: string, personId: string | null) =>
    consents.filter((c) => c.purpose === PURPOSE && c.subject === subject && c.personId === personId).at(-1)
      ?.status === 'given';
  const carers = people.filter((p) => p.kind === 'parent-carer');
  return [
    ...(from.includes('child') && !given('child', null) ? ['the child'] : []),
    ...(from.includes('parent-carer') && carers.length === 0
      ? ['a parent or carer (none is on the case yet)']
      : []),
    ...(from.includes('parent-carer')
      ? carers.filter((p) => !given('parent-carer', p.id)).map((p) => p.anonymisedLabel)
      : []),
  ];
}

function ConsentSection({
  caseId,
  summary,
  people,
  consents,
  onConsents,
  onPerson,
}: {
  caseId: string;
  summary: PathwaySummary;
  people: CasePerson[];
  consents: ConsentRecord[];
  onConsents: (c: ConsentRecord[]) => void;
  onPerson: (p: CasePerson) => void;
}) {
  const requirement = summary.consentRequired.find((c) => c.id === PURPOSE);
  const from = requirement?.from ?? ['child', 'parent-carer'];
  const carers = people.filter((p) => p.kind === 'parent-carer');
  const latest = (subject: string, personId: string | null) =>
    consents.filter((c) => c.purpose === PURPOSE && c.subject === subject && c.personId === personId).at(-1);
  const rows: {
    key: string;
    who: string;
    note: string;
    subject: 'child' | 'parent-carer';
    personId: string | null;
  }[] = [
    ...(from.includes('child')
      ? [{ key: 'child', who: 'The child', note: '', subject: 'child' as const, personId: null }]
      : []),
    ...(from.includes('parent-carer')
      ? carers.map((p) => ({
          key: p.id,
          who: p.anonymisedLabel,
          note: [p.name, p.relationship].filter(Boolean).join(', '),
          subject: 'parent-carer' as const,
          personId: p.id,
        }))
      : []),
  ];
  return (
    <section aria-labelledby="consent-title" className="section">
      <h2 id="consent-title" className="heading-m">
        Consent to the referral
      </h2>
      <p className="body measure">
        {requirement?.label ?? `Referral to the ${summary.terms.hub}`}: the consent of the child and of each
        parent or carer on the case. Only people recorded on this case are listed.
      </p>
      <div className="table-wrapper">
        <table className="table table--small">
          <caption className="visually-hidden">Consent to the referral, by person</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Consent</th>
              <th scope="col">Recorded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = latest(r.subject, r.personId);
              return (
                <tr key={r.key}>
                  <th scope="row" className="table__row-header">
                    {r.who}
                    {r.subject === 'parent-carer' ? (
                      <span className="cell-note">Parent or carer{r.note ? `: ${r.note}` : ''}</span>
                    ) : null}
                  </th>
                  <td>
                    {c ? (
                      <>
                        <StateTag tone={c.status === 'given' ? 'done' : 'todo'}>
                          {STATUS_WORDS[c.status]}
                        </StateTag>
                        {c.reason ? <span className="cell-note">{c.reason}</span> : null}
                      </>
                    ) : (
                      <StateTag tone="todo">Not recorded</StateTag>
                    )}
                  </td>
                  <td>
                    {c ? (
                      <>
                        <When at={c.recordedAt} /> by {c.recordedByName}
                      </>
                    ) : (
                      <span className="hint">Not yet</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {from.includes('parent-carer') && carers.length === 0 ? (
        <p className="body">
          No parent or carer is recorded on the case: add them below, then record their consent.
        </p>
      ) : null}
      {rows.length > 0 ? <ConsentForm caseId={caseId} rows={rows} onConsents={onConsents} /> : null}
      {from.includes('parent-carer') ? <AddCarerForm caseId={caseId} onPerson={onPerson} /> : null}
    </section>
  );
}

const CONSENT_FORM = 'consent';
const CONSENT_LABELS = {
  who: 'Whose consent',
  status: 'Consent',
  reason: 'Why (required if refused or not sought)',
};

function ConsentForm({
  caseId,
  rows,
  onConsents,
}: {
  caseId: string;
  rows: { key: string; who: string; subject: 'child' | 'parent-carer'; personId: string | null }[];
  onConsents: (c: ConsentRecord[]) => void;
}) {
  const [who, setWho] = useState('');
  const [status, setStatus] = useState<ConsentStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const row = rows.find((r) => r.key === who);
    const problems: FieldProblem[] = [];
    if (!row) problems.push({ path: 'who', message: 'Choose whose consent this is' });
    if (!status) problems.push({ path: 'status', message: 'Choose given, refused or not sought' });
    if (status && status !== 'given' && !reason.trim())
      problems.push({ path: 'reason', message: 'Enter why consent was refused or not sought' });
    if (problems.length > 0 || !row || !status) {
      setErrors({ problems: orderProblems(problems, Object.keys(CONSENT_LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('consents.record', {
      caseId,
      purpose: PURPOSE,
      subject: row.subject,
      personId: row.personId,
      status,
      reason: status === 'given' ? '' : reason,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setSaved(
      `Consent recorded for ${row.subject === 'child' ? 'the child' : row.who}: ${STATUS_WORDS[status].toLowerCase()}.`,
    );
    setWho('');
    setStatus('');
    setReason('');
    onConsents(result.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="consent-form-title" className="form hsb-subform">
      <h3 id="consent-form-title" className="heading-s heading--flush">
        Record consent
      </h3>
      {saved ? <SuccessNotice title={saved} /> : null}
      <ErrorSummary
        form={CONSENT_FORM}
        errors={errors}
        labels={{ ...CONSENT_LABELS, personId: CONSENT_LABELS.who }}
      />
      <SelectField
        form={CONSENT_FORM}
        path="who"
        label={CONSENT_LABELS.who}
        hint="The child, or a parent or carer recorded on this case."
        value={who}
        onChange={setWho}
        options={rows.map((r) => ({ value: r.key, label: r.who }))}
        placeholder="Choose a person"
        errors={errors}
      />
      <RadioGroup
        form={CONSENT_FORM}
        path="status"
        label={CONSENT_LABELS.status}
        options={[
          { value: 'given', label: 'Given' },
          { value: 'refused', label: 'Refused' },
          { value: 'not-sought', label: 'Not sought' },
        ]}
        value={status}
        onChange={setStatus}
        errors={errors}
      />
      {status && status !== 'given' ? (
        <TextAreaField
          form={CONSENT_FORM}
          path="reason"
          label={CONSENT_LABELS.reason}
          value={reason}
          onChange={setReason}
          rows={2}
          errors={errors}
        />
      ) : null}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record consent
      </button>
    </form>
  );
}

const CARER_FORM = 'carer';
const CARER_LABELS = {
  name: 'Name',
  anonymisedLabel: 'Reference',
  relationship: 'Relationship to the child',
};

function AddCarerForm({ caseId, onPerson }: { caseId: string; onPerson: (p: CasePerson) => void }) {
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [relationship, setRelationship] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const problems: FieldProblem[] = [];
    if (!name.trim()) problems.push({ path: 'name', message: 'Enter the parent’s or carer’s name' });
    if (!label.trim())
      problems.push({ path: 'anonymisedLabel', message: 'Enter a reference, for example Mother' });
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('people.add', {
      caseId,
      kind: 'parent-carer',
      name: name.trim(),
      anonymisedLabel: label.trim(),
      relationship: relationship.trim(),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setSaved(`${result.data.anonymisedLabel} added to the case. Record their consent above.`);
    setName('');
    setLabel('');
    setRelationship('');
    onPerson(result.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="carer-title" className="form hsb-subform">
      <h3 id="carer-title" className="heading-s heading--flush">
        Add a parent or carer
      </h3>
      {saved ? <SuccessNotice title={saved} /> : null}
      <ErrorSummary form={CARER_FORM} errors={errors} labels={CARER_LABELS} />
      <div className="field-row">
        <TextField
          form={CARER_FORM}
          path="name"
          label={CARER_LABELS.name}
          value={name}
          onChange={setName}
          width="medium"
          errors={errors}
        />
        <TextField
          form={CARER_FORM}
          path="anonymisedLabel"
          label={CARER_LABELS.anonymisedLabel}
          hint="Shown in anonymised views, e.g. Mother."
          value={label}
          onChange={setLabel}
          width="short"
          errors={errors}
        />
        <TextField
          form={CARER_FORM}
          path="relationship"
          label={CARER_LABELS.relationship}
          value={relationship}
          onChange={setRelationship}
          width="short"
          errors={errors}
        />
      </div>
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        Add parent or carer
      </button>
    </form>
  );
}

// ---------- Request ----------

const REQUEST_FORM = 'request';
const REQUEST_LABELS = {
  managerId: 'Manager who agreed the request',
  request: 'What the consultation is for',
};

function RequestForm({
  consentKey,
  caseId,
  hub,
  users,
  hsbCase,
  onDone,
}: {
  /** Changes when consent is recorded: a refusal for missing consent no longer stands. */
  consentKey: number;
  caseId: string;
  hub: string;
  users: UserSummary[];
  hsbCase: Data['hsbCase'];
  onDone: (s: PathwaySummary) => void;
}) {
  const managers = users
    .filter((u) => u.active && u.roles.includes('manager'))
    .sort((a, b) => Number(hsbCase.managerIds.includes(b.id)) - Number(hsbCase.managerIds.includes(a.id)));
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [request, setRequest] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [seenConsents, setSeenConsents] = useState(consentKey);
  if (seenConsents !== consentKey) {
    setSeenConsents(consentKey);
    setErrors(NO_ERRORS);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: FieldProblem[] = [];
    if (!managerId)
      problems.push({ path: 'managerId', message: 'Choose the manager who agreed the request' });
    if (!request.trim()) problems.push({ path: 'request', message: 'Enter what the consultation is for' });
    if (problems.length > 0) {
      setErrors({ problems: orderProblems(problems, Object.keys(REQUEST_LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('consultations.request', { caseId, managerId, request });
    setBusy(false);
    if (!result.ok) {
      // Missing consent comes back as one message listing each person: show it once.
      setErrors(
        result.error.code === 'rule-broken'
          ? { message: result.error.message, problems: [] }
          : errorsFromResult(result.error),
      );
      return;
    }
    setErrors(NO_ERRORS);
    onDone(result.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="request-title" className="form">
      <p className="body hint">
        The request goes to the {hub} once the consents above are recorded as given.
      </p>
      <ErrorSummary form={REQUEST_FORM} errors={errors} labels={REQUEST_LABELS} />
      <SelectField
        form={REQUEST_FORM}
        path="managerId"
        label={REQUEST_LABELS.managerId}
        value={managerId}
        onChange={setManagerId}
        options={managers.map((m) => ({
          value: m.id,
          label: hsbCase.managerIds.includes(m.id) ? `${m.name} (allocated to this case)` : m.name,
        }))}
        placeholder="Choose a manager"
        errors={errors}
      />
      <TextAreaField
        form={REQUEST_FORM}
        path="request"
        label={REQUEST_LABELS.request}
        hint="What you would like the hub’s help with."
        value={request}
        onChange={setRequest}
        rows={3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Request a consultation
      </button>
    </form>
  );
}

// ---------- One consultation: screening and the meeting ----------

function ConsultationRecord({
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
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
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
    setBusy(true);
    const result = await call('consultations.screen', {
      consultationId: c.id,
      expectedVersion: c.version,
      decision,
      rationale,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    onDone(result.data);
  }

  const titleId = `${form}-title`;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="form hsb-subform">
      <h4 id={titleId} className="heading-xs heading--flush">
        Screen the request ({hub})
      </h4>
      <p className="body hint">For {hub} staff. The person who made the request cannot screen it.</p>
      <ErrorSummary form={form} errors={errors} labels={SCREEN_LABELS} />
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
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record the screening decision
      </button>
    </form>
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
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
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
    setBusy(true);
    const result = await call('consultations.recordMeeting', {
      consultationId: c.id,
      expectedVersion: c.version,
      heldAt,
      attendees: names,
      outcome,
      resourcesShared: resources,
      nextSteps,
      notes,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    onDone(result.data);
  }

  const titleId = `${form}-title`;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="form hsb-subform">
      <h4 id={titleId} className="heading-xs heading--flush">
        Record the consultation meeting
      </h4>
      <ErrorSummary form={form} errors={errors} labels={HELD_LABELS} />
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
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record the consultation
      </button>
    </form>
  );
}
