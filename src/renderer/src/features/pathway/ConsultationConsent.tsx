import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import {
  type CasePerson,
  CONSENT_METHOD_WORDS,
  CONSENT_METHODS,
  type ConsentRecord,
} from '#contract/pattern-map-schemas.ts';
import { givenWords } from '#domain/pattern-map/consent-rule.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormDate, FormRadios, FormSelect, FormText, FormTextArea } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems, missingProblems } from '../../ui/problems.ts';
import { type ConsentStatus, PURPOSE, STATUS_WORDS } from './consultation-words.ts';
import { SubForm } from './SubForm.tsx';
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
  const rows: (ConsentRow & { note: string })[] = [
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
      <DataTable
        caption="Consent to the referral, by person"
        className="table table--small"
        columns={['Person', 'Consent', 'Recorded']}
      >
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
                    {c.status === 'given' && (c.method || c.givenOn) ? (
                      <span className="cell-note">Given {givenWords(c)}</span>
                    ) : null}
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
      </DataTable>
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

const CONSENT_LABELS = {
  who: 'Whose consent',
  status: 'Consent',
  reason: 'Why (required if refused or not sought)',
  method: 'How it was given (optional)',
  givenOn: 'Date given (optional)',
};

/** How consent was given, as the options say it ("By phone"). */
const METHOD_OPTIONS = CONSENT_METHODS.map((value) => ({
  value,
  label: CONSENT_METHOD_WORDS[value].charAt(0).toUpperCase() + CONSENT_METHOD_WORDS[value].slice(1),
}));

const CONSENT_OPTIONS = (['given', 'refused', 'not-sought'] as const).map((value) => ({
  value,
  label: STATUS_WORDS[value],
}));

type ConsentRow = { key: string; who: string; subject: 'child' | 'parent-carer'; personId: string | null };

function ConsentForm({
  caseId,
  rows,
  onConsents,
}: {
  caseId: string;
  rows: ConsentRow[];
  onConsents: (c: ConsentRecord[]) => void;
}) {
  const [saved, setSaved] = useState<string | null>(null);
  const rowOf = (who: string) => rows.find((r) => r.key === who);
  const form = useWorkbenchForm({
    id: 'consent',
    labels: { ...CONSENT_LABELS, personId: CONSENT_LABELS.who },
    defaultValues: {
      who: '',
      status: '' as ConsentStatus | '',
      reason: '',
      method: '' as (typeof CONSENT_METHODS)[number] | '',
      givenOn: '',
    },
    check: ({ who, status, reason, givenOn }) => {
      const problems: FieldProblem[] = [];
      if (!rowOf(who)) problems.push({ path: 'who', message: 'Choose whose consent this is' });
      if (!status) problems.push({ path: 'status', message: 'Choose given, refused or not sought' });
      if (status && status !== 'given' && !reason.trim())
        problems.push({ path: 'reason', message: 'Enter why consent was refused or not sought' });
      if (status === 'given' && givenOn)
        problems.push(...entryProblems([['givenOn', givenOn, CONSENT_LABELS.givenOn, 'date']]));
      return problems;
    },
    toRequest: ({ who, status, reason, method, givenOn }) => ({
      caseId,
      purpose: PURPOSE as 'hub-referral',
      subject: rowOf(who)?.subject ?? 'child',
      personId: rowOf(who)?.personId ?? null,
      status: status || 'given',
      reason: status === 'given' ? '' : reason,
      // How and when it was given, so it can be offered again for sharing the map (issue 14).
      ...(status === 'given' && method ? { method } : {}),
      ...(status === 'given' && givenOn ? { givenOn } : {}),
    }),
    send: (request) => call('consents.record', request),
    onSubmitStart: () => setSaved(null),
    resetOnSuccess: true,
    onSuccess: (consents, { who, status }) => {
      const row = rowOf(who);
      const whose = row?.subject === 'child' ? 'the child' : row?.who;
      setSaved(`Consent recorded for ${whose}: ${STATUS_WORDS[status || 'given'].toLowerCase()}.`);
      onConsents(consents);
    },
  });
  const status = form.methods.watch('status');

  return (
    <SubForm
      form={form}
      level={3}
      titleId="consent-form-title"
      title="Record consent"
      notice={saved ? <SuccessNotice title={saved} /> : null}
      submit="Record consent"
    >
      <FormSelect
        name="who"
        hint="The child, or a parent or carer recorded on this case."
        options={rows.map((r) => ({ value: r.key, label: r.who }))}
        placeholder="Choose a person"
      />
      <FormRadios name="status" options={CONSENT_OPTIONS} />
      {status && status !== 'given' ? <FormTextArea name="reason" rows={2} /> : null}
      {status === 'given' ? (
        <div className="field-row">
          <FormSelect name="method" options={METHOD_OPTIONS} placeholder="Not recorded" />
          <FormDate name="givenOn" hint="Leave blank if it was given today." />
        </div>
      ) : null}
    </SubForm>
  );
}

const CARER_LABELS = {
  name: 'Name',
  anonymisedLabel: 'Reference',
  relationship: 'Relationship to the child',
};

function AddCarerForm({ caseId, onPerson }: { caseId: string; onPerson: (p: CasePerson) => void }) {
  const [saved, setSaved] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: 'carer',
    labels: CARER_LABELS,
    defaultValues: { name: '', anonymisedLabel: '', relationship: '' },
    check: ({ name, anonymisedLabel }) =>
      missingProblems([
        ['name', name, 'Enter the parent’s or carer’s name'],
        ['anonymisedLabel', anonymisedLabel, 'Enter a reference, for example Mother'],
      ]),
    toRequest: ({ name, anonymisedLabel, relationship }) => ({
      caseId,
      kind: 'parent-carer' as const,
      name: name.trim(),
      anonymisedLabel: anonymisedLabel.trim(),
      relationship: relationship.trim(),
    }),
    send: (request) => call('people.add', request),
    onSubmitStart: () => setSaved(null),
    resetOnSuccess: true,
    onSuccess: (person) => {
      setSaved(`${person.anonymisedLabel} added to the case. Record their consent above.`);
      onPerson(person);
    },
  });

  return (
    <SubForm
      form={form}
      level={3}
      title="Add a parent or carer"
      notice={saved ? <SuccessNotice title={saved} /> : null}
      submit="Add parent or carer"
      submitClassName="button button--secondary"
    >
      <div className="field-row">
        <FormText name="name" width="medium" />
        <FormText name="anonymisedLabel" hint="Shown in anonymised views, e.g. Mother." width="short" />
        <FormText name="relationship" width="short" />
      </div>
    </SubForm>
  );
}
