import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Messages people chose to send to the moderators, already redacted; nothing says who sent them.
  await db.schema
    .createTable('safety_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_digest', 'text', (c) => c.notNull().unique())
    .addColumn('redacted_text', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('imitated_brands', 'text', (c) => c.notNull())
    .addColumn('input_kind', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .execute();
  await db.schema.createIndex('safety_reports_reported').on('safety_reports').column('reported_at').execute();

  // One row per brand a report imitates, so the week's trends are a plain GROUP BY on both dialects.
  await db.schema
    .createTable('safety_report_brands')
    .addColumn('report_id', 'text', (c) => c.notNull().references('safety_reports.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('safety_report_brands_pk', ['report_id', 'brand_id'])
    .execute();
  await db.schema.createIndex('safety_report_brands_reported').on('safety_report_brands').columns(['reported_at', 'brand_id']).execute();

  await db.schema
    .createTable('safety_warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('unpublished_at', 'text')
    .execute();

  await db.schema
    .createTable('safety_brands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('phones', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['safety_brands', 'safety_warnings', 'safety_report_brands', 'safety_reports']) {
    await db.schema.dropTable(table).execute();
  }
}
