import type { Db } from './db.ts';

/**
 * The server's schema, one step per version, run at start in order. Each step runs in a transaction
 * with its row in `server_migrations`; an advisory lock keeps two servers starting on one database
 * from running the same step twice.
 *
 * Nothing here holds a record's content: envelopes keep their routing header in columns and the
 * envelope as received (ciphertext) in `body`.
 */
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE teams (
        team_id text PRIMARY KEY,
        pinned_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE rosters (
        team_id text NOT NULL REFERENCES teams(team_id),
        version integer NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, version)
      );
      CREATE TABLE memberships (
        team_id text NOT NULL REFERENCES teams(team_id),
        case_id text NOT NULL,
        generation integer NOT NULL,
        members text[] NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, case_id, generation)
      );
      CREATE TABLE envelopes (
        server_seq bigserial PRIMARY KEY,
        team_id text NOT NULL REFERENCES teams(team_id),
        envelope_id text NOT NULL,
        author text NOT NULL,
        device text NOT NULL,
        seq bigint NOT NULL,
        case_id text NOT NULL,
        case_key_id text NOT NULL,
        schema integer NOT NULL,
        size integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        body bytea NOT NULL,
        UNIQUE (team_id, envelope_id)
      );
      CREATE INDEX envelopes_by_case ON envelopes (team_id, case_id, server_seq);
      CREATE TABLE invitations (
        code_hash text PRIMARY KEY,
        team_id text NOT NULL REFERENCES teams(team_id),
        created_by text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE enrolments (
        team_id text NOT NULL REFERENCES teams(team_id),
        member_id text NOT NULL,
        device_id text NOT NULL,
        signing_public_key text NOT NULL,
        box_public_key text NOT NULL,
        name text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, member_id, device_id)
      );
      CREATE TABLE request_nonces (
        team_id text NOT NULL,
        member_id text NOT NULL,
        device_id text NOT NULL,
        nonce text NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (team_id, member_id, device_id, nonce)
      );
      CREATE INDEX request_nonces_by_time ON request_nonces (seen_at);
    `,
  },
  {
    // Team set-up codes (src/server/setup-code.ts), as SHA-256 hashes only: each creates one team.
    version: 2,
    sql: `
      CREATE TABLE setup_codes (
        code_hash text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        used_at timestamptz,
        team_id text
      );
    `,
  },
];

export async function migrate(db: Db): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS server_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  let applied = 0;
  for (const step of MIGRATIONS) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4242001)');
      const done = await tx.query('SELECT 1 FROM server_migrations WHERE version = $1', [step.version]);
      if (done.length) return;
      for (const statement of step.sql.split(';').map((s) => s.trim())) {
        if (statement) await tx.query(statement);
      }
      await tx.query('INSERT INTO server_migrations (version) VALUES ($1)', [step.version]);
      applied++;
    });
  }
  return applied;
}
