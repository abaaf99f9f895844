/**
 * `node packages/server/dist/main.js`: serve PeerLens on HOST:PORT (default 127.0.0.1:8080, this
 * machine only; set HOST=0.0.0.0 to let other machines reach it) with the database under
 * DATA_DIR (default ./data). Prints the address and nothing about requests.
 */
import { buildApp } from './app.js';
import { dataDirFromEnv } from './db/database.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
/** On loopback, answer only to loopback names (a guard against DNS rebinding); on a network address, to any. */
const allowedHosts = loopback ? ['localhost', '127.0.0.1', '[::1]', '::1', host] : undefined;

try {
  const app = await buildApp({ dataDir: dataDirFromEnv(), ...(allowedHosts ? { allowedHosts } : {}) });
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port, host });
  const address = app.server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`PeerLens is running at http://${shown}:${actual}\n`);
} catch (e) {
  process.stderr.write(`PeerLens could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
