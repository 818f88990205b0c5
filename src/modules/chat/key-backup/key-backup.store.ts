import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Db = Kysely<ChatTables>;

export interface BackupVersionRow {
  readonly version: number;
  readonly algorithm: string;
  readonly authData: string;
  readonly etag: number;
  readonly deleted: boolean;
}

export interface BackedUpSession {
  readonly roomId: string;
  readonly sessionId: string;
  readonly firstMessageIndex: number;
  readonly forwardedCount: number;
  readonly isVerified: boolean;
  readonly sessionData: string;
}

const toVersion = (row: { version: number; algorithm: string; auth_data: string; etag: number; deleted: number }): BackupVersionRow => ({
  version: Number(row.version),
  algorithm: row.algorithm,
  authData: row.auth_data,
  etag: Number(row.etag),
  deleted: row.deleted === 1,
});

/** The newest backup that was not deleted: the only one new keys may go to. */
export async function currentVersion(db: Db, userId: string): Promise<BackupVersionRow | undefined> {
  const row = await db
    .selectFrom('chat_key_backup_versions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted', '=', 0)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

export async function findVersion(db: Db, userId: string, version: number): Promise<BackupVersionRow | undefined> {
  const row = await db.selectFrom('chat_key_backup_versions').selectAll().where('user_id', '=', userId).where('version', '=', version).executeTakeFirst();
  return row && toVersion(row);
}

/** Version numbers are never reused, so an old client cannot write into a newer backup by accident. */
export async function insertVersion(db: Db, userId: string, algorithm: string, authData: string): Promise<number> {
  const latest = await db
    .selectFrom('chat_key_backup_versions')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const version = Number(latest?.latest ?? 0) + 1;
  await db.insertInto('chat_key_backup_versions').values({ user_id: userId, version, algorithm, auth_data: authData, etag: 0, deleted: 0 }).execute();
  return version;
}

export async function updateAuthData(db: Db, userId: string, version: number, authData: string): Promise<void> {
  await db.updateTable('chat_key_backup_versions').set({ auth_data: authData }).where('user_id', '=', userId).where('version', '=', version).execute();
}

export async function markVersionDeleted(db: Db, userId: string, version: number): Promise<void> {
  await db.updateTable('chat_key_backup_versions').set({ deleted: 1 }).where('user_id', '=', userId).where('version', '=', version).execute();
  await db.deleteFrom('chat_key_backup_sessions').where('user_id', '=', userId).where('version', '=', version).execute();
}

export async function bumpEtag(db: Db, userId: string, version: number): Promise<void> {
  await db
    .updateTable('chat_key_backup_versions')
    .set((eb) => ({ etag: eb('etag', '+', 1) }))
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .execute();
}

export async function countSessions(db: Db, userId: string, version: number): Promise<number> {
  const row = await db
    .selectFrom('chat_key_backup_sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export interface SessionFilter {
  readonly roomId?: string;
  readonly sessionIds?: readonly string[];
}

export async function findSessions(db: Db, userId: string, version: number, filter: SessionFilter = {}): Promise<BackedUpSession[]> {
  let query = db.selectFrom('chat_key_backup_sessions').selectAll().where('user_id', '=', userId).where('version', '=', version);
  if (filter.roomId !== undefined) query = query.where('room_id', '=', filter.roomId);
  if (filter.sessionIds !== undefined) {
    if (filter.sessionIds.length === 0) return [];
    query = query.where('session_id', 'in', filter.sessionIds);
  }
  const rows = await query.orderBy('room_id').orderBy('session_id').execute();
  return rows.map((row) => ({
    roomId: row.room_id,
    sessionId: row.session_id,
    firstMessageIndex: Number(row.first_message_index),
    forwardedCount: Number(row.forwarded_count),
    isVerified: row.is_verified === 1,
    sessionData: row.session_data,
  }));
}

export async function saveSession(db: Db, userId: string, version: number, session: BackedUpSession): Promise<void> {
  const values = {
    first_message_index: session.firstMessageIndex,
    forwarded_count: session.forwardedCount,
    is_verified: session.isVerified ? 1 : 0,
    session_data: session.sessionData,
  };
  await db
    .insertInto('chat_key_backup_sessions')
    .values({ user_id: userId, version, room_id: session.roomId, session_id: session.sessionId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'version', 'room_id', 'session_id']).doUpdateSet(values))
    .execute();
}

/** The number of keys deleted. */
export async function deleteSessions(db: Db, userId: string, version: number, filter: { roomId?: string; sessionId?: string }): Promise<number> {
  let query = db.deleteFrom('chat_key_backup_sessions').where('user_id', '=', userId).where('version', '=', version);
  if (filter.roomId !== undefined) query = query.where('room_id', '=', filter.roomId);
  if (filter.sessionId !== undefined) query = query.where('session_id', '=', filter.sessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
