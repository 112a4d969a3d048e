import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import type { syncCalls } from '#contract/sync-calls.ts';
import type { Workbench } from '../workbench.ts';
import { openBundle, sendCase } from './bundles.ts';
import { caseStatus, resolveConflict } from './status.ts';
import {
  createTeam,
  exportJoinRequest,
  exportRoster,
  importJoinRequest,
  importRoster,
  teamView,
} from './team.ts';

type Name = keyof typeof syncCalls;

/** One handler per call of the sync engine (src/contract/sync-calls.ts). */
export const syncHandlers: {
  [K in Name]: (wb: Workbench, req: ParsedRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;
} = {
  'sync.team': (wb) => teamView(wb, wb.db()),
  'sync.createTeam': (wb) => createTeam(wb),
  'sync.exportJoinRequest': (wb) => exportJoinRequest(wb),
  'sync.importJoinRequest': (wb) => importJoinRequest(wb),
  'sync.exportRoster': (wb) => exportRoster(wb),
  'sync.importRoster': (wb) => importRoster(wb),
  'sync.caseStatus': caseStatus,
  'sync.sendCase': sendCase,
  'sync.openBundle': (wb) => openBundle(wb),
  'sync.resolveConflict': resolveConflict,
};
