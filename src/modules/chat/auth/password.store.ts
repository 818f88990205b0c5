import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export async function findPasswordHash(db: Kysely<ChatTables>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('chat_users')
    .select('password_hash')
    .where('user_id', '=', userId)
    .where('deactivated', '=', 0)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}
