import type { Kysely } from 'kysely';
import type { ChatTables } from './chat.tables.js';

export async function readStreamHead(db: Kysely<ChatTables>): Promise<number> {
  const head = await db.selectFrom('chat_stream_head').select('position').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(head.position);
}

export async function writeStreamHead(db: Kysely<ChatTables>, position: number): Promise<void> {
  await db.updateTable('chat_stream_head').set({ position }).where('id', '=', 1).execute();
}
