import type { Kysely, Transaction } from 'kysely';
import type { CheckerTables, SafetyBrandsTable, SafetyReportsTable, SafetyWarningsTable } from './checker.tables.js';

export type CheckerDb = Kysely<CheckerTables> | Transaction<CheckerTables>;

/** Stores the report and its brands, unless a report with the same token digest exists; says whether it stored. */
export async function insertReport(db: Kysely<CheckerTables>, report: SafetyReportsTable, brandIds: readonly string[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('safety_reports')
      .values(report)
      .onConflict((oc) => oc.column('token_digest').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    if (brandIds.length > 0) {
      await trx
        .insertInto('safety_report_brands')
        .values(brandIds.map((brand_id) => ({ report_id: report.id, brand_id, reported_at: report.reported_at })))
        .execute();
    }
    return true;
  });
}

/** Reports not yet handled, newest first. */
export async function openReports(db: CheckerDb, limit: number): Promise<SafetyReportsTable[]> {
  return db.selectFrom('safety_reports').selectAll().where('handled_at', 'is', null).orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countOpenReports(db: CheckerDb): Promise<number> {
  const row = await db.selectFrom('safety_reports').select((eb) => eb.fn.countAll().as('count')).where('handled_at', 'is', null).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Marks an open report handled; false when there is no such open report. */
export async function markReportHandled(db: CheckerDb, id: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('safety_reports')
    .set({ handled_at: at, handled_by: by })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function brandCountsSince(db: CheckerDb, since: string): Promise<Array<{ brandId: string; count: number }>> {
  const rows = await db
    .selectFrom('safety_report_brands')
    .select((eb) => ['brand_id', eb.fn.countAll().as('count')])
    .where('reported_at', '>=', since)
    .groupBy('brand_id')
    .execute();
  return rows.map((r) => ({ brandId: r.brand_id, count: Number(r.count) }));
}

export async function verdictCountsSince(db: CheckerDb, since: string): Promise<Array<{ verdict: string; count: number }>> {
  const rows = await db
    .selectFrom('safety_reports')
    .select((eb) => ['verdict', eb.fn.countAll().as('count')])
    .where('reported_at', '>=', since)
    .groupBy('verdict')
    .execute();
  return rows.map((r) => ({ verdict: r.verdict, count: Number(r.count) }));
}

export async function insertWarning(db: CheckerDb, warning: SafetyWarningsTable): Promise<void> {
  await db.insertInto('safety_warnings').values(warning).execute();
}

/** Every warning, newest first, published or not. */
export async function allWarnings(db: CheckerDb): Promise<SafetyWarningsTable[]> {
  return db.selectFrom('safety_warnings').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Warnings on show, most recently published first. */
export async function publishedWarnings(db: CheckerDb): Promise<SafetyWarningsTable[]> {
  return db
    .selectFrom('safety_warnings')
    .selectAll()
    .where('published_at', 'is not', null)
    .where('unpublished_at', 'is', null)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updateWarning(db: CheckerDb, id: string, changes: Partial<Pick<SafetyWarningsTable, 'published_at' | 'unpublished_at'>>): Promise<boolean> {
  const result = await db.updateTable('safety_warnings').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteWarning(db: CheckerDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('safety_warnings').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countBrands(db: CheckerDb): Promise<number> {
  const row = await db.selectFrom('safety_brands').select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function allBrands(db: CheckerDb): Promise<SafetyBrandsTable[]> {
  return db.selectFrom('safety_brands').selectAll().orderBy('name').orderBy('id').execute();
}

export async function findBrand(db: CheckerDb, id: string): Promise<SafetyBrandsTable | undefined> {
  return db.selectFrom('safety_brands').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds the brands whose id is still free and says how many that was; seeding twice does no harm. */
export async function insertBrands(db: CheckerDb, rows: readonly SafetyBrandsTable[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('safety_brands')
    .values([...rows])
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function updateBrand(db: CheckerDb, row: SafetyBrandsTable): Promise<boolean> {
  const { id, ...changes } = row;
  const result = await db.updateTable('safety_brands').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteBrand(db: CheckerDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('safety_brands').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
