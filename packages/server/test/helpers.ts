/** A server per test file: its own temporary data folder and a tiny built web app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.js';

export const FIXTURES = new URL('../../cli/test/fixtures/', import.meta.url);
export const fixture = (path: string): URL => new URL(path, FIXTURES);

export function tempDir(prefix = 'peerlens-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A web build of one page and one asset, so page tests do not depend on packages/web being built. */
export function fakeWebDist(): string {
  const dir = tempDir('peerlens-web-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PeerLens test build</title><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("app");');
  return dir;
}

export interface TestServer {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(options: AppOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const webDist = options.webDist ?? fakeWebDist();
  const app = await buildApp({ ...options, dataDir, webDist });
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      if (options.webDist === undefined) rmSync(webDist, { recursive: true, force: true });
    },
  };
}

export const json = { 'content-type': 'application/json' };
