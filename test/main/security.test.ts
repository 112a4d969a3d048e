import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, isNetworkRequest } from '../../src/main/security.ts';

const mainSource = readFileSync('src/main/index.ts', 'utf8');
const preloadSource = readFileSync('src/preload/index.ts', 'utf8');
const rendererHtml = readFileSync('src/renderer/index.html', 'utf8');

describe('Electron hardening', () => {
  it('keeps context isolation and the sandbox on, and Node out of the renderer', () => {
    // Written literally in the one BrowserWindow's options, where a reader and a scanner see them.
    const windows = [...mainSource.matchAll(/new BrowserWindow\(/g)];
    expect(windows).toHaveLength(1);
    const preferences = /webPreferences: \{([^}]*)\}/.exec(mainSource)?.[1] ?? '';
    for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'experimentalFeatures: false',
      'webviewTag: false',
      "disableBlinkFeatures: 'Auxclick'",
      'spellcheck: false',
      'navigateOnDragDrop: false',
      'safeDialogs: true',
    ]) {
      expect(preferences, setting).toContain(`${setting},`);
    }
    expect(preferences).not.toContain('...');
    // Nothing in the shell may loosen a setting anywhere.
    expect(mainSource).not.toMatch(
      /(sandbox|contextIsolation|webSecurity)\s*:\s*false|nodeIntegration\w*\s*:\s*true/,
    );
    expect(mainSource).toContain('app.enableSandbox()');
  });

  it('denies new windows, navigation, webviews and permission requests, and runs as a single instance', () => {
    expect(mainSource).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(mainSource).toMatch(/'will-navigate'[\s\S]*preventDefault/);
    expect(mainSource).toMatch(/'will-attach-webview'[\s\S]*preventDefault/);
    expect(mainSource).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)\)/);
    expect(mainSource).toContain('requestSingleInstanceLock()');
  });

  it('cancels every request that would leave the machine', () => {
    expect(mainSource).toMatch(/onBeforeRequest\([\s\S]*isNetworkRequest/);
    for (const url of ['https://example.org/', 'http://10.0.0.1/x', 'wss://a.b/c', 'ftp://x/y']) {
      expect(isNetworkRequest(url, undefined), url).toBe(true);
    }
    expect(isNetworkRequest('file:///app/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://evil.example/', undefined)).toBe(false);
  });

  it('has a strict CSP with no remote sources, the same in the page and the shell', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(rendererHtml)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('exposes only the typed call function to the page, never ipcRenderer', () => {
    expect(preloadSource).toMatch(/exposeInMainWorld\('workbench', api\)/);
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    const built = readFileSync('out/preload/index.cjs', 'utf8');
    expect([...built.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
