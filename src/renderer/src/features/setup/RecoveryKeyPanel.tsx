import { useState } from 'react';
import { WarningText } from '../../ui/Notice.tsx';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
import { RecoveryKeySheet } from './RecoveryKeySheet.tsx';

/** The one-time recovery key, which the administrator must store before going on. */
export function RecoveryKeyPanel({
  recoveryKey,
  username,
  onContinue,
}: {
  recoveryKey: string;
  /** The administrator's username as stored (in lower case). */
  username: string | undefined;
  onContinue: () => void;
}) {
  const [stored, setStored] = useState(false);
  return (
    <section aria-labelledby="recovery-key-title">
      <FocusedSubheading id="recovery-key-title">Your recovery key</FocusedSubheading>
      <p className="body">
        The administrator account has been created{username ? ` with the username ${username}` : ''}. If
        anyone forgets their password, this key lets them set a new one.
      </p>
      <RecoveryKeySheet recoveryKey={recoveryKey} />
      <WarningText>
        Write this down and keep it somewhere safe, away from this computer, such as a locked cabinet. It is
        shown only once: the workbench cannot show it again.
      </WarningText>
      <div className="checkbox">
        <input
          id="recovery-key-stored"
          type="checkbox"
          className="checkbox__input"
          checked={stored}
          onChange={(e) => setStored(e.target.checked)}
        />
        <label htmlFor="recovery-key-stored" className="checkbox__label">
          I have stored the recovery key safely
        </label>
      </div>
      <button type="button" className="button" disabled={!stored} onClick={onContinue}>
        Continue
      </button>
    </section>
  );
}
