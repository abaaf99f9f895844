/** No input crashes the server, a failure says something generic, and nothing a person typed reaches the log. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { injectAs, setupAdmin, startServer, tempDir, type TestServer } from './helpers.js';

const SECRET = 'Jordan told me about the night at the shelter';

describe('robustness', () => {
  let server: TestServer;
  let inject: ReturnType<typeof injectAs>;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startServer({ demo: false, logger: { stream: { write: (l: string) => void lines.push(l) } } });
    inject = injectAs(server.app, await setupAdmin(server.app));
  });
  afterAll(() => server.close());

  it('answers any body on any route with a reply, never a crash, and errors in the one shape', async () => {
    const routes = [
      ['POST', '/api/analyze'],
      ['POST', '/api/documents'],
      ['PUT', '/api/documents/abc'],
      ['POST', '/api/extract'],
      ['POST', '/api/setup'],
      ['POST', '/api/login'],
      ['POST', '/api/invitations/abc'],
      ['POST', '/api/invitations'],
      ['POST', '/api/teams'],
      ['PATCH', '/api/members/abc'],
      ['PUT', '/api/settings'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
        ),
        fc.constantFrom('application/json', 'application/octet-stream', 'text/plain'),
        async ([method, url], body, type) => {
          const r = await inject({ method, url, payload: body, headers: { 'content-type': type, 'x-file-name': 'f.txt' } });
          expect(r.statusCode).toBeLessThan(500);
          if (r.statusCode >= 400) expect(Object.keys(r.json().error)).toEqual(expect.arrayContaining(['code', 'message']));
        },
      ),
      { numRuns: 150 },
    );
    expect((await server.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('logs requests without their bodies', async () => {
    await inject({ method: 'POST', url: '/api/analyze', payload: { text: SECRET, kind: 'note' } });
    await inject({ method: 'POST', url: '/api/documents', payload: { title: SECRET, kind: 'poem', text: SECRET } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('Jordan');
  });
});

describe('a failure inside the server', () => {
  it('answers 500 with a generic message, logging the route but not the note', async () => {
    const lines: string[] = [];
    const db = openDatabase(tempDir());
    const server = await startServer({ db, demo: false, logger: { stream: { write: (l: string) => void lines.push(l) } } });
    const inject = injectAs(server.app, await setupAdmin(server.app));
    await db.destroy(); // the database goes away under the running server
    const r = await inject({ method: 'POST', url: '/api/documents', payload: { title: 'Visit', kind: 'note', text: SECRET } });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on the server.' } });
    const log = lines.join('\n');
    expect(log).toContain('request failed');
    expect(log).toContain('/api/documents');
    expect(log).not.toContain('Jordan');
    await server.close();
  });
});
