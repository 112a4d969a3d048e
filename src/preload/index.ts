import { contextBridge, ipcRenderer } from 'electron';
import type { WorkbenchApi } from '../contract/api.ts';
import { CALL_CHANNEL } from '../contract/channel.ts';

// The page gets one typed function, never ipcRenderer itself. The main process validates everything.
const api: WorkbenchApi = {
  call: (name, request) => ipcRenderer.invoke(CALL_CHANNEL, name, request),
};

contextBridge.exposeInMainWorld('workbench', api);
