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
 *   HSB_SERVER_SETUP_CODE   the team set-up code (otherwise the server makes one at first start and prints it)
 *
 *   --new-setup-code   make a new team set-up code, print it, then serve (codes not used yet stop working)
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
  setupCode: env.HSB_SERVER_SETUP_CODE || undefined,
  newSetupCode: process.argv.includes('--new-setup-code'),
}).catch(async (e: Error) => {
  // A set-up code the server cannot use (HSB_SERVER_SETUP_CODE too short, or with --new-setup-code).
  console.error(e.message);
  await db.close();
  process.exit(1);
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
