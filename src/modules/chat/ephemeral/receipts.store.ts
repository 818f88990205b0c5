import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export interface ReceiptRow {
  readonly roomId: string;
  readonly userId: string;
  readonly receiptType: string;
  readonly threadId: string;
  readonly eventId: string;
  readonly eventStreamOrdering: number;
  readonly ts: number;
  readonly streamId: number;
}

type Executor = Kysely<ChatTables>;

export async function findReceipt(db: Executor, roomId: string, userId: string, receiptType: string, threadId: string) {
  return db
    .selectFrom('chat_receipts')
    .select(['event_stream_ordering'])
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .where('receipt_type', '=', receiptType)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
}

export async function upsertReceipt(db: Executor, row: ReceiptRow): Promise<void> {
  const values = {
    room_id: row.roomId,
    user_id: row.userId,
    receipt_type: row.receiptType,
    thread_id: row.threadId,
    event_id: row.eventId,
    event_stream_ordering: row.eventStreamOrdering,
    ts: row.ts,
    stream_id: row.streamId,
  };
  await db
    .insertInto('chat_receipts')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['room_id', 'user_id', 'receipt_type', 'thread_id']).doUpdateSet({
        event_id: row.eventId,
        event_stream_ordering: row.eventStreamOrdering,
        ts: row.ts,
        stream_id: row.streamId,
      }),
    )
    .execute();
}

/** Receipts of the given rooms changed in (after, upTo]; all of them when `after` is 0. */
export async function receiptsInRange(db: Executor, roomIds: readonly string[], after: number, upTo: number): Promise<ReceiptRow[]> {
  if (roomIds.length === 0) return [];
  const rows = await db
    .selectFrom('chat_receipts')
    .selectAll()
    .where('room_id', 'in', roomIds)
    .where('stream_id', '>', after)
    .where('stream_id', '<=', upTo)
    .execute();
  return rows.map((r) => ({
    roomId: r.room_id,
    userId: r.user_id,
    receiptType: r.receipt_type,
    threadId: r.thread_id,
    eventId: r.event_id,
    eventStreamOrdering: Number(r.event_stream_ordering),
    ts: Number(r.ts),
    streamId: Number(r.stream_id),
  }));
}

/** The position of the user's latest read receipt (public or private) in each room. */
export async function readUpTo(db: Executor, userId: string, roomIds: readonly string[]): Promise<Map<string, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('chat_receipts')
    .select(['room_id', (s) => s.fn.max('event_stream_ordering').as('position')])
    .where('user_id', '=', userId)
    .where('room_id', 'in', roomIds)
    .where('receipt_type', 'in', ['m.read', 'm.read.private'])
    .groupBy('room_id')
    .execute();
  return new Map(rows.map((r) => [r.room_id, Number(r.position)]));
}

export async function upsertRoomAccountData(db: Executor, userId: string, roomId: string, type: string, content: Record<string, unknown>, streamId: number): Promise<void> {
  const text = JSON.stringify(content);
  await db
    .insertInto('chat_account_data')
    .values({ user_id: userId, room_id: roomId, type, content: text, stream_id: streamId })
    .onConflict((oc) => oc.columns(['user_id', 'room_id', 'type']).doUpdateSet({ content: text, stream_id: streamId }))
    .execute();
}
