import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChatCore } from '../chat.core.js';
import type { Requester } from '../access-tokens.js';
import { ReadThroughCache } from '../read-through-cache.js';
import { invalidParam } from '../matrix-error.js';
import type { DeviceLists } from './device-lists.js';
import { canonicalJson, signedPart, type JsonObject } from './signed-json.js';
import * as store from './keys.store.js';
import type { OneTimeKeyRow } from './keys.store.js';

export interface KeyUpload {
  readonly device_keys?: JsonObject & { user_id: string; device_id: string; keys: Record<string, string> };
  readonly one_time_keys?: Record<string, unknown>;
  readonly fallback_keys?: Record<string, unknown>;
}

/** Clients read a missing algorithm as zero, but Rust crypto and Synapse expect this one to be named. */
const ALWAYS_COUNTED = 'signed_curve25519';

/**
 * Device identity keys, one-time keys and fallback keys: what other devices need to start an
 * encrypted (Olm) session with a device. The server stores and hands out public keys only.
 */
export class DeviceKeysService {
  private readonly db: Kysely<ChatTables>;
  /** Every /sync reports both; they change only with uploads, claims and device removal. */
  private readonly counts = new ReadThroughCache<Record<string, number>>();
  private readonly fallbacks = new ReadThroughCache<string[]>();

  constructor(
    private readonly core: ChatCore,
    private readonly lists: DeviceLists,
  ) {
    this.db = core.db;
  }

  async upload(requester: Requester, upload: KeyUpload): Promise<{ one_time_key_counts: Record<string, number> }> {
    const { userId, deviceId } = requester;
    const deviceKeys = upload.device_keys;
    if (deviceKeys && (deviceKeys.user_id !== userId || deviceKeys.device_id !== deviceId)) {
      throw invalidParam('device_keys must name your own user and device');
    }
    const oneTimeKeys = parseKeys(upload.one_time_keys ?? {}, 'one_time_keys');
    const fallbackKeys = parseKeys(upload.fallback_keys ?? {}, 'fallback_keys');
    if (new Set(fallbackKeys.map((key) => key.algorithm)).size !== fallbackKeys.length) {
      throw invalidParam('At most one fallback key per algorithm');
    }
    const audience = deviceKeys ? await this.lists.audience(userId) : new Set<string>();

    this.forgetCounts(userId, deviceId);
    await this.core.stream.write(async (tx, next) => {
      const changed = deviceKeys ? await this.saveDeviceKeys(tx, requester, deviceKeys) : false;
      await this.addOneTimeKeys(tx, requester, oneTimeKeys);
      for (const key of fallbackKeys) {
        const current = await store.findFallbackKey(tx, userId, deviceId, key.algorithm);
        // The same key uploaded again keeps its used flag, so a retried upload cannot resurrect it.
        if (current?.keyId !== key.keyId || current.keyJson !== key.keyJson) await store.replaceFallbackKey(tx, userId, deviceId, key);
      }
      if (changed) await this.lists.note(tx, next, userId);
      return { result: undefined, wake: changed ? audience : [], afterCommit: () => this.forgetCounts(userId, deviceId) };
    });
    return { one_time_key_counts: await this.oneTimeKeyCounts(userId, deviceId) };
  }

  /**
   * Hands out one key per requested device: the oldest one-time key, each to one caller only
   * (whoever deletes the row owns it), else the device's fallback key, which is then marked used.
   */
  async claim(wanted: Record<string, Record<string, string>>): Promise<{ one_time_keys: Record<string, Record<string, JsonObject>>; failures: JsonObject }> {
    const claimed: Record<string, Record<string, JsonObject>> = {};
    for (const [userId, devices] of Object.entries(wanted)) {
      for (const [deviceId, algorithm] of Object.entries(devices)) {
        const key = await this.claimOne(userId, deviceId, algorithm);
        if (key) (claimed[userId] ??= {})[deviceId] = { [`${key.algorithm}:${key.keyId}`]: JSON.parse(key.keyJson) as unknown };
      }
    }
    return { one_time_keys: claimed, failures: {} };
  }

  async oneTimeKeyCounts(userId: string, deviceId: string): Promise<Record<string, number>> {
    const counted = await this.counts.get(`${userId}\u0000${deviceId}`, () => store.countOneTimeKeys(this.db, userId, deviceId));
    return { [ALWAYS_COUNTED]: 0, ...counted };
  }

  unusedFallbackKeyTypes(userId: string, deviceId: string): Promise<string[]> {
    return this.fallbacks.get(`${userId}\u0000${deviceId}`, () => store.unusedFallbackAlgorithms(this.db, userId, deviceId));
  }

  /** Before and after any change to a device's one-time or fallback keys. */
  forgetCounts(userId: string, deviceId: string): void {
    this.counts.invalidate(`${userId}\u0000${deviceId}`);
    this.fallbacks.invalidate(`${userId}\u0000${deviceId}`);
  }

  private async claimOne(userId: string, deviceId: string, algorithm: string): Promise<OneTimeKeyRow | undefined> {
    this.forgetCounts(userId, deviceId);
    try {
      return await this.takeKey(userId, deviceId, algorithm);
    } finally {
      this.forgetCounts(userId, deviceId);
    }
  }

  private async takeKey(userId: string, deviceId: string, algorithm: string): Promise<OneTimeKeyRow | undefined> {
    for (;;) {
      const oldest = await store.oldestOneTimeKey(this.db, userId, deviceId, algorithm);
      if (!oldest) break;
      if (await store.takeOneTimeKey(this.db, userId, deviceId, oldest)) return oldest;
    }
    const fallback = await store.findFallbackKey(this.db, userId, deviceId, algorithm);
    if (fallback && !fallback.used) await store.markFallbackKeyUsed(this.db, userId, deviceId, algorithm);
    return fallback;
  }

  /** True when the stored keys changed. A device's identity keys never change: other devices trust them. */
  private async saveDeviceKeys(db: Kysely<ChatTables>, requester: Requester, deviceKeys: JsonObject & { keys: Record<string, string> }): Promise<boolean> {
    const json = canonicalJson({ ...signedPart(deviceKeys), signatures: deviceKeys.signatures });
    const stored = await store.findDeviceKeys(db, requester.userId, requester.deviceId);
    if (stored === json) return false;
    if (stored !== undefined) {
      const previous = JSON.parse(stored) as { keys: unknown };
      if (canonicalJson(previous.keys) !== canonicalJson(deviceKeys.keys)) throw invalidParam('This device already has different identity keys');
    }
    await store.saveDeviceKeys(db, requester.userId, requester.deviceId, json);
    return true;
  }

  private async addOneTimeKeys(db: Kysely<ChatTables>, requester: Requester, keys: readonly OneTimeKeyRow[]): Promise<void> {
    if (keys.length === 0) return;
    const { userId, deviceId } = requester;
    const stored = await store.findOneTimeKeys(db, userId, deviceId, keys.map((key) => key.keyId));
    const storedById = new Map(stored.map((key) => [`${key.algorithm}:${key.keyId}`, key.keyJson]));
    const fresh = keys.filter((key) => {
      const existing = storedById.get(`${key.algorithm}:${key.keyId}`);
      if (existing !== undefined && existing !== key.keyJson) throw invalidParam(`One-time key ${key.algorithm}:${key.keyId} already exists`);
      return existing === undefined;
    });
    if (fresh.length > 0) await store.insertOneTimeKeys(db, userId, deviceId, await store.nextUploadSeq(db, userId, deviceId), fresh);
  }
}

/** `<algorithm>:<key_id>` → key object (or, for old algorithms, a bare string). */
function parseKeys(keys: Record<string, unknown>, field: string): OneTimeKeyRow[] {
  return Object.entries(keys).map(([name, value]) => {
    const colon = name.indexOf(':');
    if (colon <= 0 || colon === name.length - 1) throw invalidParam(`${field}: key names must look like <algorithm>:<key_id>, not ${name}`);
    return { algorithm: name.slice(0, colon), keyId: name.slice(colon + 1), keyJson: canonicalJson(value) };
  });
}
