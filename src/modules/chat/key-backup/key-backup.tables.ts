/** Row shapes of server-side key backup (migration 0021). */
export interface KeyBackupTables {
  chat_key_backup_versions: {
    user_id: string;
    version: number;
    algorithm: string;
    auth_data: string;
    /** Bumped whenever the stored keys change, served as the opaque etag. */
    etag: number;
    deleted: number;
  };
  chat_key_backup_sessions: {
    user_id: string;
    version: number;
    room_id: string;
    session_id: string;
    first_message_index: number;
    forwarded_count: number;
    is_verified: number;
    session_data: string;
  };
}
