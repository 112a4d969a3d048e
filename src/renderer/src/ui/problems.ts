import type { z } from 'zod';
import type { AppError, FieldProblem } from '#contract/errors.ts';
import { dateValueProblem, timeValueProblem } from '#domain/dates.ts';

/** What a form shows after a failed submit: an overall message and/or problems tied to fields. */
export interface FormErrors {
  message?: string;
  problems: FieldProblem[];
}

export const NO_ERRORS: FormErrors = { problems: [] };

export const hasErrors = (errors: FormErrors) => Boolean(errors.message) || errors.problems.length > 0;

/** 'administrator/name', 'administrator[name]' and 'administrator.name' all become 'administrator.name'. */
export function normalisePath(path: string): string {
  return path
    .split(/[./[\]]+/)
    .filter(Boolean)
    .join('.');
}

/** The id of the control for a field path inside a form, e.g. ('setup', 'administrator.name'). */
export const fieldId = (form: string, path: string) => `${form}-${normalisePath(path).replaceAll('.', '-')}`;

export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: plainMessage(issue),
  }));
}

/** Our schemas word their messages for people ('is required'); zod's defaults are for programmers. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (/^[a-z]/.test(issue.message)) return issue.message;
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `must be at most ${issue.maximum} characters`;
  return 'is not valid';
}

/** 'Enter your username' and the like, for fields left empty: kinder than the schema's format rules. */
export function missingProblems(fields: [path: string, value: string, message: string][]): FieldProblem[] {
  return fields.filter(([, value]) => value.trim() === '').map(([path, , message]) => ({ path, message }));
}

const INTERRUPTED: Partial<Record<AppError['code'], string>> = {
  locked:
    'The workbench locked before this was saved. Unlock it and try again: what you typed is still here.',
  'not-signed-in': 'You have been signed out, so this was not saved.',
};

export function errorsFromResult(error: AppError): FormErrors {
  const problems = (error.problems ?? []).map((p) => ({ path: normalisePath(p.path), message: p.message }));
  let message = INTERRUPTED[error.code] ?? error.message;
  if (error.code === 'throttled' && error.retryAfterSeconds && !/second|minute/i.test(message)) {
    message = `${message} Try again in ${describeWait(error.retryAfterSeconds)}.`;
  }
  // A validation failure whose problems all show against fields needs no second, vaguer message.
  return problems.length > 0 && error.code === 'invalid-request' ? { problems } : { message, problems };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The problem text for one field, e.g. 'Full name is required' from label 'Full name' and 'is required'. */
export function problemText(label: string | undefined, message: string): string {
  // Schema messages are predicates ('is required', 'must be …') meant to follow the field's name;
  // anything else ('choose at least one role') is a sentence of its own.
  if (label && /^(is|are|must|has|have|should|cannot|can't|does|do) /.test(message))
    return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The first problem for a field path (or any path under it), for showing beside the control. */
export function problemFor(errors: FormErrors, path: string): string | undefined {
  const found = errors.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return found?.message;
}

/** Check a request against its contract schema before sending it, so problems show without a round trip. */
export function checkRequest(schema: z.ZodType, value: unknown): FieldProblem[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : problemsFromZod(parsed.error);
}

/** Problems with a password typed twice; `path` is the confirmation field's path. */
export function confirmationProblems(password: string, confirmation: string, path: string): FieldProblem[] {
  if (password && !confirmation) return [{ path, message: 'Type the password again to confirm it' }];
  if (password !== confirmation) return [{ path, message: 'The two passwords do not match' }];
  return [];
}

/** Keep the first problem for each field, in the order the form shows its fields. */
export function orderProblems(problems: FieldProblem[], order: readonly string[]): FieldProblem[] {
  const rank = (path: string) => {
    const i = order.findIndex((key) => path === key || path.startsWith(`${key}.`));
    return i === -1 ? order.length : i;
  };
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => rank(a.path) - rank(b.path))
    .filter((p) => {
      const key = order[rank(p.path)] ?? p.path;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Dates and times typed in part or wrongly (an empty one is left to the form): 'Date of birth must include
 * a month', 'Date of birth must be a real date', 'Time held must be a real time on the 24-hour clock …'.
 * Each entry is [path, value, label, 'date' | 'time'].
 */
export function entryProblems(fields: [path: string, value: string, label: string, kind: 'date' | 'time'][]) {
  const problems: FieldProblem[] = [];
  for (const [path, value, label, kind] of fields) {
    const message = kind === 'date' ? dateValueProblem(value) : timeValueProblem(value);
    if (message) problems.push({ path, message: `${label} ${message}` });
  }
  return problems;
}
