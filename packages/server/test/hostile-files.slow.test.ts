/**
 * Issue 12's hostile files against the real server process (`server.js`, no supervisor): each
 * is generated here, uploaded to POST /api/extract and POST /api/imports, and must be answered
 * 4xx within 10 s, while GET /api/health, polled every 100 ms, answers 200 within 1 s every
 * time, and the server's peak resident memory (VmHWM) stays under 1 GB. The figures are printed
 * (docs/reliability.md, "Hostile files").
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../../inputs/test/hostile.js';
import { tempDir } from './helpers.js';
import { setupAdminOver, startProcess, type Client, type ServerProcess } from './process.js';

const FILES: readonly { what: string; name: string; make: () => Buffer }[] = [
  { what: 'DOCX, ~95 MB of valid paragraphs in its XML', name: 'paragraphs.docx', make: HOSTILE.docxParagraphs95MB },
  { what: 'DOCX, 10,000 nested <w:p>', name: 'nested-10k.docx', make: () => HOSTILE.docxNested(10_000) },
  { what: 'DOCX, 2,000,000 nested <w:p>', name: 'nested-2m.docx', make: () => HOSTILE.docxNested(2_000_000) },
  { what: 'DOCX, one 20 MB paragraph', name: 'paragraph.docx', make: HOSTILE.docxParagraph20MB },
  { what: 'PDF, one page with a 200 MB text stream', name: 'text-stream.pdf', make: () => HOSTILE.pdfTextStream(200) },
  { what: 'PDF, one page of 1 GB of whitespace', name: 'whitespace.pdf', make: () => HOSTILE.pdfWhitespace(1024) },
];
const ROUTES = ['/api/extract', '/api/imports'] as const;

/** Peak and current resident memory of a process, in MB, from /proc. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** Polls GET /api/health every 100 ms until stopped; the slowest answer and every status. */
function pollHealth(url: string): { stop(): Promise<{ worst: number; count: number; statuses: number[] }> } {
  let running = true;
  let worst = 0;
  const statuses: number[] = [];
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      let status: number;
      try {
        status = (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
      } catch {
        status = -1;
      }
      worst = Math.max(worst, performance.now() - started);
      statuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { worst, count: statuses.length, statuses };
    },
  };
}

let server: ServerProcess;
let admin: Client;
let dataDir: string;
const figures: string[] = [];

beforeAll(async () => {
  dataDir = tempDir('peerlens-hostile-');
  server = await startProcess(dataDir);
  admin = await setupAdminOver(server.url);
  figures.push(`server peak RSS before the first upload: ${memoryOf(server.child.pid as number).peak.toFixed(0)} MB`);
});

afterAll(async () => {
  if (server !== undefined) {
    const { peak } = memoryOf(server.child.pid as number);
    figures.push(`server peak RSS over all uploads: ${peak.toFixed(0)} MB`);
    await server.kill('SIGTERM');
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`\nhostile files (status, time to answer, slowest /api/health, server RSS now):\n${figures.join('\n')}\n`);
});

describe('hostile files against the server process', () => {
  for (const file of FILES) {
    it(`${file.what}: 4xx within 10 s on both upload routes; /api/health within 1 s meanwhile; RSS under 1 GB`, async () => {
      const bytes = file.make();
      for (const route of ROUTES) {
        const health = pollHealth(server.url);
        const started = performance.now();
        const r = await admin.call('POST', route, bytes, { 'content-type': 'application/octet-stream', 'x-file-name': file.name });
        const took = performance.now() - started;
        const body = (await r.json()) as { error?: { code: string; message: string } };
        const h = await health.stop();
        const mem = memoryOf(server.child.pid as number);
        figures.push(
          `${route.padEnd(13)} ${file.what} (${(bytes.length / 1024).toFixed(0)} KB): ${r.status} ${body.error?.code ?? ''} in ${(took / 1000).toFixed(2)} s; health worst ${h.worst.toFixed(0)} ms of ${h.count}; RSS ${mem.now.toFixed(0)} MB (peak ${mem.peak.toFixed(0)})`,
        );
        expect(r.status, `${route}: ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(took, route).toBeLessThan(10_000);
        expect(h.count).toBeGreaterThan(0);
        expect(h.statuses.every((s) => s === 200)).toBe(true);
        expect(h.worst, route).toBeLessThan(1000);
        expect(mem.peak).toBeLessThan(1024);
      }
    });
  }

  it('still reads an ordinary upload afterwards', async () => {
    const r = await admin.call('POST', '/api/extract', Buffer.from('We talked about her week.\n'), {
      'content-type': 'application/octet-stream',
      'x-file-name': 'note.txt',
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { text: string }).text).toBe('We talked about her week.\n');
  });
});
