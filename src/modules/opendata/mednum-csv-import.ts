/**
 * Reads a CSV file of the "Lieux de médiation numérique" standard, v1.0.2. Every row is checked
 * and the result is either the records or every problem, by row (header = row 1) and column:
 * nothing is half-imported.
 */
import { parse } from 'csv-parse/sync';
import type { Location, ModerationStatus, Offer, Translation } from '../directory/index.js';
import { validateOpeningHours } from '../directory/index.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { fail, ok, type Result } from '../../shared/result.js';
import {
  communeFor,
  idProblem,
  inLuxembourg,
  isEmail,
  isIsoDate,
  isPhone,
  isWebUrl,
  normalizePostalCode,
} from './field-rules.js';
import {
  allowedValues,
  codesFromMednum,
  costFromMednum,
  MEDNUM_COLUMNS,
  type ClosedColumn,
  type MednumCsvColumn,
} from './mednum-codes.js';
import { LIST_SEPARATOR, SUMMARY_MAX, type MednumRow } from './mednum-csv.js';
import { LIMITS, type CsvIssue, type DirectoryBundle, type FileLimits, type IssueKey, type MessageValues } from './opendata.model.js';

export interface MednumImportOptions {
  /** The organisation the uploaded places and offers belong to. */
  readonly organizationId: string;
  /** The language the file is written in. */
  readonly locale: Locale;
  readonly now: string;
  /** Defaults to "pending": uploaded entries wait for a moderator like typed ones. */
  readonly moderationStatus?: ModerationStatus;
  /** The upload caps (LIMITS) unless given. */
  readonly limits?: FileLimits;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

function decode(input: string | Uint8Array, limits: FileLimits): Result<string, CsvIssue> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > limits.fileBytes) return fail(fileIssue('file_too_large', { max: limits.fileBytes / 1024 / 1024 }));
  if (typeof input === 'string') return ok(input);
  const bad = firstInvalidUtf8(input);
  if (bad >= 0) {
    const line = input.subarray(0, bad).reduce((lines, byte) => lines + (byte === 0x0a ? 1 : 0), 1);
    return fail(fileIssue('invalid_encoding', { line }));
  }
  return ok(new TextDecoder('utf-8').decode(input));
}

const fileIssue = (key: IssueKey, values?: MessageValues): CsvIssue => (values ? { row: null, column: null, key, values } : { row: null, column: null, key });

/** Spreadsheets set to French often save with ";": accepted when the header says so. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}

function records(text: string, limits: FileLimits): Result<string[][], CsvIssue> {
  try {
    const parsed = parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      relax_column_count: true,
      max_record_size: limits.fileBytes,
    }) as string[][];
    return ok(parsed);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail(fileIssue('malformed_csv', { line: line ?? 1 }));
  }
}

function headerIssue(header: readonly string[]): CsvIssue | null {
  const names = header.map((h) => h.trim());
  const missing = MEDNUM_COLUMNS.filter((c) => !names.includes(c));
  const unexpected = names.filter((n, i) => !(MEDNUM_COLUMNS as readonly string[]).includes(n) || names.indexOf(n) !== i);
  if (missing.length === 0 && unexpected.length === 0) return null;
  return {
    row: 1,
    column: null,
    key: 'wrong_header',
    values: {
      missing: missing.join(', '),
      missingCount: missing.length,
      unexpected: unexpected.map((n) => (n === '' ? '""' : n)).join(', '),
      unexpectedCount: unexpected.length,
    },
  };
}

/** Reads one data row's cells, reporting each problem at its column. */
class RowReader {
  constructor(
    private readonly cells: MednumRow,
    private readonly rowNumber: number,
    private readonly issues: CsvIssue[],
  ) {}

  report(column: MednumCsvColumn, key: IssueKey, values?: MessageValues): void {
    this.issues.push(values ? { row: this.rowNumber, column, key, values } : { row: this.rowNumber, column, key });
  }

  text(column: MednumCsvColumn, max: number, required = false): string | null {
    const value = this.cells[column].trim();
    if (value === '') {
      if (required) this.report(column, 'required');
      return null;
    }
    if (value.length > max) {
      this.report(column, 'too_long', { max });
      return null;
    }
    return value;
  }

  list(column: MednumCsvColumn, check: (value: string) => boolean, problem: IssueKey, max: number): string[] {
    const text = this.text(column, max);
    const values = text ? text.split(LIST_SEPARATOR).map((v) => v.trim()).filter((v) => v !== '') : [];
    const bad = values.find((v) => !check(v));
    if (bad !== undefined) this.report(column, problem, { value: bad });
    return bad === undefined ? values : [];
  }

  closed(column: ClosedColumn, required = false): string[] {
    if (required && this.cells[column].trim() === '') this.report(column, 'required');
    const allowed = allowedValues(column);
    return this.list(column, (v) => allowed.includes(v), 'unknown_value', LIMITS.longText);
  }

  coordinate(column: 'latitude' | 'longitude'): number | null {
    const text = this.text(column, 30);
    if (text === null) return null;
    if (!/^-?\d{1,3}(\.\d+)?$/.test(text)) {
      this.report(column, 'not_a_number', { value: text });
      return null;
    }
    return Number(text);
  }
}

interface ReadRow {
  readonly offerId: string;
  readonly locationId: string;
  readonly location: Location;
  readonly offer: Offer;
}

function readRow(cells: MednumRow, rowNumber: number, options: MednumImportOptions, issues: CsvIssue[]): ReadRow | null {
  const before = issues.length;
  const r = new RowReader(cells, rowNumber, issues);
  for (const column of MEDNUM_COLUMNS) if (cells[column].length > LIMITS.longText) r.report(column, 'too_long', { max: LIMITS.longText });
  if (issues.length > before) return null;

  const id = r.text('id', LIMITS.id * 2 + 1, true) ?? '';
  const [offerId = id, locationId = id, ...extra] = id.split('@');
  const idKey = id === '' ? null : extra.length > 0 ? 'invalid_id' : (idProblem(offerId) ?? idProblem(locationId));
  if (idKey) r.report('id', idKey, { max: LIMITS.id });

  const name = r.text('nom', LIMITS.name, true);
  const communeText = r.text('commune', LIMITS.name, true);
  const rawPostalCode = r.text('code_postal', 20, true);
  const postalCode = rawPostalCode === null ? null : normalizePostalCode(rawPostalCode);
  let communeId: string | null = null;
  if (rawPostalCode !== null && postalCode === null) r.report('code_postal', 'invalid_postal_code', { value: rawPostalCode });
  else if (postalCode !== null && communeText !== null) {
    const match = communeFor(postalCode, communeText);
    if ('commune' in match) communeId = match.commune.id;
    else if (match.problem === 'unknown_postal_code') r.report('code_postal', 'unknown_postal_code', { value: postalCode });
    else r.report('commune', 'commune_mismatch', { commune: communeText, postalCode });
  }
  const address = r.text('adresse', LIMITS.shortText, true);
  const placeName = r.text('complement_adresse', LIMITS.name);

  const latitude = r.coordinate('latitude');
  const longitude = r.coordinate('longitude');
  const [hasLatitude, hasLongitude] = [cells.latitude.trim() !== '', cells.longitude.trim() !== ''];
  if (hasLatitude !== hasLongitude) {
    r.report(hasLatitude ? 'longitude' : 'latitude', 'coordinates_incomplete');
  } else if (latitude !== null && longitude !== null && !inLuxembourg(latitude, longitude)) {
    r.report('latitude', 'outside_luxembourg');
  }

  const phones = r.list('telephone', isPhone, 'invalid_phone', LIMITS.shortText);
  const emails = r.list('courriels', isEmail, 'invalid_email', LIMITS.shortText * 4);
  const websites = r.list('site_web', isWebUrl, 'invalid_url', LIMITS.url * 4);
  const hoursText = r.text('horaires', LIMITS.shortText);
  const hours = hoursText === null ? null : validateOpeningHours(hoursText);
  if (hours && !hours.ok) r.report('horaires', 'invalid_opening_hours', { value: hoursText ?? '' });
  const resume = r.text('presentation_resume', SUMMARY_MAX);
  const detail = r.text('presentation_detail', LIMITS.longText);
  const itinerance = r.closed('itinerance');
  const date = r.text('date_maj', 10, true);
  if (date !== null && !isIsoDate(date)) r.report('date_maj', 'invalid_date', { value: date });
  const closedValues = [
    ...r.closed('services', true),
    ...r.closed('publics_specifiquement_adresses'),
    ...r.closed('prise_en_charge_specifique'),
    ...r.closed('modalites_acces'),
    ...r.closed('modalites_accompagnement'),
  ];
  const cost = costFromMednum(r.closed('frais_a_charge'));
  r.closed('dispositif_programmes_nationaux');
  r.closed('formations_labels');
  r.list('fiche_acces_libre', isWebUrl, 'invalid_url', LIMITS.url);
  const booking = r.list('prise_rdv', isWebUrl, 'invalid_url', LIMITS.url);
  if (issues.length > before) return null;

  const codes = codesFromMednum(closedValues);
  const author = (value: string): Translation[] => [{ locale: options.locale, value, source: 'author' }];
  const description = detail ?? resume;
  return {
    offerId,
    locationId,
    location: {
      id: locationId,
      organizationId: options.organizationId,
      name: placeName ?? name ?? '',
      locationType: itinerance.includes('Itinérant') ? 'mobile' : 'physical',
      address,
      postalCode,
      locality: communeText,
      communeId,
      latitude,
      longitude,
      accessibility: codes.locationAccessibility,
      openingHours: hours?.ok ? hours.value : null,
      description: [],
      createdAt: options.now,
      updatedAt: options.now,
    },
    offer: {
      id: offerId,
      organizationId: options.organizationId,
      defaultLocale: options.locale,
      name: author(name ?? ''),
      description: description ? author(description) : [],
      offerTypes: codes.offerTypes,
      audiences: codes.audiences.length > 0 ? codes.audiences : ['everyone'],
      languages: [...new Set([options.locale, ...codes.languages])],
      accessibility: codes.offerAccessibility,
      cost,
      costDetails: [],
      modes: codes.modes,
      openingHours: null,
      email: emails[0] ?? null,
      phone: phones[0] ?? null,
      website: websites[0] ?? null,
      bookingUrl: booking[0] ?? null,
      locationIds: [locationId],
      active: true,
      moderationStatus: options.moderationStatus ?? 'pending',
      moderationReason: null,
      checkedAt: `${date}T00:00:00.000Z`,
      isDemo: false,
      createdAt: options.now,
      updatedAt: options.now,
    },
  };
}

/**
 * Rows that share an offer or a place (the same id before or after "@") must describe it the
 * same way; the offer then gathers the places in row order.
 */
function gather(read: readonly { row: number; value: ReadRow }[], issues: CsvIssue[]): DirectoryBundle {
  const rowIds = new Map<string, number>();
  const offers = new Map<string, { row: number; offer: Offer }>();
  const locations = new Map<string, { row: number; location: Location }>();
  for (const { row, value } of read) {
    const rowId = `${value.offerId}@${value.locationId}`;
    const firstRow = rowIds.get(rowId);
    if (firstRow !== undefined) {
      issues.push({ row, column: 'id', key: 'duplicate_row_id', values: { value: rowId, first: firstRow } });
      continue;
    }
    rowIds.set(rowId, row);
    const known = offers.get(value.offerId);
    if (!known) offers.set(value.offerId, { row, offer: value.offer });
    else if (JSON.stringify({ ...known.offer, locationIds: [] }) !== JSON.stringify({ ...value.offer, locationIds: [] })) {
      issues.push({ row, column: 'id', key: 'conflicting_rows', values: { first: known.row } });
    } else {
      known.offer = { ...known.offer, locationIds: [...known.offer.locationIds, value.locationId] };
    }
    const place = locations.get(value.locationId);
    if (!place) locations.set(value.locationId, { row, location: value.location });
    else if (JSON.stringify(place.location) !== JSON.stringify(value.location)) {
      issues.push({ row, column: 'id', key: 'conflicting_rows', values: { first: place.row } });
    }
  }
  return {
    organizations: [],
    locations: [...locations.values()].map((l) => l.location),
    offers: [...offers.values()].map((o) => o.offer),
    sessions: [],
  };
}

/**
 * Reads an uploaded file (bytes as received, or text). Never throws. The bundle holds the
 * places and offers of `options.organizationId`; its `organizations` list is empty, since the
 * standard names the organisation (structure_parente) but does not describe it.
 */
export function parseMednumCsv(input: string | Uint8Array, options: MednumImportOptions): Result<DirectoryBundle, readonly CsvIssue[]> {
  const limits = options.limits ?? LIMITS;
  const text = decode(input, limits);
  if (!text.ok) return fail([text.error]);
  const parsed = records(text.value, limits);
  if (!parsed.ok) return fail([parsed.error]);
  const [header, ...data] = parsed.value;
  if (!header) return fail([fileIssue('no_rows')]);
  const wrongHeader = headerIssue(header);
  if (wrongHeader) return fail([wrongHeader]);
  if (data.length > limits.records) return fail([fileIssue('too_many_records', { max: limits.records })]);

  const names = header.map((h) => h.trim());
  const issues: CsvIssue[] = [];
  const read: { row: number; value: ReadRow }[] = [];
  data.forEach((cellList, index) => {
    const rowNumber = index + 2;
    if (cellList.every((cell) => cell.trim() === '')) return;
    if (cellList.length !== names.length) {
      issues.push({ row: rowNumber, column: null, key: 'wrong_column_count', values: { expected: names.length, found: cellList.length } });
      return;
    }
    const cells = Object.fromEntries(names.map((name, i) => [name, cellList[i] ?? ''])) as MednumRow;
    const value = readRow(cells, rowNumber, options, issues);
    if (value) read.push({ row: rowNumber, value });
  });
  if (read.length === 0 && issues.length === 0) return fail([fileIssue('no_rows')]);
  const bundle = gather(read, issues);
  return issues.length > 0 ? fail(issues) : ok(bundle);
}
