import type { Kysely } from 'kysely';
import { dropAppendOnlyGuard, refuseUpdatesAndDeletes } from '../../../platform/db/append-only.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mandates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('principal_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('agent_kind', 'text', (c) => c.notNull())
    .addColumn('agent_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('agent_organization_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('duration', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('renewal_of', 'text')
    .execute();
  await db.schema.createIndex('mandates_principal').on('mandates').column('principal_user_id').execute();
  await db.schema.createIndex('mandates_agent_user').on('mandates').column('agent_user_id').execute();
  await db.schema.createIndex('mandates_agent_organization').on('mandates').column('agent_organization_id').execute();
  await db.schema.createIndex('mandates_status_end').on('mandates').columns(['status', 'ends_at']).execute();

  await db.schema
    .createTable('mandate_scopes')
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('mandates.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addPrimaryKeyConstraint('mandate_scopes_pk', ['mandate_id', 'category'])
    .execute();

  await db.schema
    .createTable('mandate_consents')
    .addColumn('mandate_id', 'text', (c) => c.primaryKey().references('mandates.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('easy_language', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addColumn('helper_user_id', 'text')
    .addColumn('helper_declaration', 'text')
    .execute();

  await db.schema
    .createTable('mandate_paper_forms')
    .addColumn('mandate_id', 'text', (c) => c.primaryKey().references('mandates.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('easy_language', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mandate_accreditations')
    .addColumn('organization_id', 'text', (c) => c.primaryKey())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('accredited_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .execute();

  await db.schema
    .createTable('mandate_access_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('mandates.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mandate_access_codes_mandate').on('mandate_access_codes').column('mandate_id').execute();

  await db.schema
    .createTable('mandate_services')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mandate_delegation_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('mandates.id'))
    .addColumn('agent_user_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('mandate_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_pkcs8', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mandate_reminders')
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('mandates.id'))
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mandate_reminders_pk', ['mandate_id', 'days_before'])
    .execute();

  await db.schema
    .createTable('mandate_journal')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mandate_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mandate_journal_mandate').on('mandate_journal').columns(['mandate_id', 'seq']).execute();
  await refuseUpdatesAndDeletes(db, 'mandate_journal');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyGuard(db, 'mandate_journal');
  for (const table of [
    'mandate_journal',
    'mandate_reminders',
    'mandate_signing_keys',
    'mandate_delegation_codes',
    'mandate_services',
    'mandate_access_codes',
    'mandate_accreditations',
    'mandate_paper_forms',
    'mandate_consents',
    'mandate_scopes',
    'mandates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
