import type { Kysely } from 'kysely';

/**
 * Uploaded media: the bytes live on disk under the media directory, this table says what they
 * are. `size` stays null while an asynchronous upload (POST /media/v1/create) waits for its bytes,
 * and `unused_expires_ts` says until when it may.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_media')
    .addColumn('media_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('upload_name', 'text')
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .addColumn('unused_expires_ts', 'bigint')
    .execute();
  await db.schema.createIndex('chat_media_user').on('chat_media').columns(['user_id', 'created_ts']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chat_media').execute();
}
