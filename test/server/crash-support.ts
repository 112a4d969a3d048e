import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Envelope } from '#sync/envelope.ts';
import type { TeamClient } from '#sync/team-client.ts';
import type { TeamMember } from '../support/team-keys.ts';
import { tempFolder } from '../support/temp.ts';
import { change } from './support.ts';

/**
 * What the crash tests of the team server share: a free loopback port, a co-assessor who keeps
 * uploading while something is killed under them, and a PostgreSQL cluster of the test's own that can
 * be killed like a power cut and started again.
 */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface UploadRun {
  /** Ids of change sets the server acknowledged. */
  acknowledged: string[];
  /** Uploads that failed and were tried again. */
  interrupted: number;
  /** How many change sets were sent, all of them acknowledged once `finish` resolves. */
  sent(): number;
  /** Stops after the batch in hand is acknowledged and at least `atLeast` change sets are sent. */
  finish(atLeast: number): Promise<void>;
}

/**
 * Uploads batches of three change sets by `author` on `caseId` until told to finish. A client seals a
 * change set once and keeps it until acknowledged, so a retry after a failure sends the same bytes:
 * uploads are idempotent, and nothing may come out twice.
 */
export function keepUploading(
  client: TeamClient,
  author: TeamMember,
  caseId: string,
  key: Parameters<typeof change>[3],
): UploadRun {
  const acknowledged: string[] = [];
  const outbox = new Map<number, Envelope>();
  let next = 1;
  let stopping = false;
  let atLeast = 0;
  let failed = false;
  let interrupted = 0;
  const loop = (async () => {
    while (!stopping || next <= atLeast || failed) {
      const batch = [0, 1, 2].map((k) => {
        const seq = next + k;
        const sealed = outbox.get(seq) ?? change(author, caseId, seq, key);
        outbox.set(seq, sealed);
        return sealed;
      });
      try {
        const results = await client.upload(batch);
        acknowledged.push(...results.map((r) => r.id));
        next += 3;
        failed = false;
      } catch {
        interrupted++;
        failed = true;
        await sleep(50);
      }
    }
  })();
  return {
    acknowledged,
    get interrupted() {
      return interrupted;
    },
    sent: () => next - 1,
    finish: (n) => {
      atLeast = n;
      stopping = true;
      return loop;
    },
  };
}

/** The newest PostgreSQL server binaries Debian installed, or undefined. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export interface OwnPostgres {
  url: string;
  /** SIGKILLs the postmaster and every backend at once, as a power cut would; resolves when all are gone. */
  kill(): Promise<void>;
  /** Starts the cluster again (PostgreSQL recovers from its write-ahead log). */
  start(): void;
  remove(): void;
}

/**
 * A PostgreSQL cluster of the test's own in a temp folder, on a free loopback port, so that the test can
 * kill it. initdb refuses to run as root, so as root the cluster belongs to Debian's `postgres` user.
 */
export async function ownPostgres(bin: string): Promise<OwnPostgres> {
  const folder = tempFolder('hsb-own-pg-');
  const data = join(folder.path, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) {
      const log = join(folder.path, 'server.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-1500) : '';
      throw new Error(`${tool} failed: ${r.stderr || r.stdout}\n${tail}`);
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder.path, uid, uid);
  }
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'hsb', '--auth=trust', '-E', 'UTF8']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(folder.path, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${folder.path} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  start();
  const processes = () => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === postmaster;
        } catch {
          return false; // gone meanwhile
        }
      })
      .map(Number);
    return [postmaster, ...children];
  };
  // Gone, or a zombie nobody has reaped yet: either way it holds no memory or files of the cluster.
  const alive = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };
  return {
    url: `postgresql://hsb@127.0.0.1:${port}/postgres`,
    kill: async () => {
      const pids = processes();
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      while (pids.some(alive)) await sleep(10);
      // The lock files name the dead postmaster; its PID may linger as an unreaped zombie here (this
      // machine's PID 1 does not reap), which PostgreSQL would take for a live server. After a real
      // power cut the PID is simply gone.
      rmSync(join(data, 'postmaster.pid'), { force: true });
      rmSync(join(folder.path, `.s.PGSQL.${port}.lock`), { force: true });
    },
    start,
    remove: () => {
      spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [
        ...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
        '-D',
        data,
        '-m',
        'immediate',
        'stop',
      ]);
      folder.remove();
    },
  };
}
