import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, session } from 'electron';
import { CALL_CHANNEL } from '../contract/channel.ts';
import { ArrivalWatch } from '../services/arrivals.ts';
import type { Host } from '../services/host.ts';
import { createRouter } from '../services/router.ts';
import { Workbench } from '../services/workbench.ts';
import { lookForArrivals } from './arrivals.ts';
import { CONTENT_SECURITY_POLICY, isAppUrl, isNetworkRequest } from './security.ts';

// The thin Electron shell: one hardened window, the IPC router, a menu. Everything else is in services.

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
app.commandLine.appendSwitch('lang', 'en-GB');
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;

  const chooseFolder = async (title: string): Promise<string | null> => {
    const options = {
      title,
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
    };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const host: Host = {
    chooseBackupFolder: () => chooseFolder('Choose a folder for the encrypted backup'),
    chooseRestoreFolder: () => chooseFolder('Choose the backup folder to restore'),
    chooseSaveFile: async (suggestedName) => {
      const options = { title: 'Save as', defaultPath: suggestedName };
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    chooseOpenFile: async (title) => {
      const options = { title, properties: ['openFile' as const] };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl) || url !== contents.getURL()) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    const workbench = new Workbench({ dataDir: app.getPath('userData'), host });
    const router = createRouter(workbench);

    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: isNetworkRequest(details.url, devServerUrl) }),
    );
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      }),
    );

    ipcMain.handle(CALL_CHANNEL, (event, name: unknown, request: unknown) => {
      // Only our own window's top frame, showing our own page, may call the workbench.
      const frame = event.senderFrame;
      if (
        !window ||
        event.sender !== window.webContents ||
        !frame ||
        frame !== window.webContents.mainFrame
      ) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Calls are accepted only from the workbench window.' },
        };
      }
      if (!isAppUrl(frame.url, devServerUrl)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Calls are accepted only from the workbench page.' },
        };
      }
      return router.call(name, request);
    });

    const autoLock = setInterval(() => workbench.lockIfIdle(), 30_000);
    // Work handed to this person while the window is in the background: a desktop notice, no case details.
    const arrivals = new ArrivalWatch(workbench);
    const noticeArrivals = setInterval(() => {
      if (!window || !Notification.isSupported()) return;
      try {
        lookForArrivals(arrivals, window, (notice, onClick) => {
          const shown = new Notification(notice);
          shown.on('click', onClick);
          shown.show();
        });
      } catch {
        // A notice is a courtesy: a look that fails (a store being restored, say) must not stop the app.
      }
    }, 15_000);

    window = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'HSB Workbench — OFFICIAL-SENSITIVE',
      show: false,
      // Every security setting is written out here, where a reader and a scanner (Electronegativity) see it.
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        // A middle click must not open a link in a new window.
        disableBlinkFeatures: 'Auxclick',
        // Chromium's spell checker downloads dictionaries: the app makes no network requests at all.
        spellcheck: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        preload: join(import.meta.dirname, '../preload/index.cjs'),
      },
    });
    window.on('ready-to-show', () => window?.show());
    window.webContents.on('before-input-event', () => workbench.touch());
    if (devServerUrl) void window.loadURL(devServerUrl);
    else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));

    const menuCall = async (name: 'backup.create' | 'session.lock') => {
      const result = await router.call(name, {});
      if (!result.ok) await dialog.showMessageBox({ type: 'warning', message: result.error.message });
      else if (name === 'backup.create' && result.data) {
        await dialog.showMessageBox({
          type: 'info',
          message: `Encrypted backup written to ${(result.data as { folder: string }).folder}`,
        });
      }
      if (name === 'session.lock') window?.webContents.reload();
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        {
          label: 'File',
          submenu: [
            { label: 'Back up now…', click: () => void menuCall('backup.create') },
            { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => void menuCall('session.lock') },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
        { role: 'editMenu' },
        {
          label: 'View',
          submenu: [
            { role: 'resetZoom' },
            { role: 'zoomIn' },
            { role: 'zoomOut' },
            { role: 'togglefullscreen' },
          ],
        },
      ]),
    );

    app.on('before-quit', () => {
      clearInterval(autoLock);
      clearInterval(noticeArrivals);
      workbench.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
