import type { Kysely, Transaction } from 'kysely';
import type {
  MandateAccreditationsTable,
  MandateConsentsTable,
  MandateDelegationCodesTable,
  MandateJournalTable,
  MandatePaperFormsTable,
  MandateScopesTable,
  MandateServicesTable,
  MandatesTable,
  MandatesTables,
} from './mandates.tables.js';

export type MandatesDb = Kysely<MandatesTables> | Transaction<MandatesTables>;

export interface MandateRows {
  readonly mandate: MandatesTable;
  readonly scopes: MandateScopesTable[];
  readonly consent: MandateConsentsTable | null;
}

export async function insertMandate(db: MandatesDb, mandate: MandatesTable, scopes: MandateScopesTable[]): Promise<void> {
  await db.insertInto('mandates').values(mandate).execute();
  await db.insertInto('mandate_scopes').values(scopes).execute();
}

export async function loadMandates(db: MandatesDb, ids: readonly string[]): Promise<MandateRows[]> {
  if (ids.length === 0) return [];
  const [mandates, scopes, consents] = await Promise.all([
    db.selectFrom('mandates').selectAll().where('id', 'in', ids).orderBy('created_at', 'desc').execute(),
    db.selectFrom('mandate_scopes').selectAll().where('mandate_id', 'in', ids).orderBy('category').execute(),
    db.selectFrom('mandate_consents').selectAll().where('mandate_id', 'in', ids).execute(),
  ]);
  return mandates.map((mandate) => ({
    mandate,
    scopes: scopes.filter((s) => s.mandate_id === mandate.id),
    consent: consents.find((c) => c.mandate_id === mandate.id) ?? null,
  }));
}

export async function mandateIdsOfPrincipal(db: MandatesDb, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('mandates').select('id').where('principal_user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

/** Mandates where the user is the person agent, belongs to the agent organisation, or set them up as helper. */
export async function mandateIdsOfAgent(db: MandatesDb, userId: string, organizationIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('mandates')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('agent_user_id', '=', userId),
        eb('created_by', '=', userId).and('principal_user_id', '!=', userId),
        ...(organizationIds.length > 0 ? [eb('agent_organization_id', 'in', organizationIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

export async function updateMandate(db: MandatesDb, id: string, changes: Partial<MandatesTable>): Promise<void> {
  await db.updateTable('mandates').set(changes).where('id', '=', id).execute();
}

export async function revokeScope(db: MandatesDb, mandateId: string, category: string, at: string, by: string): Promise<void> {
  await db
    .updateTable('mandate_scopes')
    .set({ revoked_at: at, revoked_by: by })
    .where('mandate_id', '=', mandateId)
    .where('category', '=', category)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertConsent(db: MandatesDb, consent: MandateConsentsTable): Promise<void> {
  await db.insertInto('mandate_consents').values(consent).execute();
}

export async function savePaperForm(db: MandatesDb, form: MandatePaperFormsTable): Promise<void> {
  await db.deleteFrom('mandate_paper_forms').where('mandate_id', '=', form.mandate_id).execute();
  await db.insertInto('mandate_paper_forms').values(form).execute();
}

export async function findPaperForm(db: MandatesDb, mandateId: string): Promise<MandatePaperFormsTable | undefined> {
  return db.selectFrom('mandate_paper_forms').selectAll().where('mandate_id', '=', mandateId).executeTakeFirst();
}

export async function deletePaperForm(db: MandatesDb, mandateId: string): Promise<void> {
  await db.deleteFrom('mandate_paper_forms').where('mandate_id', '=', mandateId).execute();
}

export async function findAccreditations(db: MandatesDb, organizationIds?: readonly string[]): Promise<MandateAccreditationsTable[]> {
  let query = db.selectFrom('mandate_accreditations').selectAll();
  if (organizationIds) {
    if (organizationIds.length === 0) return [];
    query = query.where('organization_id', 'in', organizationIds);
  }
  return query.orderBy('organization_id').execute();
}

export async function upsertAccreditation(db: MandatesDb, row: MandateAccreditationsTable): Promise<void> {
  await db
    .insertInto('mandate_accreditations')
    .values(row)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        valid_from: row.valid_from,
        valid_until: row.valid_until,
        accredited_by: row.accredited_by,
        withdrawn_at: null,
        withdrawn_by: null,
      }),
    )
    .execute();
}

export async function withdrawAccreditation(db: MandatesDb, organizationId: string, at: string, by: string): Promise<void> {
  await db
    .updateTable('mandate_accreditations')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function insertAccessCode(db: MandatesDb, row: { code_hash: string; mandate_id: string; created_by: string; created_at: string; expires_at: string }): Promise<void> {
  await db.insertInto('mandate_access_codes').values(row).execute();
}

export async function findAccessCode(db: MandatesDb, codeHash: string) {
  return db.selectFrom('mandate_access_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function insertService(db: MandatesDb, row: MandateServicesTable): Promise<void> {
  await db.insertInto('mandate_services').values(row).execute();
}

export async function findService(db: MandatesDb, clientId: string): Promise<MandateServicesTable | undefined> {
  return db.selectFrom('mandate_services').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function listServices(db: MandatesDb): Promise<MandateServicesTable[]> {
  return db.selectFrom('mandate_services').selectAll().orderBy('name').execute();
}

export async function insertDelegationCode(db: MandatesDb, row: MandateDelegationCodesTable): Promise<void> {
  await db.insertInto('mandate_delegation_codes').values(row).execute();
}

export async function findDelegationCode(db: MandatesDb, codeHash: string): Promise<MandateDelegationCodesTable | undefined> {
  return db.selectFrom('mandate_delegation_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Marks the code used; false when another request used it first. */
export async function useDelegationCode(db: MandatesDb, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('mandate_delegation_codes')
    .set({ used_at: at })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findSigningKey(db: MandatesDb) {
  return db.selectFrom('mandate_signing_keys').selectAll().orderBy('created_at', 'desc').executeTakeFirst();
}

export async function listSigningKeys(db: MandatesDb) {
  return db.selectFrom('mandate_signing_keys').selectAll().orderBy('created_at', 'desc').execute();
}

export async function insertSigningKey(db: MandatesDb, row: { kid: string; private_pkcs8: string; public_jwk: string; created_at: string }): Promise<void> {
  await db.insertInto('mandate_signing_keys').values(row).onConflict((oc) => oc.column('kid').doNothing()).execute();
}

/** Active mandates that end within `withinDays` and have not had that reminder. */
export async function mandatesDueForReminder(db: MandatesDb, now: string, until: string, daysBefore: number): Promise<string[]> {
  const rows = await db
    .selectFrom('mandates')
    .select('id')
    .where('status', '=', 'active')
    .where('ends_at', '>', now)
    .where('ends_at', '<=', until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('mandate_reminders')
            .select('mandate_id')
            .whereRef('mandate_reminders.mandate_id', '=', 'mandates.id')
            .where('days_before', '=', daysBefore),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

export async function recordReminder(db: MandatesDb, mandateId: string, daysBefore: number, at: string): Promise<void> {
  await db
    .insertInto('mandate_reminders')
    .values({ mandate_id: mandateId, days_before: daysBefore, sent_at: at })
    .onConflict((oc) => oc.columns(['mandate_id', 'days_before']).doNothing())
    .execute();
}

export async function activeMandatesEndedBy(db: MandatesDb, now: string): Promise<string[]> {
  const rows = await db.selectFrom('mandates').select('id').where('status', '=', 'active').where('ends_at', '<=', now).execute();
  return rows.map((r) => r.id);
}

export async function lastJournalEntry(db: MandatesDb): Promise<Pick<MandateJournalTable, 'seq' | 'hash'> | undefined> {
  return db.selectFrom('mandate_journal').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertJournalEntry(db: MandatesDb, row: MandateJournalTable): Promise<void> {
  await db.insertInto('mandate_journal').values(row).execute();
}

export async function journalOfMandate(db: MandatesDb, mandateId: string): Promise<MandateJournalTable[]> {
  return db.selectFrom('mandate_journal').selectAll().where('mandate_id', '=', mandateId).orderBy('seq').execute();
}

export async function journalPage(db: MandatesDb, afterSeq: number, limit: number): Promise<MandateJournalTable[]> {
  return db.selectFrom('mandate_journal').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}
