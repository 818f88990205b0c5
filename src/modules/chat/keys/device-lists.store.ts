import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Db = Kysely<ChatTables>;

/** Everyone sharing a room hears of the change. */
export const EVERYONE = '';

/** Keeps only the latest change per user: a reader whose window misses an older one sees the newer one next. */
export async function recordDeviceListChange(db: Db, userId: string, onlyFor: string, streamId: number): Promise<void> {
  await db
    .insertInto('chat_device_list_changes')
    .values({ user_id: userId, only_for: onlyFor, stream_id: streamId })
    .onConflict((oc) => oc.columns(['user_id', 'only_for']).doUpdateSet({ stream_id: streamId }))
    .execute();
}

export interface DeviceListChangeRow {
  readonly userId: string;
  readonly onlyFor: string;
}

/** Changes in the stream window (since, upTo] meant for everyone or for `reader` alone. */
export async function deviceListChangesBetween(db: Db, reader: string, since: number, upTo: number): Promise<DeviceListChangeRow[]> {
  const rows = await db
    .selectFrom('chat_device_list_changes')
    .select(['user_id', 'only_for'])
    .where('stream_id', '>', since)
    .where('stream_id', '<=', upTo)
    .where((eb) => eb.or([eb('only_for', '=', EVERYONE), eb('only_for', '=', reader)]))
    .execute();
  return rows.map((row) => ({ userId: row.user_id, onlyFor: row.only_for }));
}
