import type { Kysely } from 'kysely';
import { withTimestamps } from '../../../platform/db/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('website', 'text')
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('moderation_status', 'text', (c) => c.notNull())
      .addColumn('moderation_reason', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('location_type', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('locality', 'text')
      .addColumn('commune_id', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('opening_hours', 'text'),
  ).execute();
  await db.schema.createIndex('locations_organization').on('locations').column('organization_id').execute();

  await withTimestamps(
    db.schema
      .createTable('offers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('default_locale', 'text', (c) => c.notNull())
      .addColumn('offer_types', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('audiences', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('cost', 'text', (c) => c.notNull())
      .addColumn('modes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('opening_hours', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('website', 'text')
      .addColumn('booking_url', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('moderation_status', 'text', (c) => c.notNull())
      .addColumn('moderation_reason', 'text')
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('offers_organization').on('offers').column('organization_id').execute();
  await db.schema.createIndex('offers_moderation').on('offers').columns(['moderation_status', 'created_at']).execute();
  await db.schema.createIndex('offers_checked').on('offers').column('checked_at').execute();

  // HSDS service_at_location.
  await db.schema
    .createTable('offer_locations')
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('offer_locations_pk', ['offer_id', 'location_id'])
    .execute();
  await db.schema.createIndex('offer_locations_location').on('offer_locations').column('location_id').execute();

  await withTimestamps(
    db.schema
      .createTable('course_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id').onDelete('cascade'))
      .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('course_sessions_offer').on('course_sessions').columns(['offer_id', 'starts_at']).execute();
  await db.schema.createIndex('course_sessions_starts').on('course_sessions').column('starts_at').execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('course_sessions.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('needs', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registrations_session')
    .on('registrations')
    .columns(['session_id', 'status', 'created_at'])
    .execute();

  // One row per text field version; entity rows carry no translated text of their own.
  await db.schema
    .createTable('translations')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('translations_pk', ['entity_type', 'entity_id', 'field', 'locale'])
    .execute();

  await db.schema
    .createTable('offer_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offer_reports_open').on('offer_reports').columns(['resolved', 'offer_id']).execute();

  // Proposed edits by providers who are not trusted yet; applied only when a moderator approves.
  await db.schema
    .createTable('pending_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_changes_status').on('pending_changes').columns(['status', 'created_at']).execute();
  await db.schema
    .createIndex('pending_changes_entity')
    .on('pending_changes')
    .columns(['entity_type', 'entity_id', 'status'])
    .execute();
  await db.schema.createIndex('pending_changes_organization').on('pending_changes').column('organization_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'pending_changes',
    'offer_reports',
    'translations',
    'registrations',
    'course_sessions',
    'offer_locations',
    'offers',
    'locations',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
