import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { Agency } from '#contract/vocabulary.ts';
import { CHROMIUM_ARGS, openWorkbench, serveRenderer } from '../test/e2e/harness.ts';
import { tempFolder } from '../test/support/temp.ts';
import { ADMIN_PASSWORD, harness, seededTeam, TEST_KDF_COST } from '../test/support/workbench.ts';

// The pattern map in Chromium, at 100, 500 and 2,000 items (with a quarter as many links): time from
// asking for the map screen to its first settled render, then frame times while the map is panned.
// The renderer must already be built (out/renderer). The frame rate is uncapped (no vsync), so a
// frame's time is the work it took rather than the 16.7 ms display interval.

const SIZES = (process.env.BENCH_MAP_SIZES ?? '100,500,2000').split(',').map(Number);
const FRAMES = 120;
const LANES = [
  'family',
  'care-placement',
  'education',
  'health',
  'trauma-loss',
  'police-justice',
  'online',
  'other',
];
const AGENCIES: Agency[] = [
  'childrens-social-care',
  'youth-justice',
  'police',
  'health',
  'education',
  'other',
];
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS = 3650;

/** A small deterministic generator, so every run maps the same chronology. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDay = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);

function uncertainDate(next: () => number) {
  const offset = Math.floor(next() * DAYS);
  const day = isoDay(offset);
  const year = Number(day.slice(0, 4));
  const kind = next();
  if (kind < 0.6) return { precision: 'day' as const, day };
  if (kind < 0.8) return { precision: 'month' as const, year, month: Number(day.slice(5, 7)) };
  if (kind < 0.9) return { precision: 'year' as const, year };
  return { precision: 'range' as const, from: day, to: isoDay(offset + 10 + Math.floor(next() * 60)) };
}

/** A workbench with one case whose map has `n` items and n/4 links, added through the router. */
async function seed(folder: string, n: number): Promise<string> {
  const h = harness(folder);
  const team = await seededTeam(h);
  const child = await h.call('children.create', {
    name: 'Bench Child',
    dateOfBirth: '2009-05-01',
    gender: 'female',
  });
  const caseId = (
    await h.call('cases.open', {
      childId: child.id,
      profileId: 'lancashire',
      socialWorkerId: team.socialWorker.id,
      yosPractitionerId: team.yos.id,
      managerIds: [team.admin.id],
    })
  ).id;
  const mother = await h.call('people.add', {
    caseId,
    kind: 'parent-carer',
    name: 'Pat Bench',
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  });
  const next = random(n);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const common = {
      what: `Item ${i + 1}: ${next() < 0.3 ? 'Pat Bench reported a change at home' : 'a note from the chronology'}`,
      people: next() < 0.3 ? [mother.id] : [],
      place: '',
      date: uncertainDate(next),
      sourceAgency: AGENCIES[Math.floor(next() * AGENCIES.length)] ?? 'other',
      sourceDetail: '',
    };
    const item =
      next() < 0.25
        ? {
            kind: 'incident' as const,
            ...common,
            harmedPersonId: null,
            childAgeThen: null,
            hackettCategory: '1',
            brookColour: next() < 0.5 ? 'amber' : 'red',
          }
        : {
            kind: 'life-event' as const,
            lane: LANES[Math.floor(next() * LANES.length)] ?? 'other',
            ...common,
          };
    ids.push((await h.call('map.addItem', { caseId, item })).id);
  }
  for (let i = 0; i < Math.floor(n / 4); i++) {
    const from = ids[Math.floor(next() * n)] ?? '';
    let to = ids[Math.floor(next() * n)] ?? '';
    if (to === from) to = ids[(ids.indexOf(from) + 1) % n] ?? '';
    await h.call('map.addLink', { caseId, fromId: from, toId: to, kind: 'possible-trigger', label: '' });
  }
  h.wb.close();
  return caseId;
}

/** Asks for the map screen and waits until its nodes are drawn and the viewport has settled. */
function firstRender(page: Page, hash: string): Promise<number> {
  return page.evaluate(
    (target) =>
      new Promise<number>((resolve) => {
        const w = globalThis as unknown as {
          location: { hash: string };
          document: {
            querySelectorAll(s: string): { length: number };
            querySelector(s: string): { style: { transform: string } } | null;
          };
          requestAnimationFrame(f: () => void): void;
          performance: { now(): number };
        };
        const start = w.performance.now();
        w.location.hash = target;
        let last = '';
        let steady = 0;
        const check = () => {
          const count = w.document.querySelectorAll('.pm-canvas .react-flow__node').length;
          const viewport = w.document.querySelector('.pm-canvas .react-flow__viewport');
          const state = `${count}|${viewport?.style.transform ?? ''}`;
          steady = count > 0 && state === last ? steady + 1 : 0;
          last = state;
          // Drawn, and unchanged for two frames: the fit has happened and the visible nodes are in.
          if (steady >= 2) resolve(w.performance.now() - start);
          else w.requestAnimationFrame(check);
        };
        w.requestAnimationFrame(check);
      }),
    hash,
  );
}

/** Drags the map sideways one step per animation frame and returns the time between frames. */
function panFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (count) =>
      new Promise<number[]>((resolve) => {
        type Target = {
          dispatchEvent(e: unknown): void;
          getBoundingClientRect(): { left: number; top: number; width: number; height: number };
        };
        const w = globalThis as unknown as {
          document: { querySelector(s: string): Target | null };
          requestAnimationFrame(f: (t: number) => void): void;
          MouseEvent: new (type: string, init: Record<string, unknown>) => unknown;
          dispatchEvent(e: unknown): void;
        };
        const pane = w.document.querySelector('.pm-canvas .react-flow__pane');
        if (!pane) throw new Error('no map pane');
        const box = pane.getBoundingClientRect();
        let x = box.left + box.width * 0.8;
        const y = box.top + box.height / 2;
        const mouse = (type: string, target: { dispatchEvent(e: unknown): void }) =>
          target.dispatchEvent(
            new w.MouseEvent(type, {
              bubbles: true,
              cancelable: true,
              view: w,
              clientX: x,
              clientY: y,
              button: 0,
              buttons: 1,
            }),
          );
        mouse('mousedown', pane);
        const deltas: number[] = [];
        let previous = 0;
        let direction = -1;
        const frame = (time: number) => {
          if (previous) deltas.push(time - previous);
          previous = time;
          if (deltas.length >= count) {
            mouse('mouseup', w);
            resolve(deltas);
            return;
          }
          // Back and forth across half the map's width, 12 px a frame.
          x += direction * 12;
          if (x < box.left + box.width * 0.2 || x > box.left + box.width * 0.8) direction = -direction;
          mouse('mousemove', w);
          w.requestAnimationFrame(frame);
        };
        w.requestAnimationFrame(frame);
      }),
    frames,
  );
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** Thread names in Chromium's trace, the words the bench prints for them, and their top-level task. */
const THREADS: Record<string, { label: string; task: string }> = {
  CrRendererMain: { label: 'page', task: 'RunTask' },
  ThreadPoolForegroundWorker: { label: 'drawing', task: 'RasterTask' },
  VizCompositorThread: { label: 'compositing', task: 'RunTask' },
};

/**
 * Processor time a frame on the page's main thread, the drawing (raster) workers and the compositor,
 * from a trace: each thread's top-level tasks' thread time, so it does not count time spent waiting for
 * a processor on a busy machine.
 */
function cpuPerFrame(trace: Buffer, frames: number): string {
  type Event = {
    ph: string;
    name: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string };
  };
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: Event[] }).traceEvents;
  const threadOf = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name' && e.args?.name) threadOf.set(`${e.pid}:${e.tid}`, e.args.name);
  const totals = new Map<string, number>();
  for (const e of events) {
    const thread = THREADS[threadOf.get(`${e.pid}:${e.tid}`) ?? ''];
    if (!thread || e.ph !== 'X' || e.name !== thread.task) continue;
    totals.set(thread.label, (totals.get(thread.label) ?? 0) + (e.tdur ?? e.dur ?? 0));
  }
  return Object.values(THREADS)
    .map(({ label }) => `${label} ${((totals.get(label) ?? 0) / 1000 / frames).toFixed(1)} ms`)
    .join(', ');
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function benchMapBrowser(): Promise<string[]> {
  const lines: string[] = [];
  const server = await serveRenderer();
  // As the browser tests launch it (harness.ts), plus no vsync: see the note at the top.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--disable-gpu-vsync', '--disable-frame-rate-limit'],
    headless: true,
  });
  try {
    lines.push(
      `map: Chromium, uncapped frame rate; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} at the start`,
    );
    for (const n of SIZES) {
      const folder = tempFolder('hsb-bench-map-');
      try {
        const seedStart = performance.now();
        const caseId = await seed(folder.path, n);
        const seeded = performance.now() - seedStart;
        const app = await openWorkbench(browser, server.url, folder.path, { kdfCost: TEST_KDF_COST });
        try {
          const signIn = await app.router.call('session.signIn', {
            username: 'admin',
            password: ADMIN_PASSWORD,
          });
          if (!signIn.ok) throw new Error(signIn.error.message);
          // First over the test bridge (JSON), then with map.get crossing a structured-clone boundary
          // (a MessageChannel: clone and copy both on the page's thread, as Electron's IPC copies into it).
          await app.page.reload();
          await app.page.getByText('Signed in as').waitFor();
          const overJson = await firstRender(app.page, `#/cases/${caseId}/map`);
          await app.page.goto(`${server.url}#/`);
          await app.page.getByText('Signed in as').waitFor();
          await app.page.evaluate(
            (answer) => {
              const page = globalThis as unknown as {
                __structuredCloneMap?: () => Promise<unknown>;
                MessageChannel: new () => {
                  port1: { postMessage(m: unknown): void };
                  port2: { onmessage: ((e: { data: unknown }) => void) | null };
                };
              };
              page.__structuredCloneMap = () =>
                new Promise((resolve) => {
                  const channel = new page.MessageChannel();
                  channel.port2.onmessage = (e) => resolve(e.data);
                  channel.port1.postMessage(answer);
                });
            },
            await app.router.call('map.get', { caseId }),
          );
          const first = await firstRender(app.page, `#/cases/${caseId}/map`);
          // How long the screen waited for map.get, now across the structured-clone boundary.
          const waited = await app.page.evaluate(() => {
            const perf = (
              globalThis as unknown as {
                performance: { getEntriesByName(n: string): { startTime: number }[] };
              }
            ).performance;
            const at = (name: string) => perf.getEntriesByName(name).at(-1)?.startTime ?? 0;
            return at('pattern-map:received') - at('pattern-map:requested');
          });
          const drawn = await app.page.locator('.pm-canvas .react-flow__node').count();
          await app.page.locator('.pm-canvas').scrollIntoViewIfNeeded();
          await panFrames(app.page, 30); // warm-up: first raster of the tiles, JIT
          // Chromium's own trace of the measured pan: where each frame's processor time went.
          await browser.startTracing(app.page, { categories: TRACE_CATEGORIES });
          const frames = (await panFrames(app.page, FRAMES)).sort((a, b) => a - b);
          const trace = await browser.stopTracing();
          // BENCH_MAP_TRACE=folder keeps each size's trace, to open in Chromium's performance panel.
          if (process.env.BENCH_MAP_TRACE)
            writeFileSync(join(process.env.BENCH_MAP_TRACE, `map-pan-${n}.json`), trace);
          const split = cpuPerFrame(trace, FRAMES);
          lines.push(
            `map N=${n}: first render ${Math.round(first)} ms with map.get structured-cloned (${Math.round(overJson)} ms over the test bridge's JSON); panning median ${quantile(frames, 0.5).toFixed(1)} ms, p95 ${quantile(frames, 0.95).toFixed(1)} ms (${frames.length} frames)` +
              ` (processor time a frame: ${split});` +
              ` [${Math.round(waited)} ms of the first render waiting for map.get; ${drawn} items drawn; ${n / 4} links; seeded in ${(seeded / 1000).toFixed(1)} s]`,
          );
        } finally {
          await app.close();
        }
      } finally {
        folder.remove();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return lines;
}
