/** The web app's pages: built files, index.html for the app's own paths, and a plain page before a build. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ demo: false });
});
afterAll(() => server.close());

describe('pages', () => {
  it('serves index.html for every path the web app routes itself', async () => {
    for (const path of ['/', '/check', '/roles', '/framework', '/documents', '/documents/3f2a', '/check/']) {
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
