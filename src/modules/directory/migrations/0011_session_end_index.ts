import type { Kysely } from 'kysely';

// The daily purge of old registrations looks sessions up by when they ended.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('course_sessions_ends').on('course_sessions').column('ends_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('course_sessions_ends').execute();
}
