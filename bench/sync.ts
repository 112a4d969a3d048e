import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdit, replacesFor } from '#domain/sync/field-merge.ts';
import { sealAndKeep } from '#services/sync/capture.ts';
import type { Db } from '#store/database.ts';
import { nextTime, readField, writeField } from '#store/sync/state.ts';
import { SYNCED_TABLES } from '#store/sync/tables.ts';
import { buildTeam, deliver, envelopesOf, lifeEvent, membershipsHeld } from '../test/support/sync-team.ts';
import { harness, SW_PASSWORD, YOS_PASSWORD } from '../test/support/workbench.ts';

// The sync engine on real encrypted stores: merging 10,000 change sets into a store, and a case
// bundle (a 2,000-item pattern map and a full assessment) written on one machine and opened on another.

const ITEMS = Number(process.env.BENCH_SYNC_ITEMS ?? 2_000);
const CHANGE_SETS = Number(process.env.BENCH_SYNC_CHANGE_SETS ?? 10_000);
const ROUNDS = 3;

/** Wall-clock and processor time of `work` (the processor time does not grow when the machine is busy). */
async function timed<T>(work: () => T | Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: (used.user + used.system) / 1000, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** Bytes the database spends on `tables` and their indexes (SQLite's dbstat). */
function bytesOf(db: Db, tables: string[]): number {
  const marks = tables.map(() => '?').join(', ');
  return (
    db
      .prepare(
        `SELECT coalesce(sum(s.pgsize), 0) AS n FROM dbstat s JOIN sqlite_master m ON m.name = s.name
         WHERE m.tbl_name IN (${marks})`,
      )
      .get(...tables) as { n: number }
  ).n;
}

const signIn = async (h: ReturnType<typeof harness>, username: string, password: string) => {
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username, password });
};

export async function benchSync(): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'hsb-bench-sync-'));
  try {
    const team = await buildTeam(join(folder, 'team'), 2);
    const { caseId } = team;
    const start = new Date('2026-11-27T09:00:00Z');

    // Machine A: the map grows to ITEMS items and the co-assessors write a full assessment.
    const a = harness(join(folder, 'team', 'a'), { start });
    await a.call('session.signIn', { username: 'admin', password: 'correct horse battery' });
    let t = performance.now();
    for (let i = 2; i < ITEMS; i++) {
      await a.call('map.addItem', {
        caseId,
        item: {
          ...lifeEvent(
            `Event ${i}: a move, an exclusion or an appointment, described in a sentence or two.`,
            'Preston',
          ),
          lane: ['family', 'education', 'health', 'online'][i % 4] ?? 'other',
        },
      });
    }
    const assessment = await a.call('assessments.start', {
      caseId,
      frameworkId: 'aim3',
      route: 'welfare',
      reasons: 'Benchmark',
      qualityReviewNotified: '',
      decisionAt: '2026-11-20T10:00:00Z',
      facts: {},
      proceedReason: 'Benchmark',
      leadAssessorId: team.ids.yas,
      coAssessorId: team.ids.sam,
    });
    await signIn(a, 'sam.sw', SW_PASSWORD);
    let ratings = 0;
    for (const domain of assessment.domains) {
      for (let k = 0; k < 5; k++) {
        const view = await a.call('assessments.addItem', {
          assessmentId: assessment.id,
          domainId: domain.id,
          kind: k % 2 === 0 ? 'concern' : 'strength',
          label: `${domain.id} item ${k}`,
        });
        const item = view.domains.find((d) => d.id === domain.id)?.items.at(-1);
        await a.call('assessments.rate', {
          itemId: item?.id as string,
          rating: 'some',
          evidence: 'School report and the sessions with the child',
          source: 'School DSL',
        });
        ratings++;
      }
    }
    const paragraph =
      'The assessors considered the information from school, health and the family, and what the child said. '.repeat(
        5,
      );
    const sections = ['needs-met', 'views', 'strengths-protective', 'formulation', 'recommendations'];
    for (const key of sections) {
      await a.call('assessments.saveSection', {
        assessmentId: assessment.id,
        sectionKey: key,
        expectedVersion: 0,
        content: {
          blocks: Array.from({ length: 40 }, () => ({
            type: 'paragraph' as const,
            runs: [{ text: paragraph }],
          })),
        },
      });
    }
    const made = performance.now() - t;
    await signIn(a, 'admin', 'correct horse battery');
    const caseChangeSets = envelopesOf(a.wb.db()).size;
    const db = a.wb.db();
    const records = bytesOf(
      db,
      SYNCED_TABLES.map((s) => s.name),
    );
    const bookkeeping = bytesOf(db, ['sync_fields', 'sync_change_sets']);
    const whole = bytesOf(
      db,
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    a.wb.close();
    cpSync(join(folder, 'team', 'a'), join(folder, 'a-case'), { recursive: true });

    // Case bundle: "Send case to…" on A, "Open a case bundle" on B, each on fresh copies.
    const send: number[] = [];
    const open: number[] = [];
    const sendCpu: number[] = [];
    const openCpu: number[] = [];
    let bundleBytes = 0;
    let applied = 0;
    for (let round = 0; round < ROUNDS; round++) {
      cpSync(join(folder, 'a-case'), join(folder, `send-${round}`, 'a'), { recursive: true });
      cpSync(join(folder, 'team', 'b'), join(folder, `send-${round}`, 'b'), { recursive: true });
      const ra = harness(join(folder, `send-${round}`, 'a'), { start });
      const rb = harness(join(folder, `send-${round}`, 'b'), { start });
      await ra.call('session.signIn', { username: 'admin', password: 'correct horse battery' });
      await rb.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
      const path = join(folder, `send-${round}`, 'case.hsbcase');
      ra.host.saveFile = path;
      const sent = await timed(() => ra.call('sync.sendCase', { caseId, recipientIds: [team.ids.yas] }));
      send.push(sent.wall);
      sendCpu.push(sent.cpu);
      bundleBytes = statSync(path).size;
      rb.host.openFile = path;
      const opened = await timed(() => rb.call('sync.openBundle', {}));
      applied = opened.value.applied;
      open.push(opened.wall);
      openCpu.push(opened.cpu);
      ra.wb.close();
      rb.wb.close();
    }

    // 10,000 change sets: the case's own, then single-field edits of its map items on A, each
    // sealed and signed as its own change set (made straight in the store: the router's cost of
    // making them is not what is measured here).
    cpSync(join(folder, 'a-case'), join(folder, 'a-case-more'), { recursive: true });
    const more = harness(join(folder, 'a-case-more'), { start });
    await more.call('session.signIn', { username: 'admin', password: 'correct horse battery' });
    const items = (await more.call('map.get', { caseId })).items;
    const device = more.wb.signedIn().device;
    if (!device) throw new Error('no device key');
    t = performance.now();
    const needed = CHANGE_SETS - envelopesOf(more.wb.db()).size;
    for (let i = 0; i < needed; ) {
      more.wb.write((db) => {
        for (let k = 0; k < 1000 && i < needed; k++, i++) {
          const item = items[i % items.length];
          if (!item) return;
          const id = JSON.stringify([item.id]);
          const state = readField(db, 'map_items', id, 'what');
          const edit = {
            at: nextTime(db, device.deviceId, more.wb.now().getTime()),
            replaces: replacesFor(state),
            value: `Edited ${i}`,
            by: device.memberId,
          };
          writeField(db, 'map_items', id, 'what', applyEdit(state, edit));
          sealAndKeep(
            db,
            device,
            caseId,
            [{ table: 'map_items', id, field: 'what', edit }],
            [],
            more.wb.now(),
          );
        }
      });
    }
    const editing = performance.now() - t;
    const envelopes = [...envelopesOf(more.wb.db()).values()];
    const memberships = membershipsHeld(more.wb.db());
    more.wb.close();
    const merge: number[] = [];
    const mergeCpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      cpSync(join(folder, 'team', 'b'), join(folder, `merge-${round}`), { recursive: true });
      const rb = harness(join(folder, `merge-${round}`), { start });
      await rb.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
      const merged = await timed(() => deliver(rb, envelopes, memberships));
      const report = merged.value;
      merge.push(merged.wall);
      mergeCpu.push(merged.cpu);
      if (report.refused.length > 0 || report.applied + report.alreadyHad !== envelopes.length) {
        throw new Error(`merge refused change sets: ${report.refused[0]?.reason}`);
      }
      rb.wb.close();
    }

    const m = median(merge);
    return [
      `sync: real encrypted stores (median of ${ROUNDS} rounds; the case made through the router in ${ms(made)}, ${envelopes.length - caseChangeSets} more one-field edits sealed in ${ms(editing)})`,
      `  merge ${envelopes.length.toLocaleString('en-GB')} change sets into a store: ${ms(m)} (${(m / envelopes.length).toFixed(2)} ms per change set; ${merge.map(ms).join(', ')}); processor time ${ms(median(mergeCpu))} (${(median(mergeCpu) / envelopes.length).toFixed(2)} ms per change set)`,
      `  case bundle, ${ITEMS.toLocaleString('en-GB')}-item map and an assessment (${ratings} rated items, ${sections.length} narrative sections), ${caseChangeSets.toLocaleString('en-GB')} change sets, ${applied.toLocaleString('en-GB')} applied:`,
      `    export (Send case to…) ${ms(median(send))} (${send.map(ms).join(', ')}); import (Open a case bundle) ${ms(median(open))} (${open.map(ms).join(', ')}); target under 2,000 ms each`,
      `    processor time: export ${ms(median(sendCpu))}, import ${ms(median(openCpu))}`,
      `    bundle ${kib(bundleBytes)} against the case's records ${kib(records)} (${(bundleBytes / records).toFixed(2)}×); with sync's own rows (merge state, change sets kept) ${kib(records + bookkeeping)}; whole database ${kib(whole)}`,
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
