/**
 * The organization's allow list (issue 13): an admin allows a phrase and no analysis the server
 * makes flags it any more (saving, /api/analyze); others may read the list but not change it;
 * the list comes and goes in the CLI's configuration shape, and the CLI reads the exported file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';
import { makeMember, makeTeam, type Member } from './members.js';

const NOTE = 'He is a frequent flyer at the clinic. We met at the library and he chose the day.';
const flagsFlyer = (findings: { actual: string }[]): boolean => findings.some((f) => /frequent flyer/i.test(f.actual));

let server: TestServer;
let admin: Member;
let peer: Member;
let supervisor: Member;

beforeAll(async () => {
  server = await startServer();
  const team = await makeTeam(server.app);
  admin = await makeMember(server.app, 'admin', null);
  peer = await makeMember(server.app, 'peer', team);
  supervisor = await makeMember(server.app, 'supervisor', team);
});
afterAll(() => server.close());

async function allowList(who: Member): Promise<string[]> {
  const r = await who.inject({ url: '/api/organization/allow' });
  expect(r.statusCode).toBe(200);
  return (r.json() as { allow: string[] }).allow;
}

async function savedFindings(who: Member): Promise<{ actual: string }[]> {
  const r = await who.inject({ method: 'POST', url: '/api/documents', payload: { title: 'Visit', kind: 'note', text: NOTE } });
  expect(r.statusCode).toBe(201);
  return (r.json() as { analysis: { findings: { actual: string }[] } }).analysis.findings;
}

async function analyzedFindings(who: Member): Promise<{ actual: string }[]> {
  const r = await who.inject({ method: 'POST', url: '/api/analyze', payload: { kind: 'note', text: NOTE } });
  expect(r.statusCode).toBe(200);
  return (r.json() as { analysis: { findings: { actual: string }[] } }).analysis.findings;
}

describe('the allow list', () => {
  it('an admin allows a phrase for everyone: saved and analyzed notes no longer flag it; taken off, they do again', async () => {
    expect(await allowList(peer)).toEqual([]);
    expect((await peer.inject({ url: '/api/organization/allow' })).json().canChange).toBe(false);
    expect((await admin.inject({ url: '/api/organization/allow' })).json().canChange).toBe(true);
    expect(flagsFlyer(await savedFindings(peer))).toBe(true);

    const r = await admin.inject({ method: 'POST', url: '/api/organization/allow', payload: { phrase: '  Frequent   Flyer ' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ allow: ['Frequent Flyer'] });
    // a second time (in another case) adds nothing
    await admin.inject({ method: 'POST', url: '/api/organization/allow', payload: { phrase: 'frequent flyer' } });
    expect(await allowList(peer)).toEqual(['Frequent Flyer']);

    expect(flagsFlyer(await savedFindings(peer))).toBe(false);
    expect(flagsFlyer(await analyzedFindings(supervisor))).toBe(false);

    const d = await admin.inject({ method: 'DELETE', url: '/api/organization/allow?phrase=FREQUENT%20FLYER' });
    expect(d.json()).toEqual({ allow: [] });
    expect(flagsFlyer(await analyzedFindings(peer))).toBe(true);
  });

  it('only an admin changes it, and each change is in the audit log without the phrase', async () => {
    for (const who of [peer, supervisor]) {
      const r = await who.inject({ method: 'POST', url: '/api/organization/allow', payload: { phrase: 'client' } });
      expect(r.statusCode).toBe(403);
      const p = await who.inject({ method: 'PUT', url: '/api/organization/allow', payload: { allow: ['client'] } });
      expect(p.statusCode).toBe(403);
    }
    expect(await allowList(admin)).toEqual([]);
    await admin.inject({ method: 'POST', url: '/api/organization/allow', payload: { phrase: 'client' } });
    const log = await server.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'change-allow-list').execute();
    expect(log.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain('client');
  });

  it('refuses a phrase it cannot read', async () => {
    const r = await admin.inject({ method: 'POST', url: '/api/organization/allow', payload: { phrase: 'bad [phrase' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/cannot be read/);
    const p = await admin.inject({ method: 'PUT', url: '/api/organization/allow', payload: { allow: ['ok', 'bad [x'] } });
    expect(p.statusCode).toBe(400);
    expect(await allowList(admin)).toEqual(['client']);
  });

  it('imports a .peerlensrc.json or a package.json, naming the settings only the CLI uses', async () => {
    const rc = await admin.inject({
      method: 'PUT',
      url: '/api/organization/allow',
      payload: { rules: { 'blame-frequent-flyer': 'error' }, allow: ['frequent flyer', 'client'], deny: ['caseload'] },
    });
    expect(rc.statusCode).toBe(200);
    expect(rc.json()).toEqual({ allow: ['frequent flyer', 'client'], ignored: ['rules', 'deny'] });
    const pkg = await admin.inject({
      method: 'PUT',
      url: '/api/organization/allow',
      payload: { name: 'ours', peerlens: { allow: ['member'] } },
    });
    expect(pkg.json()).toEqual({ allow: ['member'], ignored: [] });
    const none = await admin.inject({ method: 'PUT', url: '/api/organization/allow', payload: { rules: {} } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/no "allow"/);
  });

  it('exports the list as a configuration file the CLI reads', async () => {
    await admin.inject({ method: 'PUT', url: '/api/organization/allow', payload: { allow: ['frequent flyer'] } });
    const r = await peer.inject({ url: '/api/organization/peerlensrc.json' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="peerlensrc\.json"/);
    expect(r.json()).toEqual({ allow: ['frequent flyer'] });

    const cli = fileURLToPath(new URL('../../cli/bin/peerlens.js', import.meta.url));
    expect(existsSync(fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url))), 'npm run build first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'peerlens-allow-'));
    try {
      writeFileSync(join(dir, 'peerlensrc.json'), r.body);
      writeFileSync(join(dir, 'note.txt'), `${NOTE}\n`);
      const run = (args: string[]) => {
        const out = spawnSync(process.execPath, [cli, 'check', ...args, join(dir, 'note.txt'), '-f', 'json'], {
          cwd: dir,
          encoding: 'utf8',
        });
        const files = JSON.parse(out.stdout) as { findings: { actual: string }[] }[] | { files: { findings: { actual: string }[] }[] };
        const list = Array.isArray(files) ? files : files.files;
        return list.flatMap((f) => f.findings);
      };
      expect(flagsFlyer(run(['--no-config']))).toBe(true);
      expect(flagsFlyer(run(['-c', join(dir, 'peerlensrc.json')]))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
