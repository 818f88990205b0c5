import type { Kysely } from 'kysely';

/**
 * The code app (TOTP) of an account: its sealed seed (set when enrolment starts), when the
 * person confirmed it with a first code, and the last time step used so a code cannot serve twice;
 * on sessions, when a code was last checked in that session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  await db.schema.alterTable('users').addColumn('second_factor_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('second_factor_enrolled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('second_factor_last_step', 'integer').execute();
  await db.schema.alterTable('auth_sessions').addColumn('second_factor_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('auth_sessions').dropColumn('second_factor_at').execute();
  await db.schema.alterTable('users').dropColumn('second_factor_last_step').execute();
  await db.schema.alterTable('users').dropColumn('second_factor_enrolled_at').execute();
  await db.schema.alterTable('users').dropColumn('second_factor_secret').execute();
}
