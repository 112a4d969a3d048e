import { useState } from 'react';
import type { FieldProblem } from '../../../../contract/errors.ts';
import type { PathwaySummary } from '../../../../contract/pathway-calls.ts';
import type { HsbCase, UserSummary } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { NO_ERRORS, orderProblems } from '../../ui/problems.ts';

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
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [request, setRequest] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [seenConsents, setSeenConsents] = useState(consentKey);
  if (seenConsents !== consentKey) {
    setSeenConsents(consentKey);
    setErrors(NO_ERRORS);
  }

  const submit = submitting(async () => {
    const problems: FieldProblem[] = [];
    if (!managerId)
      problems.push({ path: 'managerId', message: 'Choose the manager who agreed the request' });
    if (!request.trim()) problems.push({ path: 'request', message: 'Enter what the consultation is for' });
    if (problems.length > 0) {
      setErrors({ problems: orderProblems(problems, Object.keys(REQUEST_LABELS)) });
      return;
    }
    const result = await send(call('consultations.request', { caseId, managerId, request }));
    if (!result.ok) {
      // Missing consent comes back as one message listing each person: show it once.
      if (result.error.code === 'rule-broken') setErrors({ message: result.error.message, problems: [] });
      return;
    }
    onDone(result.data);
  });

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
