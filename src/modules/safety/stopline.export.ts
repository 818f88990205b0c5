import { stringify } from 'csv-stringify/sync';
import type { ExportFormat, Report } from './stopline.model.js';

export const EXPORT_COLUMNS = [
  'id',
  'received_at',
  'updated_at',
  'status',
  'category',
  'url',
  'host',
  'normalized_url',
  'where_found',
  'context',
  'same_address_reports',
] as const;

type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** The reporter's contact stays with us: forwarding passes on the content, never who pointed at it. */
function record(report: Report): ExportRecord {
  return {
    id: report.id,
    received_at: report.createdAt,
    updated_at: report.updatedAt,
    status: report.status,
    category: report.category,
    url: report.url,
    host: report.host,
    normalized_url: report.normalizedUrl,
    where_found: report.whereFound,
    context: report.context,
    same_address_reports: report.sameAddressCount,
  };
}

/** Text a stranger typed must not run as a formula when the file is opened in a spreadsheet. */
function defuse(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function renderExport(reports: readonly Report[], format: ExportFormat, meta: { exportId: string; exportedAt: string }): string {
  if (format === 'json') {
    return `${JSON.stringify({ export_id: meta.exportId, exported_at: meta.exportedAt, count: reports.length, reports: reports.map(record) }, null, 2)}\n`;
  }
  const rows = reports.map((r) => {
    const values = record(r);
    return EXPORT_COLUMNS.map((c) => defuse(values[c]));
  });
  // A byte-order mark makes spreadsheet programs read the file as UTF-8 (accents, other scripts).
  return `\uFEFF${stringify([[...EXPORT_COLUMNS], ...rows], { record_delimiter: 'windows' })}`;
}
