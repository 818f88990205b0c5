import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChatTables } from './chat.tables.js';
import type { Clock } from '../../shared/clock.js';
import { createAccessTokenStore } from './access-tokens.store.js';
import { MatrixError } from './matrix-error.js';

/** Who is calling: resolved from the access token on every authenticated request. */
export interface Requester {
  readonly userId: string;
  readonly deviceId: string;
  readonly isAdmin: boolean;
}

const CACHE_LIMIT = 50_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Opaque bearer tokens, stored only as hashes. Every request carries one, so resolved tokens are
 * kept in memory; every way of ending a token goes through here and clears the cache with it.
 */
export class AccessTokens {
  private readonly store;
  private readonly cache = new Map<string, Requester>();

  constructor(db: Kysely<ChatTables>, private readonly clock: Clock) {
    this.store = createAccessTokenStore(db);
  }

  async issue(userId: string, deviceId: string): Promise<string> {
    const token = `zs_${randomBytes(32).toString('base64url')}`;
    await this.store.insert(hashToken(token), userId, deviceId, this.clock.now().getTime());
    return token;
  }

  async resolve(token: string): Promise<Requester> {
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const owner = await this.store.find(hash);
    if (!owner || owner.deactivated) throw new MatrixError(401, 'M_UNKNOWN_TOKEN', 'Unknown or expired access token', { soft_logout: false });
    const requester: Requester = { userId: owner.userId, deviceId: owner.deviceId, isAdmin: owner.isAdmin };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(hash, requester);
    return requester;
  }

  async revoke(token: string): Promise<void> {
    const hash = hashToken(token);
    this.cache.delete(hash);
    await this.store.deleteByHash(hash);
  }

  async revokeDevice(userId: string, deviceId: string): Promise<void> {
    this.forgetCached((r) => r.userId === userId && r.deviceId === deviceId);
    await this.store.deleteForDevice(userId, deviceId);
  }

  async revokeUser(userId: string): Promise<void> {
    this.forgetCached((r) => r.userId === userId);
    await this.store.deleteForUser(userId);
  }

  /** After an admin flag changes, so the next request sees the new rights. */
  forgetUser(userId: string): void {
    this.forgetCached((r) => r.userId === userId);
  }

  private forgetCached(matches: (requester: Requester) => boolean): void {
    for (const [hash, requester] of this.cache) if (matches(requester)) this.cache.delete(hash);
  }
}
