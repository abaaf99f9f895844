/**
 * The limits of ratelimit.ts kept in the database instead of in memory (decision 022), so that
 * they count across every app server on one PostgreSQL: failed tries (`limit_failures`, one row
 * each) and each member's token bucket (`rate_buckets`, taken in one statement, which the row's
 * lock makes atomic across processes). Keys are stored as SHA-256 digests.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/dialect.js';
import type { Database } from '../db/types.js';

const digest = (s: string): string => createHash('sha256').update(s).digest('base64url');

/** What a failure limit needs: ratelimit.ts's FailureLimiter (one process) or SharedFailureLimiter (every process). */
export interface FailureCount {
  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(key: string, now?: number): number | Promise<number>;
  fail(key: string, now?: number): void | Promise<void>;
  succeed(key: string): void | Promise<void>;
}

/** What a request limit needs: ratelimit.ts's TokenBucketLimiter or SharedTokenBucket. */
export interface RequestBucket {
  readonly perMinute: number;
  /** Takes one token; 0 when allowed, else the seconds until a token is back. */
  take(key: string, now?: number): number | Promise<number>;
}

/** `max` failures per key within `windowMs`, as rows of `limit_failures` under `scope`. */
export class SharedFailureLimiter implements FailureCount {
  constructor(
    private readonly db: Kysely<Database>,
    readonly scope: string,
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const recent = await this.db
      .selectFrom('limit_failures')
      .select('at')
      .where('scope', '=', this.scope)
      .where('key', '=', digest(key))
      .where('at', '>', now - this.windowMs)
      .orderBy('at', 'desc')
      .limit(this.max)
      .execute();
    if (recent.length < this.max) return 0;
    const oldest = Number(recent[recent.length - 1]?.at ?? now);
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  async fail(key: string, now = Date.now()): Promise<void> {
    const k = digest(key);
    await this.db
      .deleteFrom('limit_failures')
      .where('scope', '=', this.scope)
      .where('key', '=', k)
      .where('at', '<=', now - this.windowMs)
      .execute();
    await this.db.insertInto('limit_failures').values({ scope: this.scope, key: k, at: now }).execute();
  }

  async succeed(key: string): Promise<void> {
    await this.db.deleteFrom('limit_failures').where('scope', '=', this.scope).where('key', '=', digest(key)).execute();
  }
}

/** A token bucket per key in `rate_buckets`: `perMinute` at once, refilled evenly at `perMinute` a minute. */
export class SharedTokenBucket implements RequestBucket {
  constructor(
    private readonly db: Kysely<Database>,
    readonly perMinute: number,
  ) {
    if (!(perMinute > 0)) throw new Error('perMinute must be above 0');
  }

  async take(key: string, now = Date.now()): Promise<number> {
    const rate = this.perMinute / 60_000; // tokens per millisecond
    const per = sql`cast(${this.perMinute} as double precision)`;
    const least = isPostgres(this.db) ? sql`least` : sql`min`;
    // the bucket refilled since its last take, at most full
    const refilled = sql`${least}(${per}, rate_buckets.tokens + (cast(${now} as double precision) - rate_buckets.at) * cast(${rate} as double precision))`;
    // one statement: the row's lock makes the read and the write one step for every server
    const r = await sql<{ tokens: number; allowed: number }>`
      insert into rate_buckets (key, tokens, at, allowed) values (${digest(key)}, ${per} - 1, ${now}, 1)
      on conflict (key) do update set
        tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
        allowed = case when ${refilled} >= 1 then 1 else 0 end,
        at = ${now}
      returning tokens, allowed`.execute(this.db);
    const row = r.rows[0];
    if (row === undefined || Number(row.allowed) === 1) return 0;
    return Math.max(1, Math.ceil((1 - Number(row.tokens)) / rate / 1000));
  }
}

/** Deletes what no limit looks at any more: failures and buckets untouched for a day. */
export async function purgeLimits(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('limit_failures')
    .where('at', '<', now - 86_400_000)
    .execute();
  await db
    .deleteFrom('rate_buckets')
    .where('at', '<', now - 86_400_000)
    .execute();
}
