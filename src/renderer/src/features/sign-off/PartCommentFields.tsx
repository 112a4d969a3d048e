import type { FieldProblem } from '#contract/errors.ts';
import { FormSelect, FormTextArea } from '../../ui/form/Form.tsx';

// Issue 14: a manager returning work attaches each comment to the section or domain it is about. The rows
// are fixed slots in the form's values (about0/comment0 …); a row left empty is not sent.

export const MAX_PART_COMMENTS = 10;
const slots = Array.from({ length: MAX_PART_COMMENTS }, (_, i) => i);

export type Part = { about: string; label: string };

/** The form's empty values for every row. */
export const partSlots = (): Record<string, string> =>
  Object.fromEntries(
    slots.flatMap((i) => [
      [`about${i}`, ''],
      [`comment${i}`, ''],
    ]),
  );

/** The labels of the rows shown, for the error summary. */
export const partLabels = (count: number): Record<string, string> =>
  Object.fromEntries(
    slots.slice(0, count).flatMap((i) => [
      [`about${i}`, `What comment ${i + 1} is about`],
      [`comment${i}`, `Comment ${i + 1}`],
    ]),
  );

/** The comments written in the rows shown, each with the part chosen. */
export const partComments = (values: Record<string, string>, count: number) =>
  slots
    .slice(0, count)
    .filter((i) => values[`comment${i}`]?.trim())
    .map((i) => ({ about: values[`about${i}`] ?? '', comment: values[`comment${i}`]?.trim() ?? '' }));

/** A comment needs the part it is about, and a part chosen needs its comment. */
export const partProblems = (values: Record<string, string>, count: number): FieldProblem[] =>
  slots.slice(0, count).flatMap((i) => {
    const about = values[`about${i}`];
    const comment = values[`comment${i}`]?.trim();
    if (comment && !about) return [{ path: `about${i}`, message: `Choose what comment ${i + 1} is about` }];
    if (about && !comment)
      return [{ path: `comment${i}`, message: `Write comment ${i + 1}, or choose no part` }];
    return [];
  });

/** The rows shown, and a button for one more. */
export function PartCommentFields({
  parts,
  count,
  onAdd,
}: {
  parts: readonly Part[];
  count: number;
  onAdd: () => void;
}) {
  return (
    <div className="part-comments">
      {slots.slice(0, count).map((i) => (
        <div className="rows__row" key={i}>
          <FormSelect
            name={`about${i}`}
            options={parts.map((p) => ({ value: p.about, label: p.label }))}
            placeholder="Choose a section or domain"
          />
          <FormTextArea name={`comment${i}`} rows={3} />
        </div>
      ))}
      {count < MAX_PART_COMMENTS ? (
        <button type="button" className="button button--secondary button--small" onClick={onAdd}>
          Add a comment on a section or domain
        </button>
      ) : null}
    </div>
  );
}
