/** The web app's pages: built files, index.html for the app's own paths, and a plain page before a build. */
import { readFileSync, rmSync } from 'node:fs';
import { analyze } from '@peerlens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_BUILT } from '../src/features/pages/routes.js';
import { startServer, tempDir, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ demo: false });
});
afterAll(() => server.close());

describe('pages', () => {
  it('serves index.html for every path the web app routes itself', async () => {
    for (const path of [
      '/',
      '/check',
      '/roles',
      '/framework',
      '/documents',
      '/documents/3f2a',
      '/check/',
      '/login',
      '/setup',
      '/invite/abc',
      '/people',
      '/settings',
      '/me',
    ]) {
      const r = await server.app.inject({ url: path });
      expect(r.statusCode, path).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body).toContain('PeerLens test build');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('serves the built assets, cached for good (their names change with their content)', async () => {
    const r = await server.app.inject({ url: '/assets/app-1234.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toContain('immutable');
  });

  it('answers other paths with 404, and never serves files outside the build', async () => {
    expect((await server.app.inject({ url: '/nowhere' })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/../package.json' })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/%2e%2e/%2e%2e/package.json' })).statusCode).toBe(404);
  });

  it('says the web app has not been built when there is no build', async () => {
    const empty = tempDir('peerlens-noweb-');
    const bare = await startServer({ demo: false, webDist: empty });
    const r = await bare.app.inject({ url: '/check' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('has not been built');
    expect((await bare.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  });
});

describe("the server's own words", () => {
  it("pass PeerLens's language check: the page before a build, the error messages and the report wording", () => {
    const sources = [
      '../src/features/pages/routes.ts',
      '../src/features/extract/service.ts',
      '../src/errors.ts',
      '../../core/src/report/index.ts',
      '../src/features/documents/routes.ts',
    ];
    const strings = sources.flatMap((f) =>
      [...readFileSync(new URL(f, import.meta.url), 'utf8').matchAll(/'([^'\n]{25,})'|`([^`]{25,})`/g)].map((m) => m[1] ?? m[2] ?? ''),
    );
    expect(strings.length).toBeGreaterThan(15);
    const text = [NOT_BUILT.replace(/<[^>]+>/g, ' '), ...strings].join('\n');
    const language = analyze(text).findings.filter((f) => f.category === 'language');
    expect(language.map((f) => f.actual)).toEqual([]);
  });
});
