/**
 * The demo workspace over its life (issue 13, item 10; decision 016): every account printed at
 * first start with the password; the password shown again to an admin (never in an export) while
 * an account still uses it; removed for good by an admin, gone from the database's files as bytes;
 * never seeded again; and PEERLENS_DEMO=0 starts a new workspace without it, for good.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { announceDemo, demoFromEnv, seedDemo } from '../src/features/demo/service.js';
import { DEMO_MEMBERS } from '../src/features/demo/team.js';
import { markers, onDisk } from './disk.js';
import { injectAs, login, PASSWORD, setupAdmin, startServer, tempDir } from './helpers.js';
import { setupAdminOver, startProcess } from './process.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the demo workspace', () => {
  it('prints every account, shows the password to the admin only, and is removed for good, bytes and all', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const server = await startServer({ dataDir, demo: false });
    const printed: string[] = [];
    expect(await seedDemo(server.app.db, (l) => printed.push(l))).toBe(true);
    const password = /all use the password (\S+)$/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password).not.toBe('');
    // every demo account is printed, and signs in with that password
    for (const m of DEMO_MEMBERS) {
      expect(printed.some((l) => l.startsWith(`  ${m.username} (${m.name}, ${m.role}`))).toBe(true);
      expect((await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: m.username, password } })).statusCode).toBe(
        200,
      );
    }

    const admin = injectAs(server.app, await setupAdmin(server.app));
    const shown = (await admin('/api/demo/workspace')).json();
    expect(shown).toMatchObject({ present: true, team: 'Riverside peer team', password });
    expect(shown.accounts.map((a: { username: string; usesDemoPassword: boolean }) => [a.username, a.usesDemoPassword])).toEqual(
      DEMO_MEMBERS.map((m) => [m.username, true]),
    );
    expect(shown.documents).toBeGreaterThan(100);
    // only to an admin, and never in the workspace export
    const casey = await login(server.app, 'demo-casey', password);
    expect((await injectAs(server.app, casey)('/api/demo/workspace')).statusCode).toBe(403);
    expect((await server.app.inject({ url: '/api/demo/workspace' })).statusCode).toBe(401);
    const exported = await admin('/api/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(password);

    // a demo member who chose their own password no longer counts; a later start names the rest, without the password
    const changed = await injectAs(
      server.app,
      casey,
    )({ method: 'POST', url: '/api/me/password', payload: { currentPassword: password, newPassword: PASSWORD } });
    expect(changed.statusCode).toBe(200);
    const after = (await admin('/api/demo/workspace')).json();
    expect(after.accounts.find((a: { username: string }) => a.username === 'demo-casey').usesDemoPassword).toBe(false);
    expect(after.password).toBe(password);
    const later: string[] = [];
    await announceDemo(server.app.db, (l) => later.push(l));
    expect(later).toHaveLength(1);
    expect(later[0]).toContain('demo-jordan (supervisor), demo-alex (peer), demo-robin (peer) still sign in with the demo password');
    expect(later[0]).not.toContain('demo-casey');
    expect(later[0]).not.toContain(password);

    // words a demo member wrote, and a demo team's title: on disk now
    const words = markers('note', 'title');
    const alex = injectAs(server.app, await login(server.app, 'demo-alex', password));
    const note = await alex({
      method: 'POST',
      url: '/api/documents',
      payload: { title: `Alex ${words.title}`, kind: 'note', text: `We talked about ${words.note} at the library.` },
    });
    expect(note.statusCode).toBe(201);
    expect(onDisk(dataDir, Object.values(words)).length).toBeGreaterThan(0);

    const removed = await admin({ method: 'DELETE', url: '/api/demo' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().removed).toMatchObject({ accounts: 4, team: true });
    expect(removed.json().removed.documents).toBe(shown.documents + 1);
    // gone: the accounts, their documents, the examples, the team, the password, as bytes too
    expect((await admin('/api/demo/workspace')).json()).toMatchObject({ present: false, accounts: [], documents: 0, password: null });
    expect((await admin('/api/documents')).json().documents).toEqual([]);
    expect((await admin('/api/teams')).json().teams.map((t: { name: string }) => t.name)).not.toContain('Riverside peer team');
    expect((await server.app.inject({ url: '/api/demo' })).json().demoLogins).toEqual([]);
    for (const m of DEMO_MEMBERS)
      expect((await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: m.username, password } })).statusCode).toBe(
        401,
      );
    expect(onDisk(dataDir, [...Object.values(words), password])).toEqual([]);
    // removing it again removes nothing
    expect((await admin({ method: 'DELETE', url: '/api/demo' })).json().removed).toEqual({ accounts: 0, documents: 0, team: false });
    await server.close();

    // a later start does not bring it back
    const again = await startServer({ dataDir });
    const admin2 = injectAs(again.app, await login(again.app, 'admin'));
    expect((await admin2('/api/documents')).json().documents).toEqual([]);
    expect((await admin2('/api/members')).json().members.map((m: { username: string }) => m.username)).toEqual(['admin']);
    await again.close();
  });

  it('keeps the demo team when someone real was put in it, and removes the rest', async () => {
    const server = await startServer({ demo: false });
    await seedDemo(server.app.db, () => undefined);
    const adminMember = await setupAdmin(server.app);
    const admin = injectAs(server.app, adminMember);
    const team = (await admin('/api/teams')).json().teams.find((t: { name: string }) => t.name === 'Riverside peer team');
    const invite = await admin({
      method: 'POST',
      url: '/api/invitations',
      payload: { name: 'Real Person', role: 'peer', teamId: team.id },
    });
    const token = (invite.json().link as string).replace('/invite/', '');
    expect(
      (await server.app.inject({ method: 'POST', url: `/api/invitations/${token}`, payload: { username: 'real', password: PASSWORD } }))
        .statusCode,
    ).toBe(201);
    const removed = (await admin({ method: 'DELETE', url: '/api/demo' })).json().removed;
    expect(removed).toMatchObject({ accounts: 4, team: false });
    const members = (await admin('/api/members')).json().members as { username: string; teamName: string | null }[];
    expect(members.map((m) => m.username).sort()).toEqual(['admin', 'real']);
    expect(members.find((m) => m.username === 'real')?.teamName).toBe('Riverside peer team');
    await server.close();
  });

  it('reads PEERLENS_DEMO', () => {
    expect(demoFromEnv({})).toBe(true);
    expect(demoFromEnv({ PEERLENS_DEMO: '1' })).toBe(true);
    for (const off of ['0', 'false', 'no', 'OFF', ' 0 ']) expect(demoFromEnv({ PEERLENS_DEMO: off })).toBe(false);
  });

  it('with PEERLENS_DEMO=0 a new workspace starts without the demo, and a later start without it set does not add it', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startProcess(dataDir, { PEERLENS_DEMO: '0' });
    try {
      expect(first.output()).not.toContain('Demo workspace');
      expect(await (await fetch(`${first.url}/api/demo`)).json()).toEqual({ demoLogins: [] });
      const admin = await setupAdminOver(first.url);
      expect(await (await admin.call('GET', '/api/documents')).json()).toEqual({ documents: [] });
    } finally {
      await first.kill('SIGTERM');
    }
    const second = await startProcess(dataDir);
    try {
      expect(second.output()).not.toContain('Demo workspace');
      expect(await (await fetch(`${second.url}/api/demo`)).json()).toEqual({ demoLogins: [] });
    } finally {
      await second.kill('SIGTERM');
    }
  });

  it('a server started with the demo prints it at first start, and at a later start names the accounts without the password', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startProcess(dataDir);
    const password = /all use the password (\S+)/.exec(first.output())?.[1] ?? '';
    try {
      expect(password).not.toBe('');
      for (const m of DEMO_MEMBERS) expect(first.output()).toContain(`  ${m.username} (${m.name}, ${m.role}`);
    } finally {
      await first.kill('SIGTERM');
    }
    const second = await startProcess(dataDir);
    try {
      expect(second.output()).toContain(
        'Demo workspace: demo-jordan (supervisor), demo-alex (peer), demo-casey (peer), demo-robin (peer) still sign in with the demo password',
      );
      expect(second.output()).not.toContain(password);
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
