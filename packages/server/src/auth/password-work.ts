/**
 * Every password hash the server computes (sign-in, setup, accepting an invitation, changing or
 * resetting a password) goes through here: first the client address's gate (one check at a time
 * per address, 30 failures in 15 minutes per address), then one server-wide queue (as
 * many hashes at once as there are cores, a bounded number waiting). What does not fit is
 * refused at once with 429 and Retry-After, before any hashing, so a flood of sign-ins with
 * made-up names from one address costs the server almost nothing and a real sign-in does not
 * wait behind it.
 */
import { availableParallelism } from 'node:os';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { AddressGate, WorkQueue } from './ratelimit.js';
import type { FailureCount } from './shared-limits.js';

export interface PasswordWorkOptions {
  /** Password checks in flight at once from one address (default 1). */
  perAddressInFlight?: number;
  /** Failed sign-ins from one address, whatever the usernames, in 15 minutes (default 30). */
  perAddressFailures?: number;
  /** Hashes at once across the server (default: the number of cores). */
  concurrency?: number;
  /** Hashes that may wait for a slot (default 16); past it, 429. */
  maxWaiting?: number;
}

export class PasswordWork {
  readonly gate: AddressGate;
  readonly queue: WorkQueue;

  /** `addressFailures`: where failures per address are counted (a shared limiter on PostgreSQL); default in memory. */
  constructor(options: PasswordWorkOptions = {}, addressFailures?: (max: number, windowMs: number) => FailureCount) {
    const max = options.perAddressFailures ?? 30;
    this.gate = new AddressGate(options.perAddressInFlight ?? 1, max, 15 * 60_000, addressFailures?.(max, 15 * 60_000));
    this.queue = new WorkQueue(options.concurrency ?? Math.max(1, availableParallelism()), options.maxWaiting ?? 16);
  }

  /** Runs `task` (which hashes) for `request` under the limits, or throws 429. */
  async run<T>(request: FastifyRequest, reply: FastifyReply, task: () => Promise<T>): Promise<T> {
    const address = request.ip;
    const wait = await this.gate.enter(address);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new ApiError(
        429,
        'rate_limited',
        wait > 1
          ? `Too many failed sign-ins from your address. Wait ${Math.ceil(wait / 60)} minute(s) and try again.`
          : 'Another sign-in from your address is still being checked. Try again in a moment.',
      );
    }
    try {
      const done = await this.queue.run(task);
      if (done === undefined) {
        reply.header('retry-after', '1');
        throw new ApiError(429, 'rate_limited', 'The server is busy checking other sign-ins. Try again in a moment.');
      }
      return done.value;
    } finally {
      this.gate.leave(address);
    }
  }

  /** A failed sign-in from `request`'s address (never cleared by a success: one good account must not reset it). */
  async failed(request: FastifyRequest): Promise<void> {
    await this.gate.failures.fail(request.ip);
  }
}
