/** Sign-in, people and privacy (issue 5): setup, login and its limit, CSRF, invitations, members, visibility, settings, export, audit, deletion, retention. */
import { analyze } from '@peerlens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLimiter } from '../src/auth/ratelimit.js';
import { purgeExpired } from '../src/features/privacy/service.js';
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

const NOTE = 'The client is noncompliant with meds. I shared my own story of a hard winter, and we planned her week together.';

describe('first start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ demo: false });
  });
  afterAll(() => server.close());

  it('asks for the admin account until one exists, even when other members exist', async () => {
    // a demo (another part) may seed members who are not admins
    await server.app.db
      .insertInto('users')
      .values({
        id: 'demo-1',
        username: 'demo',
        name: 'Demo',
        role: 'peer',
        team_id: null,
        password_hash: null,
        created_at: '2026-01-01T00:00:00.000Z',
        disabled_at: null,
      })
      .execute();
    expect((await server.app.inject('/api/session')).json()).toEqual({ user: null, csrf: null, setupNeeded: true });
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'Ada', name: 'Ada Admin', password: PASSWORD, teamName: 'North' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      user: { username: 'ada', name: 'Ada Admin', role: 'admin', teamId: expect.any(String) },
      csrf: expect.any(String),
    });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^peerlens_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = await server.app.inject({ url: '/api/session', headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(session.json()).toMatchObject({ user: { username: 'ada' }, setupNeeded: false, csrf: r.json().csrf });
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'eve', name: 'Eve', password: PASSWORD },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('refuses a short password and a bad username, naming the field', async () => {
    const fresh = await startServer({ demo: false });
    const short = await fresh.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'ada', name: 'Ada', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'invalid', field: 'password' });
    const bad = await fresh.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'a d', name: 'Ada', password: PASSWORD },
    });
    expect(bad.json().error).toMatchObject({ code: 'invalid', field: 'username' });
    await fresh.close();
  });
});

describe('signing in', () => {
  let server: TestServer;
  let admin: Member;
  const limiter = new FailureLimiter(5, 15 * 60_000);
  beforeAll(async () => {
    server = await startServer({ demo: false, loginLimiter: limiter });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.close());

  it('signs in with the right password and out again', async () => {
    const m = await login(server.app, 'ADMIN ');
    expect((await server.app.inject({ url: '/api/documents', headers: m.headers })).statusCode).toBe(200);
    const out = await server.app.inject({ method: 'POST', url: '/api/logout', headers: m.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^peerlens_session=;/);
    expect((await server.app.inject({ url: '/api/documents', headers: m.headers })).statusCode).toBe(401);
  });

  it('ends the session the browser already had when someone signs in', async () => {
    const first = await login(server.app, 'admin');
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: first.headers,
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    expect((await server.app.inject({ url: '/api/documents', headers: first.headers })).statusCode).toBe(401);
  });

  it('answers an unknown username and a wrong password alike', async () => {
    const unknown = await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'nobody', password: PASSWORD } });
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'admin', password: 'wrong password!' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('after 5 failures for one username from one address, answers 429 with Retry-After, even for the right password', async () => {
    await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: PASSWORD } }); // clears the earlier failure
    for (let i = 0; i < 5; i++)
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: `wrong ${i}` } })).statusCode,
      ).toBe(401);
    const r = await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: PASSWORD } });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('rate_limited');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(800);
    // another address is not held back
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '10.0.0.9',
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('lets the limit lapse after its window', () => {
    const l = new FailureLimiter(2, 1000);
    l.fail('k', 0);
    l.fail('k', 10);
    expect(l.retryAfter('k', 20)).toBe(1);
    expect(l.retryAfter('k', 1005)).toBe(0);
  });

  it('refuses a change without the CSRF token (403), and with a wrong one', async () => {
    const payload = { title: 'x', kind: 'note', text: 'We met.' };
    const none = await server.app.inject({ method: 'POST', url: '/api/documents', headers: { cookie: admin.cookie }, payload });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('forbidden');
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'nope' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await server.app.inject({ method: 'POST', url: '/api/documents', headers: admin.headers, payload });
    expect(right.statusCode).toBe(201);
  });

  it('marks the cookie Secure when the request came over https, and trusts no X-Forwarded-Proto', async () => {
    const plain = await server.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(String(plain.headers['set-cookie'])).not.toContain('Secure');
  });
});

describe('invitations and members', () => {
  let server: TestServer;
  let admin: Member;
  let team = '';
  beforeAll(async () => {
    server = await startServer({ demo: false });
    admin = await setupAdmin(server.app);
    team = await createTeam(server.app, admin, 'East');
  });
  afterAll(() => server.close());
  const asAdmin = () => injectAs(server.app, admin);

  it('makes a one-time link; the new member chooses a username and password and is signed in', async () => {
    const created = await asAdmin()({ method: 'POST', url: '/api/invitations', payload: { name: 'Jo Peer', role: 'peer', teamId: team } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Jo Peer',
      role: 'peer',
      teamId: team,
      teamName: 'East',
      link: expect.stringMatching(/^\/invite\/[\w-]{40,}$/),
    });
    const token = created.json().link.slice('/invite/'.length);
    const pending = (await asAdmin()('/api/invitations')).json().invitations;
    expect(pending).toHaveLength(1);
    expect(JSON.stringify(pending)).not.toContain(token);
    expect((await server.app.inject(`/api/invitations/${token}`)).json()).toMatchObject({
      name: 'Jo Peer',
      role: 'peer',
      teamName: 'East',
    });
    const short = await server.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}`,
      payload: { username: 'jo', password: 'too short' },
    });
    expect(short.json().error).toMatchObject({ code: 'invalid', field: 'password' });
    const taken = await server.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}`,
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(taken.statusCode).toBe(409);
    const r = await server.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}`,
      payload: { username: 'jo', password: PASSWORD },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().user).toMatchObject({ username: 'jo', name: 'Jo Peer', role: 'peer', teamId: team });
    const used = await server.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}`,
      payload: { username: 'jo2', password: PASSWORD },
    });
    expect(used.statusCode).toBe(410);
    expect(used.json().error.code).toBe('gone');
    expect((await asAdmin()('/api/invitations')).json().invitations).toEqual([]);
  });

  it('refuses an expired or revoked link', async () => {
    const token = await invite(server.app, admin, 'Late', 'peer');
    await server.app.db.updateTable('invitations').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('name', '=', 'Late').execute();
    const r = await server.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}`,
      payload: { username: 'late', password: PASSWORD },
    });
    expect(r.statusCode).toBe(410);
    expect(r.json().error.message).toMatch(/expired/);
    const revoked = await invite(server.app, admin, 'Revoked', 'peer');
    const id = (await asAdmin()('/api/invitations')).json().invitations.find((i: { name: string }) => i.name === 'Revoked').id;
    expect((await asAdmin()({ method: 'DELETE', url: `/api/invitations/${id}` })).statusCode).toBe(204);
    expect((await server.app.inject(`/api/invitations/${revoked}`)).statusCode).toBe(404);
  });

  it('lists, renames and changes teams and members; a disabled member is signed out and cannot sign in', async () => {
    const sam = await addMember(server.app, admin, 'sam', 'peer', team, 'Sam');
    expect((await asAdmin()({ method: 'PATCH', url: `/api/teams/${team}`, payload: { name: 'East side' } })).json()).toMatchObject({
      name: 'East side',
      members: 2,
    });
    expect((await asAdmin()({ method: 'POST', url: '/api/teams', payload: { name: 'East side' } })).statusCode).toBe(409);
    const members = (await asAdmin()('/api/members')).json().members;
    expect(members.map((m: { username: string }) => m.username).sort()).toEqual(['admin', 'jo', 'sam']);
    const promoted = await asAdmin()({ method: 'PATCH', url: `/api/members/${sam.id}`, payload: { role: 'supervisor' } });
    expect(promoted.json()).toMatchObject({ role: 'supervisor', teamName: 'East side', disabled: false });
    // a change of role signs them out
    expect((await server.app.inject({ url: '/api/documents', headers: sam.headers })).statusCode).toBe(401);
    const again = await login(server.app, 'sam');
    expect((await asAdmin()({ method: 'PATCH', url: `/api/members/${sam.id}`, payload: { disabled: true } })).json().disabled).toBe(true);
    expect((await server.app.inject({ url: '/api/documents', headers: again.headers })).statusCode).toBe(401);
    const r = await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'sam', password: PASSWORD } });
    expect(r.statusCode).toBe(401);
    expect((await asAdmin()({ method: 'PATCH', url: `/api/members/${sam.id}`, payload: { teamId: 'no-such-team' } })).statusCode).toBe(400);
  });

  it('keeps at least one active admin', async () => {
    const r = await asAdmin()({ method: 'PATCH', url: `/api/members/${admin.id}`, payload: { role: 'peer' } });
    expect(r.statusCode).toBe(409);
    expect((await asAdmin()({ method: 'PATCH', url: `/api/members/${admin.id}`, payload: { disabled: true } })).statusCode).toBe(409);
  });
});

describe('documents and who sees them', () => {
  let server: TestServer;
  let admin: Member;
  let peer: Member;
  let peer2: Member;
  let supervisor: Member;
  let leader: Member;
  beforeAll(async () => {
    server = await startServer({ demo: false });
    admin = await setupAdmin(server.app);
    const team = await createTeam(server.app, admin, 'North');
    peer = await addMember(server.app, admin, 'pat', 'peer', team, 'Pat Peer');
    peer2 = await addMember(server.app, admin, 'kim', 'peer', team, 'Kim Peer');
    supervisor = await addMember(server.app, admin, 'sue', 'supervisor', team, 'Sue Supervisor');
    leader = await addMember(server.app, admin, 'lee', 'leader', team, 'Lee Leader');
  });
  afterAll(() => server.close());

  it('saves a note with its author, team, date written and content hash', async () => {
    const r = await injectAs(
      server.app,
      peer,
    )({ method: 'POST', url: '/api/documents', payload: { title: 'March visit', kind: 'note', text: NOTE, writtenAt: '2026-03-02' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ authorId: peer.id, writtenAt: '2026-03-02' });
    const row = await server.app.db.selectFrom('documents').selectAll().where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.team_id).toBe(peer.teamId);
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists only what each member may read: a peer their own, a supervisor the team’s, a leader their own', async () => {
    const kim = (
      await injectAs(
        server.app,
        peer2,
      )({ method: 'POST', url: '/api/documents', payload: { title: 'Kim note', kind: 'note', text: 'We met.' } })
    ).json();
    const titles = async (m: Member) =>
      ((await injectAs(server.app, m)('/api/documents')).json().documents as { title: string }[]).map((d) => d.title).sort();
    expect(await titles(peer)).toEqual(['March visit']);
    expect(await titles(peer2)).toEqual(['Kim note']);
    expect(await titles(supervisor)).toEqual(['Kim note', 'March visit']);
    expect(await titles(leader)).toEqual([]);
    expect(await titles(admin)).toEqual([]);
    const r = await injectAs(server.app, peer)(`/api/documents/${kim.id}`);
    expect(r.statusCode).toBe(404);
  });

  it('records views and report downloads in the audit log, without any text', async () => {
    const id = (await injectAs(server.app, peer)('/api/documents')).json().documents[0].id;
    await injectAs(server.app, supervisor)(`/api/documents/${id}`);
    await injectAs(server.app, supervisor)(`/api/documents/${id}/report`);
    const log = (await injectAs(server.app, admin)('/api/audit?pageSize=200')).json();
    expect(log.entries.slice(0, 2)).toMatchObject([
      { action: 'export-report', userId: supervisor.id, userName: 'Sue Supervisor', targetType: 'document', targetId: id },
      { action: 'view-document', userId: supervisor.id, targetType: 'document', targetId: id },
    ]);
    expect(log.total).toBeGreaterThan(5);
    expect(JSON.stringify(log)).not.toMatch(/noncompliant|March visit/);
    const page2 = (await injectAs(server.app, admin)('/api/audit?page=2&pageSize=2')).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 2 });
    expect(page2.entries).toHaveLength(2);
  });

  it('tells a member who can see their documents', async () => {
    const v = (await injectAs(server.app, peer)('/api/me/visibility')).json();
    expect(v.readers).toEqual([
      { name: 'Pat Peer', role: 'peer', reason: 'you' },
      { name: 'Sue Supervisor', role: 'supervisor', reason: 'supervisor' },
    ]);
    expect(v.aggregatesOnly).toEqual(['leader', 'admin']);
    expect(v).toMatchObject({ keepText: true, retentionDays: null });
  });

  it("deletes a person's data (they themselves, or an admin), and records it", async () => {
    expect((await injectAs(server.app, peer)({ method: 'DELETE', url: `/api/people/${peer2.id}/data` })).statusCode).toBe(403);
    const r = await injectAs(server.app, peer2)({ method: 'DELETE', url: `/api/people/${peer2.id}/data` });
    expect(r.statusCode).toBe(200);
    expect(r.json().deleted.documents).toBe(1);
    expect((await injectAs(server.app, peer2)('/api/documents')).json().documents).toEqual([]);
    // the account stays; the other peer's note stays
    expect((await injectAs(server.app, peer)('/api/documents')).json().documents).toHaveLength(1);
    const log = (await injectAs(server.app, admin)('/api/audit')).json();
    expect(log.entries[0]).toMatchObject({ action: 'delete-person-data', userId: peer2.id, targetId: peer2.id });
    const byAdmin = await injectAs(server.app, admin)({ method: 'DELETE', url: `/api/people/${peer.id}/data` });
    expect(byAdmin.json().deleted.documents).toBe(1);
    expect((await injectAs(server.app, admin)({ method: 'DELETE', url: `/api/people/nobody/data` })).statusCode).toBe(404);
  });
});

describe('privacy settings', () => {
  let server: TestServer;
  let admin: Member;
  beforeAll(async () => {
    server = await startServer({ demo: false });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.close());
  const inject = () => injectAs(server.app, admin);

  it('keeps text by default, with no retention period', async () => {
    expect((await inject()('/api/settings')).json()).toEqual({ keepText: true, retentionDays: null });
    expect((await inject()({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: 0 } })).statusCode).toBe(400);
  });

  it('with keepText off, keeps the analysis and profile but not the words, and blanks what was saved before', async () => {
    const before = (
      await inject()({ method: 'POST', url: '/api/documents', payload: { title: 'Earlier', kind: 'note', text: NOTE } })
    ).json();
    const role = (
      await inject()({
        method: 'POST',
        url: '/api/documents',
        payload: { title: 'Role', kind: 'role', text: '- Serve as representative payee for members.' },
      })
    ).json();
    const r = await inject()({ method: 'PUT', url: '/api/settings', payload: { keepText: false, retentionDays: null } });
    expect(r.json()).toEqual({ keepText: false, retentionDays: null });
    const after = (await inject()({ method: 'POST', url: '/api/documents', payload: { title: 'Later', kind: 'note', text: NOTE } })).json();
    const expected = analyze(NOTE);
    for (const id of [before.id, after.id]) {
      const doc = (await inject()(`/api/documents/${id}`)).json();
      expect(doc.text).toBe('');
      expect(doc.analysis.profile).toEqual(JSON.parse(JSON.stringify(expected.profile)));
      expect(doc.analysis.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expected.findings.map((f) => f.ruleId));
      expect(doc.analysis.sentences.map((s: { label: string }) => s.label)).toEqual(expected.sentences.map((s) => s.label));
      const raw = await server.app.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // the rules' own explanations may name a term; the note's words appear nowhere
      expect(raw.text + raw.analysis + raw.profile + raw.summary).not.toMatch(/winter|her week|client is|with meds/i);
      const report = await inject()(`/api/documents/${id}/report?format=html`);
      expect(report.statusCode).toBe(200);
      expect(report.body).not.toMatch(/winter|with meds/);
    }
    const roleDoc = (await inject()(`/api/documents/${role.id}`)).json();
    expect(roleDoc.role.counts.conflict).toBe(1);
    expect(JSON.stringify(roleDoc)).not.toMatch(/Serve as|for members/);
    // a rename keeps the findings
    const renamed = (await inject()({ method: 'PUT', url: `/api/documents/${after.id}`, payload: { title: 'Renamed' } })).json();
    expect(renamed.analysis.findings.length).toBe(expected.findings.length);
    await inject()({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: null } });
  });

  it('deletes documents written longer ago than the retention period, at once and on the daily run', async () => {
    const old = (
      await inject()({
        method: 'POST',
        url: '/api/documents',
        payload: { title: 'Old', kind: 'note', text: 'We met.', writtenAt: '2020-01-01' },
      })
    ).json();
    const recent = (
      await inject()({ method: 'POST', url: '/api/documents', payload: { title: 'Recent', kind: 'note', text: 'We met.' } })
    ).json();
    await inject()({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: 365 } });
    expect((await inject()(`/api/documents/${old.id}`)).statusCode).toBe(404);
    expect((await inject()(`/api/documents/${recent.id}`)).statusCode).toBe(200);
    // the daily run, a year and a day later
    expect(await purgeExpired(server.app.db, new Date(Date.now() + 366 * 86_400_000))).toBeGreaterThan(0);
    expect((await inject()(`/api/documents/${recent.id}`)).statusCode).toBe(404);
    const log = (await inject()('/api/audit')).json();
    expect(log.entries.some((e: { action: string; userId: string | null }) => e.action === 'retention-purge' && e.userId === null)).toBe(
      true,
    );
  });

  it('purges on start', async () => {
    const dataDir = server.dataDir;
    await server.app.db.updateTable('settings').set({ value: '30' }).where('key', '=', 'retention_days').execute();
    const doc = (
      await inject()({
        method: 'POST',
        url: '/api/documents',
        payload: { title: 'Old', kind: 'note', text: 'We met.', writtenAt: '2021-05-05' },
      })
    ).json();
    // retention is applied only by the purge; the row is still there until a start or the daily run
    await server.app.close();
    server = await startServer({ dataDir, demo: false });
    const raw = await server.app.db.selectFrom('documents').select('id').where('id', '=', doc.id).executeTakeFirst();
    expect(raw).toBeUndefined();
    admin = await login(server.app, 'admin');
  });

  it('exports the whole workspace as a JSON download without secrets, and records it', async () => {
    await inject()({ method: 'POST', url: '/api/documents', payload: { title: 'Kept', kind: 'note', text: NOTE } });
    const r = await inject()('/api/export');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="peerlens-workspace-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = r.json();
    expect(body).toMatchObject({ format: 'peerlens-workspace', version: 1 });
    expect(Object.keys(body.tables)).toEqual(
      expect.arrayContaining(['documents', 'users', 'teams', 'audit_log', 'invitations', 'settings']),
    );
    expect(body.tables.sessions).toBeUndefined();
    expect(body.tables.documents.find((d: { title: string }) => d.title === 'Kept').analysis.findings.length).toBeGreaterThan(0);
    expect(r.body).not.toMatch(/password_hash|token_hash|scrypt\$/);
    expect((await inject()('/api/audit')).json().entries[0]).toMatchObject({ action: 'export-workspace', userId: admin.id });
  });
});
