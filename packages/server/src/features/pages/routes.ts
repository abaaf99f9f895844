/**
 * The web app's pages: the files of packages/web/dist, and index.html for the app's own paths
 * (the page router takes it from there). Without a build, a plain page says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { PAGE_PATHS } from './schemas.js';

/** The paths the web app routes itself: the contract's table of pages. */
export const APP_PATHS = PAGE_PATHS;

export const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PeerLens</title></head>
<body><main><h1>PeerLens</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds and then serves it) and reload this page.</p>
<p>The API is running: see <a href="/api/health">/api/health</a> and <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</main></body></html>
`;

export const pageRoutes: FastifyPluginAsync<{ webDist: string }> = async (app, { webDist }) => {
  const built = existsSync(join(webDist, 'index.html'));
  if (!built) {
    for (const path of APP_PATHS)
      app.get(path, { schema: { hide: true } }, async (_request, reply) =>
        reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT),
      );
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    index: false,
    wildcard: true,
    // Built assets have hashed names; index.html must be fetched afresh after an upgrade.
    setHeaders: (res, path) => {
      res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  for (const path of APP_PATHS)
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false }),
    );
};
