import type { Kysely, Transaction } from 'kysely';
import type { ChatTables } from './chat.tables.js';
import { readStreamHead, writeStreamHead } from './stream.store.js';

/**
 * Where a client is in the server's streams. `position` orders everything persisted (events,
 * receipts, account data, keys, to-device messages); `typing` counts typing changes, which live
 * only in memory and start again from 0 when the server restarts.
 */
export interface StreamToken {
  readonly position: number;
  readonly typing: number;
}

export function formatToken(token: StreamToken): string {
  return `s${token.position}_${token.typing}`;
}

/** Undefined for anything that is not one of our tokens, so callers can answer M_INVALID_PARAM. */
export function parseToken(raw: string): StreamToken | undefined {
  const match = /^s(\d{1,15})_(\d{1,15})$/.exec(raw);
  if (!match) return undefined;
  return { position: Number(match[1]), typing: Number(match[2]) };
}

export type ChatTransaction = Transaction<ChatTables>;

export interface StreamWrite<T> {
  readonly result: T;
  /** Users whose /sync should wake up because of this write. */
  readonly wake: Iterable<string>;
  /** Runs after the commit and before anyone wakes: in-memory caches a woken /sync reads must be current by then. */
  readonly afterCommit?: () => void;
}

interface Waiter {
  readonly since: StreamToken;
  readonly resolve: () => void;
}

/**
 * The one global counter and the wake-up service for long-polling /sync. Writes run one at a
 * time in this process, so positions become visible in order: a reader that has seen position n
 * has seen everything before it.
 */
export class EventStream {
  private position = 0;
  private typing = 0;
  /** The position when this process started: what changed before it is not in any ChangeTracker. */
  private startPosition = 0;
  private isClosed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lastChange = new Map<string, StreamToken>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(private readonly db: Kysely<ChatTables>) {}

  async start(): Promise<void> {
    this.position = await readStreamHead(this.db);
    this.startPosition = this.position;
  }

  /** A tracker of which keys (rooms, users, devices) changed at which position since this process started. */
  tracker(): ChangeTracker {
    return new ChangeTracker(() => this.startPosition);
  }

  current(): StreamToken {
    return { position: this.position, typing: this.typing };
  }

  /** Runs `work` in one transaction; `next()` hands out positions; sleepers are woken after the commit. */
  write<T>(work: (tx: ChatTransaction, next: () => number) => Promise<StreamWrite<T>>): Promise<T> {
    const run = async (): Promise<T> => {
      let allocated = this.position;
      const outcome = await this.db.transaction().execute(async (tx) => {
        const written = await work(tx, () => ++allocated);
        if (allocated !== this.position) {
          await writeStreamHead(tx, allocated);
        }
        return written;
      });
      outcome.afterCommit?.();
      if (allocated !== this.position) {
        this.position = allocated;
        this.wake(outcome.wake);
      }
      return outcome.result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** For in-memory changes (typing): wakes the given users with a new typing serial. */
  bumpTyping(users: Iterable<string>): number {
    this.typing += 1;
    this.wake(users);
    return this.typing;
  }

  /** Wakes users for a change already committed at the current position (e.g. a device deleted outside write()). */
  wake(users: Iterable<string>): void {
    const now = this.current();
    for (const user of users) {
      this.lastChange.set(user, now);
      const sleeping = this.waiters.get(user);
      if (!sleeping) continue;
      for (const waiter of sleeping) waiter.resolve();
    }
  }

  /** Set once the server shuts down: sleeping syncs return at once and must not touch the database again. */
  get closed(): boolean {
    return this.isClosed;
  }

  close(): void {
    this.isClosed = true;
    for (const sleeping of this.waiters.values()) for (const waiter of sleeping) waiter.resolve();
  }

  /** Resolves when something for `user` happened after `since`, or after `timeoutMs`, or when `cancellation` is cancelled. */
  waitForChange(user: string, since: StreamToken, timeoutMs: number, cancellation?: Cancellation): Promise<void> {
    const changed = this.lastChange.get(user);
    if (changed && isAfter(changed, since)) return Promise.resolve();
    if (timeoutMs <= 0 || cancellation?.cancelled || this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiters.get(user);
      if (!set) this.waiters.set(user, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        cancellation?.onCancel(undefined);
        const current = this.waiters.get(user);
        current?.delete(waiter);
        if (current?.size === 0) this.waiters.delete(user);
        resolve();
      };
      const waiter: Waiter = { since, resolve: done };
      const timer = setTimeout(done, timeoutMs);
      cancellation?.onCancel(done);
      set.add(waiter);
    });
  }
}

function isAfter(change: StreamToken, since: StreamToken): boolean {
  return change.position > since.position || change.typing > since.typing;
}

/**
 * Remembers the last position at which each key changed, so a /sync can skip asking the database
 * about rooms or users that certainly did not change since its token. It only answers "no change"
 * for tokens from this process's lifetime; older tokens always get "maybe".
 */
export class ChangeTracker {
  private readonly last = new Map<string, number>();

  constructor(private readonly knownFrom: () => number) {}

  mark(key: string, position: number): void {
    const previous = this.last.get(key);
    if (previous === undefined || position > previous) this.last.set(key, position);
  }

  mayHaveChanged(key: string, since: number): boolean {
    if (since < this.knownFrom()) return true;
    const changed = this.last.get(key);
    return changed !== undefined && changed > since;
  }
}

/** Tells a waiting /sync that its client went away: much cheaper than an AbortController per request. */
export class Cancellation {
  private isCancelled = false;
  private listener: (() => void) | undefined;

  get cancelled(): boolean {
    return this.isCancelled;
  }

  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    this.listener?.();
  }

  onCancel(listener: (() => void) | undefined): void {
    this.listener = listener;
  }
}
