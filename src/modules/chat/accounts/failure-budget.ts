import type { Clock } from '../../../shared/clock.js';
import { MatrixError } from '../matrix-error.js';

const MAX_KEYS = 50_000;

/**
 * Fixed-window counters of failed attempts (wrong passwords, unknown tokens) per key, in memory:
 * one process serves the homeserver, and a restart forgetting the counts only errs towards users.
 * Only failures count, so people logging in correctly are never slowed down.
 */
export class FailureBudget {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(private readonly options: { maxFailures: number; windowMs: number; clock: Clock }) {}

  /** 429 M_LIMIT_EXCEEDED with retry_after_ms once the key has failed too often in this window. */
  check(key: string): void {
    const now = this.options.clock.now().getTime();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) return;
    if (window.failures >= this.options.maxFailures) {
      throw new MatrixError(429, 'M_LIMIT_EXCEEDED', 'Too many attempts; try again later', {
        retry_after_ms: window.start + this.options.windowMs - now,
      });
    }
  }

  recordFailure(key: string): void {
    const now = this.options.clock.now().getTime();
    const window = this.windows.get(key);
    if (window && now - window.start < this.options.windowMs) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= MAX_KEYS) this.forgetExpired(now);
    this.windows.set(key, { start: now, failures: 1 });
  }

  /** Runs `attempt`, counting it as a failure when it throws a MatrixError that `isFailure` accepts. */
  async guard<T>(key: string, attempt: () => Promise<T>, isFailure: (error: MatrixError) => boolean): Promise<T> {
    this.check(key);
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof MatrixError && isFailure(error)) this.recordFailure(key);
      throw error;
    }
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.options.windowMs) this.windows.delete(key);
    if (this.windows.size >= MAX_KEYS) this.windows.clear();
  }
}
