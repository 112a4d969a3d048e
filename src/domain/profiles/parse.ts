import type { z } from 'zod';
import type { PathSegment } from './references.ts';
import { formatPath } from './references.ts';
import type { Profile } from './schema.ts';
import { ProfileSchema } from './schema.ts';

export interface ProfileError {
  /** Where the problem is, e.g. `timescales[2].rule.days`. */
  path: string;
  /** Plain English, e.g. "must be 0 or more". */
  message: string;
}

export type ParseProfileResult = { ok: true; profile: Profile } | { ok: false; errors: ProfileError[] };

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
};

const quoteAll = (values: readonly unknown[]) => values.map((v) => `"${String(v)}"`).join(', ');

// Zod's own messages are for programmers; these are for the person who wrote the profile.
// Messages set in the schema itself (e.g. "must be 0 or more") take precedence over this function.
function plainEnglish(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        // A discriminated union (e.g. rule kinds): report the value that did not match.
        const key = 'discriminator' in issue ? String(issue.discriminator) : '';
        const input = issue.input;
        const got =
          typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
        const allowed = quoteAll(issue.options);
        return got === undefined
          ? `is required: one of ${allowed}`
          : `must be one of ${allowed} (got "${String(got)}")`;
      }
      return 'does not match any of the allowed forms';
    case 'invalid_value':
      return `must be one of ${quoteAll(issue.values)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `has an unknown field "${issue.keys[0]}"`
        : `has unknown fields ${quoteAll(issue.keys)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${issue.minimum} item(s)`
        : `must be ${issue.minimum} or more`;
    case 'too_big':
      return `must be ${issue.maximum} or less`;
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return undefined;
  }
}

/**
 * Validates a profile document. Errors come back with readable paths and plain-English messages;
 * the function never throws for a bad document.
 */
export function parseProfile(json: unknown): ParseProfileResult {
  const result = ProfileSchema.safeParse(json, { error: plainEnglish });
  if (result.success) return { ok: true, profile: result.data };
  const errors = result.error.issues.map((issue) => ({
    path: formatPath(issue.path as PathSegment[]),
    message: issue.message,
  }));
  return { ok: false, errors };
}

/** One line per problem, for a practitioner or administrator: "timescales[2].rule.days: must be 0 or more". */
export function describeProfileErrors(errors: readonly ProfileError[]): string[] {
  return errors.map((e) => `${e.path}: ${e.message}`);
}
