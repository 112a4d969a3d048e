import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { createRouter, type Router } from '#services/router.ts';
import { Workbench } from '#services/workbench.ts';
import type { KdfCost } from '#store/crypto.ts';
import { DEFAULT_KDF_COST } from '#store/crypto.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security.ts';
import { type TestHost, testHost } from '../support/workbench.ts';

// The browser tests open the built renderer in Debian's Chromium and bind `window.workbench` to the
// real router, services and a real encrypted file — the same router Electron's ipcMain uses.

const RENDERER = join(import.meta.dirname, '../../out/renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves out/renderer on 127.0.0.1 with the same CSP as the app. */
export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the browser tests.');
  }
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(RENDERER, path);
    if (!file.startsWith(RENDERER) || !existsSync(file) || statSync(file).isDirectory())
      file = join(RENDERER, 'index.html');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=en-GB',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface WorkbenchPage {
  page: Page;
  context: BrowserContext;
  workbench: Workbench;
  router: Router;
  host: TestHost;
  clock: { now: Date | null };
  /** Requests the page tried to send anywhere but the local server (there must be none). */
  outsideRequests: string[];
  close(): Promise<void>;
}

/**
 * Opens the workbench UI in a new browser context whose `window.workbench` calls the real router on
 * the data folder given (pass the same folder again to simulate a restart).
 */
export async function openWorkbench(
  browser: Browser,
  baseUrl: string,
  dataDir: string,
  options: {
    kdfCost?: KdfCost;
    /**
     * The workbench's clock, and the page's too (its `new Date()`: today's date, ages), so nothing on
     * screen depends on the real date.
     */
    now?: Date;
    /** The browser's locale and time zone (default en-GB, Europe/London). */
    locale?: string;
    timezoneId?: string;
  } = {},
): Promise<WorkbenchPage> {
  const clock: { now: Date | null } = { now: options.now ?? null };
  const host = testHost();
  const workbench = new Workbench({
    dataDir,
    host,
    kdfCost: options.kdfCost ?? DEFAULT_KDF_COST,
    now: () => clock.now ?? new Date(),
  });
  const router = createRouter(workbench);
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/London',
    viewport: { width: 1280, height: 900 },
  });
  const outsideRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  await context.exposeBinding('__workbenchCall', (_source, name: unknown, request: unknown) =>
    router.call(name, request),
  );
  // What the preload does in Electron: one typed function on window, nothing else.
  await context.addInitScript(() => {
    const page = globalThis as unknown as { __workbenchCall: (n: unknown, r: unknown) => Promise<unknown> };
    const bridge = page.__workbenchCall;
    // The benchmark (bench/map-browser.ts) may answer map.get across a structured-clone boundary, as
    // Electron's IPC does, instead of this bridge's JSON path.
    const cloned = page as unknown as { __structuredCloneMap?: (request: unknown) => Promise<unknown> };
    Object.defineProperty(page, 'workbench', {
      value: Object.freeze({
        call: (name: unknown, request: unknown) =>
          name === 'map.get' && cloned.__structuredCloneMap
            ? cloned.__structuredCloneMap(request)
            : bridge(name, request),
      }),
      writable: false,
    });
  });
  // The page's clock stands still at the workbench's time (timers still run).
  if (options.now) await context.clock.setFixedTime(options.now);
  const page = await context.newPage();
  await page.goto(baseUrl);
  return {
    page,
    context,
    workbench,
    router,
    host,
    clock,
    outsideRequests,
    async close() {
      await context.close();
      workbench.close();
    },
  };
}

/** Axe on the current screen: returns the serious and critical violations (there must be none). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/**
 * Types a date into the date field whose legend is `legend` (the Day, Month and Year boxes), as a person
 * would: `fillDate(page, 'Date of birth', '14/03/2013')`. Parts may be left empty ('14//2013').
 */
export async function fillDate(scope: Page | Locator, legend: string, date: string): Promise<void> {
  const [day = '', month = '', year = ''] = date.split('/');
  const group = scope.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(day);
  await group.getByLabel('Month', { exact: true }).fill(month);
  await group.getByLabel('Year', { exact: true }).fill(year);
}
