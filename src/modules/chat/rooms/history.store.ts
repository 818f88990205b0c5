import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export async function historyVisibilityChanges(db: Kysely<ChatTables>, roomId: string): Promise<{ position: number; value: string }[]> {
  const rows = await db
    .selectFrom('chat_events')
    .select(['stream_ordering', 'content'])
    .where('room_id', '=', roomId)
    .where('type', '=', 'm.room.history_visibility')
    .where('state_key', '=', '')
    .orderBy('stream_ordering', 'asc')
    .execute();
  return rows.map((row) => ({ position: Number(row.stream_ordering), value: String((JSON.parse(row.content) as Record<string, unknown>).history_visibility) }));
}
