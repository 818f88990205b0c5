/**
 * What the open-data formats read and write: a bundle of directory records, and the problems
 * found in a file. Problems carry a message key under `opendata.errors.*` and where they are,
 * so the upload page and the CLI can both explain them.
 */
import type { DirectoryData } from '../directory/index.js';

/** What the directory's bulk service exports and imports. */
export type DirectoryBundle = DirectoryData;

/** Every problem a reader can report; each is a message under `opendata.errors`. */
export const ISSUE_KEYS = [
  'file_too_large',
  'invalid_encoding',
  'invalid_encoding_json',
  'invalid_json',
  'malformed_csv',
  'no_rows',
  'too_many_records',
  'wrong_header',
  'wrong_column_count',
  'duplicate_row_id',
  'conflicting_rows',
  'required',
  'too_long',
  'wrong_type',
  'unknown_value',
  'invalid_id',
  'duplicate_id',
  'duplicate_locale',
  'missing_default_translation',
  'invalid_email',
  'invalid_url',
  'invalid_phone',
  'invalid_date',
  'invalid_timestamp',
  'invalid_postal_code',
  'unknown_postal_code',
  'commune_mismatch',
  'coordinates_incomplete',
  'outside_luxembourg',
  'not_a_number',
  'invalid_opening_hours',
  'unknown_reference',
  'ends_before_start',
  'out_of_range',
] as const;
export type IssueKey = (typeof ISSUE_KEYS)[number];

export type MessageValues = Readonly<Record<string, string | number>>;

/** A problem in an HSDS document: `path` is a JSON Pointer (RFC 6901), "" for the whole file. */
export interface HsdsIssue {
  readonly path: string;
  /** The field's name (the pointer's last named segment), "" for the whole file. */
  readonly field: string;
  readonly key: IssueKey;
  readonly values?: MessageValues;
}

/** A problem in a CSV file: rows count from 1, the header being row 1; null for the whole file. */
export interface CsvIssue {
  readonly row: number | null;
  readonly column: string | null;
  readonly key: IssueKey;
  readonly values?: MessageValues;
}

/** How big a file may be as a whole: a cap for uploads, larger for an administrator's own files. */
export interface FileLimits {
  readonly fileBytes: number;
  /** Organisations, places and offers together (HSDS), or data rows (CSV). */
  readonly records: number;
}

/** Limits on uploads, so that a wrong or hostile file is refused before it costs much. */
export const LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  records: 5000,
  id: 100,
  name: 200,
  shortText: 300,
  longText: 5000,
  url: 2000,
  email: 254,
  phone: 30,
} as const;
