import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

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

const COUNTED_TYPES = ['m.room.message', 'm.room.encrypted', 'm.sticker', 'm.call.invite', 'm.poll.start'];

/** Clients show "99+" long before this; the cap keeps the count cheap in rooms nobody reads. */
export const UNREAD_CAP = 100;

/** Events by others that count as unread after the given position, up to UNREAD_CAP. */
export async function unreadCount(db: Executor, roomId: string, userId: string, after: number, upTo: number): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('chat_events')
        .select('stream_ordering')
        .where('room_id', '=', roomId)
        .where('stream_ordering', '>', after)
        .where('stream_ordering', '<=', upTo)
        .where('sender', '!=', userId)
        .where('type', 'in', COUNTED_TYPES)
        .where('redacted_by', 'is', null)
        .limit(UNREAD_CAP)
        .as('unread'),
    )
    .select((s) => s.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function saveFilter(db: Executor, userId: string, filterId: string, definition: string): Promise<void> {
  await db.insertInto('chat_filters').values({ user_id: userId, filter_id: filterId, definition }).onConflict((oc) => oc.columns(['user_id', 'filter_id']).doNothing()).execute();
}

export async function findFilter(db: Executor, userId: string, filterId: string): Promise<string | undefined> {
  const row = await db.selectFrom('chat_filters').select('definition').where('user_id', '=', userId).where('filter_id', '=', filterId).executeTakeFirst();
  return row?.definition;
}
