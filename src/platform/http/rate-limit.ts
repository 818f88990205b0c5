import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../shared/clock.js';
import { AppError } from './app-error.js';

export interface RateLimiter {
  /** Counts one attempt for the key; throws a 429 AppError once the window's budget is spent. */
  hit(request: FastifyRequest, bucket: string): void;
  /** The same for a key of the caller's choosing, e.g. an account attacked from many addresses. */
  hitKey(key: string): void;
}

/**
 * Fixed-window counters in memory, per key (usually a bucket and the client address). One process serves the
 * platform, so memory is the right place; a restart forgets counts, which only errs towards users.
 */
export function createRateLimiter(options: { max: number; windowMs: number; clock: Clock }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const limiter: RateLimiter = {
    hit(request, bucket) {
      limiter.hitKey(`${bucket}\u0000${request.ip}`);
    },
    hitKey(key) {
      const now = options.clock.now().getTime();
      const current = windows.get(key);
      if (!current || now - current.start >= options.windowMs) {
        if (windows.size > 50_000) {
          for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
        }
        windows.set(key, { start: now, count: 1 });
        return;
      }
      current.count += 1;
      if (current.count > options.max) {
        throw new AppError('rate_limited', 429, 'errors.rate_limited', {
          retryAfterSeconds: Math.ceil((current.start + options.windowMs - now) / 1000),
        });
      }
    },
  };
  return limiter;
}
