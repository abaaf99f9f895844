/**
 * The workspace export (issue 12) is one JSON document, without secrets, also from a database in
 * memory. That it streams more than 200 MB under 400 MB of memory is export.slow.test.ts (`npm run test:slow`).
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/db/database.js';
import type { Database } from '../src/db/types.js';
import { exportPieces } from '../src/export.js';

describe('the workspace export', () => {
  it('is one JSON document without secrets, also read from a database in memory', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      await migrate(db);
      const now = new Date().toISOString();
      await db
        .insertInto('users')
        .values({
          id: 'u1',
          username: 'ada',
          name: 'Ada "the admin"',
          role: 'admin',
          team_id: null,
          password_hash: 'scrypt$secret',
          created_at: now,
          disabled_at: null,
        })
        .execute();
      for (let i = 0; i < 1203; i++)
        await db
          .insertInto('documents')
          .values({
            id: `d${i}`,
            title: `Note ${i} </script> \u2028`,
            kind: 'note',
            text: 'We met.',
            analysis: '{"sentences":[]}',
            profile: null,
            summary: '',
            created_at: now,
            updated_at: now,
            author_id: 'u1',
            team_id: null,
            written_at: null,
            content_hash: null,
          })
          .execute();
      let text = '';
      for await (const piece of exportPieces(db, new Date('2026-01-02T03:04:05Z'))) text += piece;
      const doc = JSON.parse(text) as { format: string; exportedAt: string; tables: Record<string, Record<string, unknown>[]> };
      expect(doc).toMatchObject({ format: 'peerlens-workspace', version: 1, exportedAt: '2026-01-02T03:04:05.000Z' });
      expect(doc.tables.documents).toHaveLength(1203);
      expect(doc.tables.documents?.[1202]).toMatchObject({ id: 'd1202', title: 'Note 1202 </script> \u2028', analysis: { sentences: [] } });
      expect(doc.tables.users?.[0]).toMatchObject({ name: 'Ada "the admin"' });
      expect(text).not.toMatch(/password_hash|scrypt/);
      expect(doc.tables.sessions).toBeUndefined();
      expect(doc.tables.password_resets).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
