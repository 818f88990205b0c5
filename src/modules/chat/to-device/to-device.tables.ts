/** Row shapes of the to-device inbox (migration 0021). */
export interface ToDeviceTables {
  chat_to_device_inbox: {
    user_id: string;
    device_id: string;
    /** The stream position the message was sent at: fixes its order for good. */
    message_id: number;
    /** The position from which the message may be delivered; moves forward when a /sync answer had no room for it. */
    stream_id: number;
    sender: string;
    type: string;
    content: string;
  };
  chat_to_device_txns: { user_id: string; device_id: string; txn_id: string; created_ts: number };
}
