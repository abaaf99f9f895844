/** The limits kept in the database (decision 022), on whichever database the tests run on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedFailureLimiter, SharedTokenBucket, purgeLimits } from '../src/auth/shared-limits.js';
import { PASSWORD, setupAdmin, startServer, type TestServer } from './helpers.js';

describe('limits in the database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ demo: false, sharedLimits: true });
  });
  afterAll(() => server.close());

  it('counts failures per key within the window, keeps only a digest of the key, and forgets on success', async () => {
    const l = new SharedFailureLimiter(server.app.db, 'test', 2, 1000);
    const key = '10.0.0.7\u0000someone';
    await l.fail(key, 0);
    expect(await l.retryAfter(key, 5)).toBe(0);
    await l.fail(key, 10);
    expect(await l.retryAfter(key, 20)).toBe(1);
    expect(await l.retryAfter('another key', 20)).toBe(0);
    expect(await l.retryAfter(key, 1005)).toBe(0);
    const rows = await server.app.db.selectFrom('limit_failures').selectAll().where('scope', '=', 'test').execute();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('10.0.0.7');
    expect(JSON.stringify(rows)).not.toContain('someone');
    await l.succeed(key);
    expect(await server.app.db.selectFrom('limit_failures').selectAll().where('scope', '=', 'test').execute()).toEqual([]);
  });

  it('a bucket of 600 a minute gives 600 at once, then one back every 100 ms', async () => {
    const b = new SharedTokenBucket(server.app.db, 600);
    const t0 = 5_000_000;
    for (let i = 0; i < 600; i++) expect(await b.take('member', t0)).toBe(0);
    expect(await b.take('member', t0)).toBe(1);
    expect(await b.take('member', t0 + 50)).toBe(1);
    expect(await b.take('member', t0 + 100)).toBe(0);
    expect(await b.take('member', t0 + 100)).toBe(1);
    // another member has their own bucket
    expect(await b.take('someone else', t0 + 100)).toBe(0);
  });

  it('the purge drops what is a day old', async () => {
    const l = new SharedFailureLimiter(server.app.db, 'old', 5, 1000);
    await l.fail('k', Date.now() - 2 * 86_400_000);
    await purgeLimits(server.app.db);
    expect(await server.app.db.selectFrom('limit_failures').selectAll().where('scope', '=', 'old').execute()).toEqual([]);
  });

  it('a server with shared limits refuses the 6th sign-in after 5 failures', async () => {
    await setupAdmin(server.app);
    for (let i = 0; i < 5; i++)
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: `wrong ${i}` } })).statusCode,
      ).toBe(401);
    const r = await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: PASSWORD } });
    expect(r.statusCode).toBe(429);
    expect(await server.app.db.selectFrom('limit_failures').select('scope').where('scope', '=', 'sign-in').execute()).toHaveLength(5);
  });
});
