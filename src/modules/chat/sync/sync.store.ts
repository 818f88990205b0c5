import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { StoredEvent } from '../rooms/event.js';
import { toStoredEvent } from '../rooms/rooms.store.js';

type Executor = Kysely<ChatTables>;

export interface AccountDataRow {
  readonly roomId: string;
  readonly type: string;
  readonly content: Record<string, unknown>;
}

/** The user's account data changed in (after, upTo]; everything when `after` is 0. */
export async function accountDataInRange(db: Executor, userId: string, after: number, upTo: number): Promise<AccountDataRow[]> {
  const rows = await db
    .selectFrom('chat_account_data')
    .select(['room_id', 'type', 'content'])
    .where('user_id', '=', userId)
    .where('stream_id', '>', after)
    .where('stream_id', '<=', upTo)
    .execute();
  return rows.map((r) => ({ roomId: r.room_id, type: r.type, content: JSON.parse(r.content) as Record<string, unknown> }));
}

/** Clients show "99+" long before this; the cap keeps counting cheap in rooms nobody reads. */
export const UNREAD_CAP = 100;

/** The newest events by others after the given position, up to UNREAD_CAP: what push rules count. */
export async function unreadCandidates(db: Executor, roomId: string, userId: string, after: number, upTo: number): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('chat_events')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('stream_ordering', '>', after)
    .where('stream_ordering', '<=', upTo)
    .where('sender', '!=', userId)
    .where('redacted_by', 'is', null)
    .orderBy('stream_ordering', 'desc')
    .limit(UNREAD_CAP)
    .execute();
  return rows.map(toStoredEvent);
}

export async function saveFilter(db: Executor, userId: string, filterId: string, definition: string): Promise<void> {
  await db.insertInto('chat_filters').values({ user_id: userId, filter_id: filterId, definition }).onConflict((oc) => oc.columns(['user_id', 'filter_id']).doNothing()).execute();
}

export async function findFilter(db: Executor, userId: string, filterId: string): Promise<string | undefined> {
  const row = await db.selectFrom('chat_filters').select('definition').where('user_id', '=', userId).where('filter_id', '=', filterId).executeTakeFirst();
  return row?.definition;
}
