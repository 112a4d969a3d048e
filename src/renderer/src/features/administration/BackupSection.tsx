import { useState } from 'react';
import { formatInstant } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { type Done, DoneNotice, WarningText } from '../../ui/Notice.tsx';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
import { Section } from '../../ui/Section.tsx';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Back up the encrypted store to a folder the person picks, or restore it from one (`backup.*`). */
export function BackupSection({ onRestored }: { onRestored: () => void }) {
  const { refresh } = useSession();
  // Not a form, but the same hold on a second click while a backup or restore runs.
  const { busy, refusal, setRefusal, act, whenIdle } = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  const backUp = () =>
    act({
      onStart: () => setDone(null),
      request: () => call('backup.create', {}),
      onDone: (data) =>
        setDone(
          data === null
            ? { title: 'No backup was made: no folder was chosen.' }
            : {
                title: 'Backup made.',
                detail: `Saved to ${data.folder} on ${formatInstant(data.createdAt, true)} (${formatBytes(data.bytes)}). The backup is encrypted like the workbench itself.`,
              },
        ),
    });

  const restore = () =>
    act({
      onStart: () => setDone(null),
      request: () => call('backup.restore', {}),
      onDone: (data) => {
        if (data === null) setDone({ title: 'Nothing was restored: no backup was chosen.' });
        else {
          setDone({ title: `Restored from ${data.restoredFrom}.` });
          onRestored();
        }
      },
      afterwards: () => {
        setConfirming(false);
        // A restore can replace the people and the session with those in the backup.
        void refresh();
      },
    });

  const askToRestore = whenIdle(() => {
    setDone(null);
    setRefusal(null);
    setConfirming(true);
  });

  return (
    <Section id="backup-title" title="Backups" className="section section--divided">
      <p className="body">
        A backup is an encrypted copy of everything in the workbench, saved to a folder you choose. Keep
        backups somewhere your organisation approves for OFFICIAL-SENSITIVE data.
      </p>
      <DoneNotice done={done} />
      {refusal ? <LoadFailed error={refusal} /> : null}
      {confirming ? (
        <div className="panel panel--warning">
          <FocusedSubheading>Restore from a backup?</FocusedSubheading>
          <WarningText>
            Restoring replaces everything in the workbench with the contents of the backup. Anything recorded
            since that backup was made will be lost.
          </WarningText>
          <p className="body">You will be asked to choose the backup next.</p>
          <div className="button-group">
            <ActionButton className="button button--warning" onClick={() => void restore()} busy={busy}>
              Yes, restore from backup
            </ActionButton>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="button-group">
          <ActionButton onClick={() => void backUp()} busy={busy}>
            Back up now
          </ActionButton>
          <ActionButton className="button button--secondary" onClick={() => void askToRestore()} busy={busy}>
            Restore from backup…
          </ActionButton>
        </div>
      )}
    </Section>
  );
}
