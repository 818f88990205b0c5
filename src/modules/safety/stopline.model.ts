import type { CurrentUser } from '../../platform/auth/roles.js';

export const REPORT_CATEGORIES = ['csam', 'racism_hate', 'terrorism', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ['received', 'being_assessed', 'out_of_scope', 'forwarded', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What an analyst may set; `received` is only ever the state a report arrives in. */
export const ANALYST_STATUSES = ['being_assessed', 'out_of_scope', 'forwarded', 'closed'] as const satisfies readonly ReportStatus[];

/** Still waiting for an analyst's decision: the queue shows these unless asked otherwise. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['received', 'being_assessed'];

export const LIMITS = { url: 2048, whereFound: 300, context: 3000, contact: 200, note: 2000 } as const;

/** How many reports one export may hold: forwarding goes in reasonable batches, never the whole archive by accident. */
export const EXPORT_MAX_REPORTS = 1000;
export const QUEUE_PAGE_SIZE = 50;
export const JOURNAL_PAGE_SIZE = 100;

export const isReportCategory = (value: unknown): value is ReportCategory =>
  typeof value === 'string' && (REPORT_CATEGORIES as readonly string[]).includes(value);
export const isReportStatus = (value: unknown): value is ReportStatus =>
  typeof value === 'string' && (REPORT_STATUSES as readonly string[]).includes(value);

/** Only analysts, and admins who oversee them, ever see a report beyond its status. */
export const canAnalyse = (user: Pick<CurrentUser, 'role'> | null): boolean => user?.role === 'analyst' || user?.role === 'admin';

export interface ReportInput {
  readonly url: string;
  readonly category: string;
  readonly whereFound?: string | undefined;
  readonly context?: string | undefined;
  readonly contact?: string | undefined;
}

export type ReportField = keyof ReportInput;

/** Field → message key, for the form to show beside each field. */
export type ReportInputErrors = Partial<Record<ReportField, { key: string; values?: Record<string, unknown> }>>;

export interface Submitted {
  /** The 16 digits grouped 4-4-4-4: shown to the reporter once, never stored. */
  readonly trackingCode: string;
  readonly receivedAt: string;
}

/** All the status page may tell: no address, no category, no notes. */
export interface StatusView {
  readonly status: ReportStatus;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

export interface ReportSummary {
  readonly id: string;
  readonly host: string;
  readonly category: ReportCategory;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Reports of the same address, this one included. */
  readonly sameAddressCount: number;
}

export interface Report extends ReportSummary {
  readonly url: string;
  readonly normalizedUrl: string;
  readonly whereFound: string | null;
  readonly context: string | null;
  readonly contact: string | null;
}

export interface StatusChange {
  readonly from: ReportStatus | null;
  readonly to: ReportStatus;
  readonly note: string | null;
  /** Null for the reporter's own submission. */
  readonly by: string | null;
  readonly at: string;
}

export interface ReportDetail {
  readonly report: Report;
  readonly history: readonly StatusChange[];
  /** Other reports of the same address, oldest first. */
  readonly duplicates: readonly ReportSummary[];
}

/** `open`: received or being assessed; `all`: every status. */
export type StatusFilter = ReportStatus | 'open' | 'all';

export interface QueueFilter {
  readonly status: StatusFilter;
  readonly category: ReportCategory | null;
  /** Only reports of the same address as this report. */
  readonly sameAs: string | null;
}

export interface QueuePage {
  readonly reports: readonly ReportSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
}

export type ExportFormat = 'csv' | 'json';

export type ExportSelection = { readonly ids: readonly string[] } | { readonly filter: QueueFilter };

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: string;
  readonly count: number;
}

export type JournalAction = 'read' | 'export';

export interface JournalEntry {
  readonly at: string;
  readonly actorEmail: string;
  readonly actorRole: string;
  readonly action: JournalAction;
  readonly reportId: string;
  readonly exportId: string | null;
  readonly exportFormat: ExportFormat | null;
}

export interface JournalPage {
  readonly entries: readonly JournalEntry[];
  readonly page: number;
  readonly pageCount: number;
}

export type StatusChangeError = 'forbidden' | 'not_found' | 'invalid_status' | 'unchanged' | 'note_too_long' | 'changed_meanwhile';
export type ExportError = 'forbidden' | 'nothing_selected' | 'too_many';
