import type { Kysely } from 'kysely';
import type { AccountsTables, UsersTable } from './accounts.tables.js';

type Db = Kysely<AccountsTables>;

export async function insertUser(db: Db, user: UsersTable): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UsersTable[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function addMembership(db: Db, userId: string, organizationId: string, trusted: boolean): Promise<void> {
  await db
    .insertInto('user_organizations')
    .values({ user_id: userId, organization_id: organizationId, trusted: trusted ? 1 : 0 })
    .onConflict((oc) => oc.columns(['user_id', 'organization_id']).doUpdateSet({ trusted: trusted ? 1 : 0 }))
    .execute();
}

export async function membershipsOf(db: Db, userId: string): Promise<{ organization_id: string; trusted: number }[]> {
  return db
    .selectFrom('user_organizations')
    .select(['organization_id', 'trusted'])
    .where('user_id', '=', userId)
    .orderBy('organization_id')
    .execute();
}

export async function insertSession(db: Db, session: AccountsTables['auth_sessions']): Promise<void> {
  await db.insertInto('auth_sessions').values(session).execute();
}

export async function findLiveSession(db: Db, idHash: string, nowIso: string) {
  return db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .selectAll('users')
    .where('auth_sessions.id_hash', '=', idHash)
    .where('auth_sessions.expires_at', '>', nowIso)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('expires_at', '<=', nowIso).execute();
}
