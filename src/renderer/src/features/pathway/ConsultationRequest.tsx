import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { HsbCase, UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormSelect, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { NO_ERRORS } from '../../ui/problems.ts';

const REQUEST_FORM = 'request';
const REQUEST_LABELS = {
  managerId: 'Manager who agreed the request',
  request: 'What the consultation is for',
};

export function RequestForm({
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
  hsbCase: HsbCase;
  onDone: (s: PathwaySummary) => void;
}) {
  const managers = users
    .filter((u) => u.active && u.roles.includes('manager'))
    .sort((a, b) => Number(hsbCase.managerIds.includes(b.id)) - Number(hsbCase.managerIds.includes(a.id)));
  const form = useWorkbenchForm({
    id: REQUEST_FORM,
    labels: REQUEST_LABELS,
    defaultValues: { managerId: managers.length === 1 ? (managers[0]?.id ?? '') : '', request: '' },
    toRequest: (values) => ({ caseId, ...values }),
    check: ({ managerId, request }) => {
      const problems: FieldProblem[] = [];
      if (!managerId)
        problems.push({ path: 'managerId', message: 'Choose the manager who agreed the request' });
      if (!request.trim()) problems.push({ path: 'request', message: 'Enter what the consultation is for' });
      return problems;
    },
    send: (request) => call('consultations.request', request),
    // Missing consent comes back as one message listing each person: show it once.
    onRefused: (error) =>
      error.code === 'rule-broken' ? { message: error.message, problems: [] } : undefined,
    onSuccess: onDone,
  });
  const [seenConsents, setSeenConsents] = useState(consentKey);
  if (seenConsents !== consentKey) {
    setSeenConsents(consentKey);
    form.setErrors(NO_ERRORS);
  }

  return (
    <Form
      form={form}
      labelledBy="request-title"
      before={
        <p className="body hint">
          The request goes to the {hub} once the consents above are recorded as given.
        </p>
      }
    >
      <FormSelect
        name="managerId"
        options={managers.map((m) => ({
          value: m.id,
          label: hsbCase.managerIds.includes(m.id) ? `${m.name} (allocated to this case)` : m.name,
        }))}
        placeholder="Choose a manager"
      />
      <FormTextArea name="request" hint="What you would like the hub’s help with." rows={3} />
      <SubmitButton>Request a consultation</SubmitButton>
    </Form>
  );
}
