/**
 * The workspace export streams (issue 12): a workspace of more than 200 MB is exported by the
 * built server, as a person runs it, while its memory is read from /proc; it must stay under
 * 400 MB. A slow test (`npm run test:slow`); the shape of the export is export.test.ts.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../src/db/database.js';
import { tempDir } from './helpers.js';
import { peek, setupAdminOver, startProcess, type ServerProcess } from './process.js';

const MB = 1024 * 1024;
/** Notes of about 200 KB each (text and analysis): about 220 MB of export. */
const NOTES = 1150;
const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Resident and peak resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A stored note of about `size` characters of text, with an analysis of about as much JSON. */
function bigNote(i: number, size: number) {
  const sentence = `We met at the library on visit ${i} and she chose two places to call about housing. `;
  const text = sentence.repeat(Math.ceil(size / sentence.length)).slice(0, size);
  const sentences = Array.from({ length: Math.ceil(size / 400) }, (_, k) => ({
    start: k * 400,
    end: k * 400 + 380,
    text: text.slice(k * 400, k * 400 + 300),
    label: 'peer',
    confidence: 0.8,
  }));
  const profile = {
    units: sentences.length,
    words: Math.round(size / 6),
    counts: { peer: sentences.length, overlap: 0, clinical: 0, neutral: 0 },
  };
  return { text, analysis: JSON.stringify({ sentences, findings: [], profile }), profile: JSON.stringify(profile) };
}

describe('the workspace export', () => {
  it('of more than 200 MB streams from the built server with its memory under 400 MB', async () => {
    const dir = tempDir('peerlens-export-');
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const server = await startProcess(dataDir);
    running.push(server);
    const admin = await setupAdminOver(server.url);
    // notes of 100 KB of text and about as much analysis, written beside the running server
    const started = performance.now();
    peek(join(dataDir, DB_FILE), (db) => {
      const insert = db.prepare(
        `insert into documents (id, title, kind, text, analysis, profile, summary, created_at, updated_at, author_id, team_id, written_at, content_hash)
         values (?, ?, 'note', ?, ?, ?, '', ?, ?, ?, null, ?, null)`,
      );
      const now = new Date().toISOString();
      db.transaction(() => {
        for (let i = 0; i < NOTES; i++) {
          const n = bigNote(i, 100_000);
          insert.run(`big-${i}`, `Big note ${i}`, n.text, n.analysis, n.profile, now, now, admin.id, '2025-06-01');
        }
      })();
    });
    const filled = performance.now() - started;
    const before = memoryOf(server.child.pid ?? 0);

    const t0 = performance.now();
    const r = await admin.call('GET', '/api/export');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    let bytes = 0;
    let maxRss = 0;
    let rows = 0;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    const needle = Buffer.from('"id":"big-');
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(server.child.pid ?? 0).rss)), 50);
    try {
      const reader = (r.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        // rows counted by their id, across the edges of the chunks
        const window = Buffer.concat([tail, value]);
        for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + 1)) if (at + needle.length > tail.length) rows++;
        if (head.length < 200) head = Buffer.concat([head, value]).subarray(0, 200);
        tail = window.subarray(Math.max(0, window.length - needle.length));
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - t0) / 1000;
    const after = memoryOf(server.child.pid ?? 0);
    console.log(
      `export: ${(bytes / MB).toFixed(0)} MB in ${seconds.toFixed(1)} s (${(bytes / MB / seconds).toFixed(0)} MB/s); server RSS ${before.rss.toFixed(0)} MB before, at most ${maxRss.toFixed(0)} MB while streaming (sampled every 50 ms), peak of the process's life ${after.peak.toFixed(0)} MB; workspace written in ${(filled / 1000).toFixed(1)} s`,
    );
    expect(bytes).toBeGreaterThan(200 * MB);
    expect(rows).toBe(NOTES);
    expect(head.toString()).toMatch(/^\{"format":"peerlens-workspace","version":1,"exportedAt":"/);
    expect(tail.toString()).toMatch(/\}\}\n$/);
    expect(after.peak).toBeLessThan(400);
    // the server still answers afterwards
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 180_000);
});
