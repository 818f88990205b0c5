import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../shared/clock.js';
import type { ChatTables } from '../chat.tables.js';
import type { AccessTokens } from '../access-tokens.js';
import { nowMs } from '../chat.core.js';
import { invalidParam } from '../matrix-error.js';
import * as store from './devices.store.js';
import type { Device } from './devices.store.js';

export type { Device } from './devices.store.js';

/** Told after a device is gone (its tokens already revoked), so its keys and inbox can go too. */
export type DeviceRemovedListener = (userId: string, deviceId: string) => Promise<void>;

const MAX_DEVICE_ID_LENGTH = 255;
export const MAX_DEVICE_NAME_LENGTH = 100;
/** Last-seen times are for people reviewing their sessions: a minute's precision is plenty. */
const SEEN_PRECISION_MS = 60_000;
const SEEN_CACHE_LIMIT = 50_000;
const DEVICE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A user's logged-in devices: each login is one device, and removing one ends its session everywhere. */
export class DeviceRegistry {
  private readonly removedListeners: DeviceRemovedListener[] = [];
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly db: Kysely<ChatTables>,
    private readonly clock: Clock,
    private readonly tokens: AccessTokens,
  ) {}

  onDeviceRemoved(listener: DeviceRemovedListener): void {
    this.removedListeners.push(listener);
  }

  /**
   * The device a new session runs on: the named one when the user has it (its old tokens are
   * revoked, as a client logging in again on it has lost them), otherwise a new device.
   */
  async open(userId: string, requested: { deviceId?: string | undefined; displayName?: string | undefined; ip: string | null }): Promise<string> {
    const displayName = requested.displayName?.slice(0, MAX_DEVICE_NAME_LENGTH) ?? null;
    if (requested.deviceId !== undefined) {
      const deviceId = requested.deviceId;
      if (deviceId.length === 0 || deviceId.length > MAX_DEVICE_ID_LENGTH) throw invalidParam('device_id must be 1 to 255 characters');
      const created = await store.insertDevice(this.db, { userId, deviceId, displayName, createdTs: nowMs(this.clock), ip: requested.ip });
      if (!created) await this.tokens.revokeDevice(userId, deviceId);
      return deviceId;
    }
    for (;;) {
      const deviceId = Array.from({ length: 10 }, () => DEVICE_ID_ALPHABET[randomInt(DEVICE_ID_ALPHABET.length)]).join('');
      if (await store.insertDevice(this.db, { userId, deviceId, displayName, createdTs: nowMs(this.clock), ip: requested.ip })) return deviceId;
    }
  }

  list(userId: string): Promise<Device[]> {
    return store.listDevices(this.db, userId);
  }

  get(userId: string, deviceId: string): Promise<Device | undefined> {
    return store.findDevice(this.db, userId, deviceId);
  }

  /** False when the user has no such device. */
  rename(userId: string, deviceId: string, displayName: string): Promise<boolean> {
    if (displayName.length > MAX_DEVICE_NAME_LENGTH) throw invalidParam(`display_name may be at most ${MAX_DEVICE_NAME_LENGTH} characters`);
    return store.renameDevice(this.db, userId, deviceId, displayName);
  }

  /** Removes the devices, revokes their tokens and tells every listener; unknown ids are skipped. */
  async remove(userId: string, deviceIds: readonly string[]): Promise<void> {
    const removed = await store.deleteDevices(this.db, userId, deviceIds);
    for (const deviceId of deviceIds) await this.tokens.revokeDevice(userId, deviceId);
    for (const deviceId of removed) {
      this.lastRecorded.delete(seenKey(userId, deviceId));
      for (const listener of this.removedListeners) await listener(userId, deviceId);
    }
  }

  /** Removes every device of the user except `keep`. */
  async removeAllExcept(userId: string, keep: string | null): Promise<void> {
    const deviceIds = await store.deviceIdsOf(this.db, userId);
    await this.remove(userId, deviceIds.filter((deviceId) => deviceId !== keep));
  }

  /** Notes that the device made a request; writes at most once a minute per device. */
  async seen(userId: string, deviceId: string, ip: string): Promise<void> {
    const now = nowMs(this.clock);
    const key = seenKey(userId, deviceId);
    const last = this.lastRecorded.get(key);
    if (last !== undefined && now - last < SEEN_PRECISION_MS) return;
    if (this.lastRecorded.size >= SEEN_CACHE_LIMIT) this.lastRecorded.clear();
    this.lastRecorded.set(key, now);
    await store.recordDeviceSeen(this.db, userId, deviceId, now, ip);
  }
}

const seenKey = (userId: string, deviceId: string) => `${userId}\u0000${deviceId}`;
