import { type ChangeEvent, type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import { LabelledField } from '../field-parts.tsx';
import { withFileText } from './fileText.ts';
import { useSubmission } from './useSubmission.ts';

interface FileImportSpec<T> {
  /** Said when the form is sent with no file chosen ('Choose a profile file to import.'). */
  noFile: string;
  /** The call, with the chosen file's text. */
  send: (text: string) => Promise<Result<T>>;
  /** What was imported: returns the notice to show. */
  onImported: (data: T) => string;
}

/**
 * A form that imports one chosen JSON file: the file's text is sent (a file that cannot be read is refused
 * as the call's refusal would be), a second submit meanwhile does nothing, and the refusal is kept whole
 * so that every fault in the file can be listed with its place (`ImportProblems`).
 */
export function useFileImport<T>({ noFile, send: sendText, onImported }: FileImportSpec<T>) {
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
      setError({ code: 'invalid-request', message: noFile });
      return;
    }
    const result = await send(withFileText(file, sendText));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setFile(null);
    if (input.current) input.current.value = '';
    setImported(onImported(result.data));
  });

  return { file, error, imported, busy, input, choose, submit };
}

/** The file box of an import form: a .json file, marked in error while the last import was refused. */
export function JsonFileField({
  id,
  label,
  hint,
  invalid,
  input,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  invalid: boolean;
  input: RefObject<HTMLInputElement | null>;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <LabelledField id={id} label={label} hint={hint} message={undefined} invalid={invalid}>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".json,application/json"
        className="file-input"
        onChange={onChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-invalid={invalid ? true : undefined}
      />
    </LabelledField>
  );
}

/** Why the file was refused: the overall message, then every fault as 'path: reason'. */
export function ImportProblems({
  error,
  fileName,
  id,
  as: Title = 'h3',
}: {
  error: AppError;
  fileName: string | undefined;
  /** The summary's id; its title is `${id}-title`. */
  id: string;
  as?: 'h3' | 'h4';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  const problems = error.problems ?? [];
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <Title id={`${id}-title`} className="error-summary__title">
        {fileName ? `${fileName} was not imported` : 'There is a problem'}
      </Title>
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
