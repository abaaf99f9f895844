/**
 * The audit log's group commit and SQLite's kept statements (decision 025): entries made together
 * are written together, in the order they were made; a caller is answered only once its entry
 * has committed, and a failed write fails every caller it held; an entry made inside a
 * transaction commits or rolls back with it.
 */
import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { keptStatements, migrate } from '../src/db/database.js';
import type { Database } from '../src/db/types.js';
import { openTestDatabase, tempDir } from './helpers.js';
import { onPostgres } from './pg.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function fresh(): Promise<Kysely<Database>> {
  const dir = tempDir();
  dirs.push(dir);
  const db = await openTestDatabase(dir);
  await migrate(db);
  await db
    .insertInto('users')
    .values({
      id: 'u1',
      username: 'ana',
      name: 'Ana',
      role: 'admin',
      team_id: null,
      password_hash: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return db;
}

const entries = (db: Kysely<Database>) =>
  db.selectFrom('audit_log').select(['action', 'target_id', 'user_id']).where('action', 'like', 'test-%').orderBy('seq').execute();

describe('the audit log', () => {
  it('writes entries made together in one statement, in the order they were made, before any caller is answered', async () => {
    const db = await fresh();
    let inserts = 0;
    const counted = db.withPlugin({
      transformQuery: (a) => {
        if (a.node.kind === 'InsertQueryNode') inserts++;
        return a.node;
      },
      transformResult: (a) => Promise.resolve(a.result),
    });
    const calls = Array.from({ length: 40 }, (_, i) => audit(counted, 'u1', 'test-view', { type: 'team', id: `t${i}` }));
    // each caller, once answered, finds its own entry written
    const seen = await Promise.all(
      calls.map(async (c, i) => {
        await c;
        const row = await db.selectFrom('audit_log').select('target_id').where('target_id', '=', `t${i}`).executeTakeFirst();
        return row?.target_id;
      }),
    );
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => `t${i}`));
    expect(inserts).toBe(1);
    expect((await entries(db)).map((r) => r.target_id)).toEqual(Array.from({ length: 40 }, (_, i) => `t${i}`));
    // a later entry is a write of its own
    await audit(counted, 'u1', 'test-view', { type: 'team', id: 'later' });
    expect(inserts).toBe(2);
    await db.destroy();
  });

  it('fails every caller of a write that fails, and writes none of its entries', async () => {
    const db = await fresh();
    // an entry naming a member who does not exist breaks the foreign key: the whole write fails
    const good = audit(db, 'u1', 'test-view', { type: 'team', id: 'a' });
    const bad = audit(db, 'nobody', 'test-view', { type: 'team', id: 'b' });
    await expect(good).rejects.toThrow(/foreign key/i);
    await expect(bad).rejects.toThrow(/foreign key/i);
    expect(await entries(db)).toEqual([]);
    // the next write goes on as usual
    await audit(db, 'u1', 'test-view', { type: 'team', id: 'c' });
    expect((await entries(db)).map((r) => r.target_id)).toEqual(['c']);
    await db.destroy();
  });

  it('keeps an entry made inside a transaction with that transaction: gone when it rolls back', async () => {
    const db = await fresh();
    await expect(
      db.transaction().execute(async (trx) => {
        await audit(trx, 'u1', 'test-delete', { type: 'team', id: 'rolled-back' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await db.transaction().execute((trx) => audit(trx, 'u1', 'test-delete', { type: 'team', id: 'kept' }));
    expect((await entries(db)).map((r) => r.target_id)).toEqual(['kept']);
    await db.destroy();
  });
});

describe.runIf(!onPostgres)("SQLite's kept statements", () => {
  it('hands out the same statement for the same SQL, a fresh one while it is being iterated, and forgets the oldest when full', () => {
    const raw = new SQLite(':memory:');
    raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const db = keptStatements(raw);
    const a = db.prepare('select n from t order by n');
    expect(db.prepare('select n from t order by n')).toBe(a);
    const it = a.iterate([]);
    it.next();
    const b = db.prepare('select n from t order by n');
    expect(b).not.toBe(a);
    expect(b.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    it.return?.();
    expect(db.prepare('select n from t order by n')).toBe(a);
    for (let i = 0; i < 600; i++) db.prepare(`select ${i} as n`);
    expect(db.prepare('select n from t order by n')).not.toBe(a);
    db.close();
    expect(raw.open).toBe(false);
  });
});
