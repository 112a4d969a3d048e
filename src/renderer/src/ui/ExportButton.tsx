import { useState } from 'react';
import type { CallName, CallRequest } from '#contract/calls.ts';
import { call } from '../app/api.ts';
import { useAction } from './form/useAction.ts';

type ExportCall = 'reports.exportStrategyMeeting' | 'reports.exportConsultation' | 'work.exportTeamCsv';

/** A button that exports through the save dialog (a record to Word, the team's figures to CSV), then says where it went. */
export function ExportButton<K extends ExportCall & CallName>({
  name,
  request,
  label,
}: {
  name: K;
  request: CallRequest<K>;
  label: string;
}) {
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const { busy, refusal, act } = useAction();
  const run = () =>
    act({
      request: () => call(name, request),
      onDone: (data) => setSavedTo(data ? data.savedTo : null),
    });
  return (
    <div className="export-button">
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={busy || undefined}
        onClick={() => void run()}
      >
        {label}
      </button>
      {refusal ? (
        <p className="field-error" role="alert">
          {refusal.message}
        </p>
      ) : savedTo ? (
        <p className="body" role="status">
          Saved to {savedTo}
        </p>
      ) : null}
    </div>
  );
}
