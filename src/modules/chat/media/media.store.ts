import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Executor = Kysely<ChatTables>;
export type MediaRow = ChatTables['chat_media'];

export interface UploadedContent {
  readonly content_type: string;
  readonly upload_name: string | null;
  readonly size: number;
  readonly sha256: string;
}

export async function insertMedia(db: Executor, row: MediaRow): Promise<void> {
  await db.insertInto('chat_media').values(row).execute();
}

export async function findMedia(db: Executor, mediaId: string): Promise<MediaRow | undefined> {
  return db.selectFrom('chat_media').selectAll().where('media_id', '=', mediaId).executeTakeFirst();
}

/** Fills in a created media id whose content has not arrived yet. */
export async function completeUpload(db: Executor, mediaId: string, content: UploadedContent): Promise<void> {
  await db
    .updateTable('chat_media')
    .set({ ...content, unused_expires_ts: null })
    .where('media_id', '=', mediaId)
    .where('size', 'is', null)
    .execute();
}

/** Media ids the user created whose content has not arrived and that have not expired. */
export async function countPendingUploads(db: Executor, userId: string, nowMs: number): Promise<number> {
  const row = await db
    .selectFrom('chat_media')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('size', 'is', null)
    .where('unused_expires_ts', '>', nowMs)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
