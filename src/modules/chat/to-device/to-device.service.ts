import type { ChatCore } from '../chat.core.js';
import { nowMs } from '../chat.core.js';
import type { Requester } from '../access-tokens.js';
import type { SyncExtension, SyncWindow, SyncResponse } from '../sync/sync-types.js';
import * as store from './to-device.store.js';
import type { InboxMessage } from './to-device.store.js';
import { ReadThroughCache } from '../read-through-cache.js';

/** How many to-device messages one /sync answer carries; the rest come in the next. */
export const TO_DEVICE_LIMIT = 100;
/** A retried send is recognised for this long. */
const TRANSACTION_MEMORY_MS = 24 * 60 * 60_000;

/**
 * Messages sent straight to devices (key sharing, verification): each waits in the device's
 * inbox until the device acknowledges it by syncing from a token at or past its position, so
 * an answer lost on the way is delivered again.
 */
export class ToDeviceService {
  readonly syncExtension: SyncExtension;

  /** Most devices have an empty inbox most of the time: then /sync needs no query for it. */
  private readonly occupied = new ReadThroughCache<boolean>();

  constructor(private readonly core: ChatCore) {
    this.syncExtension = { contribute: (window, response) => this.deliver(window, response) };
  }

  /** `messages`: user id → device id (or `*` for all their devices) → content. Unknown users and devices are skipped. */
  async send(sender: Requester, type: string, txnId: string, messages: Record<string, Record<string, Record<string, unknown>>>): Promise<void> {
    const now = nowMs(this.core.clock);
    await this.core.stream.write(async (tx, next) => {
      if (!(await store.recordTransaction(tx, sender.userId, sender.deviceId, txnId, now))) return { result: undefined, wake: [] };
      await store.forgetTransactionsBefore(tx, sender.userId, sender.deviceId, now - TRANSACTION_MEMORY_MS);
      const inbox: InboxMessage[] = [];
      for (const [userId, byDevice] of Object.entries(messages)) {
        const devices = await store.deviceIdsOf(tx, userId);
        for (const [deviceId, content] of Object.entries(byDevice)) {
          const targets = deviceId === '*' ? devices : devices.filter((id) => id === deviceId);
          for (const target of targets) {
            inbox.push({ userId, deviceId: target, messageId: next(), sender: sender.userId, type, content: JSON.stringify(content) });
          }
        }
      }
      for (const message of inbox) this.occupied.invalidate(inboxKey(message.userId, message.deviceId));
      await store.insertMessages(tx, inbox);
      return {
        result: undefined,
        wake: new Set(inbox.map((message) => message.userId)),
        afterCommit: () => {
          for (const message of inbox) this.occupied.invalidate(inboxKey(message.userId, message.deviceId));
        },
      };
    });
  }

  /** After a device is deleted: nothing more can be delivered to it. */
  async forgetDevice(userId: string, deviceId: string): Promise<void> {
    await store.deleteInbox(this.core.db, userId, deviceId);
    this.occupied.invalidate(inboxKey(userId, deviceId));
  }

  private async deliver(window: SyncWindow, response: SyncResponse): Promise<void> {
    const { userId, deviceId } = window.requester;
    const key = inboxKey(userId, deviceId);
    if (!(await this.occupied.get(key, () => store.hasMessages(this.core.db, userId, deviceId)))) return;
    if (window.since) await store.deleteAcknowledged(this.core.db, userId, deviceId, window.since.position);
    const pending = await store.pendingMessages(this.core.db, userId, deviceId, window.upTo.position, TO_DEVICE_LIMIT + 1);
    // Ask again next time: the inbox may be empty once this answer is acknowledged.
    this.occupied.invalidate(key);
    const delivered = pending.slice(0, TO_DEVICE_LIMIT);
    const last = delivered.at(-1);
    if (pending.length > TO_DEVICE_LIMIT && last) await this.postpone(userId, deviceId, last.messageId, window.upTo.position);
    response.to_device.events = delivered.map((message) => ({
      sender: message.sender,
      type: message.type,
      content: JSON.parse(message.content) as unknown,
    }));
  }

  /**
   * The messages that did not fit move to a new stream position, past this answer's next_batch:
   * acknowledging the answer then cannot delete them, and the next /sync returns at once.
   */
  private async postpone(userId: string, deviceId: string, afterMessageId: number, upTo: number): Promise<void> {
    await this.core.stream.write(async (tx, next) => {
      await store.postponeMessages(tx, userId, deviceId, afterMessageId, upTo, next());
      return { result: undefined, wake: [userId] };
    });
  }
}

const inboxKey = (userId: string, deviceId: string) => `${userId}\u0000${deviceId}`;
