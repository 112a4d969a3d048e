import { useState } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import { useSubmission } from './useSubmission.ts';

export interface ActionRun<T, K extends string> {
  /** Called as the call starts (to clear a notice of the last success). */
  onStart?: () => void;
  /** The call the button makes. */
  request: () => Promise<Result<T>>;
  /** What to do with the answer (show a notice, pass on the new view). */
  onDone?: (data: T) => unknown;
  /** What to do after the answer, whatever it was. */
  afterwards?: () => unknown;
  /** Which of the screen's buttons is running, when its label changes meanwhile ('Exporting the report…'). */
  key?: K;
}

/**
 * A button's one call, not a form's: built on the form foundation's `useSubmission`, so while the call runs
 * every button of the action is busy and a second click does nothing (a ref, so two clicks in one tick are
 * one); the refusal is kept as `refusal`, for the screen to show in its own words beside the button.
 */
export function useAction<K extends string = string>() {
  const { busy, send, submitting } = useSubmission();
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [running, setRunning] = useState<K | null>(null);

  function act<T>({ onStart, request, onDone, afterwards, key }: ActionRun<T, K>): Promise<void> {
    return submitting(async () => {
      setRefusal(null);
      onStart?.();
      setRunning(key ?? null);
      try {
        const result = await send(request());
        if (result.ok) await onDone?.(result.data);
        else setRefusal(result.error);
        await afterwards?.();
      } finally {
        setRunning(null);
      }
    })();
  }

  /** A click that only opens or closes something, and does nothing while a call is running. */
  const whenIdle = (handler: () => void) => submitting(async () => handler());

  return { busy, running, refusal, setRefusal, act, whenIdle };
}
