import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChangeTracker, ChatTransaction, EventStream } from '../stream.js';
import type { RoomMembershipView } from '../rooms/membership-view.js';
import { EVERYONE, deviceListChangesBetween, recordDeviceListChange } from './device-lists.store.js';

export interface DeviceListChanges {
  changed: string[];
  left: string[];
}

/**
 * Who must re-download whose keys. Clients cache other users' device lists and ask again only
 * for users named in `device_lists.changed`, so every change to a user's devices or
 * cross-signing keys is noted at a stream position and told to everyone sharing a room.
 */
export class DeviceLists {
  /** Most /sync windows hold no key change at all: this lets them skip the query. */
  private readonly anyChange: ChangeTracker;

  constructor(
    private readonly db: Kysely<ChatTables>,
    stream: EventStream,
    private readonly rooms: RoomMembershipView,
  ) {
    this.anyChange = stream.tracker();
  }

  /** Whose /sync must wake when `userId`'s keys change. Ask before the write: the rooms read outside its transaction. */
  async audience(userId: string): Promise<Set<string>> {
    const users = new Set(await this.rooms.usersSharingRoomsWith(userId));
    users.add(userId);
    return users;
  }

  /** Inside a stream write: `userId`'s keys changed, for everyone sharing a room or for `onlyFor` alone. */
  async note(tx: ChatTransaction, next: () => number, userId: string, onlyFor: string = EVERYONE): Promise<void> {
    const position = next();
    await recordDeviceListChange(tx, userId, onlyFor, position);
    this.anyChange.mark(ANY, position);
  }

  /**
   * `changed`: users sharing a room with `reader` (the reader included) whose keys changed in
   * (since, upTo], and users who began sharing a room with them; `left`: users who no longer share any.
   */
  async changes(reader: string, since: number, upTo: number): Promise<DeviceListChanges> {
    const [rows, membership] = await Promise.all([
      this.anyChange.mayHaveChanged(ANY, since) ? deviceListChangesBetween(this.db, reader, since, upTo) : [],
      this.rooms.sharingChanges(reader, since, upTo),
    ]);
    const changed = new Set<string>(membership.joined);
    const others = rows.filter((row) => row.onlyFor !== reader && row.userId !== reader);
    const sharing = others.length > 0 ? await this.rooms.usersSharingRoomsWith(reader) : new Set<string>();
    for (const row of rows) {
      if (row.onlyFor === reader || row.userId === reader || sharing.has(row.userId)) changed.add(row.userId);
    }
    const left = [...new Set(membership.left)].filter((user) => user !== reader);
    for (const user of left) changed.delete(user);
    return { changed: [...changed].sort(), left: left.sort() };
  }
}

const ANY = 'any';
