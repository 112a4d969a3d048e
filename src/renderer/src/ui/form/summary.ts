import { type FormErrors, fieldId, problemText } from '../problems.ts';

/** One line of the error summary: its words and, when it belongs to a field, that control's id. */
export interface SummaryEntry {
  text: string;
  fieldId?: string;
}

/** The field a problem belongs to: the longest labelled path equal to it or containing it. */
function labelledPath(path: string, labels: Record<string, string>): string | undefined {
  return Object.keys(labels)
    .filter((key) => path === key || path.startsWith(`${key}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * The error summary's lines for a form's errors (from its own checks or from the main process's refusal):
 * 'Username is already taken' linked to the Username box of form 'add-user'.
 */
export function summaryEntries(
  form: string,
  errors: FormErrors,
  labels: Record<string, string>,
): SummaryEntry[] {
  return errors.problems.map((p) => {
    const path = labelledPath(p.path, labels);
    const text = problemText(path ? labels[path] : undefined, p.message);
    return path ? { text, fieldId: fieldId(form, path) } : { text };
  });
}
