import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Executor = Kysely<ChatTables>;

/** The room_id of global account data: the core table keys every row by room, '' meaning none. */
export const GLOBAL = '';

export async function findAccountData(db: Executor, userId: string, roomId: string, type: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('chat_account_data')
    .select('content')
    .where('user_id', '=', userId)
    .where('room_id', '=', roomId)
    .where('type', '=', type)
    .executeTakeFirst();
  return row?.content;
}

export async function upsertAccountData(
  db: Executor,
  row: { userId: string; roomId: string; type: string; content: string; streamId: number },
): Promise<void> {
  await db
    .insertInto('chat_account_data')
    .values({ user_id: row.userId, room_id: row.roomId, type: row.type, content: row.content, stream_id: row.streamId })
    .onConflict((oc) => oc.columns(['user_id', 'room_id', 'type']).doUpdateSet({ content: row.content, stream_id: row.streamId }))
    .execute();
}
