import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL } from '#contract/channel.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security.ts';

// The Electron shell's behaviour, not its source text: `electron` (which cannot run here) is the one
// module mocked. It records what the shell registers; the test then drives those handlers as Electron
// would — a new window, a navigation, a permission request, a network request, an IPC call from the
// wrong frame — and checks each is refused.

type Handler = (...args: never[]) => unknown;

const electron = vi.hoisted(() => {
  const state = {
    dataDir: '',
    appHandlers: new Map<string, Handler>(),
    ipcHandlers: new Map<string, Handler>(),
    windowOptions: [] as Record<string, unknown>[],
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    beforeRequest: null as Handler | null,
    headersReceived: null as Handler | null,
    window: null as null | { webContents: { mainFrame: object; on: Handler; reload: Handler } },
    quit: 0,
    sandboxEnabled: false,
    singleInstance: true,
  };
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  class BrowserWindow {
    webContents = {
      mainFrame: { url: 'file:///app/out/renderer/index.html' },
      on: () => {},
      reload: () => {},
    };
    constructor(options: Record<string, unknown>) {
      state.windowOptions.push(options);
      state.window = this;
    }
    on() {}
    show() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const module = {
    app: {
      commandLine: { appendSwitch: () => {} },
      enableSandbox: () => {
        state.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => state.singleInstance,
      quit: () => {
        state.quit += 1;
      },
      on: (name: string, handler: Handler) => {
        state.appHandlers.set(name, handler);
      },
      whenReady: () => ready,
      getPath: () => state.dataDir,
    },
    BrowserWindow,
    dialog: {
      showOpenDialog: async () => ({ canceled: true }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        state.ipcHandlers.set(channel, handler);
      },
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    Notification: { isSupported: () => false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => {
          state.permissionRequest = h;
        },
        setPermissionCheckHandler: (h: Handler) => {
          state.permissionCheck = h;
        },
        webRequest: {
          onBeforeRequest: (h: Handler) => {
            state.beforeRequest = h;
          },
          onHeadersReceived: (h: Handler) => {
            state.headersReceived = h;
          },
        },
      },
    },
  };
  return { state, module, resolveReady };
});

vi.mock('electron', () => electron.module);

const { state } = electron;

beforeAll(async () => {
  state.dataDir = mkdtempSync(join(tmpdir(), 'hsb-shell-'));
  await import('../../src/main/index.ts');
  electron.resolveReady();
  await vi.waitFor(() => expect(state.window).not.toBeNull());
});

afterAll(() => {
  (state.appHandlers.get('before-quit') as (() => void) | undefined)?.();
  rmSync(state.dataDir, { recursive: true, force: true });
});

/** A web contents as Electron hands it to `web-contents-created`, recording what the shell does with it. */
function fakeContents(url: string) {
  const listeners = new Map<string, Handler>();
  let openHandler: Handler | null = null;
  const contents = {
    setWindowOpenHandler: (h: Handler) => {
      openHandler = h;
    },
    on: (name: string, h: Handler) => {
      listeners.set(name, h);
    },
    getURL: () => url,
  };
  (state.appHandlers.get('web-contents-created') as (e: unknown, c: unknown) => void)({}, contents);
  const fire = (name: string, ...args: unknown[]) => {
    let prevented = false;
    (listeners.get(name) as (...a: unknown[]) => void)({ preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  return {
    open: () => (openHandler as unknown as (d: unknown) => unknown)({ url: 'https://example.org' }),
    fire,
  };
}

describe('the Electron shell, driven as Electron would', () => {
  it('turns the sandbox on for every renderer and opens one window with isolation and no Node', () => {
    expect(state.sandboxEnabled).toBe(true);
    expect(state.windowOptions).toHaveLength(1);
    const preferences = state.windowOptions[0]?.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(preferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('denies new windows, navigation away, redirects and webviews', () => {
    const page = fakeContents('file:///app/out/renderer/index.html');
    expect(page.open()).toEqual({ action: 'deny' });
    expect(page.fire('will-navigate', 'https://example.org/')).toBe(true);
    expect(page.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(page.fire('will-navigate', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(page.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(page.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('refuses every permission, cancels every request that would leave the machine, and sends the CSP', () => {
    let granted: boolean | null = null;
    (state.permissionRequest as (...a: unknown[]) => void)({}, 'media', (ok: boolean) => {
      granted = ok;
    });
    expect(granted).toBe(false);
    expect((state.permissionCheck as (...a: unknown[]) => unknown)({}, 'notifications')).toBe(false);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      (state.beforeRequest as (...a: unknown[]) => void)({ url }, (r: { cancel: boolean }) => {
        cancel = r.cancel;
      });
      return cancel;
    };
    expect(cancelled('https://example.org/track.js')).toBe(true);
    expect(cancelled('wss://example.org/socket')).toBe(true);
    expect(cancelled('file:///app/out/renderer/assets/index.js')).toBe(false);
    let headers: Record<string, string[]> = {};
    (state.headersReceived as (...a: unknown[]) => void)(
      { responseHeaders: {} },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders;
      },
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('answers IPC calls only from its own window’s top frame showing its own page', async () => {
    const handle = state.ipcHandlers.get(CALL_CHANNEL) as (
      e: unknown,
      n: unknown,
      r: unknown,
    ) => Promise<{
      ok: boolean;
      error?: { code: string };
    }>;
    const window = state.window as NonNullable<typeof state.window>;
    const main = window.webContents.mainFrame;
    const otherContents = { mainFrame: {} };
    const fromOtherWindow = await handle(
      { sender: otherContents, senderFrame: otherContents.mainFrame },
      'session.status',
      {},
    );
    expect(fromOtherWindow).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromSubFrame = await handle(
      { sender: window.webContents, senderFrame: { url: 'file:///x' } },
      'session.status',
      {},
    );
    expect(fromSubFrame).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    (main as { url: string }).url = 'https://example.org/';
    const fromForeignPage = await handle(
      { sender: window.webContents, senderFrame: main },
      'session.status',
      {},
    );
    expect(fromForeignPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    (main as { url: string }).url = 'file:///app/out/renderer/index.html';
    const fromOwnPage = await handle({ sender: window.webContents, senderFrame: main }, 'session.status', {});
    expect(fromOwnPage).toMatchObject({ ok: true });
  });
});
