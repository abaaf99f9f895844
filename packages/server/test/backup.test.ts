/**
 * `peerlens backup` and `peerlens restore` (issue 6), run as a person runs them: the built CLI
 * backs up the database of a running server while it is being written to; the backup is restored
 * into a fresh data folder, a server is started on it, and what it holds is compared.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../src/db/database.js';
import { PASSWORD, tempDir } from './helpers.js';
import { integrity, peek, setupAdminOver, startProcess, type ServerProcess } from './process.js';

const CLI = fileURLToPath(new URL('../../cli/bin/peerlens.js', import.meta.url));
const root = tempDir('peerlens-backup-');
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

function peerlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: '' }, cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

type Row = Record<string, unknown>;
const TABLES = ['users', 'teams', 'sessions', 'settings', 'documents', 'imports', 'import_rows', 'audit_log', 'kysely_migration'];

/** Every row of the tables compared, ordered, from one database file. */
function snapshot(file: string): Record<string, Row[]> {
  return peek(file, (db) => {
    expect(integrity(db)).toEqual(['ok']);
    return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all() as Row[]]));
  });
}

describe('peerlens backup and restore', () => {
  it('backs up a live database while it is written, restores it elsewhere, and a server on it serves the same data', async () => {
    const live = join(root, 'live');
    const server = await startProcess(live);
    running.push(server);
    const admin = await setupAdminOver(server.url);

    // writers keep saving notes while the backup runs
    const acked: string[] = [];
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let k = 0; !stop; k++) {
        const r = await admin.call('POST', '/api/documents', {
          title: `live ${w}.${k}`,
          kind: 'note',
          text: `Live ${w}.${k}: she chose the walk to the river and we talked about her week.`,
        });
        expect(r.status).toBe(201);
        acked.push(((await r.json()) as { id: string }).id);
      }
    };
    const writers = [0, 1, 2, 3].map((w) => writer(w));
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 5));

    const before = [...acked];
    const out = join(root, 'peerlens-backup.sqlite');
    const backup = await peerlens('backup', '--data-dir', live, out);
    const after = acked.length;
    stop = true;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .*peerlens\.sqlite to .*peerlens-backup\.sqlite in [\d.]+ s: \d+ documents, \d+ members/);
    // no temporary file left beside the backup
    expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
    expect(after).toBeGreaterThan(before.length); // the server kept answering during the backup

    // the backup holds every note answered before it started
    const backed = snapshot(out);
    const backedIds = new Set(backed.documents?.map((d) => d.id));
    expect(before.every((id) => backedIds.has(id))).toBe(true);

    // a second backup to the same name is refused; the server's database cannot be restored over while it runs
    expect((await peerlens('backup', '--data-dir', live, out)).code).toBe(2);
    const refused = await peerlens('restore', out, '--data-dir', live);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Stop the server first');
    expect((await server.kill('SIGTERM')).code).toBe(0);

    // restored into a fresh data folder
    const fresh = join(root, 'fresh');
    const restored = await peerlens('restore', out, '--data-dir', fresh);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('There was no database there before.');
    expect(readdirSync(fresh)).toEqual([DB_FILE]);
    expect(snapshot(join(fresh, DB_FILE))).toEqual(backed);

    // every row of the backup is in the live database as it ended (it only grew after the backup)
    const final = snapshot(join(live, DB_FILE));
    const finalDocs = new Map(final.documents?.map((d) => [d.id, d]));
    for (const d of backed.documents ?? []) expect(finalDocs.get(d.id)).toEqual(d);
    expect(backed.users).toEqual(final.users);

    // a server on the restored folder: the admin signs in with their password and sees the same documents
    const again = await startProcess(fresh);
    running.push(again);
    const login = await fetch(`${again.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = /peerlens_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const list = (await (await fetch(`${again.url}/api/documents`, { headers: { cookie } })).json()) as { documents: { id: string }[] };
    const listed = new Set(list.documents.map((d) => d.id));
    const own = (backed.documents ?? []).filter((d) => d.author_id === admin.id).map((d) => d.id);
    expect(own.length).toBeGreaterThanOrEqual(before.length);
    expect(own.every((id) => listed.has(id))).toBe(true);
    expect([...listed].every((id) => backedIds.has(id))).toBe(true);
    expect((await again.kill('SIGTERM')).code).toBe(0);

    // restoring over a stopped server's database keeps the one that was there
    const over = await peerlens('restore', out, '--data-dir', live);
    expect(over.code).toBe(0);
    const kept = readdirSync(live).filter((f) => f.startsWith(`${DB_FILE}.before-restore-`));
    expect(kept).toHaveLength(1);
    expect(snapshot(join(live, kept[0] ?? '')).documents).toEqual(final.documents);
    expect(snapshot(join(live, DB_FILE))).toEqual(backed);
  });

  it('refuses what is not a sound PeerLens database, with exit 2', async () => {
    const junk = join(root, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just some bytes');
    const r = await peerlens('restore', junk, '--data-dir', join(root, 'junk-target'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^peerlens restore: .*junk\.sqlite is not an SQLite database/);
    expect(existsSync(join(root, 'junk-target', DB_FILE))).toBe(false);

    const { default: SQLite } = await import('better-sqlite3');
    const other = join(root, 'other.sqlite');
    const db = new SQLite(other);
    db.exec('create table notes (id integer primary key, text text)');
    db.close();
    const o = await peerlens('restore', other, '--data-dir', join(root, 'junk-target'));
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('not a PeerLens one');

    expect((await peerlens('restore', join(root, 'missing.sqlite'))).code).toBe(2);
    const none = await peerlens('backup', '--data-dir', join(root, 'empty'), join(root, 'x.sqlite'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('There is no PeerLens database');
    expect((await peerlens('backup')).code).toBe(2);
    const help = await peerlens('restore', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx peerlens restore backups/');
    expect(help.stdout).toContain('--force');
  });

  it('after a crash, restore refuses without --force; with it, the crashed database is kept whole beside the restored one', async () => {
    const dir = join(root, 'crashed');
    const server = await startProcess(dir);
    running.push(server);
    const admin = await setupAdminOver(server.url);
    const out = join(root, 'before-crash.sqlite');
    expect((await peerlens('backup', '--data-dir', dir, out)).code).toBe(0);
    const ids: string[] = [];
    for (let k = 0; k < 5; k++) {
      const r = await admin.call('POST', '/api/documents', { title: `after ${k}`, kind: 'note', text: `After the backup, note ${k}.` });
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    expect((await server.kill('SIGKILL')).signal).toBe('SIGKILL');
    expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(true);

    const refused = await peerlens('restore', out, '--data-dir', dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    const forced = await peerlens('restore', out, '--data-dir', dir, '--force');
    expect(forced.code).toBe(0);
    const previous = readdirSync(dir).find((f) => f.startsWith(`${DB_FILE}.before-restore-`) && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(previous).toBeDefined();
    expect(existsSync(join(dir, `${previous ?? ''}-wal`))).toBe(true);
    expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(false);
    // the crashed database, with its write-ahead log beside it under the new name, still has the notes saved after the backup
    const kept = snapshot(join(dir, previous ?? ''));
    const keptIds = new Set(kept.documents?.map((d) => d.id));
    expect(ids.every((id) => keptIds.has(id))).toBe(true);
    const now = new Set(snapshot(join(dir, DB_FILE)).documents?.map((d) => d.id));
    expect(ids.some((id) => now.has(id))).toBe(false);
  });
});
