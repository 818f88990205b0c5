import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type {
  StoplineAccessJournalTable,
  StoplineReportsTable,
  StoplineStatusChangesTable,
  StoplineTables,
} from './stopline.tables.js';

export type StoplineDb = Kysely<StoplineTables> | Transaction<StoplineTables>;

export type ReportRow = StoplineReportsTable & { same_count: number };

export interface QueueWhere {
  /** null: every status. */
  readonly statuses: readonly string[] | null;
  readonly category: string | null;
  readonly normalizedUrl: string | null;
}

function reportsWithSameCount(db: StoplineDb) {
  return db
    .selectFrom('stopline_reports as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('stopline_reports as d')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('d.normalized_url', '=', 'r.normalized_url')
        .as('same_count'),
    );
}

const toRow = (row: StoplineReportsTable & { same_count: number | string | null }): ReportRow => ({ ...row, same_count: Number(row.same_count ?? 1) });

function matching(where: QueueWhere) {
  return (eb: ExpressionBuilder<StoplineTables & { r: StoplineReportsTable }, 'r'>) =>
    eb.and([
      ...(where.statuses ? [eb('r.status', 'in', [...where.statuses])] : []),
      ...(where.category ? [eb('r.category', '=', where.category)] : []),
      ...(where.normalizedUrl ? [eb('r.normalized_url', '=', where.normalizedUrl)] : []),
    ]);
}

export async function insertReport(db: StoplineDb, report: StoplineReportsTable, received: StoplineStatusChangesTable): Promise<void> {
  await db.insertInto('stopline_reports').values(report).execute();
  await db.insertInto('stopline_status_changes').values(received).execute();
}

export async function statusByCodeHash(db: StoplineDb, codeHash: string) {
  return db.selectFrom('stopline_reports').select(['status', 'created_at', 'updated_at']).where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function countReports(db: StoplineDb, where: QueueWhere): Promise<number> {
  const row = await db.selectFrom('stopline_reports as r').select((eb) => eb.fn.countAll<number | string>().as('n')).where(matching(where)).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** First come, first served: the oldest report waiting is on top. */
export async function listReports(db: StoplineDb, where: QueueWhere, limit: number, offset: number): Promise<ReportRow[]> {
  const rows = await reportsWithSameCount(db).where(matching(where)).orderBy('r.created_at').orderBy('r.id').limit(limit).offset(offset).execute();
  return rows.map(toRow);
}

export async function reportById(db: StoplineDb, id: string): Promise<ReportRow | undefined> {
  const row = await reportsWithSameCount(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function reportsByIds(db: StoplineDb, ids: readonly string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  const rows = await reportsWithSameCount(db).where('r.id', 'in', ids).orderBy('r.created_at').orderBy('r.id').execute();
  return rows.map(toRow);
}

export async function statusHistory(db: StoplineDb, reportId: string): Promise<StoplineStatusChangesTable[]> {
  return db.selectFrom('stopline_status_changes').selectAll().where('report_id', '=', reportId).orderBy('changed_at').orderBy('id').execute();
}

/** Moves a report on only from the status the analyst saw; false when someone else moved it meanwhile. */
export async function updateStatus(db: StoplineDb, id: string, from: string, to: string, at: string): Promise<boolean> {
  const result = await db.updateTable('stopline_reports').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStatusChange(db: StoplineDb, change: StoplineStatusChangesTable): Promise<void> {
  await db.insertInto('stopline_status_changes').values(change).execute();
}

export async function insertJournalEntries(db: StoplineDb, entries: readonly StoplineAccessJournalTable[]): Promise<void> {
  // Exports may name a thousand reports: a few hundred rows per statement stay well under parameter limits.
  for (let i = 0; i < entries.length; i += 200) {
    await db.insertInto('stopline_access_journal').values(entries.slice(i, i + 200)).execute();
  }
}

export async function countJournal(db: StoplineDb, reportId: string | null): Promise<number> {
  let query = db.selectFrom('stopline_access_journal').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (reportId) query = query.where('report_id', '=', reportId);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Newest first. */
export async function listJournal(db: StoplineDb, reportId: string | null, limit: number, offset: number): Promise<StoplineAccessJournalTable[]> {
  let query = db.selectFrom('stopline_access_journal').selectAll();
  if (reportId) query = query.where('report_id', '=', reportId);
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
