import type { FailureCount } from './shared-limits.js';

/**
 * Failed sign-ins, counted in memory per key (the client's address and the username): after
 * `max` failures within `windowMs`, further tries are refused until the oldest failure ages out.
 * A success clears the key. Memory is bounded: old keys are swept as new ones arrive.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.max) return 0;
    const oldest = list[list.length - this.max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.sweep(now);
    this.failures.set(key, [...this.recent(key, now), now].slice(-this.max));
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    // Still full: drop the oldest keys (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size < this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

/**
 * Requests per member, counted in memory as a token bucket: each member may spend `perMinute`
 * at once, and the bucket refills evenly at `perMinute` per minute. Memory is bounded: full
 * buckets hold no information and are dropped when the map grows.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly maxKeys = 10_000,
  ) {
    if (!(perMinute > 0)) throw new Error('perMinute must be above 0');
  }

  /** Takes one token; returns 0 when allowed, else the seconds until a token is back. */
  take(key: string, now = Date.now()): number {
    const rate = this.perMinute / 60_000; // tokens per millisecond
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.perMinute, b.tokens + (now - b.at) * rate) : this.perMinute;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
    }
    if (!b && this.buckets.size >= this.maxKeys) this.sweep(now);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  private sweep(now: number): void {
    const rate = this.perMinute / 60_000;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/** The default limit on analyses, extractions and imports per member per minute. */
export const DEFAULT_RATE_LIMIT = 600;

/** `PEERLENS_RATE_LIMIT` (requests per minute per member; 0 turns the limit off), or the default. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PEERLENS_RATE_LIMIT?.trim();
  if (raw === undefined || raw === '') return DEFAULT_RATE_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`PEERLENS_RATE_LIMIT must be a whole number of requests per minute (0 turns it off), not "${raw}".`);
  return n;
}

/**
 * How many tasks of one kind (password hashes) run at once across the server, and how many may
 * wait: past `maxWaiting`, `run` refuses at once (the caller answers 429) rather than let a queue
 * grow that every real sign-in would wait behind. scrypt runs on libuv's thread pool; running
 * more at once than there are cores only makes each one slower.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!(concurrency >= 1)) throw new Error('concurrency must be at least 1');
  }

  /** Whether a task would be refused now. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.maxWaiting;
  }

  /** Runs `task` when a slot is free; undefined (task not run) when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return { value: await task() };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * Sign-in work per client address: at most `maxInFlight` password checks at once from one
 * address in this process (the rest are refused at once, before any hashing), and at most `max`
 * failures in `windowMs` from it whatever the usernames (counted in memory, or in the database
 * when `failures` is a shared limiter). With the per-username limit and the server-wide
 * WorkQueue, one address cannot make everyone else's sign-in slow.
 */
export class AddressGate {
  private readonly inFlight = new Map<string, number>();
  readonly failures: FailureCount;

  constructor(
    readonly maxInFlight = 1,
    max = 30,
    windowMs = 15 * 60_000,
    failures?: FailureCount,
  ) {
    this.failures = failures ?? new FailureLimiter(max, windowMs);
  }

  /** Seconds to wait (> 0) when `address` may not start a password check now; else 0, and the check is counted in flight. */
  async enter(address: string): Promise<number> {
    const wait = await this.failures.retryAfter(address);
    if (wait > 0) return wait;
    const n = this.inFlight.get(address) ?? 0;
    if (n >= this.maxInFlight) return 1;
    this.inFlight.set(address, n + 1);
    return 0;
  }

  leave(address: string): void {
    const n = (this.inFlight.get(address) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(address);
    else this.inFlight.set(address, n);
  }
}
