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
