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

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UsersTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', [...ids]).execute();
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

export async function removeMembership(db: Db, userId: string, organizationId: string): Promise<void> {
  await db.deleteFrom('user_organizations').where('user_id', '=', userId).where('organization_id', '=', organizationId).execute();
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
    .select('auth_sessions.second_factor_at as session_second_factor_at')
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

/**
 * Stores a new seed for a pending enrolment, unless another request replaced `previous` first:
 * a second enrolment page opened meanwhile then shows the same QR code.
 */
export async function offerSecondFactorSecret(db: Db, userId: string, previous: string | null, sealed: string, nowIso: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ second_factor_secret: sealed, updated_at: nowIso })
    .where('id', '=', userId)
    .where('second_factor_secret', previous === null ? 'is' : '=', previous)
    .where('second_factor_enrolled_at', 'is', null)
    .execute();
}

/** Confirms a pending enrolment; false when another request confirmed it first. */
export async function confirmSecondFactor(db: Db, userId: string, step: number, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ second_factor_enrolled_at: nowIso, second_factor_last_step: step, updated_at: nowIso })
    .where('id', '=', userId)
    .where('second_factor_enrolled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Records the time step as used if it is later than the last one, in one statement so that two
 * requests with the same code cannot both succeed; false when the step was already spent.
 */
export async function useSecondFactorStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ second_factor_last_step: step })
    .where('id', '=', userId)
    .where('second_factor_enrolled_at', 'is not', null)
    .where((eb) => eb.or([eb('second_factor_last_step', 'is', null), eb('second_factor_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function markSessionVerified(db: Db, idHash: string, nowIso: string): Promise<void> {
  await db.updateTable('auth_sessions').set({ second_factor_at: nowIso }).where('id_hash', '=', idHash).execute();
}
