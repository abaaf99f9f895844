/**
 * Two requests, or two servers, doing the same thing at the same moment get the answer one of
 * them would get alone: the demo seeded once when two servers start on one empty database, and
 * two invitations accepted at once under one username give one member and a 409, not a 500.
 * On PostgreSQL (`PEERLENS_TEST_DB=postgres`, as CI runs it) the two really run at once, on two
 * connections; on SQLite one connection takes them in turn.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/database.js';
import { seedDemo } from '../src/features/demo/service.js';
import { invite, openTestDatabase, PASSWORD, setupAdmin, startServer, tempDir } from './helpers.js';
import { onPostgres } from './pg.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('at the same moment', () => {
  it.runIf(onPostgres)('two servers starting on one empty database seed the demo once', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await openTestDatabase(dir);
    await migrate(first);
    const second = await openTestDatabase(dir);
    try {
      const seeded = await Promise.all([seedDemo(first, () => undefined), seedDemo(second, () => undefined)]);
      expect(seeded.filter(Boolean)).toHaveLength(1);
      const users = await first.selectFrom('users').select('username').execute();
      expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
      // a third start finds it seeded
      expect(await seedDemo(first, () => undefined)).toBe(false);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('two invitations accepted at once under one username: one member, and a 409 that says the username is taken', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const server = await startServer({ dataDir: dir, demo: false });
    const admin = await setupAdmin(server.app);
    const tokens = [await invite(server.app, admin, 'Kim One', 'peer'), await invite(server.app, admin, 'Kim Two', 'peer')];
    const replies = await Promise.all(
      // from two addresses: one address gets one password check at a time (a 429 for the other)
      tokens.map((t, i) =>
        server.app.inject({
          method: 'POST',
          url: `/api/invitations/${t}`,
          remoteAddress: `127.0.0.${i + 2}`,
          payload: { username: 'kim', password: PASSWORD },
        }),
      ),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = replies.find((r) => r.statusCode === 409);
    expect(refused?.json()).toMatchObject({ error: { field: 'username' } });
    expect(await server.app.db.selectFrom('users').select('id').where('username', '=', 'kim').execute()).toHaveLength(1);
    await server.close();
  });
});
