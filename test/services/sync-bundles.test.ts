import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectFileFault } from '#store/files.ts';
import { aimAssessment, DECIDED_20_NOVEMBER } from '../support/case-steps.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { joinTeamByFiles, lifeEvent, twoAgencyMachines } from '../support/sync-team.ts';
import { tempFolder } from '../support/temp.ts';
import type { Harness } from '../support/workbench.ts';
import { addTeamMember, harness, openCaseFor, seededTeam, signInAs } from '../support/workbench.ts';

// Two agencies, two laptops, one case. Machine A (Children's Social Care) has the administrator, who
// is also the case manager, and the social worker; machine B (Youth Justice) has its own administrator
// and the youth justice co-assessor. Each keeps its own encrypted store in its own data folder; the
// case travels between them only in case bundles.

const START = new Date('2026-11-26T10:00:00Z');
const CANARY = 'Canary-Marram-Quillwort-4471';
const B_ADMIN_PASSWORD = 'youth justice admin pw';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

/** Both machines, joined into one team (A's administrator signs the roster), and one case opened on A. */
async function twoMachines() {
  // B's administrator hands B's people over; the person on B first signs in once (device key).
  const { a, b, teamA, yosB } = await twoAgencyMachines(folder.path, START, B_ADMIN_PASSWORD);
  const { onA: team, onB } = await joinTeamByFiles(a, b, folder.path);

  const opened = await openCaseFor(a, { ...teamA, yos: yosB }, { name: CANARY });
  return { a, b, teamA, yosB, team, onB, caseId: opened.id };
}

/** Sends the case from `from` (signed in) to `to` people, and opens it on `on` as the person signed in there. */
async function carry(from: Harness, on: Harness, caseId: string, recipientIds: string[], name: string) {
  from.host.saveFile = join(folder.path, name);
  const sent = await from.call('sync.sendCase', { caseId, recipientIds });
  on.host.openFile = join(folder.path, name);
  return { sent, opened: await on.call('sync.openBundle', {}), path: join(folder.path, name) };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe('case bundles between two machines', () => {
  it('carry a case to the youth justice co-assessor, who sees it, adds to its map and sends it back', async () => {
    const { a, b, teamA, yosB, team, onB, caseId } = await twoMachines();
    expect(team.members.map((m) => m.name).sort()).toEqual([
      'Alex Administrator',
      'Bella Admin',
      'Sam Social Worker',
      'Yas Youth Justice',
      'Yas Youth Justice',
    ]);
    // B pinned A's administrator key, and both machines see the same fingerprint to compare by phone.
    expect(onB.pinnedFingerprint).toBe(
      team.members.find((m) => m.name === 'Alex Administrator')?.fingerprint,
    );

    const item = await a.call('map.addItem', { caseId, item: lifeEvent(`Moved house ${CANARY}`) });
    await signInAs(b, 'yas.yos');
    const first = await carry(a, b, caseId, [yosB.id], 'to-b.hsbcase');
    expect(first.opened.message).toMatch(
      /^Brought case HSB-2026-[A-Z2-9]{4}-\d{4} up to date with \d+ change sets? from Alex Administrator\.$/,
    );
    expect(first.opened.refused).toEqual([]);

    // The case, its child and its map are on B, readable by the allocated co-assessor.
    const caseOnB = await b.call('cases.get', { id: caseId });
    expect(caseOnB.child.name).toBe(CANARY);
    const mapB = await b.call('map.get', { caseId });
    expect(mapB.items.map((i) => i.what)).toEqual([`Moved house ${CANARY}`]);

    // The co-assessor adds to the map on B and sends it back to the social worker and manager.
    await b.call('map.addItem', { caseId, item: lifeEvent('Started at a new school') });
    await signInAs(a, 'sam.sw');
    const back = await carry(b, a, caseId, [teamA.socialWorker.id, teamA.admin.id], 'to-a.hsbcase');
    expect(back.opened.applied).toBeGreaterThan(0);
    const mapA = await a.call('map.get', { caseId });
    expect(mapA.items.map((i) => i.what).sort()).toEqual([
      `Moved house ${CANARY}`,
      'Started at a new school',
    ]);
    expect(item.id).toBeTruthy();

    // Every machine lists who did what, from either machine, with the author's signature verified.
    const status = await a.call('sync.caseStatus', { caseId });
    const fromB = status.history.filter((h) => !h.fromThisComputer);
    expect(fromB.map((h) => h.byName)).toContain('Yas Youth Justice');
    expect(status.history.every((h) => h.verified)).toBe(true);

    // The canary never appears in plaintext in a bundle or anywhere on either machine's disk.
    for (const path of [
      first.path,
      back.path,
      ...filesUnder(join(folder.path, 'machine-a')),
      ...filesUnder(join(folder.path, 'machine-b')),
    ]) {
      expect(readFileSync(path).includes(Buffer.from(CANARY)), path).toBe(false);
    }
  });

  it('opening the same bundle again changes nothing and says the case is already up to date', async () => {
    const { a, b, yosB, caseId } = await twoMachines();
    await signInAs(b, 'yas.yos');
    const { path } = await carry(a, b, caseId, [yosB.id], 'once.hsbcase');
    const before = tableFingerprint(b.wb.db());
    b.host.openFile = path;
    const again = await b.call('sync.openBundle', {});
    expect(again.applied).toBe(0);
    expect(again.message).toMatch(/already up to date/);
    expect(tableFingerprint(b.wb.db())).toBe(before);
  });

  it('refuses a bundle that was altered, cut short or is addressed to someone else, changing nothing', async () => {
    const { a, b, yosB, caseId } = await twoMachines();
    a.host.saveFile = join(folder.path, 'good.hsbcase');
    await a.call('sync.sendCase', { caseId, recipientIds: [yosB.id] });
    const good = readFileSync(join(folder.path, 'good.hsbcase'));

    // Addressed to the co-assessor: B's administrator cannot open it.
    const before = tableFingerprint(b.wb.db());
    b.host.openFile = join(folder.path, 'good.hsbcase');
    expect((await b.refuse('sync.openBundle', {})).message).toMatch(
      /addressed to someone else.*Nothing has been changed/,
    );

    await signInAs(b, 'yas.yos');
    const text = good.toString('utf8');
    const at = text.indexOf('"ciphertext":"') + 40;
    const altered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    writeFileSync(join(folder.path, 'altered.hsbcase'), altered);
    b.host.openFile = join(folder.path, 'altered.hsbcase');
    expect((await b.refuse('sync.openBundle', {})).message).toMatch(/altered after it was sent/);

    writeFileSync(join(folder.path, 'short.hsbcase'), good.subarray(0, Math.floor(good.length / 2)));
    b.host.openFile = join(folder.path, 'short.hsbcase');
    expect((await b.refuse('sync.openBundle', {})).message).toMatch(/cut short/);

    const db = b.wb.db();
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM sync_change_sets').get()).toEqual({ n: 0 });
    // Signing in as the co-assessor wrote only their sign-in; no refusal wrote anything.
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 2').all();
    expect(actions).toEqual([{ action: 'session.sign-in' }, { action: 'session.sign-out' }]);
    expect(before).not.toBe(tableFingerprint(db));
  });

  it('keeps both versions when the co-assessors change the same field without seeing each other, until one is chosen', async () => {
    const { a, b, teamA, yosB, caseId } = await twoMachines();
    const item = await a.call('map.addItem', { caseId, item: lifeEvent('Moved house') });
    await signInAs(b, 'yas.yos');
    await carry(a, b, caseId, [yosB.id], 'base.hsbcase');

    // Both change the same item while apart.
    await signInAs(a, 'sam.sw');
    a.travelTo(new Date('2026-11-26T11:00:00Z'));
    await a.call('map.updateItem', {
      itemId: item.id,
      expectedVersion: 1,
      item: lifeEvent('Moved to Preston'),
    });
    b.travelTo(new Date('2026-11-26T11:05:00Z'));
    const onB = await b.call('map.get', { caseId });
    const version = onB.items[0]?.version ?? 1;
    await b.call('map.updateItem', {
      itemId: item.id,
      expectedVersion: version,
      item: lifeEvent('Moved to Blackpool'),
    });

    await carry(a, b, caseId, [yosB.id], 'a-edit.hsbcase');
    await carry(b, a, caseId, [teamA.socialWorker.id, teamA.admin.id], 'b-edit.hsbcase');

    // Both machines show the same value and keep the other as a conflict naming who wrote each.
    const conflictA = (await a.call('sync.caseStatus', { caseId })).conflicts.find((c) => c.field === 'what');
    const conflictB = (await b.call('sync.caseStatus', { caseId })).conflicts.find((c) => c.field === 'what');
    expect(conflictA?.versions.map((v) => [v.value, v.byName]).sort()).toEqual([
      ['Moved to Blackpool', 'Yas Youth Justice'],
      ['Moved to Preston', 'Sam Social Worker'],
    ]);
    expect(conflictB?.versions).toEqual(conflictA?.versions);
    const shownA = (await a.call('map.get', { caseId })).items[0]?.what;
    expect((await b.call('map.get', { caseId })).items[0]?.what).toBe(shownA);

    // The social worker keeps the co-assessor's version; the resolution travels and ends the conflict on B.
    const keep = conflictA?.versions.find((v) => v.value === 'Moved to Blackpool')?.at as string;
    await a.call('sync.resolveConflict', {
      caseId,
      table: 'map_items',
      rowId: conflictA?.rowId as string,
      field: 'what',
      keep,
    });
    const trail = a.wb
      .db()
      .prepare("SELECT summary FROM audit_log WHERE action = 'sync.resolve-conflict'")
      .all();
    expect(trail).toEqual([{ summary: 'kept Yas Youth Justice’s version of the what after a conflict' }]);
    await carry(a, b, caseId, [yosB.id], 'resolved.hsbcase');
    for (const h of [a, b]) {
      expect((await h.call('sync.caseStatus', { caseId })).conflicts).toEqual([]);
      expect((await h.call('map.get', { caseId })).items[0]?.what).toBe('Moved to Blackpool');
    }
  });

  it('notices a change set left out of a bundle, and the gap closes when it arrives', async () => {
    const { a, b, yosB, caseId } = await twoMachines();
    await signInAs(b, 'yas.yos');
    await carry(a, b, caseId, [yosB.id], 'first.hsbcase');
    await a.call('map.addItem', { caseId, item: lifeEvent('One') });
    await a.call('map.addItem', { caseId, item: lifeEvent('Two') });
    // The change set adding "One" is left out, as a relay or a careless copy might drop it.
    const db = a.wb.db();
    const dropped = db
      .prepare('SELECT id FROM sync_change_sets WHERE case_id = ? ORDER BY arrival DESC LIMIT 1 OFFSET 1')
      .get(caseId) as { id: string };
    db.prepare('INSERT INTO sync_sent (case_id, member_id, change_set_id) VALUES (?, ?, ?)').run(
      caseId,
      yosB.id,
      dropped.id,
    );
    await carry(a, b, caseId, [yosB.id], 'gap.hsbcase');
    expect((await b.call('sync.caseStatus', { caseId })).missing).toEqual([
      { name: 'Alex Administrator', count: 1 },
    ]);
    expect((await b.call('map.get', { caseId })).items.map((i) => i.what)).toEqual(['Two']);

    db.prepare('DELETE FROM sync_sent WHERE change_set_id = ?').run(dropped.id);
    await carry(a, b, caseId, [yosB.id], 'fill.hsbcase');
    expect((await b.call('sync.caseStatus', { caseId })).missing).toEqual([]);
    expect((await b.call('map.get', { caseId })).items.map((i) => i.what).sort()).toEqual(['One', 'Two']);
  });

  it('keeps both co-assessors’ versions of a narrative section written apart, shown as their text', async () => {
    const { a, b, teamA, yosB, caseId } = await twoMachines();
    const started = await a.call(
      'assessments.start',
      aimAssessment(caseId, { yos: yosB, socialWorker: teamA.socialWorker }, DECIDED_20_NOVEMBER),
    );
    await signInAs(b, 'yas.yos');
    await carry(a, b, caseId, [yosB.id], 'assessment.hsbcase');
    const text = (t: string) => ({ blocks: [{ type: 'paragraph' as const, runs: [{ text: t }] }] });
    await signInAs(a, 'sam.sw');
    await a.call('assessments.saveSection', {
      assessmentId: started.id,
      sectionKey: 'formulation',
      expectedVersion: 0,
      content: text('Riley was frightened.'),
    });
    await b.call('assessments.saveSection', {
      assessmentId: started.id,
      sectionKey: 'formulation',
      expectedVersion: 0,
      content: text('Riley felt powerless at home.'),
    });
    await carry(a, b, caseId, [yosB.id], 'sw-section.hsbcase');
    await carry(b, a, caseId, [teamA.socialWorker.id], 'yos-section.hsbcase');
    for (const h of [a, b]) {
      const conflict = (await h.call('sync.caseStatus', { caseId })).conflicts.find(
        (c) => c.table === 'assessment_sections',
      );
      expect(conflict?.what).toBe('Narrative section');
      expect(conflict?.versions.map((v) => [v.byName, v.value]).sort()).toEqual([
        ['Sam Social Worker', 'Riley was frightened.'],
        ['Yas Youth Justice', 'Riley felt powerless at home.'],
      ]);
    }
  });

  it('records nothing as sent when the bundle cannot be written (a full disk at the rename)', async () => {
    const { a, yosB, caseId } = await twoMachines();
    a.host.saveFile = join(folder.path, 'full-disk.hsbcase');
    injectFileFault('rename');
    const refused = await a.refuse('sync.sendCase', { caseId, recipientIds: [yosB.id] });
    expect(refused.message).toMatch(/No bundle was saved and nothing is recorded as sent/);
    expect(existsSync(join(folder.path, 'full-disk.hsbcase'))).toBe(false);
    const db = a.wb.db();
    expect(db.prepare('SELECT count(*) AS n FROM sync_sent').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.send-case'").get()).toEqual({
      n: 0,
    });
    // Sent again once the disk has room: the same change sets go, now recorded as sent.
    const sent = await a.call('sync.sendCase', { caseId, recipientIds: [yosB.id] });
    expect(sent.changeSets).toBeGreaterThan(0);
    expect(existsSync(join(folder.path, 'full-disk.hsbcase'))).toBe(true);
  });

  it('refuses a roster that the pinned administrator did not sign', async () => {
    const { a, b } = await twoMachines();
    // A rogue roster: B's own administrator signs one (B pinned A's administrator when it joined).
    const rogue = harness(join(folder.path, 'rogue'), { start: START });
    await seededTeam(rogue);
    await rogue.call('sync.createTeam', {});
    rogue.host.saveFile = join(folder.path, 'rogue-roster.json');
    await rogue.call('sync.exportRoster', {});
    b.host.openFile = join(folder.path, 'rogue-roster.json');
    const before = tableFingerprint(b.wb.db());
    expect((await b.refuse('sync.importRoster', {})).message).toMatch(
      /not signed by a team administrator this computer trusts.*Nothing has been changed/,
    );
    expect(tableFingerprint(b.wb.db())).toBe(before);
    expect((await a.call('sync.team', {})).rosterVersion).toBe(2);
  });

  it('after reallocation, the removed co-assessor cannot be sent the case and never holds the new key', async () => {
    const { a, b, yosB, caseId, teamA } = await twoMachines();
    await signInAs(b, 'yas.yos');
    await carry(a, b, caseId, [yosB.id], 'before.hsbcase');
    // The manager reallocates the youth justice role to a colleague on A.
    const colleague = await addTeamMember(
      a,
      {
        username: 'kit.yos',
        name: 'Kit Youth Justice',
        agency: 'youth-justice',
        roles: ['practitioner'],
        aimTrained: true,
      },
      'kit youth justice pw',
    );
    // (A's administrator adds Kit to the roster from this computer's own people.)
    const caseNow = await a.call('cases.get', { id: caseId });
    await a.call('cases.allocate', {
      id: caseId,
      expectedVersion: caseNow.case.version,
      socialWorkerId: teamA.socialWorker.id,
      yosPractitionerId: colleague.id,
      managerIds: [teamA.admin.id],
    });
    await a.call('map.addItem', { caseId, item: lifeEvent('Written after reallocation') });
    a.host.saveFile = join(folder.path, 'after.hsbcase');
    expect((await a.refuse('sync.sendCase', { caseId, recipientIds: [yosB.id] })).message).toMatch(
      /not allocated to this case/,
    );
    const keys = b.wb.db().prepare('SELECT count(*) AS n FROM sync_case_keys WHERE case_id = ?').get(caseId);
    expect(keys).toEqual({ n: 1 });
    // A holds the second generation, which names neither the removed co-assessor nor seals a key for them.
    const generations = a.wb
      .db()
      .prepare('SELECT generation, signed FROM sync_memberships WHERE case_id = ? ORDER BY generation')
      .all(caseId) as { generation: number; signed: string }[];
    expect(generations.map((g) => g.generation)).toEqual([1, 2]);
    expect(generations[1]?.signed.includes(yosB.id)).toBe(false);
  });
});
