import { type FormEvent, useState } from 'react';
import { calls } from '#contract/calls.ts';
import { type CasePerson, PERSON_KIND_LABELS, PERSON_KINDS } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { useMapCommands } from './commands.ts';
import { useMapStore } from './store.ts';

const FORM = 'pm-person';
const LABELS = {
  kind: 'Kind of person',
  name: 'Name',
  anonymisedLabel: 'Shown in the anonymised view as',
  relationship: 'Relationship to the child',
};

const isHarmed = (kind: string) => kind.startsWith('harmed-');

/** The people an item can name: recorded once, with the label the anonymised view shows. */
export function PeopleSection() {
  const people = useMapStore((s) => s.map.people);
  const view = useMapStore((s) => s.view);
  const caseId = useMapStore((s) => s.map.caseId);
  const say = useMapStore((s) => s.say);
  const { reload } = useMapCommands();
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [anonymisedLabel, setAnonymisedLabel] = useState('');
  const [relationship, setRelationship] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { caseId, kind: kind as CasePerson['kind'], name, anonymisedLabel, relationship };
    const problems = orderProblems(
      [
        ...missingProblems([
          ['kind', kind, 'Choose the kind of person'],
          ...(kind && !isHarmed(kind)
            ? [['name', name, 'Enter the person’s name'] as [string, string, string]]
            : []),
          ['anonymisedLabel', anonymisedLabel, 'Enter what the anonymised view shows, for example “Mother”'],
        ]),
        ...checkRequest(calls['people.add'].request, request),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('people.add', request);
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    await reload();
    setErrors(NO_ERRORS);
    setKind('');
    setName('');
    setAnonymisedLabel('');
    setRelationship('');
    say({ kind: 'success', text: `${result.data.anonymisedLabel} has been added to the case.` });
  }

  return (
    <>
      {people.length === 0 ? (
        <p className="body">No one is recorded on the case yet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--small">
            <caption className="visually-hidden">People on the case</caption>
            <thead>
              <tr>
                <th scope="col">Shown in the anonymised view as</th>
                {view === 'named' ? <th scope="col">Name</th> : null}
                <th scope="col">Kind</th>
                <th scope="col">Relationship</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="table__row-header">
                    {p.anonymisedLabel}
                  </th>
                  {view === 'named' ? (
                    <td>
                      {/* A harmed person is never shown by name, in either view. */}
                      {isHarmed(p.kind) || !p.name ? <span className="hint">Reference only</span> : p.name}
                    </td>
                  ) : null}
                  <td>{PERSON_KIND_LABELS[p.kind]}</td>
                  <td>{p.relationship}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} noValidate className="pm-form" aria-labelledby="pm-person-title">
        <h3 id="pm-person-title" className="heading-s">
          Add a person
        </h3>
        <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
        <SelectField
          form={FORM}
          path="kind"
          label={LABELS.kind}
          value={kind}
          onChange={setKind}
          options={PERSON_KINDS.map((value) => ({ value, label: PERSON_KIND_LABELS[value] }))}
          placeholder="Choose the kind"
          errors={errors}
        />
        <TextField
          form={FORM}
          path="name"
          label={LABELS.name}
          hint="Optional only for a harmed child or adult, who may be recorded by reference alone."
          value={name}
          onChange={setName}
          errors={errors}
        />
        <TextField
          form={FORM}
          path="anonymisedLabel"
          label={LABELS.anonymisedLabel}
          hint="A role or initials, for example “Mother” or “Child B (peer, 9)”."
          width="medium"
          value={anonymisedLabel}
          onChange={setAnonymisedLabel}
          errors={errors}
        />
        <TextField
          form={FORM}
          path="relationship"
          label={LABELS.relationship}
          width="medium"
          value={relationship}
          onChange={setRelationship}
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          Add person
        </button>
      </form>
    </>
  );
}
