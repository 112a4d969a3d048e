import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normaliseCode } from '../sync/team-protocol.ts';
import type { Db, Queryable } from './db.ts';

/**
 * The team set-up code: only someone the server's administrator gives it to can create a team on the
 * server. It is `HSB_SERVER_SETUP_CODE` when that is set, or else a random code the server makes on its
 * first start (and again with `--new-setup-code`) and prints once. Only its SHA-256 hash is kept, in
 * `setup_codes`; each code creates one team and is then used up.
 */

/** At least this many letters and digits in a code set by `HSB_SERVER_SETUP_CODE`. */
export const MIN_SETUP_CODE_LENGTH = 16;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 characters from 32 (100 random bits) in groups of five, as invitation codes are: easy to type. */
export function newTypableCode(): string {
  const chars = [...randomBytes(20)].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{5}/g)?.join('-') ?? chars;
}

export const hashSetupCode = (code: string) =>
  createHash('sha256')
    .update(`hsb-setup:${normaliseCode(code)}`)
    .digest('hex');

export interface SetupCodeOptions {
  /** The code the server's administrator set (`HSB_SERVER_SETUP_CODE`); the server then makes none. */
  configured?: string;
  /** Make a new code (`--new-setup-code`): every code not used yet stops working. */
  renew?: boolean;
  now: Date;
}

/**
 * At start: makes sure a code is waiting when it should be, and returns the lines to print. A code the
 * server made is printed only here, only the once; a configured one is never printed.
 */
export async function prepareSetupCode(db: Db, options: SetupCodeOptions): Promise<string[]> {
  const configured = options.configured?.trim() || undefined;
  if (configured !== undefined && normaliseCode(configured).length < MIN_SETUP_CODE_LENGTH) {
    throw new Error(
      `HSB_SERVER_SETUP_CODE is too short: use at least ${MIN_SETUP_CODE_LENGTH} letters and digits, or leave it unset and the server makes a code.`,
    );
  }
  if (configured !== undefined && options.renew) {
    throw new Error(
      'HSB_SERVER_SETUP_CODE is set, so the server makes no code of its own: change that variable instead of using --new-setup-code.',
    );
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242002)');
    if (configured !== undefined) {
      const hash = hashSetupCode(configured);
      // Only the configured code works from now on; once it has created a team it stays used.
      await tx.query('DELETE FROM setup_codes WHERE used_at IS NULL AND code_hash <> $1', [hash]);
      await tx.query(
        'INSERT INTO setup_codes (code_hash, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [hash, options.now],
      );
      const used = await tx.query('SELECT 1 FROM setup_codes WHERE code_hash = $1 AND used_at IS NOT NULL', [
        hash,
      ]);
      return used.length
        ? [
            'The team set-up code in HSB_SERVER_SETUP_CODE has already created a team. To let a workbench administrator create another, set a new code.',
          ]
        : [];
    }
    const any = await tx.query('SELECT 1 FROM setup_codes LIMIT 1');
    if (any.length && !options.renew) return [];
    await tx.query('DELETE FROM setup_codes WHERE used_at IS NULL');
    const code = newTypableCode();
    await tx.query('INSERT INTO setup_codes (code_hash, created_at) VALUES ($1, $2)', [
      hashSetupCode(code),
      options.now,
    ]);
    return [
      ...(options.renew
        ? ['A new team set-up code was made; any earlier code not yet used no longer works.']
        : []),
      `Give this code to the workbench administrator who will create the team: ${code}`,
      'It creates one team, and it is not shown again (to make a new one: npm run server -- --new-setup-code).',
    ];
  });
}

/**
 * Uses up the set-up code for `teamId`, in the transaction that creates the team: true when `code` is
 * a code not used yet. Every waiting code is compared, in constant time, whatever matches first.
 */
export async function useSetupCode(tx: Queryable, code: string, teamId: string, now: Date): Promise<boolean> {
  const offered = Buffer.from(hashSetupCode(code), 'hex');
  const waiting = await tx.query<{ code_hash: string }>(
    'SELECT code_hash FROM setup_codes WHERE used_at IS NULL FOR UPDATE',
  );
  let match: string | undefined;
  for (const { code_hash } of waiting) {
    const same = timingSafeEqual(offered, Buffer.from(code_hash, 'hex'));
    if (same) match = code_hash;
  }
  if (match === undefined) return false;
  await tx.query('UPDATE setup_codes SET used_at = $2, team_id = $3 WHERE code_hash = $1', [
    match,
    now,
    teamId,
  ]);
  return true;
}

/**
 * Whether `code` is the one that already created `teamId`: a retry of the same request (the first
 * answer was lost, or the workbench could not save its side) is told the team exists, not that the
 * code is wrong.
 */
export async function createdWithCode(tx: Queryable, code: string, teamId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM setup_codes WHERE code_hash = $1 AND team_id = $2', [
    hashSetupCode(code),
    teamId,
  ]);
  return rows.length > 0;
}
