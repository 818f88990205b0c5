import type { ChatCore } from '../chat.core.js';
import { findAccountData, upsertAccountData } from './account-data.store.js';

export type AccountDataContent = Record<string, unknown>;

/**
 * A user's private key-value store, global or per room. Every change takes a new stream position
 * and wakes the user's /sync, which delivers the rows changed in its window.
 */
export class AccountData {
  constructor(private readonly core: ChatCore) {}

  /** `roomId` is GLOBAL for the user's global account data. */
  async get(userId: string, roomId: string, type: string): Promise<AccountDataContent | undefined> {
    const content = await findAccountData(this.core.db, userId, roomId, type);
    return content === undefined ? undefined : (JSON.parse(content) as AccountDataContent);
  }

  set(userId: string, roomId: string, type: string, content: AccountDataContent): Promise<void> {
    return this.update(userId, roomId, type, () => ({ content, result: undefined }));
  }

  /**
   * Read, change and write one entry inside the stream's serialized write, so two concurrent
   * edits (two tags, two push-rule changes) never overwrite each other.
   */
  update<T>(
    userId: string,
    roomId: string,
    type: string,
    edit: (current: AccountDataContent | undefined) => { content: AccountDataContent; result: T },
  ): Promise<T> {
    return this.core.stream.write(async (tx, next) => {
      const stored = await findAccountData(tx, userId, roomId, type);
      const { content, result } = edit(stored === undefined ? undefined : (JSON.parse(stored) as AccountDataContent));
      const position = next();
      await upsertAccountData(tx, { userId, roomId, type, content: JSON.stringify(content), streamId: position });
      this.core.changes.accountData.mark(userId, position);
      return { result, wake: [userId] };
    });
  }
}
