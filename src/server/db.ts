import { mkdirSync } from 'node:fs';

/**
 * The one small database interface the team server uses, with two drivers: an embedded PGlite in a
 * data folder (the default, nothing to install) and a real PostgreSQL through `pg` (production, via
 * `DATABASE_URL`). Both speak PostgreSQL, so the SQL is the same; only connections and notifications
 * differ.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel` (from any server process on the same database), and
   * `onResumed` after a lost listening connection is back (notices sent meanwhile were missed).
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onResumed?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create(dataDir);
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  }): Queryable => ({
    query: async <T extends Row>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, onPayload) => {
      const stop = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}

export async function openPostgres(connectionString: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A connection that drops (a restarted PostgreSQL) must not take the server down with it.
  pool.on('error', (e) => console.error(`database connection lost: ${e.message}`));
  const listeners: { client: import('pg').Client; closed: boolean }[] = [];
  const wrap = (q: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }) => ({
    query: async <T extends Row>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
  });
  let closing = false;
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      // A checked-out connection has no pool listener: were PostgreSQL to die now, its 'error' event
      // would otherwise take the whole server down. The failure reaches the caller through the query.
      let broken: Error | undefined;
      const onError = (e: Error) => {
        broken = e;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        broken ??= await client.query('ROLLBACK').then(
          () => undefined,
          (r: Error) => r,
        );
        throw e;
      } finally {
        client.off('error', onError);
        // A connection that failed is closed, not handed to the next request.
        client.release(broken);
      }
    },
    listen: async (channel, onPayload, onResumed) => {
      const entry = { client: null as unknown as import('pg').Client, closed: false };
      let lost = false;
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString });
        entry.client = client;
        client.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
        });
        const retry = () => {
          if (entry.closed || closing || entry.client !== client) return; // one reconnection per lost client
          lost = true;
          entry.client = null as unknown as import('pg').Client;
          client.end().catch(() => undefined);
          setTimeout(() => {
            const again = () => {
              if (!entry.closed && !closing) setTimeout(() => void connect().catch(again), 1000);
            };
            void connect().catch(again);
          }, 1000);
        };
        client.on('error', (e) => {
          console.error(`notification connection lost: ${e.message}; reconnecting`);
          retry();
        });
        client.on('end', retry);
        try {
          await client.connect();
          await client.query(`LISTEN ${quoteIdent(channel)}`);
        } catch (e) {
          if (entry.client === client) entry.client = null as unknown as import('pg').Client;
          client.end().catch(() => undefined);
          throw e;
        }
        if (lost) {
          lost = false;
          onResumed?.();
        }
      };
      await connect();
      listeners.push(entry);
      return async () => {
        entry.closed = true;
        await entry.client?.end().catch(() => undefined);
      };
    },
    close: async () => {
      closing = true;
      for (const l of listeners) {
        l.closed = true;
        await l.client?.end().catch(() => undefined);
      }
      await pool.end();
    },
  };
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a channel name: ${name}`);
  return `"${name}"`;
};

/** PGlite in `dataDir`, or PostgreSQL when a connection string is given. */
export function openDb(options: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
