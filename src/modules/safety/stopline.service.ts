import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { groupTrackingCode, hashTrackingCode, newTrackingCode, normalizeTrackingCode } from './stopline.code.js';
import { renderExport } from './stopline.export.js';
import {
  ANALYST_STATUSES,
  canAnalyse,
  EXPORT_MAX_REPORTS,
  isReportCategory,
  JOURNAL_PAGE_SIZE,
  LIMITS,
  OPEN_STATUSES,
  QUEUE_PAGE_SIZE,
  type ExportError,
  type ExportFile,
  type ExportFormat,
  type ExportSelection,
  type JournalPage,
  type QueueFilter,
  type QueuePage,
  type Report,
  type ReportCategory,
  type ReportDetail,
  type ReportInput,
  type ReportInputErrors,
  type ReportStatus,
  type ReportSummary,
  type StatusChangeError,
  type StatusView,
  type Submitted,
} from './stopline.model.js';
import * as store from './stopline.store.js';
import type { StoplineAccessJournalTable, StoplineTables } from './stopline.tables.js';
import { parseReportedUrl } from './stopline.url.js';

export interface StoplineDeps {
  readonly db: Kysely<StoplineTables>;
  readonly clock: Clock;
}

export interface StoplineService {
  /** Anonymous: validates, stores, and hands back the tracking code this once. */
  submit(input: ReportInput): Promise<Result<Submitted, ReportInputErrors>>;
  /** Anonymous: the status and its dates, nothing else; `format` when the text cannot be a code. */
  statusOf(typedCode: string): Promise<Result<StatusView, 'format' | 'not_found'>>;
  queue(actor: CurrentUser, filter: QueueFilter, page: number): Promise<Result<QueuePage, 'forbidden'>>;
  /** Every call is a read in the access journal, written before anything is returned. */
  readReport(actor: CurrentUser, id: string): Promise<Result<ReportDetail, 'forbidden' | 'not_found'>>;
  changeStatus(
    actor: CurrentUser,
    id: string,
    change: { readonly status: string; readonly note?: string | undefined },
  ): Promise<Result<'status_changed' | 'note_added', StatusChangeError>>;
  /** Journals every report in the file as exported, under one export id. */
  exportReports(actor: CurrentUser, selection: ExportSelection, format: ExportFormat): Promise<Result<ExportFile, ExportError>>;
  /** Admins only: who read or exported which report. */
  accessJournal(actor: CurrentUser, options: { readonly reportId: string | null; readonly page: number }): Promise<Result<JournalPage, 'forbidden'>>;
}

/** Keeps line breaks and tabs, drops other control characters (PostgreSQL refuses NUL in text). */
function cleanText(value: string | undefined): string | null {
  const text = (value ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return text === '' ? null : text;
}

interface CleanReport {
  readonly url: string;
  readonly normalizedUrl: string;
  readonly host: string;
  readonly category: ReportCategory;
  readonly whereFound: string | null;
  readonly context: string | null;
  readonly contact: string | null;
}

function validate(input: ReportInput): Result<CleanReport, ReportInputErrors> {
  const errors: ReportInputErrors = {};
  const typedUrl = cleanText(input.url);
  let url: ReturnType<typeof parseReportedUrl> | null = null;
  if (!typedUrl) errors.url = { key: 'errors.field.required' };
  else if (typedUrl.length > LIMITS.url) errors.url = { key: 'errors.field.too_long', values: { max: LIMITS.url } };
  else {
    url = parseReportedUrl(typedUrl);
    if (!url.ok) errors.url = { key: url.error === 'not_web' ? 'safety.stopline.errors.url_not_web' : 'safety.stopline.errors.url_invalid' };
  }
  const category = cleanText(input.category);
  if (!category) errors.category = { key: 'safety.stopline.errors.category' };
  else if (!isReportCategory(category)) errors.category = { key: 'errors.field.invalid_choice' };
  const texts = { whereFound: cleanText(input.whereFound), context: cleanText(input.context), contact: cleanText(input.contact) };
  for (const field of ['whereFound', 'context', 'contact'] as const) {
    const text = texts[field];
    if (text && text.length > LIMITS[field]) errors[field] = { key: 'errors.field.too_long', values: { max: LIMITS[field] } };
  }
  if (Object.keys(errors).length > 0 || !url?.ok || !isReportCategory(category)) return fail(errors);
  return ok({ url: url.value.url, normalizedUrl: url.value.normalized, host: url.value.host, category, ...texts });
}

function toSummary(row: store.ReportRow): ReportSummary {
  return {
    id: row.id,
    host: row.host,
    category: row.category as ReportCategory,
    status: row.status as ReportStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sameAddressCount: row.same_count,
  };
}

function toReport(row: store.ReportRow): Report {
  return {
    ...toSummary(row),
    url: row.url,
    normalizedUrl: row.normalized_url,
    whereFound: row.where_found,
    context: row.context,
    contact: row.contact,
  };
}

const pageCountOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
const clampPage = (page: number, pageCount: number) => Math.min(Math.max(1, Math.floor(page) || 1), pageCount);

export function createStoplineService({ db, clock }: StoplineDeps): StoplineService {
  async function whereOf(filter: QueueFilter): Promise<store.QueueWhere | null> {
    let normalizedUrl: string | null = null;
    if (filter.sameAs) {
      const anchor = await store.reportById(db, filter.sameAs);
      if (!anchor) return null;
      normalizedUrl = anchor.normalized_url;
    }
    const statuses = filter.status === 'all' ? null : filter.status === 'open' ? OPEN_STATUSES : [filter.status];
    return { statuses, category: filter.category, normalizedUrl };
  }

  function journalRow(actor: CurrentUser, at: string, reportId: string, extra: Partial<StoplineAccessJournalTable> = {}): StoplineAccessJournalTable {
    return {
      id: newId(),
      at,
      actor_id: actor.id,
      actor_email: actor.email,
      actor_role: actor.role,
      action: 'read',
      report_id: reportId,
      export_id: null,
      export_format: null,
      ...extra,
    };
  }

  return {
    async submit(input) {
      const valid = validate(input);
      if (!valid.ok) return valid;
      const report = valid.value;
      const code = newTrackingCode();
      const at = isoNow(clock);
      const id = newId();
      await db.transaction().execute((trx) =>
        store.insertReport(
          trx,
          {
            id,
            url: report.url,
            normalized_url: report.normalizedUrl,
            host: report.host,
            category: report.category,
            where_found: report.whereFound,
            context: report.context,
            contact: report.contact,
            code_hash: hashTrackingCode(code),
            status: 'received',
            created_at: at,
            updated_at: at,
          },
          { id: newId(), report_id: id, from_status: null, to_status: 'received', note: null, changed_by: null, changed_by_email: null, changed_at: at },
        ),
      );
      return ok({ trackingCode: groupTrackingCode(code), receivedAt: at });
    },

    async statusOf(typedCode) {
      const code = normalizeTrackingCode(typedCode);
      if (!code) return fail('format');
      const row = await store.statusByCodeHash(db, hashTrackingCode(code));
      if (!row) return fail('not_found');
      return ok({ status: row.status as ReportStatus, receivedAt: row.created_at, updatedAt: row.updated_at });
    },

    async queue(actor, filter, page) {
      if (!canAnalyse(actor)) return fail('forbidden');
      const where = await whereOf(filter);
      if (!where) return ok({ reports: [], total: 0, page: 1, pageCount: 1 });
      const total = await store.countReports(db, where);
      const pageCount = pageCountOf(total, QUEUE_PAGE_SIZE);
      const current = clampPage(page, pageCount);
      const rows = await store.listReports(db, where, QUEUE_PAGE_SIZE, (current - 1) * QUEUE_PAGE_SIZE);
      return ok({ reports: rows.map(toSummary), total, page: current, pageCount });
    },

    async readReport(actor, id) {
      if (!canAnalyse(actor)) return fail('forbidden');
      const row = await store.reportById(db, id);
      if (!row) return fail('not_found');
      await store.insertJournalEntries(db, [journalRow(actor, isoNow(clock), id)]);
      const [history, sameAddress] = await Promise.all([
        store.statusHistory(db, id),
        store.listReports(db, { statuses: null, category: null, normalizedUrl: row.normalized_url }, EXPORT_MAX_REPORTS, 0),
      ]);
      return ok({
        report: toReport(row),
        history: history.map((h) => ({
          from: h.from_status as ReportStatus | null,
          to: h.to_status as ReportStatus,
          note: h.note,
          by: h.changed_by_email,
          at: h.changed_at,
        })),
        duplicates: sameAddress.filter((r) => r.id !== id).map(toSummary),
      });
    },

    async changeStatus(actor, id, change) {
      if (!canAnalyse(actor)) return fail('forbidden');
      if (!(ANALYST_STATUSES as readonly string[]).includes(change.status)) return fail('invalid_status');
      const status = change.status as ReportStatus;
      const note = cleanText(change.note);
      if (note && note.length > LIMITS.note) return fail('note_too_long');
      return db.transaction().execute(async (trx): Promise<Result<'status_changed' | 'note_added', StatusChangeError>> => {
        const row = await store.reportById(trx, id);
        if (!row) return fail('not_found');
        if (row.status === status && !note) return fail('unchanged');
        const at = isoNow(clock);
        // A note alone leaves the report's date as it was: the reporter's status page shows status changes only.
        if (row.status !== status && !(await store.updateStatus(trx, id, row.status, status, at))) return fail('changed_meanwhile');
        await store.insertStatusChange(trx, {
          id: newId(),
          report_id: id,
          from_status: row.status,
          to_status: status,
          note,
          changed_by: actor.id,
          changed_by_email: actor.email,
          changed_at: at,
        });
        return ok(row.status === status ? 'note_added' : 'status_changed');
      });
    },

    async exportReports(actor, selection, format) {
      if (!canAnalyse(actor)) return fail('forbidden');
      let rows: store.ReportRow[];
      if ('ids' in selection) {
        const ids = [...new Set(selection.ids)];
        if (ids.length > EXPORT_MAX_REPORTS) return fail('too_many');
        rows = await store.reportsByIds(db, ids);
      } else {
        const where = await whereOf(selection.filter);
        if (!where) return fail('nothing_selected');
        if ((await store.countReports(db, where)) > EXPORT_MAX_REPORTS) return fail('too_many');
        rows = await store.listReports(db, where, EXPORT_MAX_REPORTS, 0);
      }
      if (rows.length === 0) return fail('nothing_selected');
      const exportedAt = isoNow(clock);
      const exportId = newId();
      await store.insertJournalEntries(
        db,
        rows.map((r) => journalRow(actor, exportedAt, r.id, { action: 'export', export_id: exportId, export_format: format })),
      );
      const stamp = exportedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      return ok({
        filename: `stopline-reports-${stamp}.${format}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        body: renderExport(rows.map(toReport), format, { exportId, exportedAt }),
        count: rows.length,
      });
    },

    async accessJournal(actor, { reportId, page }) {
      if (actor.role !== 'admin') return fail('forbidden');
      const total = await store.countJournal(db, reportId);
      const pageCount = pageCountOf(total, JOURNAL_PAGE_SIZE);
      const current = clampPage(page, pageCount);
      const rows = await store.listJournal(db, reportId, JOURNAL_PAGE_SIZE, (current - 1) * JOURNAL_PAGE_SIZE);
      return ok({
        entries: rows.map((r) => ({
          at: r.at,
          actorEmail: r.actor_email,
          actorRole: r.actor_role,
          action: r.action === 'export' ? 'export' : 'read',
          reportId: r.report_id,
          exportId: r.export_id,
          exportFormat: r.export_format === 'csv' || r.export_format === 'json' ? r.export_format : null,
        })),
        page: current,
        pageCount,
      });
    },
  };
}
