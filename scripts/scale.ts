/**
 * The generated workspace of issue 15 (`npm run load -- --scale`): `members` people in teams of
 * ten (one supervisor, nine peers), each writing `perMonth` notes a month for `years` years, built
 * straight into a data folder through the server's own database code, and a file of notes to
 * import. A measurement, never part of `npm test`.
 *
 * Analyses are sampled, not computed per note: a pool of notes is generated with the demo team's
 * generator (src/features/demo/team.ts: steady writers, and writers whose clinical share rises over a
 * year) and each pool note is analysed once by core's `analyze()`. Every generated note is a pool
 * note of the right kind for its writer and month, stored with that note's own text, analysis,
 * profile, summary and content hash. Every tenth member drifts over the last twelve months. The
 * drift rollups are filled by the server's own `RollupDelta`, in the same transactions as the
 * notes, as a save would.
 *
 * With `DATABASE_URL=postgres://…` the workspace is built in that PostgreSQL database (which must
 * be empty) and the server measured on it, as the server itself chooses its database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { analyze } from '@peerlens/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { DB_FILE, migrate, type Database } from '@peerlens/server';
// the server's internals, built (npm run build): the load script measures what users run
import { databaseUrlFromEnv, listTables, openConfigured } from '../packages/server/dist/db/database.js';
import { createSession } from '../packages/server/dist/auth/sessions.js';
// the demo's seeded generator (mulberry32), so two builds are the same workspace
import { demoNotes, prng } from '../packages/server/dist/features/demo/team.js';
import { clinicalTop, noteSummary } from '../packages/server/dist/features/documents/service.js';
import { RollupDelta } from '../packages/server/dist/db/rollups.js';

/** The workspace's database: PostgreSQL when DATABASE_URL names one, else SQLite in `dataDir`. */
export function openWorkspace(dataDir: string): Kysely<Database> {
  return openConfigured({ databaseUrl: databaseUrlFromEnv(), dataDir });
}

/** Whether a workspace was built there before (its notes are in the database). */
export async function hasWorkspace(dataDir: string): Promise<boolean> {
  if (databaseUrlFromEnv() === undefined && !existsSync(join(dataDir, DB_FILE))) return false;
  const db = openWorkspace(dataDir);
  try {
    if (!(await listTables(db)).includes('documents')) return false;
    const one = await db.selectFrom('documents').select('id').limit(1).executeTakeFirst();
    return one !== undefined;
  } finally {
    await db.destroy();
  }
}

export interface ScaleOptions {
  members: number;
  years: number;
  perMonth: number;
  now: Date;
}

interface PoolNote {
  text: string;
  analysis: string;
  profile: string;
  summary: string;
  clinicalTop: string | null;
  hash: string;
}

/** The pool, by [drifting?][month of the generator's year, 0..11]. */
function pool(now: Date, seeds: number): PoolNote[][][] {
  const out: PoolNote[][][] = [[], []];
  for (const drift of [false, true])
    for (let s = 0; s < seeds; s++) {
      const notes = demoNotes(500 + s * 2 + Number(drift), drift, now);
      for (const n of notes) {
        const month =
          (Number(n.date.slice(0, 4)) * 12 + Number(n.date.slice(5, 7)) - 1 - (now.getUTCFullYear() * 12 + now.getUTCMonth() - 12)) | 0;
        const a = analyze(n.text);
        const list = ((out[Number(drift)] as PoolNote[][])[month] ??= []);
        list.push({
          text: n.text,
          analysis: JSON.stringify(a),
          profile: JSON.stringify(a.profile),
          summary: noteSummary(a),
          clinicalTop: clinicalTop(a),
          hash: createHash('sha256').update(n.text).digest('hex'),
        });
      }
    }
  return out;
}

export interface Built {
  notes: number;
  seconds: number;
  teams: { id: string; supervisor: string; peers: string[] }[];
  /** Pool notes by month, to make an import file of. */
  poolTexts: string[];
}

/** Builds the workspace in `dataDir` (which must be new); prints progress to stderr. */
export async function buildWorkspace(dataDir: string, o: ScaleOptions, log: (line: string) => void): Promise<Built> {
  const started = performance.now();
  const db = openWorkspace(dataDir);
  try {
    await migrate(db);
    const p = pool(o.now, 8);
    const sampled = p.flat(2).length;
    log(`pool: ${sampled} generated notes, each analysed once (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const stamp = o.now.toISOString();
    const teams: Built['teams'] = [];
    const members: { id: string; teamId: string; drift: boolean }[] = [];
    await db.transaction().execute(async (trx) => {
      for (let t = 0; t * 10 < o.members; t++) {
        const teamId = randomUUID();
        await trx
          .insertInto('teams')
          .values({ id: teamId, name: `Team ${String(t + 1).padStart(3, '0')}`, created_at: stamp })
          .execute();
        const team = { id: teamId, supervisor: '', peers: [] as string[] };
        for (let k = 0; k < 10 && t * 10 + k < o.members; k++) {
          const id = randomUUID();
          const n = t * 10 + k;
          await trx
            .insertInto('users')
            .values({
              id,
              username: `member-${String(n + 1).padStart(4, '0')}`,
              name: `Member ${n + 1}`,
              role: k === 0 ? 'supervisor' : 'peer',
              team_id: teamId,
              password_hash: null,
              created_at: stamp,
              disabled_at: null,
            })
            .execute();
          if (k === 0) team.supervisor = id;
          else team.peers.push(id);
          members.push({ id, teamId, drift: n % 10 === 1 });
        }
        teams.push(team);
      }
    });
    const months = o.years * 12;
    const first = o.now.getUTCFullYear() * 12 + o.now.getUTCMonth() - months;
    const rand = prng(15);
    let count = 0;
    const BATCH = 4000;
    let rows: Record<string, unknown>[] = [];
    let delta = new RollupDelta();
    const flush = async (): Promise<void> => {
      const batch = rows;
      const d = delta;
      rows = [];
      delta = new RollupDelta();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < batch.length; i += 100)
          await trx
            .insertInto('documents')
            .values(batch.slice(i, i + 100) as never)
            .execute();
        await d.apply(trx);
      });
    };
    for (let m = 0; m < months; m++) {
      const ym = first + m;
      const y = Math.floor(ym / 12);
      const mo = (ym % 12) + 1;
      const fromEnd = months - m; // 12 … 1 in the last year
      for (const member of members) {
        const drifting = member.drift && fromEnd <= 12;
        const list = (p[Number(drifting)] as PoolNote[][])[drifting ? 12 - fromEnd : mo - 1] ?? (p[0] as PoolNote[][])[0] ?? [];
        for (let k = 0; k < o.perMonth; k++) {
          const n = list[Math.floor(rand() * list.length)] as PoolNote;
          const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
          const date = `${y}-${String(mo).padStart(2, '0')}-${day}`;
          const at = `${date}T12:00:00.000Z`;
          const row = {
            id: randomUUID(),
            title: `Note of ${date}`,
            kind: 'note',
            text: n.text,
            analysis: n.analysis,
            profile: n.profile,
            summary: n.summary,
            clinical_top: n.clinicalTop,
            created_at: at,
            updated_at: at,
            author_id: member.id,
            team_id: member.teamId,
            written_at: date,
            content_hash: n.hash,
          };
          rows.push(row);
          delta.add(row as never);
          count++;
          if (rows.length >= BATCH) await flush();
        }
      }
      if ((m + 1) % 12 === 0) log(`  ${count.toLocaleString('en-US')} notes (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    if (rows.length > 0) await flush();
    // after a bulk load PostgreSQL needs its statistics, and its visibility map for index-only scans (docs/deploy.md)
    if (databaseUrlFromEnv() !== undefined) {
      log('VACUUM ANALYZE');
      await sql`vacuum analyze`.execute(db);
    }
    const poolTexts = p.flat(2).map((n) => n.text);
    return { notes: count, seconds: (performance.now() - started) / 1000, teams, poolTexts };
  } finally {
    await db.destroy();
  }
}

/** A signed-in session for a member, made in the database (the generated members have no password). */
export async function sessionFor(dataDir: string, userId: string): Promise<Record<string, string>> {
  const db = openWorkspace(dataDir);
  try {
    const { token, csrf } = await createSession(db, userId);
    return { cookie: `peerlens_session=${token}`, 'x-csrf-token': csrf };
  } finally {
    await db.destroy();
  }
}

/** Notes of a CSV to import (author = a username, date, note), each text different. */
export function importCsv(
  texts: readonly string[],
  usernames: readonly string[],
  from: number,
  count: number,
  now: Date,
  tag: string,
): string {
  const lines = ['author,date,note'];
  for (let k = from; k < from + count; k++) {
    const text = `${(texts[k % texts.length] as string).trim()} Visit ${k + 1} of run ${tag}.`;
    const day = new Date(now.getTime() - (1 + (k % 700)) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${usernames[k % usernames.length]},${day},"${text.replaceAll('"', '""')}"`);
  }
  return lines.join('\n') + '\n';
}
