/** A session in use is extended, at most once a minute (issue 15: a write per request capped the server). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession, EXTEND_EVERY_MS, userForToken } from '../src/auth/sessions.js';
import { startServer, type TestServer } from './helpers.js';
import { makeMember } from './members.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ demo: false });
});
afterAll(() => server.close());

it('extends a session in use once a minute, not on every request, and ends it 12 hours after its last extension', async () => {
  const db = server.app.db;
  const member = await makeMember(server.app, 'peer', null);
  const t0 = new Date('2030-01-01T10:00:00.000Z');
  const { token } = await createSession(db, member.id, t0);
  const expiry = async (): Promise<string> =>
    (
      await db
        .selectFrom('sessions')
        .select('expires_at')
        .where('user_id', '=', member.id)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).expires_at;
  const first = await expiry();
  expect(await userForToken(db, token, new Date(t0.getTime() + 30_000))).not.toBeNull();
  expect(await expiry()).toBe(first);
  const later = new Date(t0.getTime() + EXTEND_EVERY_MS + 1000);
  expect(await userForToken(db, token, later)).not.toBeNull();
  expect(await expiry()).toBe(new Date(later.getTime() + 12 * 3_600_000).toISOString());
  expect(await userForToken(db, token, new Date(later.getTime() + 12 * 3_600_000 + 1))).toBeNull();
});
