import { Kind, Type, type Static, type TLiteral, type TObject, type TUnion } from '@sinclair/typebox';
import { validateForm, type FieldErrors, type FormResult, type FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES } from './vocabulary.js';
import { getCanton, getCommune, resolvePlace } from './geography/geography.js';

function oneOf<const T extends readonly string[]>(codes: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(codes.map((code) => Type.Literal(code)));
}

/** Several ticks of the same checkbox group; a query string cannot grow a list without end. */
const many = <const T extends readonly string[]>(codes: T) => Type.Array(oneOf(codes), { maxItems: codes.length });

const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', errorKey: 'errors.field.invalid_date' });

export const SORTS = ['relevance', 'distance', 'name', 'next_session'] as const;
export type SortOrder = (typeof SORTS)[number];
export const RADII = ['2', '5', '10', '20', '50'] as const;
export const PAGE_SIZE = 20;

/** The search form, read from the query string so every result page has a shareable address. */
export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: many(OFFER_TYPES),
  commune: Type.Optional(Type.String({ maxLength: 60 })),
  canton: Type.Optional(Type.String({ maxLength: 60 })),
  near: Type.Optional(Type.String({ maxLength: 100 })),
  // Filled by the optional "use my location" button; a box around Luxembourg and its border region.
  lat: Type.Optional(Type.Number({ minimum: 49, maximum: 50.6 })),
  lon: Type.Optional(Type.Number({ minimum: 5.3, maximum: 7 })),
  radius: Type.Optional(oneOf(RADII)),
  audience: many(AUDIENCES),
  language: many(LANGUAGES),
  access: many(ACCESSIBILITY),
  cost: many(COSTS),
  mode: many(MODES),
  open: Type.Optional(Type.Literal('1')),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  sort: Type.Optional(oneOf(SORTS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** The calendar's filters: a smaller form with the same field names as the search. */
export const CalendarQuery = Type.Object({
  commune: Type.Optional(Type.String({ maxLength: 60 })),
  canton: Type.Optional(Type.String({ maxLength: 60 })),
  type: many(OFFER_TYPES),
  language: many(LANGUAGES),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
});
export type CalendarQuery = Static<typeof CalendarQuery>;

/** A real calendar day (the pattern alone accepts 2026-02-31). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = (raw: string | string[] | undefined): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();

/** Checks that need more than the schema (real dates in order, known places), on what was typed. */
function placeAndDateErrors(body: FormBody): FieldErrors {
  const errors: FieldErrors = {};
  const [commune, canton, near, from, to] = ['commune', 'canton', 'near', 'from', 'to'].map((name) => text(body[name]));
  if (commune && !getCommune(commune)) errors.commune = { key: 'errors.field.invalid_choice' };
  if (canton && !getCanton(canton)) errors.canton = { key: 'errors.field.invalid_choice' };
  if (near && near.length <= 100 && !resolvePlace(near)) errors.near = { key: 'directory.search.errors.unknown_place' };
  if (from && !isCalendarDate(from)) errors.from = { key: 'errors.field.invalid_date' };
  if (to && !isCalendarDate(to)) errors.to = { key: 'errors.field.invalid_date' };
  if (from && to && !errors.from && !errors.to && to < from) errors.to = { key: 'directory.search.errors.dates_reversed' };
  return errors;
}

/** What the person sent, shaped like validateForm's values, for re-rendering the form. */
function typedValues(schema: TObject, body: FormBody): FormValues {
  const values: FormValues = {};
  for (const [name, field] of Object.entries(schema.properties)) {
    const raw = body[name];
    values[name] = field[Kind] === 'Array' ? (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) : Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  }
  return values;
}

function parseWithChecks<S extends TObject>(schema: S, body: FormBody): FormResult<Static<S>> {
  const result = validateForm(schema, body);
  const extra = placeAndDateErrors(body);
  const relevant = Object.fromEntries(Object.entries(extra).filter(([name]) => name in schema.properties));
  if (Object.keys(relevant).length === 0) return result;
  // Schema messages win where both found a problem; the others show in the same round trip.
  const merged = result.ok ? relevant : { ...relevant, ...result.errors };
  const errors: FieldErrors = {};
  for (const name of Object.keys(schema.properties)) if (merged[name]) errors[name] = merged[name];
  return { ok: false, errors, values: result.ok ? typedValues(schema, body) : result.values };
}

export function parseSearchQuery(body: FormBody): FormResult<SearchQuery> {
  const result = parseWithChecks(SearchQuery, body);
  if (result.ok || (!result.errors.lat && !result.errors.lon)) return result;
  // The hidden position fields cannot take focus: the message goes beside the visible place field.
  const { lat: _lat, lon: _lon, ...errors } = result.errors;
  return {
    ok: false,
    errors: { near: errors.near ?? { key: 'directory.search.errors.position_outside' }, ...errors },
    values: { ...result.values, lat: '', lon: '' },
  };
}

export function parseCalendarQuery(body: FormBody): FormResult<CalendarQuery> {
  return parseWithChecks(CalendarQuery, body);
}
