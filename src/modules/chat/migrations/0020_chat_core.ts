import type { Kysely } from 'kysely';

/**
 * The homeserver's core: accounts, devices, rooms and one linear event stream. Times are
 * milliseconds since the epoch (Matrix's own unit); JSON bodies are text. `stream_ordering` and
 * every `stream_id` come from one global counter (chat_stream_head), so a sync token is one number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_stream_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('chat_stream_head').values({ id: 1, position: 0 }).execute();

  await db.schema
    .createTable('chat_users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('localpart', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chat_devices')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_ts', 'bigint')
    .addColumn('last_seen_ip', 'text')
    .addPrimaryKeyConstraint('chat_devices_pk', ['user_id', 'device_id'])
    .execute();

  await db.schema
    .createTable('chat_access_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_access_tokens_device').on('chat_access_tokens').columns(['user_id', 'device_id']).execute();

  await db.schema
    .createTable('chat_registration_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('uses_allowed', 'integer')
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expiry_ts', 'bigint')
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chat_rooms')
    .addColumn('room_id', 'text', (c) => c.primaryKey())
    .addColumn('room_version', 'text', (c) => c.notNull())
    .addColumn('creator', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_ts', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chat_events')
    .addColumn('stream_ordering', 'bigint', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state_key', 'text')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('origin_server_ts', 'bigint', (c) => c.notNull())
    .addColumn('depth', 'bigint', (c) => c.notNull())
    .addColumn('prev_event_id', 'text')
    .addColumn('auth_event_ids', 'text', (c) => c.notNull())
    .addColumn('redacts', 'text')
    .addColumn('redacted_by', 'text')
    .addColumn('prev_state_content', 'text')
    .addColumn('sender_device_id', 'text')
    .addColumn('txn_id', 'text')
    .execute();
  await db.schema
    .createIndex('chat_events_transaction')
    .on('chat_events')
    .columns(['sender', 'sender_device_id', 'txn_id'])
    .where('txn_id', 'is not', null)
    .execute();
  await db.schema.createIndex('chat_events_room_order').on('chat_events').columns(['room_id', 'stream_ordering']).execute();
  await db.schema
    .createIndex('chat_events_room_state')
    .on('chat_events')
    .columns(['room_id', 'type', 'state_key', 'stream_ordering'])
    .execute();

  await db.schema
    .createTable('chat_room_state')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state_key', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('stream_ordering', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_room_state_pk', ['room_id', 'type', 'state_key'])
    .execute();

  await db.schema
    .createTable('chat_memberships')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('membership', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('stream_ordering', 'bigint', (c) => c.notNull())
    .addColumn('forgotten', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chat_memberships_pk', ['room_id', 'user_id'])
    .execute();
  await db.schema.createIndex('chat_memberships_user').on('chat_memberships').columns(['user_id', 'membership']).execute();

  await db.schema
    .createTable('chat_room_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('creator', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chat_filters')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('filter_id', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_filters_pk', ['user_id', 'filter_id'])
    .execute();

  await db.schema
    .createTable('chat_account_data')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_account_data_pk', ['user_id', 'room_id', 'type'])
    .execute();
  await db.schema.createIndex('chat_account_data_stream').on('chat_account_data').columns(['user_id', 'stream_id']).execute();

  await db.schema
    .createTable('chat_receipts')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('receipt_type', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_stream_ordering', 'bigint', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('stream_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_receipts_pk', ['room_id', 'user_id', 'receipt_type', 'thread_id'])
    .execute();
  await db.schema.createIndex('chat_receipts_stream').on('chat_receipts').columns(['room_id', 'stream_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'chat_receipts',
    'chat_account_data',
    'chat_filters',
    'chat_room_aliases',
    'chat_memberships',
    'chat_room_state',
    'chat_events',
    'chat_rooms',
    'chat_registration_tokens',
    'chat_access_tokens',
    'chat_devices',
    'chat_users',
    'chat_stream_head',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
