/**
 * `node packages/server/dist/server.js`: the server itself, on HOST:PORT (default 127.0.0.1:8080,
 * this machine only; set HOST=0.0.0.0 to let other machines reach it) with the database under
 * DATA_DIR (default ./data); PEERLENS_DEMO=0 starts a new workspace without the demo. Prints the address and nothing about requests. `main.js` runs this
 * under a supervisor that starts it again if it dies (supervisor.ts); run alone, nothing does.
 *
 * Under the supervisor (an IPC channel is open) it reports `ready` with its port once it listens,
 * sends a heartbeat every second from its event loop, and stops when the supervisor goes away.
 */
import { buildApp } from './app.js';
import { dataDirFromEnv } from './db/database.js';
import { demoFromEnv, skipDemo } from './features/demo/service.js';
import type { ChildMessage } from './supervisor.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
/** On loopback, answer only to loopback names (a guard against DNS rebinding); on a network address, to any. */
const allowedHosts = loopback ? ['localhost', '127.0.0.1', '[::1]', '::1', host] : undefined;
const tell = (m: ChildMessage): void => {
  if (process.connected) process.send?.(m);
};

try {
  const demo = demoFromEnv();
  const app = await buildApp({ dataDir: dataDirFromEnv(), demo, ...(allowedHosts ? { allowedHosts } : {}) });
  // PEERLENS_DEMO=0: a new workspace stays without the demo for good (an existing one keeps what it has)
  if (!demo) await skipDemo(app.db);
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
  // the supervisor is gone (killed, or it stopped us): stop too, rather than run unsupervised
  process.once('disconnect', stop);
  await app.listen({ port, host });
  const address = app.server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`PeerLens is running at http://${shown}:${actual}\n`);
  if (process.send !== undefined) {
    tell({ type: 'ready', port: actual });
    setInterval(() => tell({ type: 'alive' }), 1000).unref();
  }
} catch (e) {
  process.stderr.write(`PeerLens could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
