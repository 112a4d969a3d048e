import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agency, Role } from '#contract/vocabulary.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { strategyMeeting } from '../services/fidelity/support.ts';
import { consentToHubReferral } from '../support/case-steps.ts';
import { canonicalDump, dumpDifferences, envelopesOf, lifeEvent } from '../support/sync-team.ts';
import { TEAM_SETUP_CODE } from '../support/team-setup-code.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness } from '../support/workbench.ts';
import { openTestDatabase, quietServer, type TestDatabase, VARIANTS } from './support.ts';

// Four people on four computers (four data folders) work one Lancashire case at the same time through
// the team server: the social worker who opens it and asks the hub for a consultation, the hub
// practitioner who screens it, the youth justice co-assessor and the manager. Everything each of them
// did arrives on every other computer exactly once, and the four stores end up the same.

const START = new Date('2026-11-26T10:00:00Z');

interface Colleague {
  h: Harness;
  id: string;
  username: string;
}

const opened: Harness[] = [];
let server: RunningServer | undefined;
let store: TestDatabase | undefined;
let folder: ReturnType<typeof tempFolder> | undefined;
afterEach(async () => {
  for (const h of opened.splice(0)) h.wb.close();
  await server?.close();
  await store?.dispose();
  folder?.remove();
  server = store = folder = undefined;
});

/** A computer whose one person is also its administrator (as on a practitioner's own laptop). */
async function computer(
  path: string,
  person: { username: string; name: string; agency: Agency; role: Role },
): Promise<Colleague> {
  const h = harness(path, { start: START });
  opened.push(h);
  const set = await h.call('session.setUp', {
    administrator: {
      username: person.username,
      name: person.name,
      agency: person.agency,
      roles: ['administrator', person.role],
      aimTrained: true,
    },
    password: `${person.username} password`,
  });
  // Signing in (not set-up) unlocks the person's device key, which the team needs.
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: person.username, password: `${person.username} password` });
  return { h, id: set.status.user?.id as string, username: person.username };
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What every computer must agree on: the case's synced records, without this computer's own bookkeeping. */
const caseRecords = (h: Harness) => canonicalDump(h.wb.db());

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(
    `four colleagues on four computers through a ${variant.kind} team server`,
    () => {
      it('work one case at the same time; every change reaches every computer once, live within 2 s', async () => {
        folder = tempFolder('hsb-four-');
        const base = folder.path;
        store = await openTestDatabase(variant.kind);
        server = await quietServer(store.db, { now: () => START }); // the computers’ clocks stand at START
        const people = [
          ['sam.sw', 'Sam Social Worker', 'childrens-social-care', 'practitioner'],
          ['yas.yos', 'Yas Youth Justice', 'youth-justice', 'practitioner'],
          ['hana.hub', 'Hana Hub Practitioner', 'youth-justice', 'practitioner'],
          ['mo.manager', 'Mo Manager', 'childrens-social-care', 'manager'],
        ] as const;
        const computers: Colleague[] = [];
        for (const [username, name, agency, role] of people) {
          computers.push(await computer(join(base, username), { username, name, agency, role }));
        }
        const [sam, yas, hana, mo] = computers as [Colleague, Colleague, Colleague, Colleague];
        const everyone = [sam, yas, hana, mo];
        const others = [yas, hana, mo];

        // The team: Sam's computer sets it up from the others' requests to join, and hands out the roster.
        await sam.h.call('sync.createTeam', {});
        for (const c of others) {
          c.h.host.saveFile = join(base, `join-${c.username}.json`);
          await c.h.call('sync.exportJoinRequest', {});
          sam.h.host.openFile = c.h.host.saveFile;
          await sam.h.call('sync.importJoinRequest', {});
        }
        sam.h.host.saveFile = join(base, 'roster.json');
        await sam.h.call('sync.exportRoster', {});
        for (const c of others) {
          c.h.host.openFile = sam.h.host.saveFile;
          await c.h.call('sync.importRoster', {});
        }
        // Sam's computer puts the team on the server with its set-up code; the others only connect.
        await sam.h.call('sync.setServer', { address: server.url, setupCode: TEAM_SETUP_CODE });
        for (const c of others) await c.h.call('sync.setServer', { address: server.url });

        // Sam opens the case and asks the hub for a consultation; the hub's staff may now see it.
        const child = await sam.h.call('children.create', {
          name: 'Jordan Fourway',
          dateOfBirth: '2013-03-14',
          gender: 'male',
        });
        const hsbCase = await sam.h.call('cases.open', {
          childId: child.id,
          profileId: 'lancashire',
          socialWorkerId: sam.id,
          yosPractitionerId: yas.id,
          managerIds: [mo.id],
        });
        const caseId = hsbCase.id;
        await sam.h.call('pathway.recordConcern', {
          caseId,
          receivedAt: '2026-11-24T10:00:00Z',
          newReferral: true,
          sourceAgency: 'education',
          sourceRole: 'Designated safeguarding lead',
          reported: 'Sexualised behaviour towards a younger pupil.',
          children: [],
          exploitation: { cse: false, cce: false, missing: false, trafficking: false },
          facts: { lastBehaviourDate: '2026-11-20', residesInArea: true, ongoingPoliceInvestigation: false },
          proceedReason: 'Open to CSC at level 4 and not open to CYJS: checked with both teams today',
        });
        await sam.h.call('map.addItem', { caseId, item: lifeEvent('Moved house') });
        await consentToHubReferral(sam.h, caseId, 'Jo Fourway');
        const asked = await sam.h.call('consultations.request', {
          caseId,
          managerId: mo.id,
          request: 'Advice on whether an AIM assessment is needed',
        });
        const consultation = asked.consultations[0];
        expect(consultation?.state).toBe('requested');
        await sam.h.call('sync.syncNow', {});
        for (const c of others) await c.h.call('sync.syncNow', {});
        for (const c of others) {
          expect((await c.h.call('cases.get', { id: caseId })).case.reference, c.username).toBe(
            hsbCase.reference,
          );
        }

        // All four at once: each writes something of their own, and each computer syncs as it goes.
        await Promise.all([
          sam.h
            .call('map.addItem', { caseId, item: lifeEvent('Started at a new school') })
            .then(() => sam.h.call('sync.syncNow', {})),
          yas.h
            .call('map.addItem', { caseId, item: lifeEvent('Excluded for a day') })
            .then(() =>
              // Which starts the 45 working days of the AIM assessment (Lancashire step 8).
              yas.h.call('pathway.recordEvent', {
                caseId,
                event: 'first-meeting-with-child',
                occurredAt: '2026-11-26T09:00:00Z',
                note: '',
              }),
            )
            .then(() => yas.h.call('sync.syncNow', {})),
          hana.h
            .call('consultations.screen', {
              consultationId: consultation?.id as string,
              expectedVersion: consultation?.version as number,
              decision: 'accept',
              rationale: 'Meets the hub criteria: concerning behaviour towards a younger child',
            })
            .then(() => hana.h.call('sync.syncNow', {})),
          mo.h
            .call(
              'pathway.recordStrategyMeeting',
              strategyMeeting(caseId, '2026-11-26T09:00:00.000Z', ['outcome-recorded'], {
                details: { rationale: 'Proceed to an AIM assessment with the hub’s advice' },
              }),
            )
            .then(() => mo.h.call('sync.syncNow', {})),
        ]);
        // Until every computer has heard from every other (the live connection usually gets there first).
        const settled = async () => {
          for (const c of everyone) await c.h.call('sync.syncNow', {});
          return everyone.map((c) => JSON.stringify(caseRecords(c.h)));
        };
        const dumps = await until(settled, (d) => new Set(d).size === 1, 20_000);
        if (new Set(dumps).size !== 1) {
          expect(dumpDifferences(caseRecords(sam.h), caseRecords(hana.h)).slice(0, 10)).toEqual([]);
        }
        expect(new Set(dumps).size).toBe(1);

        for (const c of everyone) {
          const items = (await c.h.call('map.get', { caseId })).items.map((i) => i.what).sort();
          expect(items, c.username).toEqual(['Excluded for a day', 'Moved house', 'Started at a new school']);
          const summary = await c.h.call('pathway.summary', { caseId });
          expect(
            summary.consultations.map((x) => x.state),
            c.username,
          ).toEqual(['accepted']);
          expect(summary.meetings, c.username).toHaveLength(1);
          // Exactly once: the same change sets everywhere, none twice.
          const held = [...envelopesOf(c.h.wb.db()).keys()];
          expect(new Set(held).size, c.username).toBe(held.length);
          expect(held.sort(), c.username).toEqual([...envelopesOf(sam.h.wb.db()).keys()].sort());
        }
        // My work: the deadline the co-assessor started is on the social worker's and the manager's too.
        const onSam = (await sam.h.call('deadlines.mine', {})).filter((d) => d.caseId === caseId);
        expect(onSam.length).toBeGreaterThan(0);
        const shape = (ds: typeof onSam) => ds.map((d) => `${d.id} ${d.state} ${d.currentDue}`).sort();
        for (const c of [yas, mo]) {
          const mine = (await c.h.call('deadlines.mine', {})).filter((d) => d.caseId === caseId);
          expect(shape(mine), c.username).toEqual(shape(onSam));
        }

        // Live: everyone connected, a change on the manager's computer appears on the other three within
        // 2 s with no call on theirs.
        for (const c of everyone) {
          const s = await until(
            () => c.h.call('sync.serverStatus', {}),
            (x) => x.state === 'connected',
          );
          expect(s.state, c.username).toBe('connected');
        }
        const startedAt = Date.now();
        await mo.h.call('map.addItem', { caseId, item: lifeEvent('Referred to CAMHS') });
        for (const c of [sam, yas, hana]) {
          const seen = await until(
            () => c.h.call('map.get', { caseId }),
            (m) => m.items.some((i) => i.what === 'Referred to CAMHS'),
            5000,
          );
          expect(
            seen.items.map((i) => i.what),
            c.username,
          ).toContain('Referred to CAMHS');
        }
        expect(Date.now() - startedAt).toBeLessThan(2000);
      }, 180_000);
    },
  );
}
