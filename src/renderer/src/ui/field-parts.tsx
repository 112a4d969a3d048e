import { problemText } from './problems.ts';

export function describedBy(id: string, hint: boolean, error: boolean, extra?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({
  id,
  label,
  message,
}: {
  id: string;
  label: string;
  message: string | undefined;
}) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error: </span>
      {problemText(label, message)}
    </p>
  );
}
