/**
 * `node packages/server/dist/main.js` (what `npm start` runs): the PeerLens server under its
 * supervisor, which starts it again if it dies (supervisor.ts). The server itself is `server.js`
 * (HOST, PORT, DATA_DIR as described there); run that to go without a supervisor.
 * PEERLENS_WATCHDOG_MS sets how late the server's heartbeat may be before it is restarted
 * (default 60000; 0 turns the watchdog off).
 */
import { fileURLToPath } from 'node:url';
import { supervise } from './supervisor.js';

const watchdog = process.env.PEERLENS_WATCHDOG_MS;
const watchdogMs = watchdog === undefined || watchdog === '' ? undefined : Number(watchdog);
if (watchdogMs !== undefined && !(Number.isInteger(watchdogMs) && watchdogMs >= 0)) {
  process.stderr.write(`PeerLens could not start: PEERLENS_WATCHDOG_MS must be a whole number of milliseconds (got "${watchdog}").\n`);
  process.exit(1);
}
// server.js beside this file (server.ts when run from source with tsx, which the child inherits)
const server = new URL(import.meta.url.endsWith('.ts') ? './server.ts' : './server.js', import.meta.url);
const supervisor = supervise({
  script: fileURLToPath(server),
  env: process.env,
  ...(watchdogMs !== undefined ? { watchdogMs } : {}),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => supervisor.stop(signal));
process.exit(await supervisor.done);
