import type { Kysely } from 'kysely';

/**
 * End-to-end encryption support: the public keys devices publish (identity, one-time, fallback,
 * cross-signing) and signatures on them, which users' device lists changed when, the to-device
 * inbox, and server-side key backups. Everything secret stays encrypted by the clients: the server
 * stores public keys and ciphertext only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_device_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_device_keys_pk', ['user_id', 'device_id'])
    .execute();

  await db.schema
    .createTable('chat_one_time_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addColumn('upload_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_one_time_keys_pk', ['user_id', 'device_id', 'algorithm', 'key_id'])
    .execute();
  await db.schema
    .createIndex('chat_one_time_keys_claim')
    .on('chat_one_time_keys')
    .columns(['user_id', 'device_id', 'algorithm', 'upload_seq'])
    .execute();

  await db.schema
    .createTable('chat_fallback_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chat_fallback_keys_pk', ['user_id', 'device_id', 'algorithm'])
    .execute();

  await db.schema
    .createTable('chat_cross_signing_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('usage', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_cross_signing_keys_pk', ['user_id', 'usage'])
    .execute();

  await db.schema
    .createTable('chat_key_signatures')
    .addColumn('target_user_id', 'text', (c) => c.notNull())
    .addColumn('target_key_id', 'text', (c) => c.notNull())
    .addColumn('signer_user_id', 'text', (c) => c.notNull())
    .addColumn('signer_key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_key_signatures_pk', ['target_user_id', 'target_key_id', 'signer_user_id', 'signer_key_id'])
    .execute();
  await db.schema.createIndex('chat_key_signatures_signer').on('chat_key_signatures').columns(['signer_user_id', 'signer_key_id']).execute();

  await db.schema
    .createTable('chat_device_list_changes')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('only_for', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_device_list_changes_pk', ['user_id', 'only_for'])
    .execute();
  await db.schema.createIndex('chat_device_list_changes_stream').on('chat_device_list_changes').columns(['stream_id']).execute();

  await db.schema
    .createTable('chat_to_device_inbox')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('stream_id', 'bigint', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_to_device_inbox_pk', ['user_id', 'device_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('chat_to_device_inbox_stream')
    .on('chat_to_device_inbox')
    .columns(['user_id', 'device_id', 'stream_id'])
    .execute();

  await db.schema
    .createTable('chat_to_device_txns')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('txn_id', 'text', (c) => c.notNull())
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_to_device_txns_pk', ['user_id', 'device_id', 'txn_id'])
    .execute();

  await db.schema
    .createTable('chat_key_backup_versions')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('auth_data', 'text', (c) => c.notNull())
    .addColumn('etag', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chat_key_backup_versions_pk', ['user_id', 'version'])
    .execute();

  await db.schema
    .createTable('chat_key_backup_sessions')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('first_message_index', 'bigint', (c) => c.notNull())
    .addColumn('forwarded_count', 'bigint', (c) => c.notNull())
    .addColumn('is_verified', 'integer', (c) => c.notNull())
    .addColumn('session_data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_key_backup_sessions_pk', ['user_id', 'version', 'room_id', 'session_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'chat_key_backup_sessions',
    'chat_key_backup_versions',
    'chat_to_device_txns',
    'chat_to_device_inbox',
    'chat_device_list_changes',
    'chat_key_signatures',
    'chat_cross_signing_keys',
    'chat_fallback_keys',
    'chat_one_time_keys',
    'chat_device_keys',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
