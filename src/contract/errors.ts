// Errors are values: a code for the program and a plain-English message for the practitioner.

export const ERROR_CODES = [
  'invalid-request',
  'unknown-call',
  'not-set-up',
  'already-set-up',
  'not-signed-in',
  'locked',
  'forbidden',
  'wrong-password',
  'throttled',
  'not-found',
  'conflict',
  'rule-broken',
  'store-refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  problems?: FieldProblem[];
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    extra: { problems?: FieldProblem[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.problems = extra.problems;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toValue(): AppError {
    const value: AppError = { code: this.code, message: this.message };
    if (this.problems) value.problems = this.problems;
    if (this.retryAfterSeconds !== undefined) value.retryAfterSeconds = this.retryAfterSeconds;
    return value;
  }
}
