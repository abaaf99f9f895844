/**
 * A small parent process that keeps the server running (issue 12, decision 011): it starts
 * `server.js` as a child with an IPC channel and starts it again when it dies, whatever killed it
 * (an out-of-memory abort, an uncaught error, SIGKILL). A child that stops sending its heartbeat
 * (its event loop blocked for `watchdogMs`) is killed and started again. The port the first child
 * listened on is kept for the next, so PORT=0 stays one address. `stop()` (main.ts calls it on
 * SIGINT and SIGTERM) passes the signal on and ends the supervision. A child that fails before it is ready on its very first start (a port
 * in use, a bad setting) ends it too: starting again would only fail again.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** What the server tells its supervisor. */
export type ChildMessage = { readonly type: 'ready'; readonly port: number } | { readonly type: 'alive' };

export interface SuperviseOptions {
  /** The server's entry point. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** Kill and restart a server whose heartbeat is this late (default 60 s; 0 turns the watchdog off). */
  readonly watchdogMs?: number;
  /** Give up after this many failed starts in a row (a child that dies before it is ready); default 5. */
  readonly maxFailedStarts?: number;
  /** Where the supervisor's own lines go (default stderr). */
  readonly log?: (line: string) => void;
}

export interface Supervisor {
  /** Resolves with the exit code for this process once the supervision ends. */
  readonly done: Promise<number>;
  /** Stops the supervision: the signal goes to the server, which is killed if it has not stopped in 10 s. */
  stop(signal?: NodeJS.Signals): void;
  /** Restarts so far. */
  readonly restarts: number;
}

/** How long to wait before a restart: 250 ms, doubling with each crash that came soon after a start, at most 10 s. */
export function restartDelay(quickCrashes: number): number {
  return Math.min(10_000, 250 * 2 ** Math.max(0, quickCrashes));
}

/** A crash this soon after the child was ready counts as quick (and lengthens the next delay). */
const QUICK_MS = 30_000;

/** Runs the server under supervision until `stop()`, or until it cannot start. */
export function supervise(options: SuperviseOptions): Supervisor {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const watchdogMs = options.watchdogMs ?? 60_000;
  const maxFailedStarts = options.maxFailedStarts ?? 5;
  let onStop: (signal: NodeJS.Signals) => void = () => undefined;
  let child: ChildProcess | undefined;
  let stopping = false;
  let port: string | undefined;
  let restarts = 0;
  let quickCrashes = 0;
  let failedStarts = 0;
  let everReady = false;
  let readyAt = 0;
  let lastAlive = 0;
  let ready = false;
  let timer: NodeJS.Timeout | undefined;

  const done = new Promise<number>((resolve) => {
    const finish = (code: number): void => {
      clearInterval(watchdog);
      if (timer !== undefined) clearTimeout(timer);
      resolve(code);
    };
    const start = (): void => {
      ready = false;
      const env = { ...options.env, ...(port !== undefined ? { PORT: port } : {}) };
      const c = fork(options.script, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child = c;
      c.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') {
          ready = true;
          everReady = true;
          failedStarts = 0;
          readyAt = Date.now();
          lastAlive = readyAt;
          port = String(m.port);
        } else if (m.type === 'alive') lastAlive = Date.now();
      });
      c.on('error', () => undefined); // a failed send or kill; 'exit' follows
      c.once('exit', (code, signal) => {
        if (child === c) child = undefined;
        const how = signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
        if (stopping) return finish(0);
        if (!ready) {
          failedStarts++;
          if (!everReady || failedStarts >= maxFailedStarts) {
            log(`PeerLens: the server could not start (${how}); not trying again.`);
            return finish(code === 0 || code === null ? 1 : code);
          }
        }
        if (ready && code === 0 && signal === null) return finish(0); // it stopped by itself, cleanly
        const quick = ready && Date.now() - readyAt < QUICK_MS;
        quickCrashes = quick || !ready ? quickCrashes + 1 : 0;
        restarts++;
        const delay = restartDelay(quickCrashes - 1);
        log(`PeerLens: the server stopped (${how}); starting it again in ${delay} ms (restart ${restarts}).`);
        timer = setTimeout(start, delay);
      });
    };
    onStop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      const c = child;
      if (c === undefined) return finish(0);
      c.kill(signal);
      // a child that does not stop in 10 s is ended
      setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
    };
    const watchdog = setInterval(() => {
      if (watchdogMs <= 0 || !ready || child === undefined) return;
      if (Date.now() - lastAlive > watchdogMs) {
        log(`PeerLens: the server has not answered its supervisor for ${Math.round((Date.now() - lastAlive) / 1000)} s; ending it.`);
        lastAlive = Date.now();
        child.kill('SIGKILL');
      }
    }, 1000);
    start();
  });
  return {
    done,
    stop: (signal: NodeJS.Signals = 'SIGTERM') => onStop(signal),
    get restarts() {
      return restarts;
    },
  };
}
