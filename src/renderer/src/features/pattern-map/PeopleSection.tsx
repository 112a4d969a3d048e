import { calls } from '#contract/calls.ts';
import { type CasePerson, PERSON_KIND_LABELS, PERSON_KINDS } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormSelect, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { missingProblems } from '../../ui/problems.ts';
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
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { kind: '', name: '', anonymisedLabel: '', relationship: '' },
    request: calls['people.add'].request,
    toRequest: (v) => ({
      caseId,
      kind: v.kind as CasePerson['kind'],
      name: v.name,
      anonymisedLabel: v.anonymisedLabel,
      relationship: v.relationship,
    }),
    check: ({ kind, name, anonymisedLabel }) =>
      missingProblems([
        ['kind', kind, 'Choose the kind of person'],
        ...(kind && !isHarmed(kind)
          ? [['name', name, 'Enter the person’s name'] as [string, string, string]]
          : []),
        ['anonymisedLabel', anonymisedLabel, 'Enter what the anonymised view shows, for example “Mother”'],
      ]),
    send: (request) => call('people.add', request),
    resetOnSuccess: true,
    onSuccess: async (data) => {
      await reload();
      say({ kind: 'success', text: `${data.anonymisedLabel} has been added to the case.` });
    },
  });

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
      <Form form={form} className="pm-form" labelledBy="pm-person-title">
        <h3 id="pm-person-title" className="heading-s">
          Add a person
        </h3>
        <FormSelect
          name="kind"
          label={LABELS.kind}
          options={PERSON_KINDS.map((value) => ({ value, label: PERSON_KIND_LABELS[value] }))}
          placeholder="Choose the kind"
        />
        <FormText
          name="name"
          label={LABELS.name}
          hint="Optional only for a harmed child or adult, who may be recorded by reference alone."
        />
        <FormText
          name="anonymisedLabel"
          label={LABELS.anonymisedLabel}
          hint="A role or initials, for example “Mother” or “Child B (peer, 9)”."
          width="medium"
        />
        <FormText name="relationship" label={LABELS.relationship} width="medium" />
        <SubmitButton>Add person</SubmitButton>
      </Form>
    </>
  );
}
