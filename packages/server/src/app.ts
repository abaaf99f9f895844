/**
 * The first check page: paste a note or a job description and see each sentence's label and
 * every finding. A placeholder for the full web app (editor, saved documents, SQLite), which
 * replaces it; it already keeps the rules every version keeps: nothing leaves this machine,
 * nothing about a note is logged, bodies are limited, malformed requests get a clear 4xx.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { analyze, reviewRole } from '@peerlens/core';
import { PAGE } from './page.js';

/** The largest request body accepted, in bytes. */
export const MAX_BODY = 1_000_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self'",
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `The body is larger than ${MAX_BODY} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleAnalyze(req: IncomingMessage): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'The body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object') throw new HttpError(400, 'The body must be a JSON object {text, kind}.');
  const { text, kind = 'note' } = body as { text?: unknown; kind?: unknown };
  if (typeof text !== 'string') throw new HttpError(400, 'Field "text" must be a string.');
  if (kind !== 'note' && kind !== 'duty' && kind !== 'document')
    throw new HttpError(400, 'Field "kind" must be "note", "duty" or "document".');
  return kind === 'note' ? { kind, analysis: analyze(text) } : { kind, review: reviewRole(text) };
}

export function createApp(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const done = (p: Promise<unknown>): void => {
      p.then(
        (value) => send(res, 200, value),
        (e: unknown) => {
          if (e instanceof HttpError) send(res, e.status, { error: e.message });
          else send(res, 500, { error: 'Something went wrong on the server.' });
        },
      );
    };
    if (route === 'GET /' || route === 'GET /index.html') send(res, 200, PAGE, 'text/html; charset=utf-8');
    else if (route === 'GET /api/health') send(res, 200, { ok: true });
    else if (route === 'POST /api/analyze') done(handleAnalyze(req));
    else send(res, 404, { error: `No route ${route}.` });
  });
}
