import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls } from '#contract/calls.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { type Harness, SW_PASSWORD } from '../support/workbench.ts';

let h: Harness;

const goodChild = {
  name: 'Jordan Example',
  preferredName: 'Jo',
  dateOfBirth: '2012-05-01',
  gender: 'female' as const,
  socialCareNumber: 'SC1234',
  youthJusticeNumber: 'YJ99',
  areaOfResidence: 'Preston',
  school: 'Example High',
};

/** A fingerprint of everything stored: each table's rows. */
const storeFingerprint = () => tableFingerprint(h.wb.db());

seededWorkbenchEachTest({}, async (w) => {
  ({ h } = w);
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
});

describe('the IPC door', () => {
  it('refuses a key it does not know in the request of every call', () => {
    for (const name of CALL_NAMES) {
      const parsed = calls[name].request.safeParse({ notAField: true });
      expect(parsed.success, name).toBe(false);
      expect(
        parsed.error?.issues.map((i) => i.code),
        name,
      ).toContain('unrecognized_keys');
    }
  });

  it.each([
    ['wrong types', { ...goodChild, dateOfBirth: 20120501 }, 'dateOfBirth'],
    ['a malformed date', { ...goodChild, dateOfBirth: '01/05/2012' }, 'dateOfBirth'],
    ['a missing field', { ...goodChild, name: undefined }, 'name'],
    ['an extra key', { ...goodChild, isAdmin: true }, '(request)'],
    ['an oversized string', { ...goodChild, school: 'x'.repeat(201) }, 'school'],
    ['an unknown option', { ...goodChild, gender: 'robot' }, 'gender'],
  ])('refuses %s, says which field, and writes nothing', async (_what, request, path) => {
    const before = storeFingerprint();
    const error = await h.refuse('children.create', request);
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/need correcting/);
    expect(error.problems?.map((p) => p.path)).toContain(path);
    expect(storeFingerprint()).toBe(before);
  });

  it('refuses a __proto__ key, even nested, and writes nothing', async () => {
    const before = storeFingerprint();
    const polluted = JSON.parse(
      `{"name":"A","dateOfBirth":"2012-01-01","gender":"male","__proto__":{"admin":true}}`,
    );
    const error = await h.refuse('children.create', polluted);
    expect(error.code).toBe('invalid-request');
    expect(error.problems?.[0]?.path).toBe('__proto__');
    const nested = JSON.parse(`{"query":"x","extra":{"constructor":{"prototype":{"bad":1}}}}`);
    expect((await h.refuse('cases.search', nested)).code).toBe('invalid-request');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(storeFingerprint()).toBe(before);
  });

  it('refuses a request far over the size limit before parsing it', async () => {
    const error = await h.refuse('cases.search', { query: 'x'.repeat(300_000) });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/too large/);
  });

  it('refuses a call the role does not allow, in the main process, and writes nothing', async () => {
    const before = storeFingerprint();
    const error = await h.refuse('users.create', {
      username: 'sneaky',
      name: 'Sneaky Person',
      agency: 'other',
      roles: ['administrator'],
      aimTrained: false,
      initialPassword: 'a long enough password',
    });
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Only an administrator can do this. Ask someone with that role.');
    expect((await h.refuse('audit.check', {})).code).toBe('forbidden');
    expect((await h.refuse('settings.update', { autoLockMinutes: 240 })).code).toBe('forbidden');
    expect(storeFingerprint()).toBe(before);
  });

  it('refuses unknown calls and calls before sign-in', async () => {
    expect((await h.refuse('children.delete', {})).code).toBe('unknown-call');
    expect((await h.refuse('toString', {})).code).toBe('unknown-call');
    await h.call('session.signOut', {});
    expect((await h.refuse('cases.search', { query: '' })).code).toBe('not-signed-in');
  });

  // Opening a case writes the case row, then its managers, its search entry, the audit entry and last
  // the audit head. A trigger made by the test (on this connection only) makes the real store fail at
  // the named statement, once the case row is already written: only a real rollback undoes that row.
  it.each([
    [
      'inserting the case managers (after the case row)',
      `CREATE TEMP TRIGGER injected_fault BEFORE INSERT ON main.case_managers
         WHEN (SELECT count(*) FROM main.cases) = 1
         BEGIN SELECT RAISE(ABORT, 'injected fault: case_managers'); END`,
    ],
    [
      'moving the audit head (after the case, its managers, search entry and audit entry)',
      `CREATE TEMP TRIGGER injected_fault BEFORE UPDATE ON main.audit_head
         WHEN (SELECT count(*) FROM main.cases) = 1
           AND (SELECT count(*) FROM main.case_managers) = 1
           AND (SELECT count(*) FROM main.audit_log WHERE action = 'case.open') = 1
         BEGIN SELECT RAISE(ABORT, 'injected fault: audit_head'); END`,
    ],
  ])('a failure part-way through a change, at %s, leaves every table as it was', async (_where, trigger) => {
    const child = await h.call('children.create', goodChild);
    const users = await h.call('users.list', {});
    const id = (username: string) => users.find((u) => u.username === username)?.id ?? '';
    const request = {
      childId: child.id,
      profileId: 'lancashire',
      socialWorkerId: id('sam.sw'),
      yosPractitionerId: id('yas.yos'),
      managerIds: [id('admin')],
    };
    const before = storeFingerprint();
    h.wb.db().exec(trigger);
    const error = await h.refuse('cases.open', request);
    expect(error).toEqual({
      code: 'internal',
      message:
        'Something went wrong and nothing was saved. Try again; if it keeps happening, tell your administrator.',
    });
    expect(storeFingerprint()).toBe(before);
    // Without the fault the same call saves the case: the refusal above came from the injected fault.
    h.wb.db().exec('DROP TRIGGER temp.injected_fault');
    const opened = await h.call('cases.open', request);
    expect(opened.reference).toMatch(/^HSB-2026-0001$/);
    expect(storeFingerprint()).not.toBe(before);
  });
});
