/**
 * Crashes (issue 6): the built server is killed with SIGKILL in the middle of a large import's
 * commit and in the middle of a burst of saves, then started again on the same data folder. The
 * database must pass SQLite's integrity check, show no half chunk of an import, keep every
 * document the server answered 201 for, and let the import run on to completion.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../src/db/database.js';
import { tempDir } from './helpers.js';
import { integrity, peek, sameSession, setupAdminOver, startProcess, type Client, type ServerProcess } from './process.js';

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<ServerProcess> {
  const p = await startProcess(dataDir);
  running.push(p);
  return p;
}

function freshDir(): string {
  const d = tempDir('peerlens-crash-');
  dirs.push(d);
  return join(d, 'data');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/* ---------------- (a) a large import ---------------- */

const ROWS = 5000;
const BATCH = 1000;
const FILE_NAME = 'crash-import.csv';
const WORDS = ['park', 'library', 'bus', 'garden', 'kitchen', 'clinic', 'market', 'river', 'shelter', 'class'];

/** 5,000 notes: every 100th repeats a note 50 lines up (a duplicate), every 250th has no text (a problem). */
function bigCsv(): { csv: string; duplicates: number; problems: number } {
  const texts: string[] = [];
  let duplicates = 0;
  let problems = 0;
  for (let i = 0; i < ROWS; i++) {
    let text = `Note ${i}: we walked to the ${WORDS[i % WORDS.length] ?? 'park'} and she chose what to talk about; next time ${i * 7}.`;
    if (i % 100 === 99) {
      text = texts[i - 50] ?? '';
      duplicates++;
    } else if (i % 250 === 7) {
      text = '';
      problems++;
    }
    texts.push(text);
  }
  const day = (i: number): string => `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return { csv: ['date,note', ...texts.map((t, i) => `${day(i)},"${t}"`)].join('\n') + '\n', duplicates, problems };
}

interface Progress {
  done: number;
  total: number;
  kept: number;
  duplicates: number;
  problems: number;
  finished: boolean;
}

interface ImportState {
  keptRows: number;
  duplicateRows: number;
  problemRows: number;
  pendingRows: number;
  importedDocs: number;
  linkedDocs: number;
  distinctHashes: number;
  recordedKept: number;
  status: string;
}

/** The import as the database file holds it, read beside the server. */
function importState(file: string, id: string): ImportState & { integrity: string[] } {
  return peek(file, (db) => {
    const n = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
    const rows = (status: string): number => n('select count(*) as n from import_rows where import_id = ? and status = ?', id, status);
    const imp = db.prepare('select status, kept from imports where id = ?').get(id) as { status: string; kept: number };
    return {
      integrity: integrity(db),
      keptRows: rows('kept'),
      duplicateRows: rows('duplicate'),
      problemRows: rows('problem'),
      pendingRows: rows('ready') + rows('staged'),
      importedDocs: n('select count(*) as n from documents where title like ?', `% (imported from ${FILE_NAME}, line %`),
      linkedDocs: n(
        "select count(*) as n from documents d join import_rows r on r.document_id = d.id and r.import_id = ? and r.status = 'kept'",
        id,
      ),
      distinctHashes: n(
        'select count(distinct content_hash) as n from documents where title like ?',
        `% (imported from ${FILE_NAME}, line %`,
      ),
      recordedKept: imp.kept,
      status: imp.status,
    };
  });
}

async function commit(c: Client, id: string): Promise<Progress> {
  const r = await c.call('POST', `/api/imports/${id}/commit?batch=${BATCH}`);
  expect(r.status).toBe(200);
  return (await r.json()) as Progress;
}

describe('SIGKILL during an import commit', () => {
  it('leaves no half chunk, and the import runs on to completion after a restart', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, DB_FILE);
    let server = await start(dataDir);
    const admin = await setupAdminOver(server.url);
    const { csv, duplicates, problems } = bigCsv();
    const up = await admin.call('POST', '/api/imports', csv, { 'content-type': 'application/octet-stream', 'x-file-name': FILE_NAME });
    expect(up.status).toBe(201);
    const id = ((await up.json()) as { id: string; rows: number }).id;
    const mapped = await admin.call('PUT', `/api/imports/${id}/mapping`, {
      textColumn: 'note',
      dateColumn: 'date',
      defaultAuthor: admin.id,
    });
    expect(mapped.status).toBe(200);

    // one chunk saved and answered, timed, so the kill can land half-way through the next one
    let t = performance.now();
    let acked = await commit(admin, id);
    const chunkMs = performance.now() - t;
    expect(acked.kept + acked.duplicates).toBe(BATCH);
    expect(acked.finished).toBe(false);

    // three crashes: send the next commit and kill the server a quarter, a half and three quarters of
    // a chunk's time into it (if the chunk is answered first, the next one is tried), then start it again
    let client: Client = admin;
    const outcomes: string[] = [];
    for (const fraction of [0.25, 0.5, 0.75]) {
      let killed = false;
      while (!killed && !acked.finished) {
        let answered: Progress | undefined;
        const inFlight = client.call('POST', `/api/imports/${id}/commit?batch=${BATCH}`).then(
          async (r) => (answered = (await r.json()) as Progress),
          () => undefined,
        );
        await sleep(chunkMs * fraction);
        if (answered === undefined) {
          expect((await server.kill('SIGKILL')).signal).toBe('SIGKILL');
          killed = true;
        }
        await inFlight;
        if (answered !== undefined) acked = answered;
      }
      if (!killed) break;

      // the data folder as the kill left it, then the server started again on it
      server = await start(dataDir);
      const after = importState(file, id);
      expect(after.integrity).toEqual(['ok']);
      // the chunks answered are all there; the one in flight is all there or not at all
      const ackedRows = acked.kept + acked.duplicates;
      const savedRows = after.keptRows + after.duplicateRows;
      expect([ackedRows, ackedRows + BATCH]).toContain(savedRows);
      expect(savedRows % BATCH).toBe(0);
      // every kept row has its document, and there is no document of the import that no row keeps
      expect(after.linkedDocs).toBe(after.keptRows);
      expect(after.importedDocs).toBe(after.keptRows);
      expect(after.recordedKept).toBe(after.keptRows);
      outcomes.push(
        `${(chunkMs * fraction).toFixed(0)} ms in: ${savedRows === ackedRows ? 'rolled back' : after.pendingRows === 0 ? 'committed (last chunk)' : 'committed'}`,
      );
      acked = { ...acked, kept: after.keptRows, duplicates: after.duplicateRows, finished: after.pendingRows === 0 };
      // the same session (sessions are in the database) carries on
      client = sameSession(server.url, { ...admin, id: admin.id });
    }
    expect(outcomes.length, 'every commit was answered before a kill could land').toBeGreaterThan(0);
    expect(outcomes.some((o) => o.endsWith('rolled back'))).toBe(true);
    console.info(
      `crash/import: a chunk of ${BATCH} took ${chunkMs.toFixed(0)} ms; the chunk in flight at each kill: ${outcomes.join('; ')}`,
    );

    const again = client;
    let p = acked;
    for (let i = 0; i < 10 && !p.finished; i++) p = await commit(again, id);
    expect(p).toEqual({ done: ROWS, total: ROWS, kept: ROWS - duplicates - problems, duplicates, problems, finished: true });
    const end = importState(file, id);
    expect(end).toMatchObject({
      integrity: ['ok'],
      keptRows: ROWS - duplicates - problems,
      duplicateRows: duplicates,
      problemRows: problems,
      pendingRows: 0,
      importedDocs: ROWS - duplicates - problems,
      linkedDocs: ROWS - duplicates - problems,
      // no note stored twice
      distinctHashes: ROWS - duplicates - problems,
      status: 'done',
    });
    t = performance.now();
    expect((await server.kill('SIGTERM')).code).toBe(0);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

/* ---------------- (b) a burst of saves ---------------- */

interface Saved {
  id: string;
  /** Every text sent for the document, in order: the POST's, then each PUT's. */
  texts: string[];
  /** The index in `texts` of the last one the server answered for. */
  acked: number;
}

describe('SIGKILL during a burst of saves', () => {
  it('keeps every document answered 201, with a text no older than the last one answered', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, DB_FILE);
    let server = await start(dataDir);
    const admin = await setupAdminOver(server.url);
    const saved: Saved[] = [];
    let stop = false;
    let answered = 0;
    const worker = async (w: number): Promise<void> => {
      for (let k = 0; !stop; k++) {
        const text = `Burst ${w}.${k}: we met at the library and she picked the book club she wants to join.`;
        let r: Response;
        try {
          r = await admin.call('POST', '/api/documents', { title: `burst ${w}.${k}`, kind: 'note', text });
        } catch {
          return;
        }
        if (r.status !== 201) throw new Error(`POST answered ${r.status}`);
        const doc: Saved = { id: ((await r.json()) as { id: string }).id, texts: [text], acked: 0 };
        saved.push(doc);
        answered++;
        for (let v = 1; v <= 2 && !stop; v++) {
          doc.texts.push(`${text} Update ${v}: she went and liked it.`);
          try {
            r = await admin.call('PUT', `/api/documents/${doc.id}`, { text: doc.texts[v] });
          } catch {
            return;
          }
          if (r.status !== 200) throw new Error(`PUT answered ${r.status}`);
          doc.acked = v;
          answered++;
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    // let the burst get going, then kill the server while requests are in flight
    while (answered < 150) await sleep(5);
    const { signal } = await server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(signal).toBe('SIGKILL');
    expect(saved.length).toBeGreaterThan(40);

    server = await start(dataDir);
    const puts = saved.reduce((n, d) => n + d.acked, 0);
    console.info(`crash/saves: killed after ${saved.length} POSTs answered 201 and ${puts} PUTs answered 200, from 16 clients`);
    const rows = peek(file, (db) => {
      expect(integrity(db)).toEqual(['ok']);
      return new Map(
        (db.prepare("select id, text from documents where title like 'burst %'").all() as { id: string; text: string }[]).map((r) => [
          r.id,
          r.text,
        ]),
      );
    });
    for (const doc of saved) {
      const text = rows.get(doc.id);
      expect(text, `document ${doc.id} answered 201 is missing`).toBeDefined();
      // the last text answered, or one sent after it whose answer the kill cut off
      expect(doc.texts.slice(doc.acked)).toContain(text);
    }
    // and the API serves them
    const list = (await (await sameSession(server.url, admin).call('GET', '/api/documents')).json()) as { documents: { id: string }[] };
    const listed = new Set(list.documents.map((d) => d.id));
    expect(saved.every((d) => listed.has(d.id))).toBe(true);
    expect((await server.kill('SIGTERM')).code).toBe(0);
  });
});
