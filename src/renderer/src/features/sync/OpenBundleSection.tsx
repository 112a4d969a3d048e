import { useState } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import type { AppError } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';

type Outcome = { kind: 'done'; data: CallResponse<'sync.openBundle'> } | { kind: 'refused'; error: AppError };

/** "Open a case bundle" on the cases list: merges a case sent from another computer (`sync.openBundle`). */
export function OpenBundleSection({ onOpened }: { onOpened: () => void }) {
  const { busy, send, submitting } = useSubmission();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const open = submitting(async () => {
    setOutcome(null);
    const result = await send(call('sync.openBundle', {}));
    if (!result.ok) setOutcome({ kind: 'refused', error: result.error });
    else {
      setOutcome({ kind: 'done', data: result.data });
      if (result.data.caseId) onOpened();
    }
  });

  return (
    <section aria-labelledby="open-bundle-title" className="section">
      <h2 id="open-bundle-title" className="visually-hidden">
        Case bundles from other computers
      </h2>
      <ActionButton className="button button--secondary" onClick={() => void open()} busy={busy}>
        Open a case bundle
      </ActionButton>
      {outcome?.kind === 'done' ? (
        <SuccessNotice title={outcome.data.message}>
          {outcome.data.caseId ? (
            <p className="body">
              <RouteLink to={{ name: 'case', caseId: outcome.data.caseId }}>Go to the case</RouteLink>
            </p>
          ) : null}
        </SuccessNotice>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <div className="error-summary" role="alert">
          <h3 className="error-summary__title">The case bundle was not used</h3>
          <p className="error-summary__message">{outcome.error.message}</p>
        </div>
      ) : null}
    </section>
  );
}
