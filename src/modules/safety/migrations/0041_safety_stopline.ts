import type { Kysely } from 'kysely';
import { dropAppendOnlyGuard, refuseUpdatesAndDeletes } from '../../../platform/db/append-only.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stopline_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('normalized_url', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('where_found', 'text')
    .addColumn('context', 'text')
    .addColumn('contact', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stopline_reports_status').on('stopline_reports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('stopline_reports_normalized_url').on('stopline_reports').column('normalized_url').execute();

  await db.schema
    .createTable('stopline_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('stopline_reports.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_by_email', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stopline_status_changes_report').on('stopline_status_changes').columns(['report_id', 'changed_at']).execute();

  // No foreign key to the reports: the journal must outlive any report it mentions.
  await db.schema
    .createTable('stopline_access_journal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('export_id', 'text')
    .addColumn('export_format', 'text')
    .execute();
  await db.schema.createIndex('stopline_access_journal_at').on('stopline_access_journal').columns(['at', 'id']).execute();
  await db.schema.createIndex('stopline_access_journal_report').on('stopline_access_journal').columns(['report_id', 'at']).execute();
  await refuseUpdatesAndDeletes(db, 'stopline_access_journal');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyGuard(db, 'stopline_access_journal');
  await db.schema.dropTable('stopline_access_journal').execute();
  await db.schema.dropTable('stopline_status_changes').execute();
  await db.schema.dropTable('stopline_reports').execute();
}
