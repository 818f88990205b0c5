import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export interface ChatUser {
  readonly userId: string;
  readonly localpart: string;
  readonly passwordHash: string | null;
  readonly displayName: string | null;
  readonly avatarUrl: string | null;
  readonly isAdmin: boolean;
  readonly deactivated: boolean;
  readonly createdTs: number;
}

export interface NewChatUser {
  readonly userId: string;
  readonly localpart: string;
  readonly passwordHash: string | null;
  readonly displayName: string | null;
  readonly isAdmin: boolean;
  readonly createdTs: number;
}

type Db = Kysely<ChatTables>;

/** False when the user id or localpart is already taken. */
export async function insertUser(db: Db, user: NewChatUser): Promise<boolean> {
  const result = await db
    .insertInto('chat_users')
    .values({
      user_id: user.userId,
      localpart: user.localpart,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      avatar_url: null,
      is_admin: user.isAdmin ? 1 : 0,
      deactivated: 0,
      created_ts: user.createdTs,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findUser(db: Db, userId: string): Promise<ChatUser | undefined> {
  const row = await db.selectFrom('chat_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  return {
    userId: row.user_id,
    localpart: row.localpart,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    isAdmin: row.is_admin === 1,
    deactivated: row.deactivated === 1,
    createdTs: Number(row.created_ts),
  };
}

/** Accounts other than the given ones, deactivated or not. */
export async function countUsersExcept(db: Db, userIds: readonly string[]): Promise<number> {
  let query = db.selectFrom('chat_users').select((eb) => eb.fn.countAll<number>().as('count'));
  if (userIds.length > 0) query = query.where('user_id', 'not in', [...userIds]);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function localpartTaken(db: Db, localpart: string): Promise<boolean> {
  const row = await db.selectFrom('chat_users').select('user_id').where('localpart', '=', localpart).executeTakeFirst();
  return row !== undefined;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string | null): Promise<void> {
  await db.updateTable('chat_users').set({ password_hash: passwordHash }).where('user_id', '=', userId).execute();
}

export async function setAdmin(db: Db, userId: string, isAdmin: boolean): Promise<void> {
  await db.updateTable('chat_users').set({ is_admin: isAdmin ? 1 : 0 }).where('user_id', '=', userId).execute();
}

/** Deactivation also forgets the password, so no stage or login can succeed until an admin reactivates. */
export async function markDeactivated(db: Db, userId: string): Promise<void> {
  await db.updateTable('chat_users').set({ deactivated: 1, password_hash: null }).where('user_id', '=', userId).execute();
}

export async function markReactivated(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('chat_users').set({ deactivated: 0, password_hash: passwordHash }).where('user_id', '=', userId).execute();
}
