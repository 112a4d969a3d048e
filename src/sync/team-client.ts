import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { type ErrorCode, WorkbenchError } from '../contract/errors.ts';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';
import { changeSetId, type Envelope, signatureVerifies } from './envelope.ts';
import {
  acceptMembership,
  type CaseMembership,
  MembershipRefused,
  type SignedCaseMembership,
} from './membership.ts';
import { acceptRoster, deviceKeyOf, type Roster, RosterRefused, type SignedRoster } from './roster.ts';
import {
  enrolmentSigningBytes,
  HEADER,
  type LiveMessage,
  MAX_ENVELOPES_PER_UPLOAD,
  requestSigningBytes,
  sha256Hex,
  signBytes,
} from './team-protocol.ts';

/**
 * The desktop main process's side of the team server. It signs every request with the device key,
 * uploads with retries (uploads are idempotent, so a retry after a dropped connection never
 * duplicates anything), pulls a case's change sets after a cursor, and trusts nothing the server
 * says: rosters must chain from the pinned administrator key, memberships must verify against the
 * roster, every envelope must be signed by a roster device of a member of the case, each author
 * device's sequence numbers must rise within a case (a replay or reorder is noticed), and this
 * device's own change sets that the server acknowledged must come back to it (a dropped one is
 * noticed by its author). Anything else is reported as the server tampering, and nothing after it
 * is taken. Sequence numbers run per device across all cases (change-set ids are
 * `author:device:seq`), so a hole in another author's numbers may be a case this member does not
 * read: holes across everything held are the replica's `gaps()`.
 *
 * It holds no store: the caller passes in what it holds (roster, memberships, cursors, sequence
 * numbers) and saves `state()` after each call.
 */

export interface TeamDevice {
  teamId: string;
  memberId: string;
  deviceId: string;
  /** Ed25519 private key, PKCS#8 DER. */
  signingKey: Buffer;
}

export interface TeamClientState {
  roster: Roster | null;
  /** Every accepted generation per case, oldest first. */
  memberships: Record<string, CaseMembership[]>;
  /** Per case: the server cursor up to which everything was received and checked. */
  cursors: Record<string, number>;
  /** Per `${caseId} ${author}:${device}`: the last sequence number received in that case. */
  sequences: Record<string, number>;
  /** Per case: this device's own change sets the server acknowledged, with their cursors, not yet seen back. */
  acknowledged: Record<string, { id: string; cursor: number }[]>;
  /** Ids of envelopes received, so a redelivery is not passed on twice. */
  seen?: string[];
}

export interface TeamClientOptions {
  serverUrl: string;
  device: TeamDevice;
  pinnedAdministratorKey: string;
  held?: Partial<TeamClientState>;
  now?: () => Date;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

export type TamperKind =
  | 'roster'
  | 'membership'
  | 'signature'
  | 'not-a-member'
  | 'wrong-case'
  | 'gap'
  | 'reorder';

export interface TamperReport {
  kind: TamperKind;
  caseId?: string;
  envelopeId?: string;
  message: string;
}

export interface PullResult {
  /** Verified envelopes, in server order, not received before. */
  envelopes: Envelope[];
  cursor: number;
  /** Set when the server sent something that did not check out; nothing from it on was taken. */
  tampering?: TamperReport;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'closed';

const TAMPER_ADVICE = 'The team server may have been tampered with: tell your team administrator.';

export class TeamServerTampering extends WorkbenchError {
  readonly report: TamperReport;
  constructor(report: TamperReport) {
    super('store-refused', report.message);
    this.report = report;
  }
}

const statusCode = (status: number): ErrorCode =>
  status === 401 || status === 403
    ? 'forbidden'
    : status === 404
      ? 'not-found'
      : status === 409
        ? 'conflict'
        : status === 429
          ? 'throttled'
          : status >= 500
            ? 'internal'
            : 'invalid-request';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawJson(serverUrl: string, method: string, path: string, body?: unknown) {
  let res: Response;
  try {
    res = await fetch(new URL(path, serverUrl), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new WorkbenchError(
      'internal',
      'The team server cannot be reached. Check the connection, then try again.',
    );
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new WorkbenchError(
      statusCode(res.status),
      String(data.error ?? `The team server refused (${res.status}).`),
    );
  }
  return data;
}

export class TeamClient {
  private readonly url: string;
  private readonly device: TeamDevice;
  private readonly pinned: string;
  private readonly now: () => Date;
  private readonly retry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  private roster: Roster | null;
  private readonly memberships = new Map<string, CaseMembership[]>();
  private readonly cursors = new Map<string, number>();
  private readonly sequences = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly acknowledged = new Map<string, { id: string; cursor: number }[]>();

  constructor(options: TeamClientOptions) {
    this.url = options.serverUrl;
    this.device = options.device;
    this.pinned = options.pinnedAdministratorKey;
    this.now = options.now ?? (() => new Date());
    this.retry = { attempts: 8, baseDelayMs: 200, maxDelayMs: 5000, ...options.retry };
    const held = options.held ?? {};
    this.roster = held.roster ?? null;
    for (const [k, v] of Object.entries(held.memberships ?? {})) this.memberships.set(k, [...v]);
    for (const [k, v] of Object.entries(held.cursors ?? {})) this.cursors.set(k, v);
    for (const [k, v] of Object.entries(held.sequences ?? {})) this.sequences.set(k, v);
    for (const id of held.seen ?? []) this.seen.add(id);
    for (const [k, v] of Object.entries(held.acknowledged ?? {})) this.acknowledged.set(k, [...v]);
  }

  /**
   * Creates a team on the server with its first roster, signed by an administrator of it (whose key
   * clients pin), and the server's team set-up code (which the server's administrator gives out;
   * without it the server refuses with 403).
   */
  static async createTeam(serverUrl: string, signedRoster: SignedRoster, setupCode?: string): Promise<void> {
    await rawJson(serverUrl, 'POST', '/v1/teams', { signedRoster, setupCode });
  }

  /** Enrols a new device with a one-time invitation code. The administrator then adds it to the roster. */
  static async enrol(
    serverUrl: string,
    e: {
      teamId: string;
      code: string;
      memberId: string;
      deviceId: string;
      name: string;
      signingPublicKey: string;
      signingKey: Buffer;
      boxPublicKey: string;
    },
  ): Promise<{ pinnedAdministratorKey: string }> {
    const proof = signBytes(enrolmentSigningBytes(e), e.signingKey);
    const out = await rawJson(serverUrl, 'POST', `/v1/teams/${encodeURIComponent(e.teamId)}/enrolments`, {
      code: e.code,
      memberId: e.memberId,
      deviceId: e.deviceId,
      name: e.name,
      signingPublicKey: e.signingPublicKey,
      boxPublicKey: e.boxPublicKey,
      proof,
    });
    return { pinnedAdministratorKey: String(out.pinnedAdministratorKey) };
  }

  /** The server cursor up to which this case has been received and checked. */
  cursor(caseId: string): number {
    return this.cursors.get(caseId) ?? 0;
  }

  state(): TeamClientState {
    return {
      roster: this.roster,
      memberships: Object.fromEntries(this.memberships),
      cursors: Object.fromEntries(this.cursors),
      sequences: Object.fromEntries(this.sequences),
      seen: [...this.seen],
      acknowledged: Object.fromEntries(this.acknowledged),
    };
  }

  private teamPath(rest: string) {
    return `/v1/teams/${encodeURIComponent(this.device.teamId)}${rest}`;
  }

  /** The headers that authenticate one request by this device. */
  signedHeaders(method: string, pathWithQuery: string, body: string): Record<string, string> {
    const timestamp = String(this.now().getTime());
    const nonce = randomBytes(18).toString('base64url');
    const signature = signBytes(
      requestSigningBytes({
        method,
        path: pathWithQuery,
        member: this.device.memberId,
        device: this.device.deviceId,
        timestamp,
        nonce,
        bodySha256: sha256Hex(body),
      }),
      this.device.signingKey,
    );
    return {
      [HEADER.member]: this.device.memberId,
      [HEADER.device]: this.device.deviceId,
      [HEADER.timestamp]: timestamp,
      [HEADER.nonce]: nonce,
      [HEADER.signature]: signature,
    };
  }

  /** One signed request; retried (freshly signed each time) on network failure, 5xx and 429 when `retry` is set. */
  async request<T = Record<string, unknown>>(
    method: string,
    pathWithQuery: string,
    body?: unknown,
    options: { retry?: boolean } = {},
  ): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    // Without `retry`, a request is still tried twice when the connection fails (a kept-alive
    // connection the server had closed); every call is idempotent on the server.
    const attempts = options.retry ? this.retry.attempts : 2;
    let last: WorkbenchError | null = null;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        await sleep(Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)));
      }
      let res: Response;
      try {
        res = await fetch(new URL(pathWithQuery, this.url), {
          method,
          headers: {
            ...this.signedHeaders(method, pathWithQuery, text),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : text,
        });
      } catch {
        last = new WorkbenchError(
          'internal',
          'The team server cannot be reached. Your changes are kept and will be sent when it is back.',
        );
        continue;
      }
      const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.ok) return data as T;
      last = new WorkbenchError(
        statusCode(res.status),
        String(data.error ?? `The team server refused the request (${res.status}).`),
      );
      if ((res.status < 500 && res.status !== 429) || !options.retry) throw last;
    }
    throw last ?? new WorkbenchError('internal', 'The team server did not answer.');
  }

  // ---- administration -------------------------------------------------------------------------
  async createInvitation(expiresInMinutes?: number): Promise<{ code: string; expiresAt: string }> {
    return this.request('POST', this.teamPath('/invitations'), expiresInMinutes ? { expiresInMinutes } : {});
  }

  async listEnrolments(): Promise<
    { memberId: string; deviceId: string; name: string; signingPublicKey: string; boxPublicKey: string }[]
  > {
    return (await this.request<{ enrolments: [] }>('GET', this.teamPath('/enrolments'))).enrolments;
  }

  async publishRoster(signedRoster: SignedRoster): Promise<void> {
    await this.request('POST', this.teamPath('/roster'), { signedRoster }, { retry: true });
    await this.refreshRoster();
  }

  async publishMembership(signedMembership: SignedCaseMembership): Promise<void> {
    await this.request('POST', this.teamPath('/memberships'), { signedMembership }, { retry: true });
    await this.refreshMemberships();
  }

  // ---- what the server says, checked ----------------------------------------------------------
  /** Fetches rosters newer than the one held and accepts each only if it chains from the pinned key. */
  async refreshRoster(): Promise<Roster> {
    const after = this.roster?.version ?? 0;
    const out = await this.request<{ rosters: SignedRoster[] }>(
      'GET',
      this.teamPath(`/roster?after=${after}`),
    );
    let current = this.roster;
    for (const signed of out.rosters ?? []) {
      try {
        current = acceptRoster(signed, { pinnedAdministratorKey: this.pinned, current });
      } catch (e) {
        if (!(e instanceof RosterRefused)) throw e;
        throw new TeamServerTampering({
          kind: 'roster',
          message: `The team server sent a roster (version ${signed.roster?.version}) that does not check out: ${e.message} ${TAMPER_ADVICE}`,
        });
      }
    }
    if (!current) {
      throw new WorkbenchError('not-found', 'The team server has no roster for this team yet.');
    }
    if (current.teamId !== this.device.teamId) {
      throw new TeamServerTampering({
        kind: 'roster',
        message: `The roster is for another team. ${TAMPER_ADVICE}`,
      });
    }
    this.roster = current;
    return current;
  }

  /** Fetches the case memberships naming this member and accepts each generation against the roster. */
  async refreshMemberships(): Promise<CaseMembership[]> {
    const roster = this.roster ?? (await this.refreshRoster());
    const out = await this.request<{ memberships: SignedCaseMembership[] }>(
      'GET',
      this.teamPath('/memberships'),
    );
    for (const signed of out.memberships ?? []) {
      const caseId = signed.membership?.caseId;
      const chain = this.memberships.get(caseId) ?? [];
      const previous = chain[chain.length - 1] ?? null;
      if (previous && signed.membership.generation <= previous.generation) {
        const held = chain.find((m) => m.generation === signed.membership.generation);
        if (held && canonicalJson(held) === canonicalJson(signed.membership)) continue;
      }
      try {
        const accepted = acceptMembership(signed, roster, previous);
        this.memberships.set(caseId, [...chain, accepted]);
      } catch (e) {
        if (!(e instanceof MembershipRefused)) throw e;
        throw new TeamServerTampering({
          kind: 'membership',
          caseId,
          message: `The team server sent who may see a case in a form that does not check out: ${e.message} ${TAMPER_ADVICE}`,
        });
      }
    }
    return [...this.memberships.values()].flatMap((chain) => chain.slice(-1));
  }

  // ---- change sets ----------------------------------------------------------------------------
  /** Uploads envelopes (in batches), retrying until the server acknowledges each; returns each one's cursor. */
  async upload(envelopes: Envelope[]): Promise<{ id: string; cursor: number; duplicate: boolean }[]> {
    const results: { id: string; cursor: number; duplicate: boolean }[] = [];
    const caseOf = new Map(envelopes.map((e) => [e.header.id, e.header.caseId]));
    let batch: Envelope[] = [];
    let size = 0;
    const flush = async () => {
      if (!batch.length) return;
      const out = await this.request<{ results: typeof results }>(
        'POST',
        this.teamPath('/envelopes'),
        { envelopes: batch },
        { retry: true },
      );
      results.push(...out.results);
      for (const r of out.results) {
        const caseId = caseOf.get(r.id);
        if (caseId === undefined || this.seen.has(r.id)) continue;
        const list = this.acknowledged.get(caseId) ?? [];
        if (!list.some((a) => a.id === r.id)) list.push({ id: r.id, cursor: r.cursor });
        this.acknowledged.set(caseId, list);
      }
      batch = [];
      size = 0;
    };
    for (const e of envelopes) {
      const bytes = e.ciphertext.length + 1024;
      if (batch.length >= MAX_ENVELOPES_PER_UPLOAD || (batch.length && size + bytes > 700_000)) await flush();
      batch.push(e);
      size += bytes;
    }
    await flush();
    return results;
  }

  async listCases(): Promise<{ caseId: string; generation: number; cursor: number }[]> {
    return (await this.request<{ cases: [] }>('GET', this.teamPath('/cases'))).cases;
  }

  private sourceKey(caseId: string, h: Envelope['header']) {
    return `${caseId} ${h.author}:${h.device}`;
  }

  /** Checks one envelope from the server; a report if it does not check out. */
  private check(caseId: string, e: Envelope): TamperReport | null {
    const h = e?.header;
    const id = h?.id;
    if (!h || h.caseId !== caseId) {
      return {
        kind: 'wrong-case',
        caseId,
        envelopeId: id,
        message: `The team server sent a change set from another case. ${TAMPER_ADVICE}`,
      };
    }
    const key = this.roster ? deviceKeyOf(this.roster, h.author, h.device) : undefined;
    if (!key || !signatureVerifies(e, key) || id !== changeSetId(h.author, h.device, h.caseId, h.seq)) {
      return {
        kind: 'signature',
        caseId,
        envelopeId: id,
        message: `Change set ${id} from the team server is not signed by its author’s device in the roster: it was altered or forged. ${TAMPER_ADVICE}`,
      };
    }
    const generation = (this.memberships.get(caseId) ?? []).find((m) => m.caseKeyId === h.caseKeyId);
    if (!generation?.members.includes(h.author)) {
      return {
        kind: 'not-a-member',
        caseId,
        envelopeId: id,
        message: `Change set ${id} is by someone who was not allocated to the case when it was written. ${TAMPER_ADVICE}`,
      };
    }
    const last = this.sequences.get(this.sourceKey(caseId, h)) ?? 0;
    // Change sets are numbered 1, 2, 3 … per author, device and case: one skipped never arrived.
    if (h.seq > last + 1) {
      const missing = changeSetId(h.author, h.device, caseId, last + 1);
      return {
        kind: 'gap',
        caseId,
        envelopeId: missing,
        message: `Change set ${missing} never arrived from the team server, though a later one from the same person did: the server lost or withheld it. ${TAMPER_ADVICE}`,
      };
    }
    if (h.seq <= last) {
      return {
        kind: 'reorder',
        caseId,
        envelopeId: id,
        message: `The team server sent change set ${h.seq} from ${h.author} after change set ${last}: it replayed or reordered changes. ${TAMPER_ADVICE}`,
      };
    }
    return null;
  }

  /**
   * Pulls a case's change sets after the held cursor, checking each. Stops at the first that does not
   * check out (reported in `tampering`); everything before it is returned and the cursor moves past it.
   */
  async pull(caseId: string): Promise<PullResult> {
    if (!this.roster) await this.refreshRoster();
    const received: Envelope[] = [];
    let cursor = this.cursors.get(caseId) ?? 0;
    let refreshed = false;
    for (;;) {
      const page = await this.request<{ envelopes: { cursor: number; envelope: Envelope }[]; more: boolean }>(
        'GET',
        this.teamPath(`/cases/${encodeURIComponent(caseId)}/envelopes?after=${cursor}&limit=500`),
      );
      for (let i = 0; i < page.envelopes.length; i++) {
        const item = page.envelopes[i] as { cursor: number; envelope: Envelope };
        if (!(item.cursor > cursor)) {
          return { envelopes: received, cursor, tampering: this.reportOrder(caseId, item.envelope) };
        }
        if (item.envelope?.header && this.seen.has(item.envelope.header.id)) {
          return { envelopes: received, cursor, tampering: this.reportOrder(caseId, item.envelope) };
        }
        let problem = this.check(caseId, item.envelope);
        if (problem && !refreshed && (problem.kind === 'signature' || problem.kind === 'not-a-member')) {
          // A new device or a new generation: fetch the roster and memberships once, then check again.
          refreshed = true;
          try {
            await this.refreshRoster();
            await this.refreshMemberships();
          } catch (e) {
            if (e instanceof TeamServerTampering) return { envelopes: received, cursor, tampering: e.report };
            throw e;
          }
          problem = this.check(caseId, item.envelope);
        }
        if (problem) return { envelopes: received, cursor, tampering: problem };
        const h = item.envelope.header;
        this.sequences.set(this.sourceKey(caseId, h), h.seq);
        this.seen.add(h.id);
        received.push(item.envelope);
        cursor = item.cursor;
        this.cursors.set(caseId, cursor);
      }
      if (!page.more) break;
    }
    const missing = this.missingOwn(caseId, cursor);
    return missing ? { envelopes: received, cursor, tampering: missing } : { envelopes: received, cursor };
  }

  /** This device's acknowledged change sets the server should have sent back by `cursor` but did not. */
  private missingOwn(caseId: string, cursor: number): TamperReport | undefined {
    const list = (this.acknowledged.get(caseId) ?? []).filter((a) => !this.seen.has(a.id));
    this.acknowledged.set(caseId, list);
    const lost = list.find((a) => a.cursor <= cursor);
    if (!lost) return undefined;
    return {
      kind: 'gap',
      caseId,
      envelopeId: lost.id,
      message: `Change set ${lost.id}, which this computer sent and the team server acknowledged, is missing from the case: the server lost or withheld it. ${TAMPER_ADVICE}`,
    };
  }

  private reportOrder(caseId: string, e: Envelope): TamperReport {
    return {
      kind: 'reorder',
      caseId,
      envelopeId: e?.header?.id,
      message: `The team server sent a change set again or out of order. ${TAMPER_ADVICE}`,
    };
  }

  /** Refreshes the roster and memberships, then pulls every case this member may read that has news. */
  async syncAll(): Promise<Map<string, PullResult>> {
    await this.refreshRoster();
    await this.refreshMemberships();
    const out = new Map<string, PullResult>();
    for (const c of await this.listCases()) {
      if (c.cursor > (this.cursors.get(c.caseId) ?? 0)) out.set(c.caseId, await this.pull(c.caseId));
    }
    return out;
  }

  // ---- live -----------------------------------------------------------------------------------
  /**
   * Keeps a WebSocket open to the server, reconnecting with growing waits after it drops. `onMessage`
   * receives "case X has change sets up to cursor N" (and roster news); after each (re)connection it
   * receives `{ type: 'ready' }`, the moment to catch up with `syncAll`.
   */
  subscribe(handlers: {
    onMessage: (m: LiveMessage) => void;
    onState?: (s: ConnectionState, detail?: string) => void;
  }): { close: () => void } {
    let closed = false;
    let socket: WebSocket | null = null;
    let delay = 250;
    let timer: NodeJS.Timeout | null = null;
    const path = this.teamPath('/live');
    const connect = () => {
      if (closed) return;
      handlers.onState?.('connecting');
      const ws = new WebSocket(new URL(path, this.url.replace(/^http/, 'ws')), {
        headers: this.signedHeaders('GET', path, ''),
        handshakeTimeout: 10_000,
      });
      socket = ws;
      ws.on('message', (data) => {
        let m: LiveMessage;
        try {
          m = JSON.parse(String(data));
        } catch {
          return;
        }
        if (m.type === 'ready') {
          delay = 250;
          handlers.onState?.('connected');
        }
        handlers.onMessage(m);
      });
      ws.on('unexpected-response', (_req, res) => {
        handlers.onState?.(
          'disconnected',
          `The team server refused the live connection (${res.statusCode}).`,
        );
        ws.terminate();
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        if (closed) return;
        handlers.onState?.('disconnected');
        timer = setTimeout(connect, delay);
        delay = Math.min(10_000, delay * 2);
      });
    };
    connect();
    return {
      close: () => {
        closed = true;
        if (timer) clearTimeout(timer);
        socket?.terminate();
        handlers.onState?.('closed');
      },
    };
  }
}
