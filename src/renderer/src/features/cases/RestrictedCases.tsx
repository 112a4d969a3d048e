import { useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import type { RestrictedCaseListItem } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { hasRole, useSession } from '../../app/session.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';

/** Cases the person is not allocated to: only the reference, the child's initials and whom to ask. */
export function RestrictedCases({ cases }: { cases: RestrictedCaseListItem[] }) {
  return (
    <section aria-labelledby="restricted-title" className="section">
      <h3 id="restricted-title" className="heading-s">
        Cases you are not allocated to
      </h3>
      <p className="body hint">
        You can see only that these cases exist. To open one, ask for access: the case’s managers and social
        worker see your request and reason.
      </p>
      <ul className="list">
        {cases.map((c) => (
          <RestrictedCase key={c.caseId} item={c} />
        ))}
      </ul>
    </section>
  );
}

type Action = 'ask' | 'break-glass';

function RestrictedCase({ item }: { item: RestrictedCaseListItem }) {
  const { user } = useSession();
  const { navigate } = useRouter();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(false);
  const mayBreakGlass = hasRole(user, 'manager', 'administrator');
  const formId = `access-${item.caseId}`;
  // A second submit while the first is on its way does nothing (one request, one audit entry).
  const { submitting } = useSubmission();

  const submit = submitting(async () => {
    if (!action) return;
    if (!reason.trim()) {
      setError({
        code: 'invalid-request',
        message: action === 'ask' ? 'Enter why you need access.' : 'Enter why you must open this case now.',
      });
      return;
    }
    const request = { caseId: item.caseId, reason };
    if (action === 'ask') {
      const result = await call('cases.requestAccess', request);
      if (!result.ok) return setError(result.error);
      setAsked(true);
      setAction(null);
      setReason('');
      setError(null);
    } else {
      const result = await call('cases.breakGlass', request);
      if (!result.ok) return setError(result.error);
      navigate({ name: 'case', caseId: item.caseId });
    }
  });

  return (
    <li>
      <p className="body">
        <strong>{item.reference}</strong>, child {item.childInitials}, allocated social worker{' '}
        {item.socialWorkerName}. <span className="tag">Not accessible</span>
      </p>
      {asked ? <SuccessNotice title="Your request for access has been recorded." /> : null}
      {action ? (
        <form
          aria-label={
            action === 'ask' ? `Ask for access to ${item.reference}` : `Break glass on ${item.reference}`
          }
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {error ? (
            <p className="error-summary__message" role="alert">
              {error.message}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`${formId}-reason`} className="label">
              {action === 'ask' ? 'Why do you need access?' : 'Why must you open this case now?'}
            </label>
            {action === 'break-glass' ? (
              <p id={`${formId}-hint`} className="hint">
                Access lasts 8 hours and is recorded with your reason in the audit trail.
              </p>
            ) : null}
            <textarea
              id={`${formId}-reason`}
              className="textarea"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={action === 'break-glass' ? `${formId}-hint` : undefined}
            />
          </div>
          <button type="submit" className="button">
            {action === 'ask' ? 'Send request' : 'Break glass and open the case'}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setAction(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="body">
          <button type="button" className="button button--secondary" onClick={() => setAction('ask')}>
            Ask for access
          </button>{' '}
          {mayBreakGlass ? (
            <button type="button" className="button button--warning" onClick={() => setAction('break-glass')}>
              Break glass
            </button>
          ) : null}
        </p>
      )}
    </li>
  );
}
