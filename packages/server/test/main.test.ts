/** main.ts as a person runs it: prints the address, serves, and closes the database cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dataDir = join(tempDir(), 'data');
afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

describe('main', () => {
  it('listens on PORT and HOST, prints only its URL, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(m[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${String(code)}: ${err}`)));
    });
    // first start: the demo workspace (its password, each account, where to see and remove it), then the address
    const lines = out.split('\n');
    expect(lines[0]).toMatch(
      /^Demo workspace \(Riverside peer team: made-up people and notes\)\. Its 4 accounts all use the password [\w-]+$/,
    );
    expect(lines.slice(1, 5).map((l) => l.split(' (')[0])).toEqual(['  demo-jordan', '  demo-alex', '  demo-casey', '  demo-robin']);
    expect(lines[5]).toMatch(/^An admin sees this password again in Settings/);
    expect(lines.slice(6).join('\n')).toBe(`PeerLens is running at ${url}\n`);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ ok: true, ready: true, version: '0.1.0' });
    // signed out: 401; the first admin signs in over plain http (no Secure flag), and sees the demo
    expect((await fetch(`${url}/api/documents`)).status).toBe(401);
    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', name: 'Avery Admin', password: 'a long test password' }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^peerlens_session=[^;]+;.*HttpOnly/);
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const docs = (await (await fetch(`${url}/api/documents`, { headers: { cookie: cookie.split(';')[0] ?? '' } })).json()) as {
      documents: unknown[];
    };
    expect(docs.documents.length).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'peerlens.sqlite'))).toBe(true);
    // on loopback it answers only to loopback names
    const port = new URL(url).port;
    expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/documents', headers: { host: `rebound.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    // and nothing else was printed until it stopped (the same lines as at the start)
    expect(out.split('\n')).toEqual(lines);
    // closed cleanly: SQLite folded the write-ahead log back into the database file
    expect(existsSync(join(dataDir, 'peerlens.sqlite-wal'))).toBe(false);
  });
});
