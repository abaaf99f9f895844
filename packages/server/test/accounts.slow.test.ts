/**
 * Accounts (issue 12), the slow part (`npm run test:slow`): every route, as every kind of visitor,
 * with malformed or empty bodies (no 500), and sign-in work bounded per address under a flood of
 * 60 sign-ins, with bounds on how long a real sign-in waits. The rest is accounts.test.ts.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, WHO } from './access-table.js';
import { PASSWORD, setupAdmin, startServer, type TestServer } from './helpers.js';
import { buildWorld } from './world.js';

describe('no 500 for a malformed or empty body', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 0 });
    world = await buildWorld(server.app);
  });
  afterAll(() => server.close());

  // every route of the table, as every kind of visitor, with bodies that are empty, not JSON, or JSON of the wrong shape
  const BODIES: readonly { name: string; payload?: string; type?: string }[] = [
    { name: 'no body' },
    { name: 'an empty JSON body', payload: '', type: 'application/json' },
    { name: '{}', payload: '{}', type: 'application/json' },
    { name: '[]', payload: '[]', type: 'application/json' },
    { name: 'null', payload: 'null', type: 'application/json' },
    { name: 'a string', payload: '"x"', type: 'application/json' },
    { name: 'a number', payload: '12', type: 'application/json' },
    { name: 'broken JSON', payload: '{"a":', type: 'application/json' },
    { name: 'every field null', payload: '__nulls__', type: 'application/json' },
    { name: 'text/plain', payload: 'hello', type: 'text/plain' },
    { name: 'an empty upload', payload: '', type: 'application/octet-stream' },
  ];

  it('answers every route with 4xx or success, never 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    // anonymous visitors, a peer, a supervisor and the admin (a leader takes the same paths as a supervisor or is refused first)
    const whos = WHO.filter((w) => w === 'anonymous' || w === 'peer' || w === 'admin' || w === 'supervisor');
    for (const row of ACCESS_TABLE) {
      if (row.method === 'GET') continue;
      for (const who of whos) {
        const call = await row.call(world, who);
        const session = who === 'anonymous' ? {} : world.members[who].headers;
        const headers = { ...(call.replaceHeaders ? {} : session), ...call.headers };
        const fields = call.payload && typeof call.payload === 'object' && !Buffer.isBuffer(call.payload) ? Object.keys(call.payload) : [];
        for (const body of BODIES) {
          const payload = body.payload === '__nulls__' ? JSON.stringify(Object.fromEntries(fields.map((f) => [f, null]))) : body.payload;
          const h: Record<string, string> = { ...headers };
          delete h['content-type'];
          delete h['x-file-name'];
          if (body.type) h['content-type'] = body.type;
          const r = await server.app.inject({
            method: row.method,
            url: call.url,
            headers: h,
            ...(payload === undefined ? {} : { payload }),
          });
          requests++;
          if (r.statusCode >= 500)
            failures.push(`${row.method} ${call.url} as ${who} with ${body.name}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  });
});

/** POST /api/login over a real socket from `localAddress` (any 127.x.x.x address reaches a server on 127.0.0.1). */
function loginFrom(port: number, localAddress: string, username: string, password: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/login',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Failures per address in these tests (30 by default; fewer here to keep the test short). */
const FAILURES = 8;

describe('sign-in work is bounded per address', () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startServer({ demo: false, passwordWork: { perAddressFailures: FAILURES } });
    await setupAdmin(server.app, 'admin');
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('60 sign-ins at once with unknown names from one address do not slow a real sign-in from another', async () => {
    const alone = await loginFrom(port, '127.0.0.1', 'admin', PASSWORD);
    expect(alone.status).toBe(200);
    const flood = Array.from({ length: 60 }, (_, i) => loginFrom(port, '127.0.0.2', `nobody-${i}`, 'not the password at all'));
    await new Promise((r) => setTimeout(r, 20));
    const real = await loginFrom(port, '127.0.0.1', 'admin', PASSWORD);
    const results = await Promise.all(flood);
    const refused = results.filter((r) => r.status === 429).length;
    console.log(
      `sign-in: alone ${alone.ms.toFixed(0)} ms; beside 60 unknown-name sign-ins from one address ${real.ms.toFixed(0)} ms (${refused} of 60 refused with 429 before hashing, ${results.filter((r) => r.status === 401).length} checked)`,
    );
    expect(real.status).toBe(200);
    expect(refused).toBeGreaterThanOrEqual(58);
    // before: 1.1–4.3 s here (7.8 s in the issue), the flood itself 24–30 s; a loose bound, the machine is shared
    expect(real.ms).toBeLessThan(Math.max(2000, 4 * alone.ms));
  });

  it('after its failures, any username is refused from that address for a while; other addresses are not', async () => {
    for (let i = 0; i < FAILURES; i++)
      expect((await loginFrom(port, '127.0.0.3', `nobody-${i}`, 'not the password at all')).status).toBe(401);
    expect((await loginFrom(port, '127.0.0.3', 'admin', PASSWORD)).status).toBe(429);
    expect((await loginFrom(port, '127.0.0.4', 'admin', PASSWORD)).status).toBe(200);
  });

  it('60 at once from 60 addresses wait in a bounded queue: the rest are refused, and a real sign-in waits at most for the queue', async () => {
    const flood = Array.from({ length: 60 }, (_, i) => loginFrom(port, `127.0.1.${i + 1}`, `nobody-${i}`, 'not the password at all'));
    await new Promise((r) => setTimeout(r, 20));
    const real = await loginFrom(port, '127.0.0.5', 'admin', PASSWORD);
    const results = await Promise.all(flood);
    const refused = results.filter((r) => r.status === 429).length;
    console.log(
      `sign-in: beside 60 unknown-name sign-ins from 60 addresses ${real.ms.toFixed(0)} ms (${refused} of 60 refused: the queue was full)`,
    );
    expect([200, 429]).toContain(real.status);
    expect(refused).toBeGreaterThan(0);
    expect(real.ms).toBeLessThan(4000);
  });
});
