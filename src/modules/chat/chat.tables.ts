import type { ChatMediaTables } from './media/media.tables.js';
import type { KeysTables } from './keys/keys.tables.js';
import type { ToDeviceTables } from './to-device/to-device.tables.js';
import type { KeyBackupTables } from './key-backup/key-backup.tables.js';

/** Row shapes of the core chat tables (migration 0020). Times are epoch milliseconds. */
export interface ChatCoreTables {
  chat_stream_head: { id: number; position: number };
  chat_users: {
    user_id: string;
    localpart: string;
    password_hash: string | null;
    display_name: string | null;
    avatar_url: string | null;
    is_admin: number;
    deactivated: number;
    created_ts: number;
  };
  chat_devices: {
    user_id: string;
    device_id: string;
    display_name: string | null;
    created_ts: number;
    last_seen_ts: number | null;
    last_seen_ip: string | null;
  };
  chat_access_tokens: { token_hash: string; user_id: string; device_id: string; created_ts: number };
  chat_registration_tokens: {
    token: string;
    uses_allowed: number | null;
    completed: number;
    expiry_ts: number | null;
    created_ts: number;
  };
  chat_rooms: { room_id: string; room_version: string; creator: string; is_public: number; created_ts: number };
  chat_events: {
    stream_ordering: number;
    event_id: string;
    room_id: string;
    type: string;
    state_key: string | null;
    sender: string;
    content: string;
    origin_server_ts: number;
    depth: number;
    prev_event_id: string | null;
    auth_event_ids: string;
    redacts: string | null;
    redacted_by: string | null;
    /** For state events: the content of the state event this one replaced, served as unsigned.prev_content. */
    prev_state_content: string | null;
    sender_device_id: string | null;
    txn_id: string | null;
  };
  chat_room_state: { room_id: string; type: string; state_key: string; event_id: string; stream_ordering: number };
  chat_memberships: {
    room_id: string;
    user_id: string;
    membership: string;
    event_id: string;
    stream_ordering: number;
    forgotten: number;
  };
  chat_room_aliases: { alias: string; room_id: string; creator: string };
  chat_filters: { user_id: string; filter_id: string; definition: string };
  chat_account_data: { user_id: string; room_id: string; type: string; content: string; stream_id: number };
  chat_receipts: {
    room_id: string;
    user_id: string;
    receipt_type: string;
    thread_id: string;
    event_id: string;
    event_stream_ordering: number;
    ts: number;
    stream_id: number;
  };
}

/** Every chat table; each area of the module adds its own row shapes here. */
export type ChatTables = ChatCoreTables & ChatMediaTables & KeysTables & ToDeviceTables & KeyBackupTables;
