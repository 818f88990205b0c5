import type { Kysely } from 'kysely';
import type { ChatTables } from './chat.tables.js';

export interface TokenOwner {
  readonly userId: string;
  readonly deviceId: string;
  readonly isAdmin: boolean;
  readonly deactivated: boolean;
}

export function createAccessTokenStore(db: Kysely<ChatTables>) {
  return {
    async insert(tokenHash: string, userId: string, deviceId: string, createdTs: number): Promise<void> {
      await db.insertInto('chat_access_tokens').values({ token_hash: tokenHash, user_id: userId, device_id: deviceId, created_ts: createdTs }).execute();
    },

    async find(tokenHash: string): Promise<TokenOwner | undefined> {
      const row = await db
        .selectFrom('chat_access_tokens as t')
        .innerJoin('chat_users as u', 'u.user_id', 't.user_id')
        .select(['t.user_id', 't.device_id', 'u.is_admin', 'u.deactivated'])
        .where('t.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return { userId: row.user_id, deviceId: row.device_id, isAdmin: row.is_admin === 1, deactivated: row.deactivated === 1 };
    },

    async deleteByHash(tokenHash: string): Promise<void> {
      await db.deleteFrom('chat_access_tokens').where('token_hash', '=', tokenHash).execute();
    },

    async deleteForDevice(userId: string, deviceId: string): Promise<void> {
      await db.deleteFrom('chat_access_tokens').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
    },

    async deleteForUser(userId: string): Promise<void> {
      await db.deleteFrom('chat_access_tokens').where('user_id', '=', userId).execute();
    },
  };
}
