import type { CallName, CallRequest, CallResponse } from './calls.ts';
import type { Result } from './errors.ts';

/** The only door the renderer has into the workbench: exposed by the preload as `window.workbench`. */
export interface WorkbenchApi {
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<Result<CallResponse<K>>>;
}
