import { WorkbenchError } from '../contract/errors.ts';
import type { Session, Workbench } from './workbench.ts';

type SignedIn = Extract<Session, { state: 'signed-in' }>;

export const LOCKED_DURING_DIALOG =
  'The workbench locked while the dialog was open; nothing was saved. Sign in again and try once more.';

/**
 * A file or folder dialog is awaited, and the session may change while it is open: auto-lock may fire
 * (the keys read before the dialog are then zeroed) or someone else may unlock. After the dialog, the
 * call carries on only if the same person is still signed in in the same session, and with the session
 * as it is now (never keys or a person captured before the await).
 */
export function sameSessionAfterDialog(wb: Workbench, before: SignedIn): SignedIn {
  const now = wb.session;
  if (now.state !== 'signed-in' || now !== before || now.user.id !== before.user.id) {
    throw new WorkbenchError('locked', LOCKED_DURING_DIALOG);
  }
  return now;
}
