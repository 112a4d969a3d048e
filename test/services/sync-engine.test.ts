import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWaiting } from '#services/sync/apply.ts';
import { SYNC_SCHEMA } from '#services/sync/capture.ts';
import { rosterOfStore } from '#services/sync/trust.ts';
import type { FieldOp } from '#domain/sync/replica.ts';
import { currentCaseKey, nextSequence, nextTime } from '#store/sync/state.ts';
import { sealChangeSet, type Envelope } from '#sync/envelope.ts';
import { writeBundle } from '#sync/bundle.ts';
import { newSigningKeyPair } from '#store/crypto.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import {
  buildTeam,
  deliver,
  envelopesOf,
  lifeEvent,
  machineFrom,
  type TeamTemplate,
} from '../support/sync-team.ts';
import { tempFolder } from '../support/temp.ts';
import type { Harness } from '../support/workbench.ts';

// The sync engine's guarantees through the router, on real encrypted stores in separate data
// folders: deletions reach the other machines, change sets from a newer version are kept and passed
// on, and nothing signed by the wrong device or person, or reaching into another case, is applied.

let folder: ReturnType<typeof tempFolder>;
let team: TeamTemplate;
let n = 0;
beforeAll(async () => {
  folder = tempFolder('hsb-syncengine-');
  team = await buildTeam(join(folder.path, 'template'), 3);
}, 120_000);
afterAll(() => folder?.remove());

/** Fresh copies of machines A (Alex), B (Yas) and C (Cleo) for one test. */
async function machines(options: { syncSchemaOfB?: number } = {}) {
  n++;
  const at = (name: string) => join(folder.path, `t${n}`, name);
  const [specA, specB, specC] = team.machines as [
    (typeof team.machines)[0],
    (typeof team.machines)[0],
    (typeof team.machines)[0],
  ];
  const a = await machineFrom(team, specA, at('a'));
  const b = await machineFrom(team, specB, at('b'), { syncSchema: options.syncSchemaOfB });
  const c = await machineFrom(team, specC, at('c'));
  return { a, b, c, at };
}

/** "Send case to…" from one machine, opened on another by the person signed in there. */
async function carry(from: Harness, on: Harness, recipientIds: string[]) {
  n++;
  const path = join(folder.path, `bundle-${n}.hsbcase`);
  from.host.saveFile = path;
  await from.call('sync.sendCase', { caseId: team.caseId, recipientIds });
  on.host.openFile = path;
  return on.call('sync.openBundle', {});
}

/** A change set sealed and signed by hand, as another version of the workbench (or a forger) would. */
function forged(
  a: Harness,
  options: {
    ops: FieldOp[];
    schema?: number;
    author?: string;
    device?: { id: string; privateKey: Buffer };
    caseId?: string;
  },
): Envelope {
  const db = a.wb.db();
  const me = a.wb.signedIn().device;
  if (!me) throw new Error('no device');
  const author = options.author ?? me.memberId;
  const device = options.device ?? { id: me.deviceId, privateKey: me.privateKey };
  const seq = nextSequence(db, author, device.id) + 1000;
  const caseId = options.caseId ?? team.caseId;
  const key = currentCaseKey(db, team.caseId);
  if (!key) throw new Error('no case key');
  return sealChangeSet(
    {
      id: `${author}:${device.id}:${seq}`,
      author,
      device: device.id,
      seq,
      caseId,
      schema: options.schema ?? SYNC_SCHEMA,
      ops: options.ops,
      audit: [],
    },
    { id: key.keyId, key: key.key },
    device.privateKey,
  );
}

/** An edit of one field as `a`'s signed-in person would make it now. */
function editOf(a: Harness, table: string, id: string, field: string, value: string, by?: string): FieldOp {
  const me = a.wb.signedIn().device;
  if (!me) throw new Error('no device');
  const at = a.wb.write((db) => nextTime(db, me.deviceId, a.wb.now().getTime()));
  return { table, id: JSON.stringify([id]), field, edit: { at, replaces: [], value, by: by ?? me.memberId } };
}

/** A bundle from `a`'s signed-in person to Yas holding exactly these envelopes. */
function bundleFromA(a: Harness, envelopes: Envelope[], to = team.ids.yas): string {
  const db = a.wb.db();
  const me = a.wb.signedIn().device;
  const roster = rosterOfStore(db);
  const recipient = roster?.members.find((m) => m.id === to);
  if (!me || !recipient) throw new Error('no device or recipient');
  n++;
  const path = join(folder.path, `forged-${n}.hsbcase`);
  const bytes = writeBundle(
    { caseId: team.caseId, envelopes, caseKeys: [] },
    { memberId: me.memberId, deviceId: me.deviceId, signingKey: me.privateKey },
    [recipient],
    a.wb.now(),
  );
  require('node:fs').writeFileSync(path, bytes);
  return path;
}

const whatOnMap = async (h: Harness) =>
  (await h.call('map.get', { caseId: team.caseId })).items.map((i) => i.what).sort();

describe('deletions between machines', () => {
  it('an item removed on one machine is removed on the others', async () => {
    // Bug caught: the capture triggers record a deletion as the integer 1, and the merge wrote a
    // record away only for `true`, so a removal never reached any other machine.
    const { a, b } = await machines();
    const item = (await a.call('map.get', { caseId: team.caseId })).items.find((i) => i.what === 'Moved house');
    await a.call('map.removeItem', { itemId: item?.id as string, expectedVersion: item?.version as number, reason: 'Recorded twice' });
    await carry(a, b, [team.ids.yas]);
    expect(await whatOnMap(b)).toEqual(['Started school']);
  });
});
