import { resolve } from 'node:path';
import { openDb } from './db.ts';
import { DEFAULT_RATE_LIMITS, startServer } from './server.ts';

/**
 * `npm run server`: the team server on 127.0.0.1, with an embedded PostgreSQL (PGlite) in
 * `./server-data`, or a real PostgreSQL when `DATABASE_URL` is set.
 *
 *   HSB_SERVER_DATA   PGlite data folder (default ./server-data)
 *   HSB_SERVER_PORT   port (default 8787)
 *   HSB_SERVER_HOST   address to listen on (default 127.0.0.1; put a TLS reverse proxy in front)
 *   DATABASE_URL      postgres://… to use PostgreSQL instead of PGlite
 *   HSB_SERVER_RATE_IP / HSB_SERVER_RATE_DEVICE   requests a second per address / per device
 */
const env = process.env;
const rate = (value: string | undefined, fallback: { perSecond: number; burst: number }) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? { perSecond: n, burst: n * 2 } : fallback;
};

// The data folder is readable by the server's own user only (PGlite would otherwise make its files 0666).
process.umask(0o077);
const dataDir = resolve(env.HSB_SERVER_DATA ?? 'server-data');
const db = await openDb({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
const server = await startServer({
  db,
  host: env.HSB_SERVER_HOST ?? '127.0.0.1',
  port: Number(env.HSB_SERVER_PORT ?? 8787),
  rateLimits: {
    perIp: rate(env.HSB_SERVER_RATE_IP, DEFAULT_RATE_LIMITS.perIp),
    perDevice: rate(env.HSB_SERVER_RATE_DEVICE, DEFAULT_RATE_LIMITS.perDevice),
  },
});
console.log(
  `HSB team server listening on ${server.url} (${db.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL'})`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
