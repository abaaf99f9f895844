/**
 * `peerlens backup` and `peerlens restore` on PostgreSQL (decision 022): pg_dump of a running
 * server's database, restored into another database, holds the same rows; without pg_dump the
 * command says what to run. Needs PEERLENS_TEST_DATABASE_URL (pg.ts); fails in CI without it.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { run } from '../src/backup-command.js';
import { injectAs, setupAdmin, startServer, tempDir } from './helpers.js';
import { dropDatabase, ensureDatabase, havePostgres, requirePostgres } from './pg.js';

requirePostgres('peerlens backup and restore on PostgreSQL');

function sink(): NodeJS.WritableStream & { text: string } {
  const s = { text: '', write: (c: string) => ((s.text += c), true) };
  return s as unknown as NodeJS.WritableStream & { text: string };
}

/** Every row of every table of the database at `url`, as JSON text per table, in a fixed order. */
async function snapshot(url: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables.rows)
      out[name] =
        (await c.query<{ rows: string }>(`select coalesce(json_agg(t order by t::text), '[]')::text as rows from "${name}" t`)).rows[0]
          ?.rows ?? '';
    return out;
  } finally {
    await c.end();
  }
}

describe.runIf(havePostgres)('peerlens backup and restore on PostgreSQL', () => {
  const dirs = [tempDir(), tempDir()];
  const files = tempDir('peerlens-pgdump-');
  afterAll(async () => {
    for (const d of dirs) await dropDatabase(d);
    for (const d of [...dirs, files]) rmSync(d, { recursive: true, force: true });
  });

  it('dumps a running server’s database with pg_dump; pg_restore into another database gives the same rows', async () => {
    const urlA = await ensureDatabase(dirs[0]!);
    const server = await startServer({ databaseUrl: urlA, demo: false });
    try {
      const as = injectAs(server.app, await setupAdmin(server.app, 'admin', 'Team A'));
      for (const text of ['We met at the library and she chose the books.', 'He planned his week and called his brother.'])
        expect((await as({ method: 'POST', url: '/api/documents', payload: { title: 'Note', kind: 'note', text } })).statusCode).toBe(201);
      const before = await snapshot(urlA);
      const file = join(files, 'peerlens.dump');
      const out = sink();
      const err = sink();
      expect(await run(['backup', file], { stdout: out, stderr: err, env: { ...process.env, DATABASE_URL: urlA } }), err.text).toBe(0);
      expect(out.text).toMatch(/Backed up .* with pg_dump/);
      expect(existsSync(file)).toBe(true);
      // written after the backup: not in what is restored
      expect(
        (await as({ method: 'POST', url: '/api/documents', payload: { title: 'Later', kind: 'note', text: 'We met again.' } })).statusCode,
      ).toBe(201);

      const urlB = await ensureDatabase(dirs[1]!);
      // a database some server already made its tables in: restore replaces them
      await (await startServer({ databaseUrl: urlB, demo: false })).close();
      const env = { ...process.env, DATABASE_URL: urlB };
      const refused = sink();
      expect(await run(['restore', file], { stdout: sink(), stderr: refused, env })).toBe(2);
      expect(refused.text).toContain('--force');
      const done = sink();
      expect(await run(['restore', file, '--force'], { stdout: done, stderr: sink(), env })).toBe(0);
      expect(await snapshot(urlB)).toEqual(before);
      expect(JSON.parse((await snapshot(urlB)).documents ?? '[]')).toHaveLength(2);
      // and a server starts on the restored database and signs its admin in
      const restored = await startServer({ databaseUrl: urlB, demo: false });
      try {
        const r = await restored.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'admin', password: 'a long test password' },
        });
        expect(r.statusCode).toBe(200);
      } finally {
        await restored.close();
      }
    } finally {
      await server.close();
    }
  });

  it('without pg_dump, says which commands to run, with no password on them, and backs up nothing', async () => {
    const url = new URL(await ensureDatabase(dirs[0]!));
    url.password = 'secret-pass-word';
    const err = sink();
    const file = join(files, 'none.dump');
    const code = await run(['backup', file], {
      stdout: sink(),
      stderr: err,
      env: { ...process.env, DATABASE_URL: url.toString(), PEERLENS_PG_BIN: files },
    });
    expect(code).toBe(2);
    expect(err.text).toContain('pg_dump --format=custom');
    expect(err.text).toContain(`PGDATABASE=${url.pathname.slice(1)}`);
    expect(err.text).not.toContain('secret-pass-word');
    expect(existsSync(file)).toBe(false);
  });
});
