import { WorkbenchError } from '#contract/errors.ts';
import type { Db } from '#store/database.ts';
import { changeSetsOfCase, readMeta, writeMeta } from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import type { Envelope } from '#sync/envelope.ts';
import { MembershipRefused, type SignedCaseMembership } from '#sync/membership.ts';
import { RosterRefused, type SignedRoster } from '#sync/roster.ts';
import { type ConnectionState, TeamClient, type TeamClientState } from '#sync/team-client.ts';
import type { Workbench } from '../workbench.ts';
import { applyEnvelopes } from './apply.ts';
import { SYNC_SCHEMA } from './capture.ts';
import {
  acceptMembershipInto,
  acceptRosterInto,
  allocatedTo,
  heldRoster,
  membershipsOf,
  pinnedAdministratorKey,
  refreshMembership,
  rosterOfStore,
} from './trust.ts';

// The team server, from the main process only: the one address an administrator configured. It
// carries the same signed, sealed change sets as case bundles; everything it sends is checked as a
// bundle's contents are. Without an address the workbench works exactly as a single machine.

const SERVER_MARK = '@team-server';

export const serverAddress = (db: Db): string | null => readMeta(db, 'server-url') ?? null;

/** Only https, or http to this computer itself (trying the server out on one machine). */
export function checkedAddress(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WorkbenchError(
      'invalid-request',
      'Enter the team server’s address, for example https://hsb-team.council.gov.uk.',
    );
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new WorkbenchError(
      'invalid-request',
      'The team server’s address must start with https:// (only a server on this computer may use http://).',
    );
  }
  return url.origin;
}

const NOT_ON_SERVER =
  'This team is not on the team server yet. Its administrator puts it there by entering the server’s team set-up code with its address under Administration → Team server.';

export const SETUP_CODE_REFUSED =
  'The team server did not accept that set-up code. Ask the server’s administrator for the code it printed when it first started.';

const codeProblem = (message: string) =>
  new WorkbenchError('invalid-request', message, { problems: [{ path: 'setupCode', message }] });

/**
 * Puts this computer's team on the server at `address` with the server's team set-up code, before the
 * address is saved (so a refused code saves nothing here). A team already there is left as it is.
 */
export async function createTeamOnServer(db: Db, address: string, setupCode: string): Promise<void> {
  const signed = heldRoster(db);
  if (!signed) {
    throw codeProblem(
      'This computer has no team yet, so there is nothing to create on the server. Set up the team under Team first, or leave the set-up code empty.',
    );
  }
  await TeamClient.createTeam(address, signed, setupCode).catch((error: unknown) => {
    if (!(error instanceof WorkbenchError)) throw error;
    if (error.code === 'conflict') return; // made already (by another administrator of the team)
    throw error.code === 'forbidden' ? codeProblem(SETUP_CODE_REFUSED) : error;
  });
}

export interface LinkStatus {
  state: ConnectionState | 'not-configured';
  lastSyncedAt: string | null;
  problem: string | null;
  /** Change sets taken from the server since this link started. */
  received: number;
}

/**
 * The live link for the signed-in person: a TeamClient with their device key, the state it keeps
 * (cursors, sequence numbers) saved in the store, and a WebSocket that brings changes in as they land.
 */
export class ServerLink {
  status: LinkStatus = { state: 'not-configured', lastSyncedAt: null, problem: null, received: 0 };
  private live: { close: () => void } | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;

  private readonly wb: Workbench;

  constructor(wb: Workbench) {
    this.wb = wb;
  }

  private client(db: Db): TeamClient {
    const url = serverAddress(db);
    const roster = heldRoster(db);
    const pinned = pinnedAdministratorKey(db);
    const { device } = this.wb.signedIn();
    if (!url)
      throw new WorkbenchError(
        'conflict',
        'No team server is set up. An administrator sets one under Administration → Team.',
      );
    if (!roster || !pinned) throw new WorkbenchError('conflict', 'This computer has not joined a team yet.');
    if (!device) {
      throw new WorkbenchError(
        'conflict',
        'Sign out and sign in again with your password to work with the team server.',
      );
    }
    const held = readMeta(db, `server-state:${device.memberId}`);
    return new TeamClient({
      serverUrl: url,
      device: {
        teamId: roster.roster.teamId,
        memberId: device.memberId,
        deviceId: device.deviceId,
        signingKey: device.privateKey,
      },
      pinnedAdministratorKey: pinned,
      held: held ? (JSON.parse(held) as Partial<TeamClientState>) : undefined,
      now: this.wb.now,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    });
  }

  /**
   * One round: publish the roster and allocations, send what is new here, bring every case up to date.
   * A round already under way is waited for (whatever became of it), then this one runs, so that
   * everything written before the call is sent and what it reports is its own.
   */
  async syncNow(): Promise<{ received: number; sent: number }> {
    while (this.running) await this.running.catch(() => undefined);
    const round = this.round();
    this.running = round;
    try {
      const out = await round;
      this.status = { ...this.status, lastSyncedAt: this.wb.now().toISOString(), problem: null };
      return out;
    } catch (error) {
      this.status = {
        ...this.status,
        problem: error instanceof WorkbenchError ? error.message : 'The team server could not be reached.',
      };
      throw error;
    } finally {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.soon();
      }
    }
  }

  /** A round in the background (the server announced news): one more after the running one, however many ask. */
  private soon(): void {
    if (this.running) this.again = true;
    else void this.syncNow().catch(() => undefined);
  }

  private async round(): Promise<{ received: number; sent: number }> {
    const db = this.wb.db();
    const client = this.client(db);
    const session = this.wb.signedIn();
    const me = session.user.id;
    // After each wait on the network: were this person signed out meanwhile, or the computer locked,
    // the round stops and writes nothing more (a round never writes for someone no longer signed in).
    const carryOn = () => {
      if (this.wb.signedIn() !== session) {
        throw new WorkbenchError('conflict', 'Someone else signed in while this computer was syncing.');
      }
    };
    const signed = heldRoster(db) as SignedRoster;
    const teamPath = `/v1/teams/${encodeURIComponent(signed.roster.teamId)}`;

    // The roster: newer rosters go both ways. A team the server does not know yet is put there only by
    // an administrator with the server's set-up code (sync.setServer), never by a round.
    const theirs = await client
      .request<{ rosters: SignedRoster[] }>('GET', `${teamPath}/roster?after=${signed.roster.version}`)
      .catch((error: unknown) => {
        throw error instanceof WorkbenchError && error.code === 'not-found'
          ? new WorkbenchError('conflict', NOT_ON_SERVER)
          : error;
      });
    carryOn();
    for (const r of theirs.rosters) {
      try {
        this.wb.write((wdb) => acceptRosterInto(wdb, r, this.wb.now()));
      } catch (error) {
        if (!(error instanceof RosterRefused)) throw error;
        // The same refusal a roster file gets, said as what it means here.
        throw new WorkbenchError(
          'store-refused',
          `The team server sent a team roster that does not check out, so nothing was taken from it: ${error.message} Tell your team administrator.`,
        );
      }
    }
    const serverVersion = theirs.rosters.at(-1)?.roster.version;
    if (session.user.roles.includes('administrator') && (serverVersion ?? 0) < signed.roster.version) {
      await client
        .request('POST', `${teamPath}/roster`, { signedRoster: heldRoster(db) }, { retry: true })
        .catch(ignoreConflict);
      carryOn();
    }

    // Cases allocated to this person and to someone on another computer are shared: their allocation is
    // signed (a first generation, or a new one after a reallocation) before anything is sent.
    const shared = prepared(
      db,
      `SELECT c.id FROM cases c WHERE ? IN (c.social_worker_id, c.yos_practitioner_id)
         OR EXISTS (SELECT 1 FROM case_managers m WHERE m.case_id = c.id AND m.user_id = ?)`,
    ).all(me, me) as { id: string }[];
    const elsewhere = new Set(
      (prepared(db, "SELECT id FROM users WHERE username LIKE 'team:%'").all() as { id: string }[]).map(
        (u) => u.id,
      ),
    );
    for (const { id } of shared) {
      if (!allocatedTo(db, id).some((m) => elsewhere.has(m))) continue;
      try {
        this.wb.write(() =>
          refreshMembership(db, id, session.device as NonNullable<typeof session.device>, this.wb.now()),
        );
      } catch (error) {
        // Someone allocated is not in the roster yet, or this person may not allocate: the case waits.
        if (!(error instanceof WorkbenchError || error instanceof MembershipRefused)) throw error;
      }
    }

    // Allocations this computer holds that the server may not have yet, then this person's change sets.
    const cases = (
      db.prepare('SELECT DISTINCT case_id AS id FROM sync_memberships').all() as { id: string }[]
    ).map((r) => r.id);
    let sent = 0;
    for (const caseId of cases) {
      for (const m of membershipsOf(db, caseId)) {
        const mark = `server-membership:${m.membership.caseKeyId}`;
        if (readMeta(db, mark)) continue;
        await client
          .request('POST', `${teamPath}/memberships`, { signedMembership: m }, { retry: true })
          .catch(ignoreConflict);
        carryOn();
        writeMeta(db, mark, '1');
      }
      const sentIds = new Set(
        (
          db
            .prepare('SELECT change_set_id AS id FROM sync_sent WHERE case_id = ? AND member_id = ?')
            .all(caseId, SERVER_MARK) as { id: string }[]
        ).map((r) => r.id),
      );
      const mine = changeSetsOfCase(db, caseId).filter(
        (cs) => cs.author === me && cs.origin === 'here' && !sentIds.has(cs.id),
      );
      if (mine.length === 0) continue;
      await client.upload(mine.map((cs) => cs.envelope));
      carryOn();
      const mark = db.prepare(
        'INSERT OR IGNORE INTO sync_sent (case_id, member_id, change_set_id) VALUES (?, ?, ?)',
      );
      for (const cs of mine) mark.run(caseId, SERVER_MARK, cs.id);
      sent += mine.length;
    }

    // Every case with news, then the allocations naming this person, fetched after the news so that
    // they hold the key of every change set just pulled (one allocated meanwhile would otherwise arrive
    // without its key, be refused, and never be asked for again).
    const pulled = await client.syncAll();
    carryOn();
    const { memberships } = await client.request<{ memberships: SignedCaseMembership[] }>(
      'GET',
      `${teamPath}/memberships`,
    );
    carryOn();
    this.wb.write((wdb) => {
      for (const m of memberships) {
        try {
          acceptMembershipInto(wdb, m, { memberId: me, boxKey: session.boxKey });
        } catch {
          // One the store refuses (an older generation arriving after a newer one) is left out.
        }
      }
    });
    let received = 0;
    for (const [caseId, result] of pulled) {
      const envelopes = result.envelopes.filter(
        (e: Envelope) => e.header.author !== me || e.header.device !== session.device?.deviceId,
      );
      if (envelopes.length > 0) {
        const report = this.wb.write((wdb, audit) => {
          const applied = applyEnvelopes(wdb, envelopes, {
            roster: rosterOfStore(wdb),
            knownSchema: this.wb.syncSchema ?? SYNC_SCHEMA,
            now: this.wb.now(),
            auditKey: session.keys.auditKey,
          });
          if (applied.applied + applied.keptForLater + applied.held > 0) {
            wdb
              .prepare(
                `INSERT INTO sync_case_status (case_id, brought_up_to_date_at) VALUES (?, ?)
               ON CONFLICT (case_id) DO UPDATE SET brought_up_to_date_at = excluded.brought_up_to_date_at`,
              )
              .run(caseId, this.wb.now().toISOString());
            audit({
              action: 'sync.server-receive',
              recordType: 'case',
              recordId: caseId,
              summary: `took ${applied.applied} change set${applied.applied === 1 ? '' : 's'} from the team server (${applied.alreadyHad} already held, ${applied.refused.length} refused)`,
            });
          }
          return applied;
        });
        received += report.applied;
        this.status = { ...this.status, received: this.status.received + report.applied };
      }
      if (result.tampering) this.status = { ...this.status, problem: result.tampering.message };
    }
    writeMeta(db, `server-state:${me}`, JSON.stringify(client.state()));
    return { received, sent };
  }

  /** Opens the live connection (after sign-in), bringing changes in as the server announces them. */
  start(): void {
    this.stop();
    let client: TeamClient;
    try {
      client = this.client(this.wb.db());
    } catch {
      this.status = { ...this.status, state: 'not-configured' };
      return;
    }
    this.status = { ...this.status, state: 'connecting' };
    this.live = client.subscribe({
      onMessage: (m) => {
        if (m.type === 'ready' || m.type === 'case' || m.type === 'roster') this.soon();
      },
      onState: (state, detail) => {
        // A team the server does not know yet refuses the live connection (404): say what that means.
        const problem = detail?.includes('(404)')
          ? NOT_ON_SERVER
          : (detail ?? (state === 'connected' ? null : this.status.problem));
        this.status = { ...this.status, state, problem };
      },
    });
  }

  stop(): void {
    this.live?.close();
    this.live = null;
  }

  /** After a local change: send it now if connected (it is kept and sent later otherwise). */
  nudge(): void {
    if (this.status.state === 'connected') this.soon();
  }
}

function ignoreConflict(error: unknown): void {
  if (error instanceof WorkbenchError && error.code === 'conflict') return;
  throw error;
}
