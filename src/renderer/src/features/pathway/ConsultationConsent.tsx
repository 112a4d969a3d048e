import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CasePerson, ConsentRecord } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { orderProblems } from '../../ui/problems.ts';
import { type ConsentStatus, PURPOSE, STATUS_WORDS } from './consultation-words.ts';
import { StateTag, When } from './shared.tsx';

/** Whose consent to the referral is not yet recorded as given (the workbench checks again on request). */
export function consentStillNeeded(
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

export function ConsentSection({
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
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);

  const submit = submitting(async () => {
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
    const result = await send(
      call('consents.record', {
        caseId,
        purpose: PURPOSE,
        subject: row.subject,
        personId: row.personId,
        status,
        reason: status === 'given' ? '' : reason,
      }),
    );
    if (!result.ok) return;
    setSaved(
      `Consent recorded for ${row.subject === 'child' ? 'the child' : row.who}: ${STATUS_WORDS[status].toLowerCase()}.`,
    );
    setWho('');
    setStatus('');
    setReason('');
    onConsents(result.data);
  });

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
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);

  const submit = submitting(async () => {
    setSaved(null);
    const problems: FieldProblem[] = [];
    if (!name.trim()) problems.push({ path: 'name', message: 'Enter the parent’s or carer’s name' });
    if (!label.trim())
      problems.push({ path: 'anonymisedLabel', message: 'Enter a reference, for example Mother' });
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    const result = await send(
      call('people.add', {
        caseId,
        kind: 'parent-carer',
        name: name.trim(),
        anonymisedLabel: label.trim(),
        relationship: relationship.trim(),
      }),
    );
    if (!result.ok) return;
    setSaved(`${result.data.anonymisedLabel} added to the case. Record their consent above.`);
    setName('');
    setLabel('');
    setRelationship('');
    onPerson(result.data);
  });

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
