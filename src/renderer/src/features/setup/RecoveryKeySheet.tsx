import './recovery-key.css';
import { Fragment, useState } from 'react';

/** The key's groups of five, as the workbench writes it ('ABCDE-FGHIJ-…'). */
export function recoveryKeyGroups(recoveryKey: string): string[] {
  return recoveryKey.split(/[-\s]+/).filter(Boolean);
}

/**
 * A recovery key shown once: large, in monospace, in whole groups (a line breaks only between groups),
 * with buttons to copy it and to print it. Printed, the page holds this sheet alone: a heading, what the
 * key is for, and the key.
 */
export function RecoveryKeySheet({ recoveryKey, id = 'recovery-key' }: { recoveryKey: string; id?: string }) {
  const [copied, setCopied] = useState('');
  // Each group keyed by the key up to it: unique even if two groups are alike.
  const groups = recoveryKeyGroups(recoveryKey).map((group, i, all) => ({
    group,
    key: all.slice(0, i + 1).join('-'),
    first: i === 0,
  }));

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied('Copied. Paste it only somewhere safe and offline, and clear the clipboard afterwards.');
    } catch {
      setCopied('This computer did not let the workbench copy the key. Write it down or print it instead.');
    }
  }

  return (
    <div className="recovery-key-sheet">
      <h2 className="recovery-key-sheet__print-only">HSB Workbench recovery key</h2>
      <p className="recovery-key-sheet__print-only">
        If anyone forgets their password, this key lets them set a new one. Keep it somewhere safe, away from
        the computer, such as a locked cabinet.
      </p>
      <p className="recovery-key__label" id={`${id}-label`}>
        Recovery key
      </p>
      <p className="recovery-key" id={id} aria-describedby={`${id}-label`}>
        {groups.map(({ group, key, first }) => (
          <Fragment key={key}>
            {first ? null : (
              <>
                -<wbr />
              </>
            )}
            <span className="recovery-key__group">{group}</span>
          </Fragment>
        ))}
      </p>
      <div className="button-group recovery-key-sheet__actions">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy recovery key
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print recovery key
        </button>
      </div>
      <p className="body recovery-key-sheet__actions" role="status">
        {copied}
      </p>
    </div>
  );
}
