import type { WorkbenchApi } from '../contract/api.ts';

declare global {
  interface Window {
    workbench: WorkbenchApi;
  }
}
