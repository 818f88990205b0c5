import type { ChatCore } from '../chat.core.js';
import type { RoomMembershipView } from '../rooms/membership-view.js';
import type { SyncExtension } from '../sync/sync-types.js';
import { DeviceLists, type DeviceListChanges } from './device-lists.js';
import { DeviceKeysService } from './device-keys.service.js';
import { CrossSigningService } from './cross-signing.service.js';
import { queryKeys, type KeyQueryResponse } from './key-query.js';
import { deleteDeviceKeys } from './keys.store.js';

/** Everything the server keeps for end-to-end encryption keys, and what /sync tells devices about them. */
export class KeysService {
  readonly lists: DeviceLists;
  readonly devices: DeviceKeysService;
  readonly crossSigning: CrossSigningService;
  readonly syncExtension: SyncExtension;

  constructor(
    private readonly core: ChatCore,
    rooms: RoomMembershipView,
  ) {
    this.lists = new DeviceLists(core.db, core.stream, rooms);
    this.devices = new DeviceKeysService(core, this.lists);
    this.crossSigning = new CrossSigningService(core, this.lists);
    this.syncExtension = {
      contribute: async (window, response) => {
        const { userId, deviceId } = window.requester;
        response.device_one_time_keys_count = await this.devices.oneTimeKeyCounts(userId, deviceId);
        response.device_unused_fallback_key_types = await this.devices.unusedFallbackKeyTypes(userId, deviceId);
        if (window.since) response.device_lists = await this.lists.changes(userId, window.since.position, window.upTo.position);
      },
    };
  }

  query(reader: string, wanted: Record<string, readonly string[]>): Promise<KeyQueryResponse> {
    return queryKeys(this.core.db, reader, wanted);
  }

  changes(reader: string, from: number, to: number): Promise<DeviceListChanges> {
    return this.lists.changes(reader, from, to);
  }

  /** After a device is deleted: its keys go, and everyone sharing a room hears its list changed. */
  async forgetDevice(userId: string, deviceId: string): Promise<void> {
    const audience = await this.lists.audience(userId);
    this.devices.forgetCounts(userId, deviceId);
    await this.core.stream.write(async (tx, next) => {
      await deleteDeviceKeys(tx, userId, deviceId);
      await this.lists.note(tx, next, userId);
      return { result: undefined, wake: audience, afterCommit: () => this.devices.forgetCounts(userId, deviceId) };
    });
  }
}
