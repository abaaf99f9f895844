/** The database: created under DATA_DIR on first start, migrated once, demo workspace seeded once. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirFromEnv, listTables, migrate } from '../src/db/database.js';
import { DEMO_DOCUMENTS } from '../src/features/demo/service.js';
import { MIGRATIONS } from '../src/db/migrations/index.js';
import { injectAs, login, openTestDatabase, setupAdmin, startServer, tempDir } from './helpers.js';
import { onPostgres } from './pg.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = join(tempDir(), 'nested', 'data');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(join(d, '..', '..'), { recursive: true, force: true });
});

describe('the database', () => {
  it.runIf(!onPostgres)('is created with its folder on first start, in WAL mode with foreign keys on', async () => {
    const dataDir = fresh();
    const server = await startServer({ dataDir });
    expect(existsSync(join(dataDir, 'peerlens.sqlite'))).toBe(true);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(server.app.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(server.app.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    await server.close();
  });

  it.runIf(onPostgres)(
    'on PostgreSQL, makes its tables in that database, with foreign keys kept, and no file in the data folder',
    async () => {
      const dataDir = fresh();
      const server = await startServer({ dataDir });
      expect(existsSync(join(dataDir, 'peerlens.sqlite'))).toBe(false);
      expect(await listTables(server.app.db)).toEqual(
        expect.arrayContaining(['documents', 'users', 'sessions', 'limit_failures', 'rate_buckets']),
      );
      const orphan = sql`insert into sessions (token_hash, user_id, csrf, created_at, expires_at) values ('t', 'no such member', 'c', '', '')`;
      await expect(orphan.execute(server.app.db)).rejects.toThrow(/foreign key/);
      await server.close();
    },
  );

  it('runs every migration once; running them again changes nothing', async () => {
    const dataDir = fresh();
    const db = await openTestDatabase(dataDir);
    expect(await migrate(db)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrate(db)).toEqual([]);
    await db.destroy();
    // a restart on the same folder migrates nothing and keeps what was saved
    const first = await startServer({ dataDir });
    const created = await injectAs(
      first.app,
      await setupAdmin(first.app),
    )({
      method: 'POST',
      url: '/api/documents',
      payload: { title: 'Kept', kind: 'note', text: 'We met.' },
    });
    await first.close();
    const second = await startServer({ dataDir });
    const r = await injectAs(second.app, await login(second.app, 'admin'))({ url: `/api/documents/${created.json().id}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().title).toBe('Kept');
    await second.close();
    const raw = await openTestDatabase(dataDir);
    const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(raw)).rows;
    await raw.destroy();
    expect(applied.map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
  });

  it('saves the demo workspace on first start: example notes and a job description with conflicting duties', async () => {
    const server = await startServer({ dataDir: fresh() });
    const inject = injectAs(server.app, await setupAdmin(server.app));
    const docs = (await inject({ url: '/api/documents' })).json().documents as { id: string; kind: string; title: string }[];
    expect(docs.map((d) => d.title)).toEqual(DEMO_DOCUMENTS.map((d) => d.title));
    expect(docs.filter((d) => d.kind === 'note').length).toBeGreaterThanOrEqual(3);
    const role = docs.find((d) => d.kind === 'role');
    const full = (await inject({ url: `/api/documents/${role?.id ?? ''}` })).json();
    expect(full.role.counts.conflict).toBeGreaterThanOrEqual(2);
    expect(full.role.counts.errand).toBeGreaterThanOrEqual(1);
    // one of the notes drifts clinical and uses devaluing words
    const notes = await Promise.all(
      docs.filter((d) => d.kind === 'note').map(async (d) => (await inject({ url: `/api/documents/${d.id}` })).json()),
    );
    expect(notes.some((n) => n.analysis.findings.some((f: { category: string }) => f.category === 'language'))).toBe(true);
    expect(notes.some((n) => n.analysis.label === 'peer')).toBe(true);
    await server.close();
  });

  it('does not bring the demo back after the user deletes it', async () => {
    const dataDir = fresh();
    const first = await startServer({ dataDir });
    const asAdmin = injectAs(first.app, await setupAdmin(first.app));
    for (const d of (await asAdmin({ url: '/api/documents' })).json().documents as { id: string }[])
      expect((await asAdmin({ method: 'DELETE', url: `/api/documents/${d.id}` })).statusCode).toBe(204);
    await first.close();
    const second = await startServer({ dataDir });
    expect((await injectAs(second.app, await login(second.app, 'admin'))({ url: '/api/documents' })).json().documents).toEqual([]);
    await second.close();
  });

  it('reads DATA_DIR, defaulting to ./data under the current folder', () => {
    expect(dataDirFromEnv({ DATA_DIR: '/srv/peerlens' })).toBe('/srv/peerlens');
    expect(dataDirFromEnv({})).toBe(join(process.cwd(), 'data'));
  });
});

describe('an analysis saved by an older version', () => {
  it('is redone when read, so a saved document always has the current shape', async () => {
    const server = await startServer({ dataDir: fresh(), demo: false });
    const inject = injectAs(server.app, await setupAdmin(server.app));
    const text = 'The client is noncompliant. We planned her week together.';
    const created = (await inject({ method: 'POST', url: '/api/documents', payload: { title: 'Old', kind: 'note', text } })).json();
    await server.app.db
      .updateTable('documents')
      .set({ analysis: '{"sentences":[]}', profile: '{"units":1}' })
      .where('id', '=', created.id)
      .execute();
    const listed = (await inject({ url: '/api/documents' })).json().documents[0];
    expect(listed.profile).toEqual(created.analysis.profile);
    const r = await inject({ url: `/api/documents/${created.id}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().analysis).toEqual(created.analysis);
    expect(r.json().updatedAt).toBe(created.updatedAt);
    await server.close();
  });
});
