import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newSigningKeyPair } from '#store/crypto.ts';
import { TeamClient } from '#sync/team-client.ts';
import { HEADER } from '#sync/team-protocol.ts';
import {
  change,
  clientFor,
  quietServer,
  serverEachTest,
  teamWithCase,
  testClock,
  VARIANTS,
} from './support.ts';

// Bad input gets a plain 4xx and never a crash: unsigned, unknown, forged, replayed and stale
// requests; oversized, malformed and misshapen bodies; floods; garbage on the wire. The log holds no body.

const path = '/v1/teams/team-1/envelopes';

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`the team server on ${variant.kind} refuses`, () => {
    const clock = testClock();
    const logged: string[] = [];
    const live = serverEachTest(variant.kind, clock, () => {
      logged.length = 0;
      return {
        maxBodyBytes: 64 * 1024,
        log: (l) => logged.push(l),
        rateLimits: { perIp: { perSecond: 0.01, burst: 60 }, perDevice: { perSecond: 0.01, burst: 25 } },
      };
    });

    const post = (headers: Record<string, string>, body: string, at = path) =>
      fetch(new URL(at, live.server.url), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
    const errorOf = async (res: Response) => ({
      status: res.status,
      error: ((await res.json()) as { error: string }).error,
    });

    it('unsigned, unknown-device, forged, replayed and stale requests, with a 401 saying why', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const body = JSON.stringify({ envelopes: [change(t.sw, 'case-1', 1, c1.key)] });
      expect(await errorOf(await post({}, body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/not signed/),
      });

      const ghostKeys = newSigningKeyPair();
      const ghost = new TeamClient({
        serverUrl: live.server.url,
        device: {
          teamId: 'team-1',
          memberId: 'ghost',
          deviceId: 'ghost-laptop',
          signingKey: ghostKeys.privateKey,
        },
        pinnedAdministratorKey: t.pinned,
        now: clock.now,
      });
      expect(await errorOf(await post(ghost.signedHeaders('POST', path, body), body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/not in the team roster/),
      });

      // The outsider's key, claiming to be the social worker's laptop.
      const forger = new TeamClient({
        serverUrl: live.server.url,
        device: {
          teamId: 'team-1',
          memberId: 'sw',
          deviceId: 'sw-laptop',
          signingKey: t.outsider.device.privateKey,
        },
        pinnedAdministratorKey: t.pinned,
        now: clock.now,
      });
      expect(await errorOf(await post(forger.signedHeaders('POST', path, body), body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/signature does not verify/),
      });

      // Signed for another body: the signature covers the body's hash.
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const otherBody = JSON.stringify({ envelopes: [change(t.sw, 'case-1', 2, c1.key)] });
      expect((await post(sw.signedHeaders('POST', path, otherBody), body)).status).toBe(401);

      const headers = sw.signedHeaders('POST', path, body);
      expect((await post(headers, body)).status).toBe(200);
      expect(await errorOf(await post(headers, body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/already received once/),
      });

      // The nonce outlives a restart of the live.server.
      const port = live.server.port;
      await live.server.close();
      live.server = await quietServer(live.store.db, { now: clock.now, port, log: (l) => logged.push(l) });
      // fetch's pool may still hold a connection the old server closed: spend it.
      await fetch(new URL('/v1/nowhere', live.server.url)).catch(() => undefined);
      expect(await errorOf(await post(headers, body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/already received once/),
      });

      const late = clientFor(live.server.url, t, t.sw, {
        now: () => new Date(clock.now().getTime() - 6 * 60_000),
      });
      expect(await errorOf(await post(late.signedHeaders('POST', path, body), body))).toMatchObject({
        status: 401,
        error: expect.stringMatching(/more than five minutes/),
      });
      expect(await live.store.db.query('SELECT envelope_id FROM envelopes')).toHaveLength(1);
    });

    it('oversized, malformed and misshapen bodies with a 413 or 400, and logs no body', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const big = JSON.stringify({
        envelopes: [{ ...change(t.sw, 'case-1', 1, c1.key), pad: 'x'.repeat(70_000) }],
      });
      expect(await errorOf(await post(sw.signedHeaders('POST', path, big), big))).toMatchObject({
        status: 413,
        error: expect.stringMatching(/larger than the server accepts/),
      });
      const broken = '{"envelopes": [CANARY-IN-BODY';
      expect(await errorOf(await post(sw.signedHeaders('POST', path, broken), broken))).toMatchObject({
        status: 400,
        error: 'The request body is not valid JSON.',
      });
      const misshapen = JSON.stringify({
        envelopes: [{ header: { format: 'hsb-change-set/1', id: 'CANARY-IN-BODY' } }],
      });
      expect(await errorOf(await post(sw.signedHeaders('POST', path, misshapen), misshapen))).toMatchObject({
        status: 400,
        error: expect.stringMatching(/not in the form the server expects at envelopes\.0\.header/),
      });
      const tampered = change(t.sw, 'case-1', 1, c1.key);
      tampered.ciphertext = Buffer.from('CANARY-IN-BODY').toString('base64');
      await expect(sw.upload([tampered])).rejects.toMatchObject({
        code: 'invalid-request',
        message: expect.stringMatching(/signature that does not verify/),
      });
      expect(logged.length).toBeGreaterThan(4);
      expect(logged.join('\n')).not.toMatch(/CANARY|pad|xxxx/);
      expect(logged.some((l) => /^POST \/v1\/teams\/team-1\/envelopes 413 /.test(l))).toBe(true);
    });

    it('a flood from one device or one address with a 429, and keeps serving others', async () => {
      const { t } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await fetch(new URL('/v1/teams/team-1/cases', live.server.url), {
          headers: sw.signedHeaders('GET', '/v1/teams/team-1/cases', ''),
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses.slice(0, 25).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(25)).toEqual([429, 429, 429, 429, 429]);
      // Another device is still served, until the address as a whole runs out.
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      expect(await yos.listCases()).toHaveLength(1);
      const more: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await fetch(new URL('/v1/nowhere', live.server.url));
        more.push(res.status);
        await res.arrayBuffer();
      }
      expect(more).toContain(429);
      expect(more[0]).toBe(404);
    });

    it('garbage on the wire and bad WebSocket frames without crashing', async () => {
      const { t } = await teamWithCase(live.server.url, clock.now);
      const port = live.server.port;
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
        let text = '';
        socket.on('data', (d) => {
          text += d.toString();
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);

      const wsUrl = `${live.server.url.replace('http', 'ws')}/v1/teams/team-1/live`;
      const refused = await new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
      expect(refused).toBe(401);

      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const closed = await new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl, { headers: sw.signedHeaders('GET', '/v1/teams/team-1/live', '') });
        ws.on('message', () => {
          // A frame larger than the server accepts, then one with a reserved opcode.
          ws.send(Buffer.alloc(10_000));
        });
        ws.on('close', (code) => resolve(code));
        ws.on('error', () => undefined);
      });
      expect(closed).toBe(1009);
      const raw = await new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl, { headers: sw.signedHeaders('GET', '/v1/teams/team-1/live', '') });
        ws.on('message', () => {
          // Write a frame with a reserved opcode straight onto the socket.
          (ws as unknown as { _socket: import('node:net').Socket })._socket.write(
            Buffer.from([0x83, 0x80, 1, 2, 3, 4]),
          );
        });
        ws.on('close', (code) => resolve(String(code)));
        ws.on('error', () => undefined);
      });
      expect(raw).toMatch(/^100[26]$/);
      // Still serving.
      expect(await sw.listCases()).toHaveLength(1);
      expect(logged.join('\n')).not.toMatch(/^error:/m);
      // A headers value in the wrong form is a 401, not a crash.
      const res = await fetch(new URL('/v1/teams/team-1/cases', live.server.url), {
        headers: {
          ...sw.signedHeaders('GET', '/v1/teams/team-1/cases', ''),
          [HEADER.timestamp]: 'yesterday',
        },
      });
      expect(res.status).toBe(401);
    });
  });
}
