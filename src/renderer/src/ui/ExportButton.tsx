import { useState } from 'react';
import type { CallName, CallRequest } from '#contract/calls.ts';
import { call } from '../app/api.ts';

type ExportCall = 'reports.exportStrategyMeeting' | 'reports.exportConsultation';

/** A button that exports one record to Word through the save dialog, then says where it went. */
export function ExportButton<K extends ExportCall & CallName>({
  name,
  request,
  label,
}: {
  name: K;
  request: CallRequest<K>;
  label: string;
}) {
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    if (busy) return;
    setBusy(true);
    const result = await call(name, request);
    setBusy(false);
    if (!result.ok) setMessage({ kind: 'error', text: result.error.message });
    else if (result.data) setMessage({ kind: 'done', text: `Saved to ${result.data.savedTo}` });
    else setMessage(null);
  }
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
      {message ? (
        <p
          className={message.kind === 'error' ? 'field-error' : 'body'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
