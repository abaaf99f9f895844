/**
 * Accounts (issue 12): the password rules, invitations and reset links that lose their force
 * with their maker's rights, changing one's own password, one-time reset links. The sweep of
 * every route with malformed bodies and the sign-in floods are accounts.slow.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../src/auth/policy.js';
import {
  addMember,
  createTeam,
  injectAs,
  invite,
  login,
  PASSWORD,
  setupAdmin,
  startServer,
  type Member,
  type TestServer,
} from './helpers.js';
import { buildWorld } from './world.js';

describe('the password rules', () => {
  it.each([
    ['eleven char', /at least 12/],
    [' '.repeat(12), /only spaces/],
    ['\t \u00a0'.repeat(5), /only spaces/],
    ['1qaz2wsx3edc', /common passwords/],
    ['QWERTY123456', /common passwords/],
    ['Sunshine2024!', /common passwords/],
    ['iloveyou iloveyou', /common passwords|repeats/],
    ['abcabcabcabc', /repeats/],
    ['aaaaaaaaaaaaaaaa', /repeats|common/],
    ['x'.repeat(201), /at most 200/],
  ])('refuses %j', (password, why) => {
    expect(passwordProblem(password)).toMatch(why);
  });

  it.each(['a long test password', 'correct horse battery', 'ferry-lantern-oak-17', 'Tuesday group at noon!'])('takes %j', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it('applies to setup, invitations, changes and resets, naming the field', async () => {
    const s = await startServer({ demo: false });
    try {
      const spaces = await s.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'ada', name: 'Ada', password: ' '.repeat(14) },
      });
      expect(spaces.statusCode).toBe(400);
      expect(spaces.json().error).toMatchObject({ code: 'invalid', field: 'password' });
      expect(spaces.json().error.message).toMatch(/A password cannot be only spaces\./);
      const common = await s.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'ada', name: 'Ada', password: 'qwerty123456' },
      });
      expect(common.json().error.message).toMatch(/common passwords/);
      const admin = await setupAdmin(s.app);
      const token = await invite(s.app, admin, 'Jo', 'peer');
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/invitations/${token}`,
        payload: { username: 'jo', password: 'elevenchars' },
      });
      expect(r.json().error).toMatchObject({ field: 'password' });
      expect(r.json().error.message).toMatch(/A password needs at least 12 characters\./);
      const change = await injectAs(
        s.app,
        admin,
      )({
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: PASSWORD, newPassword: 'password1234' },
      });
      expect(change.json().error).toMatchObject({ field: 'newPassword' });
    } finally {
      await s.close();
    }
  });
});

describe('accounts', () => {
  let server: TestServer;
  let admin: Member;
  let teamId: string;
  beforeAll(async () => {
    server = await startServer({ demo: false });
    admin = await setupAdmin(server.app);
    teamId = await createTeam(server.app, admin, 'North');
  });
  afterAll(() => server.close());
  const as = (m: Member) => injectAs(server.app, m);

  it('an invitation made by an admin later disabled or demoted creates no one', async () => {
    const second = await addMember(server.app, admin, 'root2', 'admin');
    const forAdmin = await invite(server.app, second, 'Mallory', 'admin');
    const forPeer = await invite(server.app, second, 'Pia', 'peer', teamId);
    // while its maker is an admin it works (checked without using it)
    expect((await server.app.inject(`/api/invitations/${forAdmin}`)).statusCode).toBe(200);
    expect((await as(admin)({ method: 'PATCH', url: `/api/members/${second.id}`, payload: { disabled: true } })).statusCode).toBe(200);
    for (const token of [forAdmin, forPeer]) {
      const preview = await server.app.inject(`/api/invitations/${token}`);
      expect(preview.statusCode).toBe(410);
      expect(preview.json().error.message).toMatch(/no longer manages this workspace/);
      const r = await server.app.inject({
        method: 'POST',
        url: `/api/invitations/${token}`,
        payload: {
          username: `m-${token
            .slice(0, 6)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, 'x')}`,
          password: PASSWORD,
        },
      });
      expect(r.statusCode).toBe(410);
    }
    // enabled again but demoted: still no force
    await as(admin)({ method: 'PATCH', url: `/api/members/${second.id}`, payload: { disabled: false } });
    expect((await as(admin)({ method: 'PATCH', url: `/api/members/${second.id}`, payload: { role: 'peer' } })).statusCode).toBe(200);
    expect((await server.app.inject(`/api/invitations/${forAdmin}`)).statusCode).toBe(410);
    // made admin again: the link works again (its maker has the right to invite)
    const back = await as(admin)({ method: 'PATCH', url: `/api/members/${second.id}`, payload: { role: 'admin' } });
    expect(back.json(), back.body).toMatchObject({ role: 'admin', disabled: false });
    expect((await server.app.inject(`/api/invitations/${forPeer}`)).statusCode).toBe(200);
    const users = await server.app.db.selectFrom('users').select('name').execute();
    expect(users.map((u) => u.name)).not.toContain('Mallory');
  });

  it('every member changes their own password; other sessions end; the old password stops working', async () => {
    const pat = await addMember(server.app, admin, 'pat', 'peer', teamId);
    const elsewhere = await login(server.app, 'pat');
    const wrong = await as(pat)({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'not it at all', newPassword: 'ferry lantern oak' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'currentPassword' });
    const r = await as(pat)({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'ferry lantern oak' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user.username).toBe('pat');
    const fresh = /peerlens_session=([^;]+)/.exec([r.headers['set-cookie']].flat().join('\n'))?.[0] ?? '';
    // the session that asked is renewed; every other one ended
    expect((await server.app.inject({ url: '/api/me/visibility', headers: { cookie: fresh } })).statusCode).toBe(200);
    expect((await as(elsewhere)({ url: '/api/me/visibility' })).statusCode).toBe(401);
    expect((await as(pat)({ url: '/api/me/visibility' })).statusCode).toBe(401);
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'pat', password: PASSWORD } })).statusCode,
    ).toBe(401);
    await login(server.app, 'pat', 'ferry lantern oak');
  });

  it('after 5 wrong current passwords, 429 even for the right one', async () => {
    const kim = await addMember(server.app, admin, 'kim', 'peer', teamId);
    for (let i = 0; i < 5; i++)
      expect(
        (
          await as(kim)({
            method: 'POST',
            url: '/api/me/password',
            payload: { currentPassword: `wrong ${i} guess`, newPassword: 'ferry lantern oak' },
          })
        ).statusCode,
      ).toBe(400);
    const r = await as(kim)({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'ferry lantern oak' },
    });
    expect(r.statusCode).toBe(429);
  });

  it('an admin issues a one-time reset link: it expires, works once, and a newer link replaces it', async () => {
    const lou = await addMember(server.app, admin, 'lou', 'peer', teamId, 'Lou');
    const make = async (): Promise<string> => {
      const r = await as(admin)({ method: 'POST', url: `/api/members/${lou.id}/password-reset` });
      expect(r.statusCode, r.body).toBe(201);
      expect(new Date(r.json().expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
      return (r.json().link as string).replace('/reset/', '');
    };
    const first = await make();
    const second = await make();
    expect((await server.app.inject(`/api/password-resets/${first}`)).statusCode).toBe(404);
    expect((await server.app.inject(`/api/password-resets/${second}`)).json()).toMatchObject({ name: 'Lou', username: 'lou' });
    const weak = await server.app.inject({ method: 'POST', url: `/api/password-resets/${second}`, payload: { password: 'password' } });
    expect(weak.statusCode).toBe(400);
    const done = await server.app.inject({
      method: 'POST',
      url: `/api/password-resets/${second}`,
      payload: { password: 'ferry lantern oak' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.username).toBe('lou');
    // used once; the member's old sessions ended; the new password signs in
    expect(
      (await server.app.inject({ method: 'POST', url: `/api/password-resets/${second}`, payload: { password: 'another long one' } }))
        .statusCode,
    ).toBe(410);
    expect((await as(lou)({ url: '/api/me/visibility' })).statusCode).toBe(401);
    await login(server.app, 'lou', 'ferry lantern oak');
    // expired
    const third = await make();
    await server.app.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', lou.id)
      .execute();
    expect((await server.app.inject(`/api/password-resets/${third}`)).statusCode).toBe(410);
    // made by an admin since disabled
    const other = await addMember(server.app, admin, 'root3', 'admin');
    const r = await as(other)({ method: 'POST', url: `/api/members/${lou.id}/password-reset` });
    const fourth = (r.json().link as string).replace('/reset/', '');
    await as(admin)({ method: 'PATCH', url: `/api/members/${other.id}`, payload: { disabled: true } });
    expect(
      (await server.app.inject({ method: 'POST', url: `/api/password-resets/${fourth}`, payload: { password: 'another long one' } }))
        .statusCode,
    ).toBe(410);
    // only an admin makes one
    expect((await as(lou)({ method: 'POST', url: `/api/members/${lou.id}/password-reset` })).statusCode).toBe(401);
    const audit = (await as(admin)({ url: '/api/audit?pageSize=200' })).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['create-password-reset', 'use-password-reset', 'change-password']));
  });
});

describe('no 500 for a malformed or empty body', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 0 });
    world = await buildWorld(server.app);
  });
  afterAll(() => server.close());

  it('PATCH /api/members/:id with {} is a 400 that says what to send', async () => {
    const admin = world.members.admin;
    const r = await injectAs(server.app, admin)({ method: 'PATCH', url: `/api/members/${admin.id}`, payload: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/at least one of role, teamId, disabled or name/);
  });
});
