import type { CallResponse, ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { serverCalls, syncCalls } from '#contract/sync-calls.ts';
import { writeMeta } from '#store/sync/state.ts';
import type { Workbench } from '../workbench.ts';
import { openBundle, sendCase } from './bundles.ts';
import { checkedAddress, createTeamOnServer, serverAddress } from './server-link.ts';
import { caseStatus, resolveConflict } from './status.ts';
import {
  createTeam,
  exportJoinRequest,
  exportRoster,
  importJoinRequest,
  importRoster,
  teamView,
} from './team.ts';

type Name = keyof typeof syncCalls | keyof typeof serverCalls;

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
  'sync.setServer': async (wb, req) => {
    const address = req.address === null || req.address.trim() === '' ? null : checkedAddress(req.address);
    const setupCode = req.setupCode?.trim() || null;
    if (setupCode && address) {
      // The team goes on the server first: a refused set-up code saves nothing here.
      const session = wb.signedIn();
      await createTeamOnServer(wb.db(), address, setupCode);
      if (wb.signedIn() !== session) {
        throw new WorkbenchError(
          'conflict',
          'Someone else signed in while the team was put on the team server, so the address was not saved here.',
        );
      }
    }
    wb.write((db, audit) => {
      if (address) writeMeta(db, 'server-url', address);
      else db.prepare("DELETE FROM sync_meta WHERE key = 'server-url'").run();
      audit({
        action: 'team.server',
        recordType: 'team',
        recordId: 'server',
        summary: address
          ? `set the team server to ${address}${setupCode ? ' with its team set-up code' : ''}`
          : 'stopped using a team server',
      });
    });
    const link = wb.serverLink();
    link.start();
    // An administrator's first sync puts the team on the server, so the live link can open.
    if (address && wb.signedIn().user.roles.includes('administrator'))
      void link.syncNow().catch(() => undefined);
    return null;
  },
  'sync.serverStatus': (wb) => {
    const address = serverAddress(wb.db());
    const { status } = wb.serverLink();
    return { address, ...status, state: address ? status.state : 'not-configured' };
  },
  'sync.syncNow': (wb) => wb.serverLink().syncNow(),
};
