import { useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import { formatInstant } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';

type Outcome = { kind: 'done'; title: string; detail?: string } | { kind: 'failed'; error: AppError };

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Back up the encrypted store to a folder the person picks, or restore it from one (`backup.*`). */
export function BackupSection({ onRestored }: { onRestored: () => void }) {
  const { refresh } = useSession();
  // Not a form, but the same hold on a second click while a backup or restore runs.
  const { busy, send, submitting } = useSubmission();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const backUp = submitting(async () => {
    setOutcome(null);
    const result = await send(call('backup.create', {}));
    if (!result.ok) setOutcome({ kind: 'failed', error: result.error });
    else if (result.data === null)
      setOutcome({ kind: 'done', title: 'No backup was made: no folder was chosen.' });
    else {
      setOutcome({
        kind: 'done',
        title: 'Backup made.',
        detail: `Saved to ${result.data.folder} on ${formatInstant(result.data.createdAt, true)} (${formatBytes(result.data.bytes)}). The backup is encrypted like the workbench itself.`,
      });
    }
  });

  const restore = submitting(async () => {
    setOutcome(null);
    const result = await send(call('backup.restore', {}));
    setConfirming(false);
    if (!result.ok) setOutcome({ kind: 'failed', error: result.error });
    else if (result.data === null)
      setOutcome({ kind: 'done', title: 'Nothing was restored: no backup was chosen.' });
    else {
      setOutcome({ kind: 'done', title: `Restored from ${result.data.restoredFrom}.` });
      onRestored();
    }
    // A restore can replace the people and the session with those in the backup.
    void refresh();
  });

  return (
    <section aria-labelledby="backup-title" className="section section--divided">
      <h2 id="backup-title" className="heading-m">
        Backups
      </h2>
      <p className="body">
        A backup is an encrypted copy of everything in the workbench, saved to a folder you choose. Keep
        backups somewhere your organisation approves for OFFICIAL-SENSITIVE data.
      </p>
      {outcome?.kind === 'done' ? (
        <SuccessNotice title={outcome.title}>
          {outcome.detail ? <p className="body">{outcome.detail}</p> : null}
        </SuccessNotice>
      ) : null}
      {outcome?.kind === 'failed' ? <LoadFailed error={outcome.error} /> : null}
      {confirming ? (
        <div className="panel panel--warning">
          <FocusedSubheading>Restore from a backup?</FocusedSubheading>
          <WarningText>
            Restoring replaces everything in the workbench with the contents of the backup. Anything recorded
            since that backup was made will be lost.
          </WarningText>
          <p className="body">You will be asked to choose the backup next.</p>
          <div className="button-group">
            <button
              type="button"
              className="button button--warning"
              onClick={() => void restore()}
              aria-disabled={busy || undefined}
            >
              Yes, restore from backup
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="button-group">
          <button
            type="button"
            className="button"
            onClick={() => void backUp()}
            aria-disabled={busy || undefined}
          >
            Back up now
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (busy) return;
              setOutcome(null);
              setConfirming(true);
            }}
            aria-disabled={busy || undefined}
          >
            Restore from backup…
          </button>
        </div>
      )}
    </section>
  );
}
