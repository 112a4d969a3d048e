import { describe, expect, it } from 'vitest';
import { calls } from '#contract/calls.ts';
import { formSchema, problemsFromFieldErrors } from '../../src/renderer/src/ui/form/schema.ts';
import { summaryEntries } from '../../src/renderer/src/ui/form/summary.ts';
import {
  confirmationProblems,
  errorsFromResult,
  missingProblems,
} from '../../src/renderer/src/ui/problems.ts';

// The pure parts of the one form foundation (src/renderer/src/ui/form/): the zod resolver built from a
// form's own checks and the contract's request schema, the summary's order, and a refusal's field errors.

type Resolve = (
  values: unknown,
  context: unknown,
  options: unknown,
) => Promise<{ errors: Record<string, unknown> }>;
// The resolver the forms use, loaded by a name the type-checker does not follow: its types bring React's
// global DOM stand-ins into this node-only project, which breaks the browser tests' DOM types.
const RESOLVERS = '@hookform/resolvers/zod';
const { zodResolver } = (await import(RESOLVERS)) as { zodResolver: (schema: unknown) => Resolve };
const OPTIONS = { fields: {}, shouldUseNativeValidation: false };

interface AddUserValues {
  user: { name: string; username: string; agency: string; roles: string[]; aimTrained: boolean };
  initialPassword: string;
  confirmPassword: string;
}

const LABELS = {
  name: 'Full name',
  username: 'Username',
  agency: 'Agency',
  roles: 'Roles',
  aimTrained: 'AIM-trained',
  initialPassword: 'Initial password',
  confirmPassword: 'Confirm initial password',
};

const addUserSchema = formSchema<AddUserValues>({
  request: calls['users.create'].request,
  toRequest: (v) => ({ ...v.user, initialPassword: v.initialPassword }),
  check: (v) => [
    ...missingProblems([
      ['initialPassword', v.initialPassword, 'Enter an initial password'],
      ['name', v.user.name, 'Enter their full name'],
    ]),
    ...confirmationProblems(v.initialPassword, v.confirmPassword, 'confirmPassword'),
  ],
});

async function resolve(values: AddUserValues) {
  const result = await zodResolver(addUserSchema)(values, undefined, OPTIONS);
  return problemsFromFieldErrors(result.errors, Object.keys(LABELS));
}

const EMPTY: AddUserValues = {
  user: { name: '', username: '', agency: '', roles: [], aimTrained: false },
  initialPassword: '',
  confirmPassword: '',
};

describe('zod problems → the error summary', () => {
  it('lists one problem per field, in the order the form shows its fields, the form’s own wording first', async () => {
    const problems = await resolve({
      ...EMPTY,
      user: { ...EMPTY.user, username: 'Bad Name' },
      initialPassword: 'short',
      confirmPassword: 'other',
    });
    expect(problems).toEqual([
      // The form's kinder 'Enter their full name' wins over the contract's 'is required' for the same field.
      { path: 'name', message: 'Enter their full name' },
      { path: 'username', message: 'must be 3–40 letters, digits, dots, dashes or underscores' },
      { path: 'agency', message: 'is not a known agency' },
      { path: 'roles', message: 'choose at least one role' },
      { path: 'initialPassword', message: 'must be at least 10 characters' },
      { path: 'confirmPassword', message: 'The two passwords do not match' },
    ]);
  });

  it('lets valid values through with no problems', async () => {
    const problems = await resolve({
      user: {
        name: 'Sam Social',
        username: 'sam.social',
        agency: 'childrens-social-care',
        roles: ['practitioner'],
        aimTrained: true,
      },
      initialPassword: 'a long enough password',
      confirmPassword: 'a long enough password',
    });
    expect(problems).toEqual([]);
  });

  it('puts a problem for a path the form shows no field for after the fields, not first', () => {
    const errors = {
      unknown: { type: 'custom', message: 'is not expected' },
      username: { type: 'custom', message: 'is required', ref: { name: 'username' } },
      nested: { deeper: { type: 'custom', message: 'is wrong' } },
    };
    expect(problemsFromFieldErrors(errors, Object.keys(LABELS))).toEqual([
      { path: 'username', message: 'is required' },
      { path: 'unknown', message: 'is not expected' },
      { path: 'nested.deeper', message: 'is wrong' },
    ]);
  });

  it('maps request paths written with slashes or brackets onto the same field', async () => {
    const schema = formSchema<{ name: string }>({
      toRequest: (v) => v,
      check: () => [{ path: 'administrator[name]', message: 'Enter their full name' }],
    });
    const result = await zodResolver(schema)({ name: '' }, undefined, OPTIONS);
    expect(problemsFromFieldErrors(result.errors, ['administrator.name'])).toEqual([
      { path: 'administrator.name', message: 'Enter their full name' },
    ]);
  });
});

describe('a refusal from the main process → the error summary', () => {
  it('shows a taken username against the Username field, linked to its box, with the overall message', () => {
    const errors = errorsFromResult({
      code: 'conflict',
      message: 'The username “sam.social” is already taken. Choose another.',
      problems: [{ path: 'username', message: 'is already taken' }],
    });
    expect(errors.message).toBe('The username “sam.social” is already taken. Choose another.');
    expect(summaryEntries('add-user', errors, LABELS)).toEqual([
      { text: 'Username is already taken', fieldId: 'add-user-username' },
    ]);
  });

  it('links a nested request path to the field under its prefix', () => {
    const errors = errorsFromResult({
      code: 'invalid-request',
      message: 'The request was not valid.',
      problems: [{ path: 'administrator/username', message: 'is already taken' }],
    });
    expect(errors.message).toBeUndefined();
    expect(summaryEntries('setup', errors, { 'administrator.username': 'Username' })).toEqual([
      { text: 'Username is already taken', fieldId: 'setup-administrator-username' },
    ]);
  });

  it('says a locked workbench saved nothing and the typing is kept, with no field errors', () => {
    const errors = errorsFromResult({ code: 'locked', message: 'The workbench is locked.' });
    expect(errors.message).toMatch(/locked before this was saved.*still here/);
    expect(summaryEntries('add-user', errors, LABELS)).toEqual([]);
  });

  it('keeps a problem with no labelled field as plain text, starting with a capital', () => {
    const errors = { problems: [{ path: 'somewhere.else', message: 'choose at least one role' }] };
    expect(summaryEntries('add-user', errors, LABELS)).toEqual([{ text: 'Choose at least one role' }]);
  });
});
