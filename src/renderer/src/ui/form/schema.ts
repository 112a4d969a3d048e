import { z } from 'zod';
import type { FieldProblem } from '#contract/errors.ts';
import { normalisePath, orderProblems, problemsFromZod } from '../problems.ts';

/** What a form checks before it sends anything (see `formSchema`). */
export interface FormChecks<V> {
  /** The contract's request schema for the call the form makes: the same rules the main process applies. */
  request?: z.ZodType;
  /** The request the form's values make. */
  toRequest: (values: V) => unknown;
  /**
   * Kinder problems for the form's own fields ('Enter your username' for an empty box, a password typed twice
   * differently), checked first: the first problem for each field is the one shown.
   */
  check?: (values: V) => FieldProblem[];
}

/**
 * One zod schema for a form's values: its own checks, then the contract's request schema applied to the
 * request the values make. Problem paths are request paths, so client and main-process problems show alike.
 */
export function formSchema<V>({ request, toRequest, check }: FormChecks<V>) {
  return z
    .custom<V>(() => true)
    .superRefine((values, ctx) => {
      const problems = [...(check?.(values) ?? [])];
      if (request) {
        const parsed = request.safeParse(toRequest(values));
        if (!parsed.success) problems.push(...problemsFromZod(parsed.error));
      }
      for (const p of problems) {
        ctx.addIssue({
          code: 'custom',
          path: normalisePath(p.path).split('.').filter(Boolean),
          message: p.message,
        });
      }
    });
}

interface ErrorLeaf {
  message?: unknown;
  type?: unknown;
}

const isLeaf = (node: unknown): node is ErrorLeaf =>
  typeof node === 'object' &&
  node !== null &&
  typeof (node as ErrorLeaf).type === 'string' &&
  typeof (node as ErrorLeaf).message === 'string';

/**
 * react-hook-form's nested errors (one per field, the first issue for it) as a flat list of problems by
 * request path, in the order the form shows its fields (`order`: the keys of its labels).
 */
export function problemsFromFieldErrors(errors: unknown, order: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    if (isLeaf(node)) {
      problems.push({ path: path.join('.'), message: String(node.message) });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      // `ref` is the DOM element a field registered, `types` every message by rule: neither is a field.
      if (key === 'ref' || key === 'types') continue;
      walk(child, [...path, key]);
    }
  };
  walk(errors, []);
  return orderProblems(problems, order);
}
