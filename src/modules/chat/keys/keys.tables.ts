/** Row shapes of the end-to-end encryption key tables (migration 0021). Keys are stored as the JSON the client signed. */
export interface KeysTables {
  chat_device_keys: { user_id: string; device_id: string; key_json: string };
  chat_one_time_keys: {
    user_id: string;
    device_id: string;
    algorithm: string;
    key_id: string;
    key_json: string;
    /** Keys are handed out in upload order; one number per upload call. */
    upload_seq: number;
  };
  chat_fallback_keys: { user_id: string; device_id: string; algorithm: string; key_id: string; key_json: string; used: number };
  /** usage: 'master' | 'self_signing' | 'user_signing'; public_key is the unpadded base64 key, also its id. */
  chat_cross_signing_keys: { user_id: string; usage: string; public_key: string; key_json: string };
  /** Signatures uploaded after the fact; target_key_id is a device id or a master key's public key. */
  chat_key_signatures: {
    target_user_id: string;
    target_key_id: string;
    signer_user_id: string;
    signer_key_id: string;
    signature: string;
  };
  /**
   * The latest stream position at which a user's devices or cross-signing keys changed. `only_for`
   * is '' when everyone sharing a room must hear of it, or the one user who must (a signature
   * they made on someone else's master key).
   */
  chat_device_list_changes: { user_id: string; only_for: string; stream_id: number };
}
