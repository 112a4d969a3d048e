import type { z } from 'zod';
import { type Access, type CallName, calls, isCallName } from '../contract/calls.ts';
import { type AppError, type FieldProblem, type Result, WorkbenchError } from '../contract/errors.ts';
import { ROLE_LABELS } from '../contract/vocabulary.ts';
import { damagedStoreError, isDamagedStoreError } from '../store/database.ts';
import { handlers } from './handlers.ts';
import { refuseWritesWhileLost } from './store-checks.ts';
import type { Workbench } from './workbench.ts';

/** Requests larger than this (as JSON) are refused before they are parsed. */
export const MAX_REQUEST_BYTES = 256 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findForbiddenKey(value: unknown, path: string, depth = 0): string | null {
  if (depth > 20) return path || '(request)';
  if (value === null || typeof value !== 'object') return null;
  for (const key of Reflect.ownKeys(value)) {
    const here = path ? `${path}.${String(key)}` : String(key);
    if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}

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
      let size: number;
      try {
        size = JSON.stringify(request ?? null).length;
      } catch {
        return fail('invalid-request', 'The request could not be read.');
      }
      if (size > (spec.maxRequestBytes ?? MAX_REQUEST_BYTES)) {
        return fail('invalid-request', 'The request is too large. Shorten the text and try again.');
      }
      const forbiddenKey = findForbiddenKey(request, '');
      if (forbiddenKey) {
        return fail('invalid-request', 'The request contains a field name that is not allowed.', [
          { path: forbiddenKey, message: 'is not an allowed field name' },
        ]);
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
        if (spec.access !== 'public' && name !== 'session.lock') wb.touch();
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
