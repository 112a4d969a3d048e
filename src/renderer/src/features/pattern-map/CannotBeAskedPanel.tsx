import { calls } from '#contract/calls.ts';
import { CANNOT_BE_ASKED_LABELS, type CannotBeAsked } from '#domain/profiles/schema-parts.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormRadios, FormSelect, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { missingProblems } from '../../ui/problems.ts';
import { viewWords } from './labels.ts';
import { useMapStore } from './store.ts';

const LABELS = {
  personId: 'Which parent or carer?',
  circumstance: 'Why can they not be asked?',
  reason: 'What the social worker knows',
};

/**
 * A parent or carer who cannot be asked (whereabouts unknown, deceased, no parental responsibility):
 * what may happen is the profile's consent rule — the allocated social worker records why and, where
 * the rule says so, a manager on the case approves. Then the shares of the map, and on what footing.
 */
export function CannotBeAskedPanel() {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const setMap = useMapStore((s) => s.setMap);
  const say = useMapStore((s) => s.say);
  const rule = map.cannotBeAskedRule;
  const words = viewWords(map, view);
  const carers = map.people.filter((p) => p.kind === 'parent-carer');
  const form = useWorkbenchForm({
    id: 'pm-cannot-ask',
    labels: LABELS,
    defaultValues: { personId: '', circumstance: '' as CannotBeAsked | '', reason: '' },
    request: calls['consents.recordCannotBeAsked'].request,
    toRequest: (v) => ({
      caseId: map.caseId,
      personId: v.personId,
      circumstance: (v.circumstance || 'whereabouts-unknown') as CannotBeAsked,
      reason: v.reason,
    }),
    check: ({ personId, circumstance, reason }) =>
      missingProblems([
        ['personId', personId, 'Choose the parent or carer'],
        ['circumstance', circumstance, 'Choose why they cannot be asked'],
        ['reason', reason, 'Say what you know, for example when they were last in contact'],
      ]),
    send: (request) => call('consents.recordCannotBeAsked', request),
    resetOnSuccess: true,
    onSuccess: (next) => {
      setMap(next);
      say({
        kind: 'success',
        text:
          rule?.approval === 'case-manager'
            ? 'Recorded. A manager on the case must approve it before the map can be shared.'
            : 'Recorded.',
      });
    },
  });
  const approve = async (exceptionId: string) => {
    const result = await call('consents.approveCannotBeAsked', { caseId: map.caseId, exceptionId });
    if (result.ok) setMap(result.data);
    say(result.ok ? { kind: 'success', text: 'Approved.' } : { kind: 'problem', text: result.error.message });
  };

  return (
    <section aria-labelledby="pm-cannot-ask-title" className="pm-subsection">
      <h3 id="pm-cannot-ask-title" className="heading-s">
        A parent or carer who cannot be asked
      </h3>
      {rule ? (
        <p className="body">
          {rule.basis} Allowed for: {rule.circumstances.map((c) => CANNOT_BE_ASKED_LABELS[c]).join('; ')}.
        </p>
      ) : (
        <p className="body">
          The case’s protocol profile does not allow sharing the map without each parent’s or carer’s consent.
        </p>
      )}
      {map.consentExceptions.length ? (
        <ul className="list">
          {map.consentExceptions.map((e) => (
            <li key={e.id}>
              <strong>{words.person(e.personId)}</strong>: {CANNOT_BE_ASKED_LABELS[e.circumstance]}.{' '}
              {e.reason} (recorded by {e.recordedByName}, <InstantText value={e.recordedAt} />
              ).{' '}
              {e.approvedAt ? (
                <>
                  Approved by {e.approvedByName}, <InstantText value={e.approvedAt} />.
                </>
              ) : rule?.approval === 'case-manager' ? (
                <button type="button" className="link-button" onClick={() => void approve(e.id)}>
                  Approve as a manager on the case
                  <span className="visually-hidden"> ({words.person(e.personId)})</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {rule && carers.length ? (
        <Form form={form} className="pm-form" labelledBy="pm-cannot-ask-form-title">
          <h4 id="pm-cannot-ask-form-title" className="pm-heading-xs">
            Record that a parent or carer cannot be asked
          </h4>
          <FormSelect
            name="personId"
            label={LABELS.personId}
            hint="Only the allocated social worker can record this."
            options={carers.map((p) => ({ value: p.id, label: words.person(p.id) }))}
            placeholder="Choose"
          />
          <FormRadios<CannotBeAsked>
            name="circumstance"
            label={LABELS.circumstance}
            options={rule.circumstances.map((value) => ({ value, label: CANNOT_BE_ASKED_LABELS[value] }))}
          />
          <FormTextArea name="reason" label={LABELS.reason} rows={3} />
          <SubmitButton className="button button--secondary">Record</SubmitButton>
        </Form>
      ) : null}
      {map.shares.length ? (
        <>
          <h4 className="pm-heading-xs">Shares of the map</h4>
          <ul className="list">
            {map.shares.map((s) => (
              <li key={s.at}>
                <InstantText value={s.at} />: {s.view} {s.format.toUpperCase()} for{' '}
                {s.audience === 'external' ? 'an external agency' : 'the professionals involved'} (
                {s.recipient}), by {s.byName}.{s.consentBasis ? ` ${s.consentBasis}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
