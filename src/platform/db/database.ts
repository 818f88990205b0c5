import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// PostgreSQL returns bigint counts as strings and timestamps as Date; we store ISO strings
// and want plain numbers so that both dialects hand the same values to the services.
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

export function openDatabase<DB>(options: { databaseUrl?: string | undefined; sqliteFile: string }): DatabaseHandle<DB> {
  let dialect: Dialect;
  let name: DialectName;
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    name = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, admin action) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    dialect = new PostgresDialect({ pool });
  } else {
    name = 'sqlite';
    if (options.sqliteFile !== ':memory:') mkdirSync(dirname(options.sqliteFile), { recursive: true });
    const database = new SqliteDatabase(options.sqliteFile);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    dialect = new SqliteDialect({ database });
  }
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: name, close: () => db.destroy() };
}

export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Case-insensitive substring match that behaves the same on both dialects. */
export function containsInsensitive(column: string, needle: string) {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
