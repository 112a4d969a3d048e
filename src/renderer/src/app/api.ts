import { type CallName, type CallRequest, type CallResponse, calls } from '#contract/calls.ts';
import type { AppError, Result } from '#contract/errors.ts';

/** Session problems any call can report; the shell reacts to them wherever they happen. */
export type SessionInterruption = 'locked' | 'not-signed-in';
type Listener = (interruption: SessionInterruption) => void;

const listeners = new Set<Listener>();

/** Hear about any call refused because the session was locked or has ended. */
export function onSessionInterrupted(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const written = new Set<() => void>();

/**
 * Hear about every change this window saves (a call that writes, and succeeded): what is counted
 * outside the screen that made the change, such as My work's count in the navigation, is read again.
 */
export function whenSomethingIsSaved(listener: () => void): () => void {
  written.add(listener);
  return () => {
    written.delete(listener);
  };
}

const unreachable: AppError = {
  code: 'internal',
  message:
    'The workbench could not be reached. Try again, and restart the workbench if this keeps happening.',
};

/** Make one call to the workbench. Never throws: failures come back as `{ ok: false, error }`. */
export async function call<K extends CallName>(
  name: K,
  request: CallRequest<K>,
): Promise<Result<CallResponse<K>>> {
  let result: Result<CallResponse<K>>;
  try {
    result = await window.workbench.call(name, request);
  } catch {
    result = { ok: false, error: unreachable };
  }
  // Signing in or out, locking and unlocking change no one's work.
  if (result.ok && calls[name]?.writes && !name.startsWith('session.'))
    for (const listener of [...written]) listener();
  if (!result.ok && (result.error.code === 'locked' || result.error.code === 'not-signed-in')) {
    for (const listener of listeners) listener(result.error.code);
  }
  return result;
}
