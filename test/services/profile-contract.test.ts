import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { CallResponse } from '#contract/calls.ts';
import { BUILT_IN_PROFILES, type Profile } from '#domain/profiles/index.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness, seededTeam } from '../support/workbench.ts';

// A protocol profile crosses the IPC door checked against the profile schema itself, so the screens
// receive a typed Profile and need no cast; a document that is not a profile never reaches them.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path);
  await seededTeam(h); // signed in as the administrator
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

const lancashire = () => {
  const found = BUILT_IN_PROFILES.find((p) => p.id === 'lancashire');
  if (!found) throw new Error('the Lancashire profile is built in');
  return found;
};

/** A cloned profile whose stored document is then edited in the database (the fault). */
async function storedCopyEditedTo(edit: (document: Record<string, unknown>) => void) {
  const source = lancashire();
  await h.call('profiles.clone', {
    id: source.id,
    version: source.version,
    newId: 'our-copy',
    newName: 'Our copy',
  });
  const db = h.wb.db();
  const row = db
    .prepare("SELECT document FROM profile_versions WHERE profile_id = 'our-copy' AND version = 1")
    .pluck()
    .get() as string;
  const document = JSON.parse(row) as Record<string, unknown>;
  edit(document);
  db.prepare("UPDATE profile_versions SET document = ? WHERE profile_id = 'our-copy'").run(
    JSON.stringify(document),
  );
}

describe('the profile crosses IPC as itself', () => {
  it('profiles.get answers with the typed profile document', async () => {
    expectTypeOf<CallResponse<'profiles.get'>['document']>().toEqualTypeOf<Profile>();
    expectTypeOf<CallResponse<'profiles.list'>[number]['nation']>().toEqualTypeOf<Profile['nation']>();
    const source = lancashire();
    const got = await h.call('profiles.get', { id: source.id, version: source.version });
    expect(got.source).toBe('built-in');
    expect(got.document).toEqual(source);
  });

  it('refuses a stored profile that no longer matches the profile schema (missing risk matrix)', async () => {
    await storedCopyEditedTo((document) => {
      delete document.riskMatrix;
    });
    const error = await h.refuse('profiles.get', { id: 'our-copy', version: 1 });
    expect(error).toEqual({
      code: 'internal',
      message:
        'The workbench produced an unexpected answer. Your last change may not have been saved: reload and check.',
    });
    await expect(h.call('profiles.get', { id: 'our-copy', version: 1 })).rejects.toThrow(
      /Response to profiles\.get does not match the contract/,
    );
  });

  it('refuses a stored profile whose rules name a colour it does not define (cross-reference check)', async () => {
    await storedCopyEditedTo((document) => {
      const matrix = document.riskMatrix as { rows: { brookColour: string }[] };
      const first = matrix.rows[0];
      if (!first) throw new Error('the copy has a risk matrix row');
      first.brookColour = 'no-such-colour';
    });
    expect(await h.refuse('profiles.get', { id: 'our-copy', version: 1 })).toMatchObject({
      code: 'internal',
    });
  });

  it('refuses a profile list naming a nation the workbench has no bank holidays for', async () => {
    await storedCopyEditedTo((document) => {
      document.nation = 'atlantis';
    });
    expect(await h.refuse('profiles.list', {})).toMatchObject({ code: 'internal' });
  });
});

describe('the screens take the profile as it comes', () => {
  it('no screen casts a profile document back into a Profile', () => {
    const root = join(import.meta.dirname, '../../src/renderer/src');
    const casts = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => /\bas (unknown as )?Profile\b|document as /.test(line)),
      )
      .map(({ where }) => where);
    expect(casts).toEqual([]);
  });
});
