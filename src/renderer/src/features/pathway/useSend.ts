import { useState } from 'react';
import type { Result } from '../../../../contract/errors.ts';
import { errorsFromResult, type FormErrors, NO_ERRORS } from '../../ui/problems.ts';

/**
 * A pathway form's errors and its one call to the workbench: `send` marks the form busy while the call
 * runs, then shows the workbench's problems (or clears them) and hands back the result.
 */
export function useSend() {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function send<T>(request: Promise<Result<T>>): Promise<Result<T>> {
    setBusy(true);
    const result = await request;
    setBusy(false);
    setErrors(result.ok ? NO_ERRORS : errorsFromResult(result.error));
    return result;
  }
  return { errors, setErrors, busy, send };
}
