import { type FormEvent, useRef, useState } from 'react';
import type { FieldProblem, Result } from '#contract/errors.ts';
import { errorsFromResult, type FormErrors, NO_ERRORS } from '../problems.ts';

const isEvent = (value: unknown): value is FormEvent =>
  typeof value === 'object' && value !== null && typeof (value as FormEvent).preventDefault === 'function';

/**
 * A form's errors and its one call to the workbench, kept once for every form (`useWorkbenchForm` is built
 * on it):
 * - `submitting(handler)` is the form's submit handler: it stops the browser's own submit, and while one
 *   run is under way a second submit does nothing (a ref, not state, so two clicks in one tick are one);
 * - `send(call(…))` marks the form busy while the call runs, then shows the workbench's refusal (the
 *   interrupted and locked messages, problems by request path against their fields) or clears the errors;
 *   `sendChecked(problems, () => call(…))` first shows the form's own problems instead, if there are any.
 */
export function useSubmission() {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  function submitting<A extends unknown[]>(handler: (...args: A) => Promise<void>) {
    return async (...args: A): Promise<void> => {
      if (isEvent(args[0])) args[0].preventDefault();
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        await handler(...args);
      } finally {
        inFlight.current = false;
      }
    };
  }

  async function send<T>(request: Promise<Result<T>>): Promise<Result<T>> {
    setBusy(true);
    try {
      const result = await request;
      setErrors(result.ok ? NO_ERRORS : errorsFromResult(result.error));
      return result;
    } finally {
      setBusy(false);
    }
  }

  /** Problems the form found itself stop the call: they are shown, nothing is sent, and the answer is null. */
  async function sendChecked<T>(
    problems: FieldProblem[],
    request: () => Promise<Result<T>>,
  ): Promise<Result<T> | null> {
    if (problems.length > 0) {
      setErrors({ problems });
      return null;
    }
    return send(request());
  }

  return { errors, setErrors, busy, send, sendChecked, submitting };
}
