/** Row shape of migration 0022. Times are epoch milliseconds. */
export interface ChatMediaTables {
  chat_media: {
    media_id: string;
    user_id: string;
    /** Null until the bytes of an asynchronous upload arrive, like size and sha256. */
    content_type: string | null;
    upload_name: string | null;
    size: number | null;
    sha256: string | null;
    created_ts: number;
    unused_expires_ts: number | null;
  };
}
