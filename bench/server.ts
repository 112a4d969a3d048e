import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSet } from '#domain/sync/replica.ts';
import { wrapCaseKey } from '#sync/bundle.ts';
import { type CaseKey, changeSetId, type Envelope, sealChangeSet } from '#sync/envelope.ts';
import { type CaseMembership, signMembership } from '#sync/membership.ts';
import { signRoster } from '#sync/roster.ts';
import { TeamClient } from '#sync/team-client.ts';
import { rosterOf, type TeamMember, teamMember } from '../test/support/team-keys.ts';
import { TEAM_SETUP_CODE } from '../test/support/team-setup-code.ts';

// The team server under load, on loopback and bounded in time: 50 simulated clients, each making 2
// changes a second, alternately to the case it shares with one colleague and to a case shared by five.
// Each change is timed from the start of its upload to its arrival (live notice, then a checked pull)
// on every other member's client. The server runs in its own process (`npm run server`'s entry).

const CLIENTS = 50;
const RATE = 2;
const SECONDS = Number(process.env.HSB_BENCH_SECONDS ?? 20);
const DRAIN_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)
    : Number.NaN;

async function startServerProcess(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'src/server/main.ts'], {
    env: {
      ...process.env,
      HSB_SERVER_PORT: '0',
      HSB_SERVER_RATE_IP: '100000',
      HSB_SERVER_RATE_DEVICE: '10000',
      HSB_SERVER_SETUP_CODE: TEAM_SETUP_CODE,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  // Drain the per-request log lines without keeping them.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return { url, child };
}

/** CPU seconds the process has used (user + system). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

export async function benchServer(
  engine: { name: string; databaseUrl?: string } = { name: 'PGlite' },
): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'hsb-bench-server-'));
  const { url, child } = await startServerProcess(
    engine.databaseUrl ? { DATABASE_URL: engine.databaseUrl } : { HSB_SERVER_DATA: join(folder, 'data') },
  );
  const teamId = `bench-${randomBytes(4).toString('hex')}`;
  const subs: { close: () => void }[] = [];
  try {
    const admin = teamMember('admin', { administrator: true, roles: ['manager'] });
    const people: TeamMember[] = Array.from({ length: CLIENTS }, (_, i) => teamMember(`p${i}`));
    const signed = signRoster(
      rosterOf([admin, ...people], new Date(), 1, teamId),
      { memberId: admin.id, deviceId: admin.deviceId },
      admin.device.privateKey,
    );
    await TeamClient.createTeam(url, signed, TEAM_SETUP_CODE);
    const client = (m: TeamMember) =>
      new TeamClient({
        serverUrl: url,
        device: { teamId, memberId: m.id, deviceId: m.deviceId, signingKey: m.device.privateKey },
        pinnedAdministratorKey: admin.device.publicKey,
        retry: { attempts: 10, baseDelayMs: 50 },
      });
    const adminClient = client(admin);

    // Cases: pair-i shared by p(i) and p(i+1); group-k shared by the five people with i % 10 === k.
    const caseKeys = new Map<string, CaseKey>();
    const caseMembers = new Map<string, string[]>();
    const allocate = async (caseId: string, members: TeamMember[]) => {
      const key = { id: `${caseId}-k1`, key: randomBytes(32) };
      const membership: CaseMembership = {
        format: 'hsb-case-membership/1',
        teamId,
        caseId,
        generation: 1,
        caseKeyId: key.id,
        members: members.map((m) => m.id),
        keys: members.map((m) => wrapCaseKey(caseId, key.id, key.key, m.member)),
        issuedAt: new Date().toISOString(),
      };
      await adminClient.publishMembership(
        signMembership(membership, { memberId: admin.id, deviceId: admin.deviceId }, admin.device.privateKey),
      );
      caseKeys.set(caseId, key);
      caseMembers.set(caseId, membership.members);
    };
    for (let i = 0; i < CLIENTS; i++)
      await allocate(`pair-${i}`, [people[i], people[(i + 1) % CLIENTS]] as TeamMember[]);
    for (let k = 0; k < 10; k++)
      await allocate(
        `group-${k}`,
        people.filter((_, i) => i % 10 === k),
      );

    const sentAt = new Map<string, number>();
    const caseOf = new Map<string, string>();
    const latencies: number[] = [];
    const received = new Map<string, Map<string, number>>(); // member -> envelope id -> times received
    let tampering = 0;
    let uploadFailures = 0;

    const clients = people.map((m) => ({
      m,
      c: client(m),
      busy: new Map<string, boolean>(),
      dirty: new Set<string>(),
    }));
    for (const x of clients) {
      await x.c.refreshRoster();
      await x.c.refreshMemberships();
      received.set(x.m.id, new Map());
    }
    const pullCase = async (x: (typeof clients)[number], caseId: string): Promise<void> => {
      if (x.busy.get(caseId)) {
        x.dirty.add(caseId);
        return;
      }
      x.busy.set(caseId, true);
      try {
        do {
          x.dirty.delete(caseId);
          const out = await x.c.pull(caseId);
          const at = performance.now();
          if (out.tampering) tampering++;
          const mine = received.get(x.m.id) as Map<string, number>;
          for (const e of out.envelopes) {
            mine.set(e.header.id, (mine.get(e.header.id) ?? 0) + 1);
            const sent = sentAt.get(e.header.id);
            if (sent !== undefined && e.header.author !== x.m.id) latencies.push(at - sent);
          }
        } while (x.dirty.has(caseId));
      } finally {
        x.busy.set(caseId, false);
      }
    };
    await Promise.all(
      clients.map(
        (x) =>
          new Promise<void>((resolve) => {
            const sub = x.c.subscribe({
              onMessage: (msg) => {
                if (msg.type === 'ready') resolve();
                if (msg.type === 'case' && msg.cursor > x.c.cursor(msg.caseId)) {
                  void pullCase(x, msg.caseId).catch(() => undefined);
                }
              },
            });
            subs.push(sub);
          }),
      ),
    );

    const rssBefore = rssMiB(child.pid as number);
    let rssPeak = rssBefore;
    const rssTimer = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMiB(child.pid as number));
    }, 500);
    const cpuBefore = cpuSeconds(child.pid as number);
    const clientsCpuBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    let uploaded = 0;
    await Promise.all(
      clients.map(async (x, i) => {
        let round = 0;
        const seqOfCase = new Map<string, number>();
        // Spread the clients' ticks across the interval.
        await sleep((i / CLIENTS) * (1000 / RATE));
        let tick = performance.now();
        while (tick < deadline) {
          round++;
          const caseId = round % 2 ? `pair-${i}` : `group-${i % 10}`;
          // Numbered per author, device and case, as the workbench numbers them.
          const seq = (seqOfCase.get(caseId) ?? 0) + 1;
          seqOfCase.set(caseId, seq);
          const cs: ChangeSet = {
            id: changeSetId(x.m.id, x.m.deviceId, caseId, seq),
            author: x.m.id,
            device: x.m.deviceId,
            seq,
            caseId,
            schema: 1,
            ops: [
              {
                table: 'case_notes',
                id: `n-${x.m.id}-${caseId}-${seq}`,
                field: 'text',
                edit: { at: `${Date.now()}-${seq}`, replaces: [], value: `change ${seq}`, by: x.m.id },
              },
            ],
          };
          const envelope: Envelope = sealChangeSet(
            cs,
            caseKeys.get(caseId) as CaseKey,
            x.m.device.privateKey,
          );
          caseOf.set(envelope.header.id, caseId);
          sentAt.set(envelope.header.id, performance.now());
          try {
            await x.c.upload([envelope]);
            uploaded++;
          } catch {
            uploadFailures++;
          }
          tick += 1000 / RATE;
          const wait = tick - performance.now();
          if (wait > 0) await sleep(wait);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const serverCpu = cpuSeconds(child.pid as number) - cpuBefore;
    const clientsUsage = process.cpuUsage(clientsCpuBefore);
    const clientsCpu = (clientsUsage.user + clientsUsage.system) / 1e6;
    // Let the last notices arrive, then catch up anyone who missed one.
    await sleep(DRAIN_MS);
    clearInterval(rssTimer);
    for (const x of clients) {
      for (const caseId of caseMembers.keys()) {
        if (caseMembers.get(caseId)?.includes(x.m.id)) await pullCase(x, caseId);
      }
    }

    let expected = 0;
    let lost = 0;
    let duplicated = 0;
    for (const [id] of sentAt) {
      const caseId = caseOf.get(id) as string;
      for (const member of caseMembers.get(caseId) ?? []) {
        const count = received.get(member)?.get(id) ?? 0;
        expected++;
        if (count === 0) lost++;
        if (count > 1) duplicated += count - 1;
      }
    }
    latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return [
      `team server (${engine.name}, server in its own process): ${CLIENTS} clients × ${RATE} changes/s for ${SECONDS} s`,
      `  uploaded ${uploaded} change sets in ${elapsed.toFixed(1)} s = ${(uploaded / elapsed).toFixed(1)}/s; ${latencies.length} deliveries to other members`,
      `  upload-to-delivery latency p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
      `  server memory (RSS) ${rssBefore.toFixed(0)} MiB before load, peak ${rssPeak.toFixed(0)} MiB; server CPU ${(serverCpu / elapsed).toFixed(2)} cores, the 50 clients' process ${(clientsCpu / elapsed).toFixed(2)} cores (machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
      `  lost ${lost} of ${expected} expected receipts (authors included), duplicated ${duplicated}, failed uploads ${uploadFailures}, tampering reports ${tampering}`,
    ];
  } finally {
    for (const s of subs) s.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(folder, { recursive: true, force: true });
  }
}
