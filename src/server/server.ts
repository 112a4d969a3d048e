import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { z } from 'zod';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';
import { changeSetId, type Envelope, signatureVerifies } from '../sync/envelope.ts';
import { acceptMembership, type SignedCaseMembership } from '../sync/membership.ts';
import { acceptRoster, deviceKeyOf, type Roster, type SignedRoster } from '../sync/roster.ts';
import {
  CLOCK_SKEW_MS,
  createTeamBody,
  enrolBody,
  enrolmentSigningBytes,
  HEADER,
  invitationBody,
  type LiveMessage,
  membershipBody,
  normaliseCode,
  requestSigningBytes,
  rosterBody,
  sha256Hex,
  uploadBody,
  verifyBytes,
} from '../sync/team-protocol.ts';
import type { Db, Queryable } from './db.ts';
import { migrate } from './migrations.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { createdWithCode, newTypableCode, prepareSetupCode, useSetupCode } from './setup-code.ts';

/**
 * The team server: it keeps and relays envelopes (signed, encrypted change sets), signed rosters and
 * signed case memberships, and routes by what the signed membership says. It never holds a case key,
 * so it cannot read a record; it checks signatures so that it refuses junk early, but clients trust
 * nothing it says without checking the signatures themselves.
 */

export interface ServerOptions {
  db: Db;
  host?: string;
  port?: number;
  /** The server's clock (tests set their own). */
  now?: () => Date;
  maxBodyBytes?: number;
  /** `setupFailures`: wrong or missing team set-up codes allowed per address (each one counts). */
  rateLimits?: { perIp?: RateLimit; perDevice?: RateLimit; setupFailures?: RateLimit };
  /** One line per request: method, path, status and time; never a body. */
  log?: (line: string) => void;
  /** The team set-up code the administrator set (`HSB_SERVER_SETUP_CODE`); otherwise the server makes one. */
  setupCode?: string;
  /** Make a new team set-up code at start and print it (`--new-setup-code`). */
  newSetupCode?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_RATE_LIMITS = {
  perIp: { perSecond: 200, burst: 400 },
  perDevice: { perSecond: 50, burst: 200 },
  /** Ten wrong set-up codes at once from one address, then one a minute. */
  setupFailures: { perSecond: 1 / 60, burst: 10 },
};
const LIVE_CHANNEL = 'hsb_live';

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface Caller {
  teamId: string;
  memberId: string;
  deviceId: string;
  roster: Roster;
}

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  headers: IncomingMessage['headers'];
  ip: string;
}

type Handler = (req: Request, params: string[]) => Promise<{ status?: number; body: unknown }>;

const hashCode = (code: string) =>
  createHash('sha256')
    .update(`hsb-invitation:${normaliseCode(code)}`)
    .digest('hex');

function parse<T>(schema: z.ZodType<T>, body: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new HttpError(400, `The request is not in the form the server expects${where}: ${issue?.message}.`);
  }
  // The signed objects are used exactly as sent (a signature covers every field), once their shape is known.
  return json as T;
}

const one = <T>(rows: T[]): T | undefined => rows[0];

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => console.log(line));
  const ipLimiter = new RateLimiter(options.rateLimits?.perIp ?? DEFAULT_RATE_LIMITS.perIp);
  const deviceLimiter = new RateLimiter(options.rateLimits?.perDevice ?? DEFAULT_RATE_LIMITS.perDevice);

  const setupLimiter = new RateLimiter(
    options.rateLimits?.setupFailures ?? DEFAULT_RATE_LIMITS.setupFailures,
  );

  await migrate(db);
  for (const line of await prepareSetupCode(db, {
    configured: options.setupCode,
    renew: options.newSetupCode,
    now: now(),
  })) {
    log(line);
  }

  // ---- rosters and memberships as held --------------------------------------------------------
  const rosterCache = new Map<string, { version: number; roster: Roster }>();
  async function currentRoster(q: Queryable, teamId: string): Promise<Roster | null> {
    const latest = one(
      await q.query<{ version: number }>('SELECT max(version) AS version FROM rosters WHERE team_id = $1', [
        teamId,
      ]),
    );
    if (latest?.version === null || latest?.version === undefined) return null;
    const version = Number(latest.version);
    const cached = rosterCache.get(teamId);
    if (cached?.version === version) return cached.roster;
    const row = one(
      await q.query<{ body: string }>('SELECT body FROM rosters WHERE team_id = $1 AND version = $2', [
        teamId,
        version,
      ]),
    );
    if (!row) return null;
    const roster = (JSON.parse(row.body) as SignedRoster).roster;
    rosterCache.set(teamId, { version, roster });
    return roster;
  }
  // Authentication reads the roster through a cache kept for at most a second and dropped as soon as
  // any server process announces a new roster (LISTEN/NOTIFY), so a removed device is refused promptly.
  const authCache = new Map<string, { at: number; roster: Roster | null }>();
  async function authRoster(teamId: string): Promise<Roster | null> {
    const hit = authCache.get(teamId);
    if (hit && performance.now() - hit.at < 1000) return hit.roster;
    const roster = await currentRoster(db, teamId);
    // A team not there yet is not remembered: it may be created the next moment.
    if (roster) authCache.set(teamId, { at: performance.now(), roster });
    return roster;
  }

  // Request nonces: checked in memory first; stored in the database so that other server processes
  // and a restarted one refuse them too.
  const recentNonces = new Map<string, number>();
  const pendingNonces: [string, string, string, string, Date][] = [];
  async function flushNonces() {
    while (pendingNonces.length) {
      const batch = pendingNonces.splice(0, 500);
      const values = batch.map(
        (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`,
      );
      await db.query(
        `INSERT INTO request_nonces (team_id, member_id, device_id, nonce, seen_at) VALUES ${values.join(', ')}
         ON CONFLICT DO NOTHING`,
        batch.flat(),
      );
    }
  }
  for (const r of await db.query<{
    team_id: string;
    member_id: string;
    device_id: string;
    nonce: string;
    seen_at: Date;
  }>('SELECT team_id, member_id, device_id, nonce, seen_at FROM request_nonces WHERE seen_at > $1', [
    new Date(now().getTime() - 2 * CLOCK_SKEW_MS),
  ])) {
    recentNonces.set(
      `${r.team_id}\n${r.member_id}\n${r.device_id}\n${r.nonce}`,
      new Date(r.seen_at).getTime(),
    );
  }
  async function nonceIsFresh(
    teamId: string,
    member: string,
    device: string,
    nonce: string,
  ): Promise<boolean> {
    const key = `${teamId}\n${member}\n${device}\n${nonce}`;
    if (recentNonces.has(key)) return false;
    recentNonces.set(key, now().getTime());
    if (db.kind === 'pglite') {
      // PGlite serves one process only, so memory decides; the nonces are written in batches so
      // that a restarted server still refuses them.
      pendingNonces.push([teamId, member, device, nonce, now()]);
      return true;
    }
    // A nonce need not wait for the disk: were the last few lost in a crash, a replay of those
    // requests could at most repeat an idempotent upload or a read. Uploads themselves commit durably.
    const fresh = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL synchronous_commit TO OFF');
      return tx.query(
        `INSERT INTO request_nonces (team_id, member_id, device_id, nonce, seen_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING 1 AS fresh`,
        [teamId, member, device, nonce, now()],
      );
    });
    return fresh.length > 0;
  }

  async function pinnedKey(q: Queryable, teamId: string): Promise<string | null> {
    return (
      one(await q.query<{ pinned_key: string }>('SELECT pinned_key FROM teams WHERE team_id = $1', [teamId]))
        ?.pinned_key ?? null
    );
  }
  async function latestMembers(q: Queryable, teamId: string, caseId: string): Promise<string[] | null> {
    const row = one(
      await q.query<{ members: string[] }>(
        'SELECT members FROM memberships WHERE team_id = $1 AND case_id = $2 ORDER BY generation DESC LIMIT 1',
        [teamId, caseId],
      ),
    );
    return row?.members ?? null;
  }
  async function latestMembership(q: Queryable, teamId: string, caseId: string) {
    const row = one(
      await q.query<{ body: string; members: string[] }>(
        'SELECT body, members FROM memberships WHERE team_id = $1 AND case_id = $2 ORDER BY generation DESC LIMIT 1',
        [teamId, caseId],
      ),
    );
    return row
      ? { members: row.members, membership: (JSON.parse(row.body) as SignedCaseMembership).membership }
      : null;
  }

  // ---- authentication -------------------------------------------------------------------------
  async function authenticate(req: Request, teamId: string): Promise<Caller> {
    const h = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const member = h(HEADER.member);
    const device = h(HEADER.device);
    const timestamp = h(HEADER.timestamp);
    const nonce = h(HEADER.nonce);
    const signature = h(HEADER.signature);
    if (!member || !device || !timestamp || !nonce || !signature) {
      throw new HttpError(
        401,
        'This request is not signed by a device. Enrol this computer with the team first.',
      );
    }
    if (nonce.length < 16 || nonce.length > 100 || member.length > 200 || device.length > 200) {
      throw new HttpError(401, 'This request’s signature headers are not in the expected form.');
    }
    const at = Number(timestamp);
    if (!/^\d{1,16}$/.test(timestamp) || Math.abs(at - now().getTime()) > CLOCK_SKEW_MS) {
      throw new HttpError(
        401,
        'This request’s time is more than five minutes from the server’s clock. Check the computer’s date and time, then try again.',
      );
    }
    const roster = await authRoster(teamId);
    if (!roster) throw new HttpError(404, 'There is no team with this id on this server.');
    const key = deviceKeyOf(roster, member, device);
    if (!key) {
      throw new HttpError(
        401,
        'This device is not in the team roster. Ask your team administrator to add it, then try again.',
      );
    }
    const bytes = requestSigningBytes({
      method: req.method,
      path: req.path + (req.query.size ? `?${req.query.toString()}` : ''),
      member,
      device,
      timestamp,
      nonce,
      bodySha256: sha256Hex(req.body),
    });
    if (!verifyBytes(bytes, signature, key)) {
      throw new HttpError(
        401,
        'This request’s signature does not verify against the device’s key in the roster.',
      );
    }
    if (!deviceLimiter.take(`${teamId}\n${member}\n${device}`)) {
      throw new HttpError(429, 'This device is sending too many requests. Wait a moment, then try again.');
    }
    if (!(await nonceIsFresh(teamId, member, device, nonce))) {
      throw new HttpError(401, 'This request was already received once, so it was refused.');
    }
    return { teamId, memberId: member, deviceId: device, roster };
  }

  const isAdministrator = (c: Caller) => c.roster.members.some((m) => m.id === c.memberId && m.administrator);

  // ---- handlers -------------------------------------------------------------------------------
  const createTeam: Handler = async (req) => {
    // Wrong set-up codes from this address have used up their allowance: nothing is even compared.
    if (setupLimiter.spent(req.ip)) {
      throw new HttpError(
        429,
        'Too many wrong team set-up codes came from this address. Wait a few minutes, then try again.',
      );
    }
    const { signedRoster, setupCode } = parse(createTeamBody, req.body) as {
      signedRoster: SignedRoster;
      setupCode?: string;
    };
    const refuseCode = (): never => {
      setupLimiter.take(req.ip);
      throw new HttpError(
        403,
        setupCode
          ? 'That team set-up code is not valid: it may be mistyped or already used. Ask the server’s administrator for the team set-up code.'
          : 'Creating a team on this server needs its team set-up code. Ask the server’s administrator for it.',
      );
    };
    if (!setupCode) refuseCode();
    const { roster, signer } = signedRoster;
    await db.transaction(async (tx) => {
      // The code is used up with the team it creates: any refusal below rolls both back.
      if (!(await useSetupCode(tx, setupCode as string, roster.teamId, now()))) {
        if (await createdWithCode(tx, setupCode as string, roster.teamId))
          throw new HttpError(409, 'A team with this id already exists on this server.');
        refuseCode();
      }
      const admin = roster.members.find((m) => m.id === signer.memberId && m.administrator);
      const key = admin?.devices.find((d) => d.id === signer.deviceId)?.signingPublicKey;
      if (!key)
        throw new HttpError(400, 'The first roster must be signed by one of its administrators’ devices.');
      try {
        acceptRoster(signedRoster, { pinnedAdministratorKey: key, current: null });
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      const made = await tx.query(
        'INSERT INTO teams (team_id, pinned_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS made',
        [roster.teamId, key, now()],
      );
      if (!made.length) throw new HttpError(409, 'A team with this id already exists on this server.');
      await tx.query('INSERT INTO rosters (team_id, version, body, received_at) VALUES ($1, $2, $3, $4)', [
        roster.teamId,
        roster.version,
        canonicalJson(signedRoster),
        now(),
      ]);
    });
    return { status: 201, body: { teamId: roster.teamId, version: roster.version } };
  };

  const getRoster: Handler = async (req, [teamId = '']) => {
    await authenticate(req, teamId);
    const after = Number(req.query.get('after') ?? 0) || 0;
    const rows = await db.query<{ body: string }>(
      'SELECT body FROM rosters WHERE team_id = $1 AND version > $2 ORDER BY version',
      [teamId, after],
    );
    return {
      body: {
        pinnedAdministratorKey: await pinnedKey(db, teamId),
        rosters: rows.map((r) => JSON.parse(r.body)),
      },
    };
  };

  const putRoster: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    const { signedRoster } = parse(rosterBody, req.body) as { signedRoster: SignedRoster };
    if (signedRoster.roster.teamId !== teamId)
      throw new HttpError(400, 'The roster belongs to another team.');
    const version = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`roster:${teamId}`]);
      const same = await tx.query('SELECT 1 FROM rosters WHERE team_id = $1 AND version = $2 AND body = $3', [
        teamId,
        signedRoster.roster.version,
        canonicalJson(signedRoster),
      ]);
      if (same.length) return signedRoster.roster.version; // a retry of what was stored: idempotent
      const current = await currentRoster(tx, teamId);
      try {
        acceptRoster(signedRoster, {
          pinnedAdministratorKey: (await pinnedKey(tx, teamId)) ?? '',
          current: current ?? caller.roster,
        });
      } catch (e) {
        throw new HttpError(409, (e as Error).message);
      }
      await tx.query('INSERT INTO rosters (team_id, version, body, received_at) VALUES ($1, $2, $3, $4)', [
        teamId,
        signedRoster.roster.version,
        canonicalJson(signedRoster),
        now(),
      ]);
      await tx.query('SELECT pg_notify($1, $2)', [
        LIVE_CHANNEL,
        JSON.stringify({ teamId, type: 'roster', version: signedRoster.roster.version }),
      ]);
      return signedRoster.roster.version;
    });
    authCache.delete(teamId);
    return { status: 201, body: { version } };
  };

  const createInvitation: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    if (!isAdministrator(caller)) {
      throw new HttpError(403, 'Only a team administrator can invite a device. Ask your team administrator.');
    }
    const { expiresInMinutes = 24 * 60 } = parse(invitationBody, req.body);
    const code = newTypableCode();
    const expiresAt = new Date(now().getTime() + expiresInMinutes * 60_000);
    await db.query(
      'INSERT INTO invitations (code_hash, team_id, created_by, expires_at) VALUES ($1, $2, $3, $4)',
      [hashCode(code), teamId, caller.memberId, expiresAt],
    );
    return { status: 201, body: { code, expiresAt: expiresAt.toISOString() } };
  };

  const enrol: Handler = async (req, [teamId = '']) => {
    const e = parse(enrolBody, req.body);
    if (!verifyBytes(enrolmentSigningBytes({ ...e, teamId }), e.proof, e.signingPublicKey)) {
      throw new HttpError(400, 'The enrolment is not signed by the device key it names.');
    }
    const pinned = await db.transaction(async (tx) => {
      const used = await tx.query(
        `UPDATE invitations SET used_at = $3 WHERE code_hash = $1 AND team_id = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING 1 AS used`,
        [hashCode(e.code), teamId, now()],
      );
      if (!used.length) {
        throw new HttpError(
          403,
          'This invitation code is not valid: it may be mistyped, expired or already used. Ask your team administrator for a new one.',
        );
      }
      await tx.query(
        `INSERT INTO enrolments (team_id, member_id, device_id, signing_public_key, box_public_key, name, enrolled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (team_id, member_id, device_id) DO UPDATE SET signing_public_key = $4, box_public_key = $5,
           name = $6, enrolled_at = $7`,
        [teamId, e.memberId, e.deviceId, e.signingPublicKey, e.boxPublicKey, e.name, now()],
      );
      return pinnedKey(tx, teamId);
    });
    return { status: 201, body: { teamId, pinnedAdministratorKey: pinned } };
  };

  const listEnrolments: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    if (!isAdministrator(caller)) throw new HttpError(403, 'Only a team administrator can list enrolments.');
    const rows = await db.query<Record<string, unknown>>(
      `SELECT member_id, device_id, signing_public_key, box_public_key, name, enrolled_at FROM enrolments
       WHERE team_id = $1 ORDER BY enrolled_at`,
      [teamId],
    );
    return {
      body: {
        enrolments: rows.map((r) => ({
          memberId: r.member_id,
          deviceId: r.device_id,
          signingPublicKey: r.signing_public_key,
          boxPublicKey: r.box_public_key,
          name: r.name,
          enrolledAt: new Date(r.enrolled_at as string).toISOString(),
        })),
      },
    };
  };

  const putMembership: Handler = async (req, [teamId = '']) => {
    await authenticate(req, teamId);
    const { signedMembership } = parse(membershipBody, req.body) as unknown as {
      signedMembership: SignedCaseMembership;
    };
    const m = signedMembership.membership;
    const cursor = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`case:${teamId}:${m.caseId}`]);
      const same = await tx.query(
        'SELECT 1 FROM memberships WHERE team_id = $1 AND case_id = $2 AND generation = $3 AND body = $4',
        [teamId, m.caseId, m.generation, canonicalJson(signedMembership)],
      );
      // A retry of what is already stored is acknowledged again (idempotent), without a new notice.
      if (!same.length) {
        const roster = await currentRoster(tx, teamId);
        const previous = await latestMembership(tx, teamId, m.caseId);
        try {
          acceptMembership(signedMembership, roster as Roster, previous?.membership ?? null);
        } catch (e) {
          throw new HttpError(409, (e as Error).message);
        }
        await tx.query(
          'INSERT INTO memberships (team_id, case_id, generation, members, body, received_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [teamId, m.caseId, m.generation, m.members, canonicalJson(signedMembership), now()],
        );
      }
      const c = Number(
        one(
          await tx.query<{ c: unknown }>(
            'SELECT COALESCE(max(server_seq), 0) AS c FROM envelopes WHERE team_id = $1 AND case_id = $2',
            [teamId, m.caseId],
          ),
        )?.c ?? 0,
      );
      if (!same.length) {
        await tx.query('SELECT pg_notify($1, $2)', [
          LIVE_CHANNEL,
          JSON.stringify({ teamId, type: 'case', caseId: m.caseId, cursor: c, membership: true }),
        ]);
      }
      return c;
    });
    return { status: 201, body: { generation: m.generation, cursor } };
  };

  const listMemberships: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    const rows = await db.query<{ body: string }>(
      `SELECT m.body FROM memberships m WHERE m.team_id = $1 AND m.case_id IN (
         SELECT l.case_id FROM memberships l WHERE l.team_id = $1 AND $2 = ANY(l.members)
           AND l.generation = (SELECT max(g.generation) FROM memberships g WHERE g.team_id = $1 AND g.case_id = l.case_id))
       ORDER BY m.case_id, m.generation`,
      [teamId, caller.memberId],
    );
    return { body: { memberships: rows.map((r) => JSON.parse(r.body)) } };
  };

  const upload: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    const { envelopes } = parse(uploadBody, req.body) as { envelopes: Envelope[] };
    const ids = new Set<string>();
    for (const e of envelopes) {
      const h = e.header;
      if (ids.has(h.id)) throw new HttpError(400, `Change set ${h.id} appears twice in one upload.`);
      ids.add(h.id);
      if (h.id !== changeSetId(h.author, h.device, h.caseId, h.seq)) {
        throw new HttpError(
          400,
          `Change set ${h.id} has an id that does not match its author, device and number.`,
        );
      }
      const key = deviceKeyOf(caller.roster, h.author, h.device);
      if (!key)
        throw new HttpError(403, `Change set ${h.id} was signed by a device that is not in the team roster.`);
      if (!signatureVerifies(e, key)) {
        throw new HttpError(
          400,
          `Change set ${h.id} has a signature that does not verify; it was not stored.`,
        );
      }
    }
    const results = await db.transaction(async (tx) => {
      // One upload at a time per case (locks taken in a fixed order), so a case's server sequence
      // numbers commit in the order they are given and a reader's "after N" cursor on that case never
      // passes a number that commits later. Uploads to different cases commit side by side.
      for (const caseId of [...new Set(envelopes.map((e) => e.header.caseId))].sort()) {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`envelopes:${teamId}:${caseId}`]);
      }
      const members = new Map<string, string[] | null>();
      const out: { id: string; cursor: number; duplicate: boolean }[] = [];
      const latest = new Map<string, number>();
      for (const e of envelopes) {
        const h = e.header;
        if (!members.has(h.caseId))
          members.set(h.caseId, (await latestMembership(tx, teamId, h.caseId))?.members ?? null);
        const allowed = members.get(h.caseId);
        if (!allowed?.includes(caller.memberId) || !allowed.includes(h.author)) {
          throw new HttpError(
            403,
            `Change set ${h.id} is for a case its author or this device’s owner is not allocated to, so it was not stored.`,
          );
        }
        const bytes = Buffer.from(
          canonicalJson({
            header: e.header,
            nonce: e.nonce,
            ciphertext: e.ciphertext,
            signature: e.signature,
          }),
          'utf8',
        );
        const row = one(
          await tx.query<{ server_seq: unknown }>(
            `INSERT INTO envelopes (team_id, envelope_id, author, device, seq, case_id, case_key_id, schema, size, received_at, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (team_id, envelope_id) DO NOTHING
             RETURNING server_seq`,
            [
              teamId,
              h.id,
              h.author,
              h.device,
              h.seq,
              h.caseId,
              h.caseKeyId,
              h.schema,
              bytes.length,
              now(),
              bytes,
            ],
          ),
        );
        if (!row) {
          const existing = one(
            await tx.query<{ server_seq: unknown; body: Uint8Array }>(
              'SELECT server_seq, body FROM envelopes WHERE team_id = $1 AND envelope_id = $2',
              [teamId, h.id],
            ),
          );
          if (!existing || !Buffer.from(existing.body).equals(bytes)) {
            throw new HttpError(
              409,
              `A different change set with the id ${h.id} is already stored; nothing in this upload was stored.`,
            );
          }
          out.push({ id: h.id, cursor: Number(existing.server_seq), duplicate: true });
          continue;
        }
        const cursor = Number(row?.server_seq);
        out.push({ id: h.id, cursor, duplicate: false });
        latest.set(h.caseId, Math.max(latest.get(h.caseId) ?? 0, cursor));
      }
      for (const [caseId, cursor] of latest) {
        await tx.query('SELECT pg_notify($1, $2)', [
          LIVE_CHANNEL,
          JSON.stringify({ teamId, type: 'case', caseId, cursor }),
        ]);
      }
      return out;
    });
    return { body: { results } };
  };

  async function mayRead(q: Queryable, teamId: string, caseId: string, memberId: string) {
    return (await latestMembers(q, teamId, caseId))?.includes(memberId) ?? false;
  }

  const fetchEnvelopes: Handler = async (req, [teamId = '', caseId = '']) => {
    const caller = await authenticate(req, teamId);
    if (!(await mayRead(db, teamId, caseId, caller.memberId))) {
      throw new HttpError(
        403,
        'You are not allocated to this case, so its changes are not sent to this device.',
      );
    }
    const after = Math.max(0, Math.floor(Number(req.query.get('after') ?? 0) || 0));
    const limit = Math.min(1000, Math.max(1, Math.floor(Number(req.query.get('limit') ?? 500) || 500)));
    const rows = await db.query<{ server_seq: unknown; body: Uint8Array }>(
      `SELECT server_seq, body FROM envelopes WHERE team_id = $1 AND case_id = $2 AND server_seq > $3
       ORDER BY server_seq LIMIT $4`,
      [teamId, caseId, after, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      body: {
        envelopes: page.map((r) => ({
          cursor: Number(r.server_seq),
          envelope: JSON.parse(Buffer.from(r.body).toString('utf8')),
        })),
        cursor: page.length ? Number(page[page.length - 1]?.server_seq) : after,
        more: rows.length > limit,
      },
    };
  };

  const listCases: Handler = async (req, [teamId = '']) => {
    const caller = await authenticate(req, teamId);
    const rows = await db.query<{ case_id: string; generation: number; cursor: unknown }>(
      `SELECT l.case_id, l.generation,
         COALESCE((SELECT max(e.server_seq) FROM envelopes e WHERE e.team_id = l.team_id AND e.case_id = l.case_id), 0) AS cursor
       FROM memberships l WHERE l.team_id = $1 AND $2 = ANY(l.members)
         AND l.generation = (SELECT max(g.generation) FROM memberships g WHERE g.team_id = $1 AND g.case_id = l.case_id)
       ORDER BY l.case_id`,
      [teamId, caller.memberId],
    );
    return {
      body: {
        cases: rows.map((r) => ({
          caseId: r.case_id,
          generation: Number(r.generation),
          cursor: Number(r.cursor),
        })),
      },
    };
  };

  const routes: { method: string; pattern: RegExp; handler: Handler }[] = [
    { method: 'POST', pattern: /^\/v1\/teams$/, handler: createTeam },
    { method: 'GET', pattern: /^\/v1\/teams\/([^/]+)\/roster$/, handler: getRoster },
    { method: 'POST', pattern: /^\/v1\/teams\/([^/]+)\/roster$/, handler: putRoster },
    { method: 'POST', pattern: /^\/v1\/teams\/([^/]+)\/invitations$/, handler: createInvitation },
    { method: 'POST', pattern: /^\/v1\/teams\/([^/]+)\/enrolments$/, handler: enrol },
    { method: 'GET', pattern: /^\/v1\/teams\/([^/]+)\/enrolments$/, handler: listEnrolments },
    { method: 'POST', pattern: /^\/v1\/teams\/([^/]+)\/memberships$/, handler: putMembership },
    { method: 'GET', pattern: /^\/v1\/teams\/([^/]+)\/memberships$/, handler: listMemberships },
    { method: 'POST', pattern: /^\/v1\/teams\/([^/]+)\/envelopes$/, handler: upload },
    { method: 'GET', pattern: /^\/v1\/teams\/([^/]+)\/cases$/, handler: listCases },
    { method: 'GET', pattern: /^\/v1\/teams\/([^/]+)\/cases\/([^/]+)\/envelopes$/, handler: fetchEnvelopes },
  ];

  function send(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    });
    res.end(text);
  }

  const ipOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

  function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBody) {
        reject(
          new HttpError(
            413,
            `The request is larger than the server accepts (${maxBody} bytes). Send fewer changes at once.`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          reject(
            new HttpError(
              413,
              `The request is larger than the server accepts (${maxBody} bytes). Send fewer changes at once.`,
            ),
          );
          req.removeAllListeners('data');
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    let status = 500;
    try {
      if (!ipLimiter.take(ipOf(req))) {
        throw new HttpError(429, 'Too many requests from this address. Wait a moment, then try again.');
      }
      const method = req.method ?? 'GET';
      const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
      if (!route) {
        const known = routes.some((r) => r.pattern.test(url.pathname));
        throw new HttpError(
          known ? 405 : 404,
          known
            ? 'This address does not accept that method.'
            : 'There is nothing at this address on the team server.',
        );
      }
      const body = await readBody(req);
      const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
      const out = await route.handler(
        { method, path: url.pathname, query: url.searchParams, body, headers: req.headers, ip: ipOf(req) },
        params,
      );
      status = out.status ?? 200;
      send(res, status, out.body);
    } catch (e) {
      if (e instanceof HttpError) {
        status = e.status;
        if (status === 413) res.setHeader('connection', 'close');
        send(res, status, { error: e.message });
      } else if (databaseUnreachable(e)) {
        // Nothing was stored: the client keeps its change sets and sends them again.
        status = 503;
        log(`database unreachable: ${(e as Error).message}`);
        if (!res.headersSent) {
          res.setHeader('retry-after', '2');
          send(res, 503, {
            error:
              'The team server cannot reach its database just now, so nothing was stored. Your changes stay on this computer and are sent again shortly.',
          });
        }
      } else {
        status = 500;
        log(`error: ${(e as Error).message}`);
        if (!res.headersSent)
          send(res, 500, { error: 'The server could not complete this request. Try again shortly.' });
      }
    } finally {
      log(`${req.method} ${url.pathname} ${status} ${Math.round(performance.now() - started)}ms`);
    }
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  http.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  http.requestTimeout = 30_000;
  http.headersTimeout = 10_000;

  // ---- live notifications ---------------------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Set<{
    ws: WebSocket;
    teamId: string;
    memberId: string;
    deviceId: string;
    alive: boolean;
  }>();
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const match = /^\/v1\/teams\/([^/]+)\/live$/.exec(url.pathname);
    const refuse = (status: number, message: string) => {
      const body = JSON.stringify({ error: message });
      socket.end(
        `HTTP/1.1 ${status} ${status === 429 ? 'Too Many Requests' : status === 404 ? 'Not Found' : 'Unauthorized'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      log(`GET ${url.pathname} (live) ${status}`);
    };
    if (!ipLimiter.take(ipOf(req))) return refuse(429, 'Too many requests from this address.');
    if (!match?.[1]) return refuse(404, 'There is nothing at this address on the team server.');
    const teamId = decodeURIComponent(match[1]);
    authenticate(
      {
        method: 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: Buffer.alloc(0),
        headers: req.headers,
        ip: ipOf(req),
      },
      teamId,
    ).then(
      (caller) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          const entry = { ws, teamId, memberId: caller.memberId, deviceId: caller.deviceId, alive: true };
          sockets.add(entry);
          ws.on('pong', () => {
            entry.alive = true;
          });
          ws.on('message', () => undefined);
          ws.on('error', () => ws.terminate());
          ws.on('close', () => sockets.delete(entry));
          ws.send(JSON.stringify({ type: 'ready' } satisfies LiveMessage));
          log(`GET ${url.pathname} (live) 101`);
        });
      },
      (e) =>
        refuse(
          e instanceof HttpError ? e.status : 500,
          e instanceof HttpError ? e.message : 'The server failed.',
        ),
    );
  });
  const heartbeat = setInterval(() => {
    for (const s of sockets) {
      if (!s.alive) {
        s.ws.terminate();
        continue;
      }
      s.alive = false;
      s.ws.ping();
    }
  }, 30_000);

  // Who to tell about a case: read again after a second, or at once when its membership changes.
  const deliveryMembers = new Map<string, { at: number; members: string[] }>();
  async function deliver(payload: string) {
    let note: {
      teamId: string;
      type: string;
      caseId?: string;
      cursor?: number;
      version?: number;
      membership?: boolean;
    };
    try {
      note = JSON.parse(payload);
    } catch {
      return;
    }
    const listeners = [...sockets].filter((s) => s.teamId === note.teamId);
    if (!listeners.length) return;
    if (note.type === 'roster') {
      authCache.delete(note.teamId);
      for (const s of listeners) s.ws.send(JSON.stringify({ type: 'roster', version: note.version }));
      return;
    }
    if (note.type !== 'case' || !note.caseId) return;
    const key = `${note.teamId}\n${note.caseId}`;
    let cached = deliveryMembers.get(key);
    if (note.membership || !cached || performance.now() - cached.at > 1000) {
      cached = { at: performance.now(), members: (await latestMembers(db, note.teamId, note.caseId)) ?? [] };
      deliveryMembers.set(key, cached);
    }
    const members = cached.members;
    const message = JSON.stringify({
      type: 'case',
      caseId: note.caseId,
      cursor: note.cursor ?? 0,
    } satisfies LiveMessage);
    // A device taken out of the roster hears nothing more, and its socket is closed.
    const roster = await authRoster(note.teamId);
    for (const s of listeners) {
      if (!roster || !deviceKeyOf(roster, s.memberId, s.deviceId)) {
        s.ws.close(4001, 'This device is no longer in the team roster.');
        continue;
      }
      if (members.includes(s.memberId)) s.ws.send(message);
    }
  }
  const unlisten = await db.listen(
    LIVE_CHANNEL,
    (payload) => {
      deliver(payload).catch((e) => log(`live delivery failed: ${(e as Error).message}`));
    },
    () => {
      // Notices may have been missed while the database connection was down: every client catches up.
      for (const s of sockets) s.ws.send(JSON.stringify({ type: 'ready' } satisfies LiveMessage));
    },
  );

  const nonceFlush = setInterval(() => {
    flushNonces().catch((e) => log(`could not store request nonces: ${(e as Error).message}`));
  }, 200);
  const sweep = setInterval(() => {
    ipLimiter.prune();
    deviceLimiter.prune();
    setupLimiter.prune();
    const expired = now().getTime() - 2 * CLOCK_SKEW_MS;
    for (const [k, at] of recentNonces) if (at < expired) recentNonces.delete(k);
    if (deliveryMembers.size > 10_000) deliveryMembers.clear();
    db.query('DELETE FROM request_nonces WHERE seen_at < $1', [
      new Date(now().getTime() - 2 * CLOCK_SKEW_MS),
    ]).catch(() => undefined);
  }, 60_000);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      clearInterval(heartbeat);
      clearInterval(sweep);
      clearInterval(nonceFlush);
      await flushNonces().catch(() => undefined);
      for (const s of sockets) s.ws.terminate();
      wss.close();
      await unlisten().catch(() => undefined);
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** A lost or refused database connection (PostgreSQL restarting or down), as opposed to a fault in the server. */
function databaseUnreachable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code)) return true;
    // SQLSTATE 08 (connection exception) and 57P01–57P03 (shutdown, crash, cannot connect now).
    if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  }
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    (e as Error)?.message ?? '',
  );
}
