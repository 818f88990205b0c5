import type { ChatCore } from '../chat.core.js';
import { nowMs } from '../chat.core.js';
import { badJson, forbidden, notFound } from '../matrix-error.js';
import type { RoomsService } from '../rooms/rooms.service.js';
import { findEvent } from '../rooms/rooms.store.js';
import { findReceipt, readUpTo, upsertReceipt, upsertRoomAccountData } from './receipts.store.js';
import { ReadThroughCache } from '../read-through-cache.js';

export const RECEIPT_TYPES = new Set(['m.read', 'm.read.private', 'm.fully_read']);

/** Read receipts and the fully-read marker: how far each member has read. */
export class ReceiptsService {
  private readonly readPositions = new ReadThroughCache<number | undefined>();

  constructor(
    private readonly core: ChatCore,
    private readonly rooms: RoomsService,
  ) {}

  async markRead(roomId: string, userId: string, receiptType: string, eventId: string, threadId = ''): Promise<void> {
    if (!RECEIPT_TYPES.has(receiptType)) throw badJson(`Unknown receipt type ${receiptType}`);
    const state = await this.rooms.currentState(roomId);
    if (!state || state.membership(userId) !== 'join') throw forbidden('You are not in this room');
    const event = await findEvent(this.core.db, eventId);
    if (!event || event.roomId !== roomId) throw notFound('Event not found');
    const members = state.members('join');
    await this.core.stream.write(async (tx, next) => {
      if (receiptType === 'm.fully_read') {
        const position = next();
        await upsertRoomAccountData(tx, userId, roomId, 'm.fully_read', { event_id: eventId }, position);
        this.core.changes.accountData.mark(userId, position);
        return { result: undefined, wake: [userId] };
      }
      const thread = threadId;
      const existing = await findReceipt(tx, roomId, userId, receiptType, thread);
      // Receipts only move forward: a late receipt for an older event changes nothing.
      if (existing && Number(existing.event_stream_ordering) >= event.streamOrdering) return { result: undefined, wake: [] };
      const cacheKey = `${userId}\u0000${roomId}`;
      this.readPositions.invalidate(cacheKey);
      const position = next();
      await upsertReceipt(tx, {
        roomId,
        userId,
        receiptType,
        threadId: thread,
        eventId,
        eventStreamOrdering: event.streamOrdering,
        ts: nowMs(this.core.clock),
        streamId: position,
      });
      this.core.changes.receipts.mark(roomId, position);
      return {
        result: undefined,
        wake: receiptType === 'm.read.private' ? [userId] : members,
        afterCommit: () => this.readPositions.invalidate(cacheKey),
      };
    });
  }

  /** The position of the newest event the user has read in the room (public or private receipt). */
  readPosition(userId: string, roomId: string): Promise<number | undefined> {
    return this.readPositions.get(`${userId}\u0000${roomId}`, async () => (await readUpTo(this.core.db, userId, [roomId])).get(roomId));
  }
}
