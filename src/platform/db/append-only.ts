import { sql, type Kysely } from 'kysely';
import { dialectOf } from './database.js';

/**
 * Makes the database itself refuse UPDATE and DELETE on a table, so an append-only record stays
 * append-only whatever code or console reaches it. Only dropping the triggers (a schema change,
 * visible and privileged) gets around it; a hash chain on top catches that case.
 */
export async function refuseUpdatesAndDeletes(db: Kysely<any>, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (dialectOf(db) === 'postgres') {
    await sql`create function ${sql.id(`${table}_append_only`)}() returns trigger language plpgsql as ${sql.lit(
      `begin raise exception '${message}' using errcode = 'restrict_violation'; end;`,
    )}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_update_or_delete`)} before update or delete on ${sql.table(table)}
      for each row execute function ${sql.id(`${table}_append_only`)}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function ${sql.id(`${table}_append_only`)}()`.execute(db);
    return;
  }
  for (const operation of ['update', 'delete'] as const) {
    await sql`create trigger ${sql.id(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  }
}

export async function dropAppendOnlyGuard(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop function if exists ${sql.id(`${table}_append_only`)}() cascade`.execute(db);
    return;
  }
  for (const operation of ['update', 'delete'] as const) {
    await sql`drop trigger if exists ${sql.id(`${table}_no_${operation}`)}`.execute(db);
  }
}
