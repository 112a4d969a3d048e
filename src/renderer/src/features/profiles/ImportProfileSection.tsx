import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { withFileText } from '../../ui/form/fileText.ts';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';

const INPUT_ID = 'import-profile-file';

/**
 * Import a profile file (`profiles.import`). The file is checked in full before anything is saved; when
 * it is refused, every fault is listed with its place in the file, so the author can see exactly what
 * is wrong. Administrators only.
 */
export function ImportProfileSection({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const { busy, send, submitting } = useSubmission();
  const input = useRef<HTMLInputElement>(null);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    setError(null);
    setImported(null);
  }

  const submit = submitting(async (_event: FormEvent) => {
    setImported(null);
    if (!file) {
      setError({ code: 'invalid-request', message: 'Choose a profile file to import.' });
      return;
    }
    const result = await send(withFileText(file, (text) => call('profiles.import', { text })));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setFile(null);
    if (input.current) input.current.value = '';
    setImported(`${result.data.name}, version ${result.data.version}, has been imported.`);
    onImported();
  });

  return (
    <section aria-labelledby="import-title" className="section section--divided">
      <h2 id="import-title" className="heading-m">
        Import a profile file
      </h2>
      <p className="body measure">
        A profile file is a JSON document like the ones <strong>Export</strong> saves. It is checked in full
        before anything is saved: if anything is wrong, nothing is imported and every problem is listed with
        its place in the file. A new version of an existing profile needs a higher version number.
      </p>
      {imported ? <SuccessNotice title={imported} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="import-title" className="form">
        {error ? <ImportProblems error={error} fileName={file?.name} /> : null}
        <div className={`field${error ? ' field--error' : ''}`}>
          <label htmlFor={INPUT_ID} className="label">
            Profile file
          </label>
          <p id={`${INPUT_ID}-hint`} className="hint">
            A .json file.
          </p>
          <input
            ref={input}
            id={INPUT_ID}
            type="file"
            accept=".json,application/json"
            className="file-input"
            onChange={choose}
            aria-describedby={`${INPUT_ID}-hint`}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Import profile
        </button>
      </form>
    </section>
  );
}

/** Why the file was refused: the overall message, then every fault as 'path: reason'. */
function ImportProblems({ error, fileName }: { error: AppError; fileName: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  const problems = error.problems ?? [];
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      aria-labelledby="import-problems-title"
      tabIndex={-1}
    >
      <h3 id="import-problems-title" className="error-summary__title">
        {fileName ? `${fileName} was not imported` : 'There is a problem'}
      </h3>
      <p className="error-summary__message">{error.message}</p>
      {problems.length > 0 ? (
        <ul className="error-summary__list error-summary__list--plain">
          {problems.map((p, i) => (
            // Problems have no identity of their own; the list is replaced whole on each import.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <code className="code">{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
