import type { AppError, Result } from '#contract/errors.ts';

/**
 * Read a chosen file and make the call with its text: a file that cannot be read is refused here, as the
 * call's own refusal would be, so an import form shows both the same way (and is busy for both).
 */
export async function withFileText<T>(
  file: File,
  send: (text: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    const error: AppError = { code: 'invalid-request', message: `${file.name} could not be read.` };
    return { ok: false, error };
  }
  return send(text);
}
