/**
 * The PeerLens server: the JSON API of decision 007 and the built pages of packages/web.
 * `buildApp()` returns a ready Fastify instance (tests use `app.inject`); main.ts listens.
 * Nothing a person types is logged: Fastify's logger is off unless asked for, and even then
 * it logs only method, route and status.
 */
import { fileURLToPath } from 'node:url';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { dataDirFromEnv, databaseUrlFromEnv, migrate, openConfigured } from './db/database.js';
import { announceDemo, seedDemo } from './features/demo/service.js';
import type { Database } from './db/types.js';
import { ApiError, sendError, toApiError } from './errors.js';
import { sessionPlugin } from './auth/access.js';
import { analyzeRoutes } from './features/analysis/routes.js';
import { sessionRoutes } from './features/session/routes.js';
import { documentRoutes } from './features/documents/routes.js';
import { extractRoutes } from './features/extract/routes.js';
import { pageRoutes } from './features/pages/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { passwordRoutes } from './features/passwords/routes.js';
import { PasswordWork, type PasswordWorkOptions } from './auth/password-work.js';
import { peopleRoutes } from './features/people/routes.js';
import { privacyRoutes } from './features/privacy/routes.js';
import { purgeExpired } from './features/privacy/service.js';
import { rateLimitFromEnv, TokenBucketLimiter } from './auth/ratelimit.js';
import { SharedFailureLimiter, SharedTokenBucket, type FailureCount, type RequestBucket } from './auth/shared-limits.js';
import { isPostgres } from './db/dialect.js';
import { cardSortRoutes } from './features/card-sorts/routes.js';
import { programTaskRoutes } from './features/program-tasks/routes.js';
import { trainingRoutes } from './features/training/routes.js';
import { importRoutes } from './features/imports/routes.js';
import { driftRoutes } from './features/drift/routes.js';
import { organizationRoutes } from './features/organization/routes.js';
import { reflectionRoutes } from './features/reflections/routes.js';
import { demoRoutes } from './features/demo/routes.js';
import { VERSION } from './version.js';

/** The largest JSON body accepted. */
export const JSON_LIMIT = 1024 * 1024;
/** The largest upload accepted by POST /api/extract. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface AppOptions {
  /** Where `peerlens.sqlite` lives; default `DATA_DIR` or `./data`. Ignored when `db` or a database URL is given. */
  dataDir?: string;
  /**
   * A PostgreSQL database (`postgres://…`) to use instead of SQLite; default `DATABASE_URL`.
   * `null`: SQLite whatever the environment says. Ignored when `db` is given.
   */
  databaseUrl?: string | null;
  /** A database to use instead of opening one (it is migrated, and not closed with the app). */
  db?: Kysely<Database>;
  /** The built web pages; default packages/web/dist. */
  webDist?: string;
  /** Save the demo workspace on first start (default true); on later starts, say which demo accounts still use its password. */
  demo?: boolean;
  /**
   * The host names the server answers to (the Host header, without its port). main.ts sets
   * the loopback names when it listens on loopback, so a web page elsewhere cannot reach the
   * API by pointing its own domain name at 127.0.0.1 (DNS rebinding). Default: any.
   */
  allowedHosts?: readonly string[];
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, as Fastify's
   * `trustProxy`), so the limits per address see each client rather than the proxy. Default
   * `PEERLENS_TRUST_PROXY` (comma-separated), else none.
   */
  trustProxy?: readonly string[];
  /** Fastify's request log (default off): method, URL and status, never a body. A stream receives its JSON lines. */
  logger?: boolean | { stream: { write(line: string): void } };
  /** The sign-in failure limiter (tests pass their own). */
  loginLimiter?: FailureCount;
  /**
   * Keep the limits (failed sign-ins per address and username, wrong current passwords, the
   * request buckets) in the database, so that they count across every server process on it.
   * Default: on PostgreSQL yes, on SQLite (one process per file) no, in memory.
   */
  sharedLimits?: boolean;
  /** The limits on password hashing per address and across the server (auth/password-work.ts). */
  passwordWork?: PasswordWorkOptions;
  /** Run the purge (retention, unfinished imports, the write-ahead log) on start and every hour (default true). */
  retentionPurge?: boolean;
  /**
   * Analyses, extractions and imports per signed-in member per minute (a token bucket in memory);
   * 0 turns the limit off. Default `PEERLENS_RATE_LIMIT`, else 600.
   */
  rateLimit?: number;
}

/** The routes that cost the server real work per call, limited per member by `rateLimit`. */
export const RATE_LIMITED_ROUTES: ReadonlySet<string> = new Set(['POST /api/analyze', 'POST /api/extract', 'POST /api/imports']);

/** How often the purge runs: rows past the retention period, imports unfinished for a day, then a WAL checkpoint. */
export const PURGE_INTERVAL_MS = 3_600_000;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** True once the server has begun to close (GET /api/health then says it is not ready). */
    closing: boolean;
  }
}

/** `PEERLENS_TRUST_PROXY`: the reverse proxies' addresses or CIDR ranges, comma-separated; none when unset. */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PEERLENS_TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const ownDb = options.db === undefined;
  const databaseUrl = options.databaseUrl === undefined ? databaseUrlFromEnv() : (options.databaseUrl ?? undefined);
  const db = options.db ?? openConfigured({ databaseUrl, dataDir: options.dataDir ?? dataDirFromEnv() });
  try {
    await migrate(db);
    if (options.demo !== false && !(await seedDemo(db))) await announceDemo(db);
  } catch (e) {
    if (ownDb) await db.destroy();
    throw e;
  }

  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  const app = Fastify({
    logger: options.logger === true ? { level: 'info' } : options.logger ? { level: 'info', stream: options.logger.stream } : false,
    bodyLimit: JSON_LIMIT,
    ...(trustProxy.length > 0 ? { trustProxy: [...trustProxy] } : {}),
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot decode: the one error shape here too.
    frameworkErrors: (_error, _request, reply) =>
      void sendError(reply, new ApiError(400, 'invalid', 'The request is not valid (its address could not be read).')),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('closing', false);
  app.addHook('preClose', async () => {
    app.closing = true;
  });
  if (ownDb) app.addHook('onClose', async () => db.destroy());

  app.setErrorHandler((err, request, reply) => {
    const api = toApiError(err, request);
    // Name the route and the error, never the body.
    if (api.status >= 500)
      request.log.error(
        {
          route: request.routeOptions.url,
          method: request.method,
          err: { name: (err as Error).name, code: (err as { code?: string }).code },
        },
        'request failed',
      );
    return sendError(reply, api);
  });

  const allowed = options.allowedHosts === undefined ? undefined : new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  if (allowed)
    app.addHook('onRequest', async (request) => {
      if (!allowed.has(request.hostname.toLowerCase()))
        throw new ApiError(403, 'forbidden', 'This server answers only at the address it was started on, e.g. http://localhost:8080.');
    });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  try {
    await registerAll(app, options);
  } catch (e) {
    await app.close(); // closes the database it opened
    throw e;
  }
  return app;
}

async function registerAll(app: FastifyInstance, options: AppOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PeerLens API',
        version: VERSION,
        description:
          'Check notes, job descriptions and task lists against the peer / overlap / clinical framework; save documents and download their reports. Every error is { error: { code, message, field? } }.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );

  await app.register(sessionPlugin);
  const shared = options.sharedLimits ?? isPostgres(app.db);
  const perMinute = options.rateLimit ?? rateLimitFromEnv();
  if (perMinute > 0) {
    const limiter: RequestBucket = shared ? new SharedTokenBucket(app.db, perMinute) : new TokenBucketLimiter(perMinute);
    // After the session is read, before any body is: a refused upload is never parsed.
    app.addHook('onRequest', async (request, reply) => {
      if (!request.user || !RATE_LIMITED_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
      const wait = await limiter.take(request.user.id);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError(
          429,
          'rate_limited',
          `Too many requests: the limit is ${perMinute.toLocaleString('en-US')} a minute per member. Wait ${wait} second(s) and try again.`,
        );
      }
    });
  }
  await app.register(sessionRoutes);
  const work = new PasswordWork(
    options.passwordWork,
    shared ? (max, windowMs) => new SharedFailureLimiter(app.db, 'sign-in-address', max, windowMs) : undefined,
  );
  const loginLimiter = options.loginLimiter ?? (shared ? new SharedFailureLimiter(app.db, 'sign-in') : undefined);
  await app.register(authRoutes, { work, ...(loginLimiter ? { limiter: loginLimiter } : {}) });
  await app.register(passwordRoutes, { work, ...(shared ? { wrongCurrent: new SharedFailureLimiter(app.db, 'current-password') } : {}) });
  await app.register(peopleRoutes);
  await app.register(privacyRoutes);
  await app.register(analyzeRoutes);
  await app.register(documentRoutes);
  await app.register(extractRoutes, { uploadLimit: UPLOAD_LIMIT });
  await app.register(cardSortRoutes);
  await app.register(programTaskRoutes);
  await app.register(trainingRoutes);
  await app.register(importRoutes);
  await app.register(driftRoutes);
  await app.register(organizationRoutes);
  await app.register(reflectionRoutes);
  await app.register(demoRoutes);
  await app.register(pageRoutes, { webDist: options.webDist ?? DEFAULT_WEB_DIST });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return sendError(
      reply,
      new ApiError(
        404,
        'not_found',
        path.startsWith('/api/') || path === '/api' ? `No API route ${request.method} ${path}.` : 'Not found.',
      ),
    );
  });

  if (options.retentionPurge !== false) {
    await purgeExpired(app.db);
    // A failed purge is retried next time; the timer never keeps the process alive.
    const timer = setInterval(() => void purgeExpired(app.db).catch(() => undefined), PURGE_INTERVAL_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  await app.ready();
}
