import type { WorkbenchApi } from '#contract/api.ts';

declare global {
  interface Window {
    /** Exposed by the preload: the only door into the workbench. */
    workbench: WorkbenchApi;
  }
}
