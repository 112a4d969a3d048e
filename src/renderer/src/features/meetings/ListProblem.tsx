import { useFrame } from '../../ui/form/Form.tsx';
import { fieldId, problemText } from '../../ui/problems.ts';

/** A problem with a list as a whole ('Add at least one attendee'), where the error summary's link lands. */
export function ListProblem({ path, label }: { path: string; label: string }) {
  const { id, errors } = useFrame();
  const message = errors.problems.find((p) => p.path === path)?.message;
  if (!message) return null;
  return (
    <p id={fieldId(id, path)} className="field-error" tabIndex={-1}>
      <span className="visually-hidden">Error: </span>
      {problemText(label, message)}
    </p>
  );
}
