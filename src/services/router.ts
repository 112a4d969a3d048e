import type { z } from 'zod';
import { type Access, type CallName, calls, isCallName } from '../contract/calls.ts';
import { type AppError, type FieldProblem, type Result, WorkbenchError } from '../contract/errors.ts';
import { ROLE_LABELS } from '../contract/vocabulary.ts';
import { damagedStoreError, isDamagedStoreError } from '../store/database.ts';
import { handlers } from './handlers.ts';
import { describeRefusal, MAX_REQUEST_BYTES, walkRequest } from './request-walk.ts';
import { refuseWritesWhileLost } from './store-checks.ts';
import type { Workbench } from './workbench.ts';

const toProblems = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({
    path:
      issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('') || '(request)',
    message:
      issue.code === 'unrecognized_keys'
        ? `has fields this call does not take: ${issue.keys.join(', ')}`
        : issue.message,
  }));

const fail = (code: AppError['code'], message: string, problems?: FieldProblem[]): Result<never> => ({
  ok: false,
  error: problems ? { code, message, problems } : { code, message },
});

function checkAccess(wb: Workbench, access: Access): void {
  if (access === 'public') return;
  const { user } = wb.signedIn();
  if (access === 'signed-in') return;
  if (!access.some((role) => user.roles.includes(role))) {
    const needed = access.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or ');
    const article = /^[aeiou]/.test(needed) ? 'an' : 'a';
    throw new WorkbenchError(
      'forbidden',
      `Only ${article} ${needed} can do this. Ask someone with that role.`,
    );
  }
}

/**
 * Someone signed in with a password an administrator set must choose their own before doing anything
 * else: the administrator knows the first one, and it wraps their keys.
 */
function refuseUntilOwnPassword(wb: Workbench, name: CallName): void {
  if (wb.session.state !== 'signed-in' || !wb.session.mustChangePassword) return;
  if (name.startsWith('session.') || name === 'account.changePassword') return;
  throw new WorkbenchError(
    'forbidden',
    'Choose your own password first: the one you were given was set by an administrator.',
  );
}

export interface Router {
  call(name: unknown, request: unknown): Promise<Result<unknown>>;
}

/**
 * The door into the workbench, shared by Electron's ipcMain and the browser tests: it validates the
 * request, locks an idle session, checks the signed-in person and their role, runs the handler and
 * validates what it returns. Errors come back as values with a plain-English message.
 */
export function createRouter(wb: Workbench, onUnexpected: (error: unknown) => void = console.error): Router {
  return {
    async call(name, request) {
      if (!isCallName(name)) return fail('unknown-call', 'The workbench does not know that request.');
      const spec = calls[name as CallName];
      // One bounded walk first, before anything else reads the request (even signed out).
      const refusal = walkRequest(request, spec.maxRequestBytes ?? MAX_REQUEST_BYTES);
      if (refusal) {
        const { message, problems } = describeRefusal(refusal);
        return fail('invalid-request', message, problems);
      }
      try {
        wb.lockIfIdle();
        checkAccess(wb, spec.access);
        refuseUntilOwnPassword(wb, name as CallName);
        refuseWritesWhileLost(wb, name as CallName, spec.writes);
        const parsed = spec.request.safeParse(request);
        if (!parsed.success) {
          const problems = toProblems(parsed.error);
          return fail('invalid-request', 'Some details need correcting before this can be saved.', problems);
        }
        // The screens' check for changes from other computers is not the person's activity.
        if (spec.access !== 'public' && name !== 'session.lock' && name !== 'sync.serverStatus') wb.touch();
        const handler = handlers[name as CallName] as (w: Workbench, r: unknown) => unknown;
        const data = await handler(wb, parsed.data);
        const checked = spec.response.safeParse(data);
        if (!checked.success) {
          onUnexpected(
            new Error(`Response to ${name} does not match the contract: ${checked.error.message}`),
          );
          return fail(
            'internal',
            'The workbench produced an unexpected answer. Your last change may not have been saved: reload and check.',
          );
        }
        return { ok: true, data: checked.data };
      } catch (error) {
        if (error instanceof WorkbenchError) return { ok: false, error: error.toValue() };
        // A damaged page can be met by any statement: one plain message for all of them.
        if (isDamagedStoreError(error)) return { ok: false, error: damagedStoreError().toValue() };
        onUnexpected(error);
        return fail(
          'internal',
          'Something went wrong and nothing was saved. Try again; if it keeps happening, tell your administrator.',
        );
      }
    },
  };
}
