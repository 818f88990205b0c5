import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export interface RegistrationToken {
  readonly token: string;
  /** Null: unlimited. */
  readonly usesAllowed: number | null;
  readonly completed: number;
  /** Epoch ms; null: never expires. */
  readonly expiryTs: number | null;
}

type Db = Kysely<ChatTables>;

function toToken(row: { token: string; uses_allowed: number | null; completed: number; expiry_ts: number | null }): RegistrationToken {
  return {
    token: row.token,
    usesAllowed: row.uses_allowed === null ? null : Number(row.uses_allowed),
    completed: Number(row.completed),
    expiryTs: row.expiry_ts === null ? null : Number(row.expiry_ts),
  };
}

export async function findRegistrationToken(db: Db, token: string): Promise<RegistrationToken | undefined> {
  const row = await db.selectFrom('chat_registration_tokens').selectAll().where('token', '=', token).executeTakeFirst();
  return row ? toToken(row) : undefined;
}

export async function listRegistrationTokens(db: Db): Promise<RegistrationToken[]> {
  const rows = await db.selectFrom('chat_registration_tokens').selectAll().orderBy('created_ts').orderBy('token').execute();
  return rows.map(toToken);
}

/** False when the token already exists. */
export async function insertRegistrationToken(db: Db, token: RegistrationToken, createdTs: number): Promise<boolean> {
  const result = await db
    .insertInto('chat_registration_tokens')
    .values({ token: token.token, uses_allowed: token.usesAllowed, completed: 0, expiry_ts: token.expiryTs, created_ts: createdTs })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Counts one completed registration, in the same statement that checks the token is still usable,
 * so two registrations racing for the last use cannot both get it. False when it was not usable.
 */
export async function consumeRegistrationToken(db: Db, token: string, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('chat_registration_tokens')
    .set((eb) => ({ completed: eb('completed', '+', 1) }))
    .where('token', '=', token)
    .where((eb) => eb.or([eb('uses_allowed', 'is', null), eb('completed', '<', eb.ref('uses_allowed'))]))
    .where((eb) => eb.or([eb('expiry_ts', 'is', null), eb('expiry_ts', '>', nowMs)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
