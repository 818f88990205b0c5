import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

export type NamedMigrations = Record<string, Migration>;

/**
 * Migrations come from every module, named with a global number ("0010_directory_core") so the
 * order is the same on every database; the composition root hands them all in.
 */
export function createMigrator(db: Kysely<any>, migrations: NamedMigrations): Migrator {
  for (const name of Object.keys(migrations)) {
    if (!/^\d{4}_[a-z0-9_]+$/.test(name)) throw new Error(`Migration name "${name}" must look like 0010_module_change`);
  }
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(db: Kysely<any>, migrations: NamedMigrations): Promise<MigrationResultSet> {
  const result = await createMigrator(db, migrations).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
