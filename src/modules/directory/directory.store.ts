import { sql, type Kysely } from 'kysely';
import type {
  CourseSessionsTable,
  DirectoryTables,
  LocationsTable,
  OfferLocationsTable,
  OfferReportsTable,
  OffersTable,
  OrganizationsTable,
  PendingChangesTable,
  RegistrationsTable,
  TranslatedEntity,
  TranslationsTable,
} from './directory.tables.js';

type Db = Kysely<DirectoryTables>;

// Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMS = 20_000;
const IN_LIST = 1_000;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function rowsPerStatement(sample: object | undefined): number {
  return sample ? Math.max(1, Math.floor(MAX_PARAMS / Object.keys(sample).length)) : 1;
}

async function inBatches<T>(ids: readonly string[], query: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0) return [];
  const out: T[] = [];
  for (const batch of chunks([...new Set(ids)], IN_LIST)) out.push(...(await query(batch)));
  return out;
}

/** Sets every column to the incoming row's value, for upserts by primary key. */
function excludedColumns<R extends object>(sample: R, key: readonly string[]) {
  return Object.fromEntries(
    Object.keys(sample)
      .filter((column) => !key.includes(column))
      .map((column) => [column, sql.ref(`excluded.${column}`)]),
  );
}

// ---------------------------------------------------------------- organisations

export async function insertOrganization(db: Db, row: OrganizationsTable): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function updateOrganization(db: Db, id: string, patch: Partial<OrganizationsTable>): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationsTable | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizations(db: Db, ids: readonly string[]): Promise<OrganizationsTable[]> {
  return inBatches(ids, (batch) => db.selectFrom('organizations').selectAll().where('id', 'in', batch).execute());
}

export async function listOrganizations(
  db: Db,
  filter: { moderationStatus?: string } = {},
): Promise<OrganizationsTable[]> {
  let query = db.selectFrom('organizations').selectAll();
  if (filter.moderationStatus) query = query.where('moderation_status', '=', filter.moderationStatus);
  return query.orderBy('name').orderBy('id').execute();
}

// ---------------------------------------------------------------- locations

export async function insertLocation(db: Db, row: LocationsTable): Promise<void> {
  await db.insertInto('locations').values(row).execute();
}

export async function updateLocation(db: Db, id: string, patch: Partial<LocationsTable>): Promise<void> {
  await db.updateTable('locations').set(patch).where('id', '=', id).execute();
}

export async function findLocation(db: Db, id: string): Promise<LocationsTable | undefined> {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLocations(db: Db, ids: readonly string[]): Promise<LocationsTable[]> {
  return inBatches(ids, (batch) => db.selectFrom('locations').selectAll().where('id', 'in', batch).execute());
}

export async function listLocationsOf(db: Db, organizationId: string): Promise<LocationsTable[]> {
  return db
    .selectFrom('locations')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------- offers

/** Public readers see approved, active offers of approved organisations only. */
function publicOffers(db: Db) {
  return db
    .selectFrom('offers')
    .innerJoin('organizations', 'organizations.id', 'offers.organization_id')
    .where('offers.moderation_status', '=', 'approved')
    .where('offers.active', '=', 1)
    .where('organizations.moderation_status', '=', 'approved');
}

export async function insertOffer(db: Db, row: OffersTable): Promise<void> {
  await db.insertInto('offers').values(row).execute();
}

export async function updateOffer(db: Db, id: string, patch: Partial<OffersTable>): Promise<void> {
  await db.updateTable('offers').set(patch).where('id', '=', id).execute();
}

export async function findOffer(db: Db, id: string): Promise<OffersTable | undefined> {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOffers(db: Db, ids: readonly string[]): Promise<OffersTable[]> {
  return inBatches(ids, (batch) => db.selectFrom('offers').selectAll().where('id', 'in', batch).execute());
}

export async function isPublicOffer(db: Db, id: string): Promise<boolean> {
  const row = await publicOffers(db).select('offers.id').where('offers.id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function listOffersOf(db: Db, organizationId: string): Promise<OffersTable[]> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listOfferIdsOf(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db.selectFrom('offers').select('id').where('organization_id', '=', organizationId).execute();
  return rows.map((r) => r.id);
}

export async function listOffersByModeration(db: Db, status: string): Promise<OffersTable[]> {
  return db.selectFrom('offers').selectAll().where('moderation_status', '=', status).orderBy('created_at').execute();
}

/** Public offers whose information was last confirmed before the given instant, oldest first. */
export async function listStaleOffers(db: Db, checkedBefore: string, organizationId?: string): Promise<OffersTable[]> {
  let query = publicOffers(db).selectAll('offers').where('offers.checked_at', '<', checkedBefore);
  if (organizationId) query = query.where('offers.organization_id', '=', organizationId);
  return query.orderBy('offers.checked_at').orderBy('offers.id').execute();
}

export async function setOfferLocations(db: Db, offerId: string, locationIds: readonly string[]): Promise<void> {
  await db.deleteFrom('offer_locations').where('offer_id', '=', offerId).execute();
  if (locationIds.length === 0) return;
  await db
    .insertInto('offer_locations')
    .values(locationIds.map((locationId, position) => ({ offer_id: offerId, location_id: locationId, position })))
    .execute();
}

export async function offerLocationsOf(db: Db, offerIds: readonly string[]): Promise<OfferLocationsTable[]> {
  return inBatches(offerIds, (batch) =>
    db.selectFrom('offer_locations').selectAll().where('offer_id', 'in', batch).orderBy('position').execute(),
  );
}

export async function offerIdsAtLocation(db: Db, locationId: string): Promise<string[]> {
  const rows = await db.selectFrom('offer_locations').select('offer_id').where('location_id', '=', locationId).execute();
  return rows.map((r) => r.offer_id);
}

// ---------------------------------------------------------------- search index sources

/** Which offers to read for the index: some by id, or a run of ids (after, last]. */
export type OfferScope = { readonly ids: readonly string[] } | { readonly after: string | null; readonly last: string };

/**
 * Public offers, whole, with their organisation's name: the given ones, or the next page by
 * id. The search index and the result cards kept beside it are built from these.
 */
export async function publicOffersForIndex(db: Db, scope: { ids: readonly string[] } | { after: string | null; limit: number }) {
  const base = () => publicOffers(db).selectAll('offers').select('organizations.name as organization_name');
  if ('ids' in scope) return inBatches(scope.ids, (batch) => base().where('offers.id', 'in', batch).execute());
  let query = base();
  if (scope.after !== null) query = query.where('offers.id', '>', scope.after);
  return query.orderBy('offers.id').limit(scope.limit).execute();
}

export async function locationsForIndex(db: Db, ids?: readonly string[]): Promise<LocationsTable[]> {
  const base = () => db.selectFrom('locations').selectAll();
  return ids ? inBatches(ids, (batch) => base().where('id', 'in', batch).execute()) : base().execute();
}

/** Every translated text of the offers: names and descriptions are searched, all are shown. */
export async function offerTextsForIndex(db: Db, scope: OfferScope): Promise<TranslationRow[]> {
  const base = () =>
    db.selectFrom('translations').select(['entity_type', 'entity_id', 'field', 'locale', 'value', 'source']).where('entity_type', '=', 'offer');
  if ('ids' in scope) return inBatches(scope.ids, (batch) => base().where('entity_id', 'in', batch).execute());
  let query = base().where('entity_id', '<=', scope.last);
  if (scope.after !== null) query = query.where('entity_id', '>', scope.after);
  return query.execute();
}

export async function offerLocationsForIndex(db: Db, scope: OfferScope) {
  const base = () => db.selectFrom('offer_locations').select(['offer_id', 'location_id', 'position']);
  if ('ids' in scope) return inBatches(scope.ids, (batch) => base().where('offer_id', 'in', batch).orderBy('position').execute());
  let query = base().where('offer_id', '<=', scope.last);
  if (scope.after !== null) query = query.where('offer_id', '>', scope.after);
  return query.orderBy('position').execute();
}

/** Upcoming sessions that are not cancelled, earliest first. */
export async function upcomingSessionsForIndex(db: Db, scope: OfferScope, fromIso: string): Promise<CourseSessionsTable[]> {
  const base = () => db.selectFrom('course_sessions').selectAll().where('starts_at', '>=', fromIso).where('cancelled', '=', 0);
  if ('ids' in scope) return inBatches(scope.ids, (batch) => base().where('offer_id', 'in', batch).orderBy('starts_at').orderBy('id').execute());
  let query = base().where('offer_id', '<=', scope.last);
  if (scope.after !== null) query = query.where('offer_id', '>', scope.after);
  return query.orderBy('starts_at').orderBy('id').execute();
}

/** The translated titles of the sessions upcomingSessionsForIndex reads. */
export async function upcomingSessionTextsForIndex(db: Db, scope: OfferScope, fromIso: string): Promise<TranslationRow[]> {
  const base = () =>
    db
      .selectFrom('translations')
      .innerJoin('course_sessions', 'course_sessions.id', 'translations.entity_id')
      .select(['translations.entity_type', 'translations.entity_id', 'translations.field', 'translations.locale', 'translations.value', 'translations.source'])
      .where('translations.entity_type', '=', 'session')
      .where('course_sessions.starts_at', '>=', fromIso)
      .where('course_sessions.cancelled', '=', 0);
  if ('ids' in scope) return inBatches(scope.ids, (batch) => base().where('course_sessions.offer_id', 'in', batch).execute());
  let query = base().where('course_sessions.offer_id', '<=', scope.last);
  if (scope.after !== null) query = query.where('course_sessions.offer_id', '>', scope.after);
  return query.execute();
}

// ---------------------------------------------------------------- sessions

export async function insertSession(db: Db, row: CourseSessionsTable): Promise<void> {
  await db.insertInto('course_sessions').values(row).execute();
}

export async function updateSession(db: Db, id: string, patch: Partial<CourseSessionsTable>): Promise<void> {
  await db.updateTable('course_sessions').set(patch).where('id', '=', id).execute();
}

export async function findSession(db: Db, id: string): Promise<CourseSessionsTable | undefined> {
  return db.selectFrom('course_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the session's row lock for the rest of the transaction (a no-op update), so that
 * counting places and choosing whom to confirm cannot interleave with another registration
 * or cancellation. SQLite serialises write transactions anyway; PostgreSQL needs the lock.
 */
export async function lockSession(db: Db, id: string): Promise<CourseSessionsTable | undefined> {
  return db
    .updateTable('course_sessions')
    .set({ capacity: sql`capacity` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function listSessionsOfOffer(db: Db, offerId: string): Promise<CourseSessionsTable[]> {
  return db.selectFrom('course_sessions').selectAll().where('offer_id', '=', offerId).orderBy('starts_at').execute();
}

/** The first `perOffer` upcoming sessions of each offer, in one statement. */
export async function nextSessionsOf(
  db: Db,
  offerIds: readonly string[],
  fromIso: string,
  perOffer: number,
): Promise<CourseSessionsTable[]> {
  return inBatches(offerIds, (batch) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('course_sessions')
          .selectAll()
          .select(sql<number>`row_number() over (partition by offer_id order by starts_at, id)`.as('rank'))
          .where('offer_id', 'in', batch)
          .where('starts_at', '>=', fromIso)
          .where('cancelled', '=', 0)
          .as('ranked'),
      )
      .selectAll()
      .where('rank', '<=', perOffer)
      .orderBy('starts_at')
      .execute()
      .then((rows) => rows.map(({ rank: _rank, ...row }) => row)),
  );
}

export interface SessionFilter {
  from: string;
  to: string;
  offerId?: string | undefined;
  organizationId?: string | undefined;
  communeId?: string | undefined;
  includeCancelled?: boolean | undefined;
  limit: number;
}

/** Sessions of public offers starting in [from, to), for calendars. */
export async function listPublicSessions(db: Db, filter: SessionFilter): Promise<CourseSessionsTable[]> {
  let query = publicOffers(db)
    .innerJoin('course_sessions', 'course_sessions.offer_id', 'offers.id')
    .leftJoin('locations', 'locations.id', 'course_sessions.location_id')
    .selectAll('course_sessions')
    .where('course_sessions.starts_at', '>=', filter.from)
    .where('course_sessions.starts_at', '<', filter.to);
  if (!filter.includeCancelled) query = query.where('course_sessions.cancelled', '=', 0);
  if (filter.offerId) query = query.where('offers.id', '=', filter.offerId);
  if (filter.organizationId) query = query.where('offers.organization_id', '=', filter.organizationId);
  const communeId = filter.communeId;
  if (communeId) {
    // A session without its own place happens wherever the offer does.
    query = query.where((eb) =>
      eb.or([
        eb('locations.commune_id', '=', communeId),
        eb.and([
          eb('course_sessions.location_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('offer_locations')
              .innerJoin('locations as offer_place', 'offer_place.id', 'offer_locations.location_id')
              .select('offer_locations.offer_id')
              .whereRef('offer_locations.offer_id', '=', 'offers.id')
              .where('offer_place.commune_id', '=', communeId),
          ),
        ]),
      ]),
    );
  }
  return query.orderBy('course_sessions.starts_at').orderBy('course_sessions.id').limit(filter.limit).execute();
}

// ---------------------------------------------------------------- registrations

export async function insertRegistration(db: Db, row: RegistrationsTable): Promise<void> {
  await db.insertInto('registrations').values(row).execute();
}

export async function countConfirmed(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function confirmedCounts(db: Db, sessionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await inBatches(sessionIds, (batch) =>
    db
      .selectFrom('registrations')
      .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('session_id', 'in', batch)
      .where('status', '=', 'confirmed')
      .groupBy('session_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
}

export async function firstWaitlisted(db: Db, sessionId: string, count: number): Promise<RegistrationsTable[]> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(count)
    .execute();
}

export async function setRegistrationStatus(db: Db, id: string, status: string, nowIso: string): Promise<void> {
  await db.updateTable('registrations').set({ status, updated_at: nowIso }).where('id', '=', id).execute();
}

export async function findRegistrationByTokenHash(db: Db, tokenHash: string): Promise<RegistrationsTable | undefined> {
  return db.selectFrom('registrations').selectAll().where('cancel_token_hash', '=', tokenHash).executeTakeFirst();
}

/** Deletes the registrations of every session that ended before the instant; returns how many. */
export async function deleteRegistrationsEndedBefore(db: Db, beforeIso: string): Promise<number> {
  const result = await db
    .deleteFrom('registrations')
    .where('session_id', 'in', (eb) => eb.selectFrom('course_sessions').select('id').where('ends_at', '<', beforeIso))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listRegistrations(db: Db, sessionId: string): Promise<RegistrationsTable[]> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------- translations

export type TranslationRow = Omit<TranslationsTable, 'updated_at'>;

/** Replaces every version of one field of one entity. */
export async function replaceTranslations(
  db: Db,
  entityType: TranslatedEntity,
  entityId: string,
  field: string,
  versions: readonly { locale: string; value: string; source: string }[],
  nowIso: string,
): Promise<void> {
  await db
    .deleteFrom('translations')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('field', '=', field)
    .execute();
  if (versions.length === 0) return;
  await db
    .insertInto('translations')
    .values(versions.map((v) => ({ entity_type: entityType, entity_id: entityId, field, ...v, updated_at: nowIso })))
    .execute();
}

export async function translationsOf(
  db: Db,
  entityType: TranslatedEntity,
  entityIds: readonly string[],
): Promise<TranslationRow[]> {
  return inBatches(entityIds, (batch) =>
    db
      .selectFrom('translations')
      .select(['entity_type', 'entity_id', 'field', 'locale', 'value', 'source'])
      .where('entity_type', '=', entityType)
      .where('entity_id', 'in', batch)
      .execute(),
  );
}

export async function deleteTranslationsOf(db: Db, entityType: TranslatedEntity, entityIds: readonly string[]) {
  for (const batch of chunks([...new Set(entityIds)], IN_LIST)) {
    await db.deleteFrom('translations').where('entity_type', '=', entityType).where('entity_id', 'in', batch).execute();
  }
}

// ---------------------------------------------------------------- reports

export async function insertReport(db: Db, row: OfferReportsTable): Promise<void> {
  await db.insertInto('offer_reports').values(row).execute();
}

export async function findReport(db: Db, id: string): Promise<OfferReportsTable | undefined> {
  return db.selectFrom('offer_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Unresolved reports, all of them or only on offers of the given organisations. */
export async function listOpenReports(
  db: Db,
  organizationIds?: readonly string[],
): Promise<(OfferReportsTable & { organization_id: string })[]> {
  let query = db
    .selectFrom('offer_reports')
    .innerJoin('offers', 'offers.id', 'offer_reports.offer_id')
    .selectAll('offer_reports')
    .select('offers.organization_id')
    .where('offer_reports.resolved', '=', 0);
  if (organizationIds) {
    if (organizationIds.length === 0) return [];
    query = query.where('offers.organization_id', 'in', [...organizationIds]);
  }
  return query.orderBy('offer_reports.created_at').orderBy('offer_reports.id').execute();
}

export async function resolveReport(db: Db, id: string, by: string, nowIso: string): Promise<void> {
  await db
    .updateTable('offer_reports')
    .set({ resolved: 1, resolved_by: by, resolved_at: nowIso })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- moderation

export async function insertPendingChange(db: Db, row: PendingChangesTable): Promise<void> {
  await db.insertInto('pending_changes').values(row).execute();
}

export async function findPendingChange(db: Db, id: string): Promise<PendingChangesTable | undefined> {
  return db.selectFrom('pending_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPendingChanges(db: Db): Promise<PendingChangesTable[]> {
  return db
    .selectFrom('pending_changes')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listChangesOfOrganization(db: Db, organizationId: string): Promise<PendingChangesTable[]> {
  return db
    .selectFrom('pending_changes')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Marks a pending change decided; false when someone else decided it first. */
export async function decidePendingChange(
  db: Db,
  id: string,
  decision: { status: string; reason: string | null; decidedBy: string; decidedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('pending_changes')
    .set({
      status: decision.status,
      reason: decision.reason,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A newer proposal for the same entity replaces the older one still waiting. */
export async function supersedePendingChanges(db: Db, entityType: string, entityId: string, nowIso: string) {
  await db
    .updateTable('pending_changes')
    .set({ status: 'superseded', decided_at: nowIso })
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('status', '=', 'pending')
    .execute();
}

// ---------------------------------------------------------------- bulk import and export

export interface DirectoryRows {
  organizations: OrganizationsTable[];
  locations: LocationsTable[];
  offers: OffersTable[];
  offerLocations: OfferLocationsTable[];
  sessions: CourseSessionsTable[];
  translations: TranslationsTable[];
}

/** Removes the whole directory, registrations and moderation history included. */
export async function deleteDirectory(db: Db): Promise<void> {
  for (const table of [
    'pending_changes',
    'offer_reports',
    'registrations',
    'course_sessions',
    'offer_locations',
    'offers',
    'locations',
    'organizations',
    'translations',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

/** Inserts, or overwrites by id, many rows in few statements; run it inside a transaction. */
export async function upsertDirectoryRows(db: Db, rows: DirectoryRows): Promise<void> {
  const upsert = async <T extends keyof DirectoryTables>(table: T, items: DirectoryTables[T][], key: string[]) => {
    const sample = items[0];
    if (!sample) return;
    for (const batch of chunks(items, rowsPerStatement(sample))) {
      await db
        .insertInto(table)
        .values(batch as never)
        .onConflict((oc) => oc.columns(key as never).doUpdateSet(excludedColumns(sample, key) as never))
        .execute();
    }
  };
  await upsert('organizations', rows.organizations, ['id']);
  await upsert('locations', rows.locations, ['id']);
  await upsert('offers', rows.offers, ['id']);
  for (const offerIds of chunks([...new Set(rows.offerLocations.map((r) => r.offer_id))], IN_LIST)) {
    await db.deleteFrom('offer_locations').where('offer_id', 'in', offerIds).execute();
  }
  await upsert('offer_locations', rows.offerLocations, ['offer_id', 'location_id']);
  await upsert('course_sessions', rows.sessions, ['id']);
  await upsert('translations', rows.translations, ['entity_type', 'entity_id', 'field', 'locale']);
}

/** Refreshes the planner's statistics, which a bulk load leaves far behind (both dialects). */
export async function analyzeDirectory(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Approved organisations after `afterId`, in id order, for keyset-paged exports. */
export async function pageOfApprovedOrganizations(
  db: Db,
  afterId: string | null,
  limit: number,
): Promise<OrganizationsTable[]> {
  let query = db.selectFrom('organizations').selectAll().where('moderation_status', '=', 'approved');
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** Everything public that belongs to the given organisations, in one statement per table. */
export async function publicRowsOfOrganizations(
  db: Db,
  organizationIds: string[],
): Promise<Omit<DirectoryRows, 'organizations'>> {
  if (organizationIds.length === 0) {
    return { locations: [], offers: [], offerLocations: [], sessions: [], translations: [] };
  }
  const offersQuery = () => publicOffers(db).where('offers.organization_id', 'in', organizationIds);
  const [locations, offers, offerLocations, sessions, translations] = await Promise.all([
    db.selectFrom('locations').selectAll().where('organization_id', 'in', organizationIds).orderBy('id').execute(),
    offersQuery().selectAll('offers').orderBy('offers.id').execute(),
    offersQuery()
      .innerJoin('offer_locations', 'offer_locations.offer_id', 'offers.id')
      .selectAll('offer_locations')
      .execute(),
    offersQuery()
      .innerJoin('course_sessions', 'course_sessions.offer_id', 'offers.id')
      .selectAll('course_sessions')
      .orderBy('course_sessions.starts_at')
      .execute(),
    publicTranslationsOf(db, organizationIds),
  ]);
  return { locations, offers, offerLocations, sessions, translations };
}

async function publicTranslationsOf(db: Db, organizationIds: string[]): Promise<TranslationsTable[]> {
  const entityIds = (entityType: TranslatedEntity) => {
    switch (entityType) {
      case 'organization':
        return db.selectFrom('organizations').select('id').where('id', 'in', organizationIds);
      case 'location':
        return db.selectFrom('locations').select('id').where('organization_id', 'in', organizationIds);
      case 'offer':
        return publicOffers(db).select('offers.id').where('offers.organization_id', 'in', organizationIds);
      case 'session':
        return publicOffers(db)
          .innerJoin('course_sessions', 'course_sessions.offer_id', 'offers.id')
          .select('course_sessions.id')
          .where('offers.organization_id', 'in', organizationIds);
    }
  };
  const types: TranslatedEntity[] = ['organization', 'location', 'offer', 'session'];
  const parts = await Promise.all(
    types.map((entityType) =>
      db
        .selectFrom('translations')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', 'in', entityIds(entityType))
        .execute(),
    ),
  );
  return parts.flat();
}

/** How many organisations and offers are demo data and how many are real listings. */
export async function countDemoAndReal(db: Db): Promise<{ demo: number; real: number }> {
  const count = (table: 'organizations' | 'offers') =>
    db
      .selectFrom(table)
      .select(['is_demo', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('is_demo')
      .execute();
  const rows = [...(await count('organizations')), ...(await count('offers'))];
  const sum = (demo: boolean) => rows.filter((r) => (Number(r.is_demo) === 1) === demo).reduce((t, r) => t + Number(r.n), 0);
  return { demo: sum(true), real: sum(false) };
}
