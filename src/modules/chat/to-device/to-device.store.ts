import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Db = Kysely<ChatTables>;

export interface InboxMessage {
  readonly userId: string;
  readonly deviceId: string;
  readonly messageId: number;
  readonly sender: string;
  readonly type: string;
  readonly content: string;
}

/** False when this sender device already used the transaction id: the request is a retry. */
export async function recordTransaction(db: Db, userId: string, deviceId: string, txnId: string, nowMs: number): Promise<boolean> {
  const result = await db
    .insertInto('chat_to_device_txns')
    .values({ user_id: userId, device_id: deviceId, txn_id: txnId, created_ts: nowMs })
    .onConflict((oc) => oc.columns(['user_id', 'device_id', 'txn_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function forgetTransactionsBefore(db: Db, userId: string, deviceId: string, beforeMs: number): Promise<void> {
  await db.deleteFrom('chat_to_device_txns').where('user_id', '=', userId).where('device_id', '=', deviceId).where('created_ts', '<', beforeMs).execute();
}

export async function deviceIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_devices').select('device_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.device_id);
}

export async function insertMessages(db: Db, messages: readonly InboxMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await db
      .insertInto('chat_to_device_inbox')
      .values(
        messages.slice(i, i + 100).map((m) => ({
          user_id: m.userId,
          device_id: m.deviceId,
          message_id: m.messageId,
          stream_id: m.messageId,
          sender: m.sender,
          type: m.type,
          content: m.content,
        })),
      )
      .execute();
  }
}

/** The device has acknowledged everything it was given up to this position. */
export async function deleteAcknowledged(db: Db, userId: string, deviceId: string, upTo: number): Promise<void> {
  await db.deleteFrom('chat_to_device_inbox').where('user_id', '=', userId).where('device_id', '=', deviceId).where('stream_id', '<=', upTo).execute();
}

export async function pendingMessages(db: Db, userId: string, deviceId: string, upTo: number, limit: number): Promise<InboxMessage[]> {
  const rows = await db
    .selectFrom('chat_to_device_inbox')
    .select(['message_id', 'sender', 'type', 'content'])
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('stream_id', '<=', upTo)
    .orderBy('message_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ userId, deviceId, messageId: Number(row.message_id), sender: row.sender, type: row.type, content: row.content }));
}

/** Messages after `afterMessageId` that did not fit in an answer wait for a later one, at `position`. */
export async function postponeMessages(db: Db, userId: string, deviceId: string, afterMessageId: number, upTo: number, position: number): Promise<void> {
  await db
    .updateTable('chat_to_device_inbox')
    .set({ stream_id: position })
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('message_id', '>', afterMessageId)
    .where('stream_id', '<=', upTo)
    .execute();
}

export async function deleteInbox(db: Db, userId: string, deviceId: string): Promise<void> {
  await db.deleteFrom('chat_to_device_inbox').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
  await db.deleteFrom('chat_to_device_txns').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
}

/** Whether the device's inbox holds anything at all, delivered or not. */
export async function hasMessages(db: Db, userId: string, deviceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chat_to_device_inbox')
    .select('message_id')
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
