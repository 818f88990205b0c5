/**
 * The provider area's forms: TypeBox schemas for what the browser sends, and the translation
 * between flat form fields ("name_de_easy") and the service's inputs (lists of translations).
 */
import { luxembourgDay, luxembourgInstant as wallClockInstant, luxembourgTime } from '../../shared/luxembourg-time.js';
import { Kind, Type, type Static, type TLiteral, type TObject, type TSchema, type TUnion } from '@sinclair/typebox';
import { validateForm, type FieldErrors, type FormResult, type FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { ContentLocale, CourseSession, Location, Offer, TranslatedText, TranslationSource } from './directory.model.js';
import { LIMITS, type LocationInput, type OfferInput, type SessionInput, type TranslationInput } from './directory.inputs.js';
import { validateOpeningHours, OPENING_HOURS_MAX_LENGTH } from './opening-hours.js';
import { communesForPostalCode } from './geography/geography.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES, TRANSLATION_SOURCES } from './vocabulary.js';

export function oneOf<const T extends readonly string[]>(codes: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(codes.map((code) => Type.Literal(code)));
}

const many = <const T extends readonly string[]>(codes: T) => Type.Array(oneOf(codes), { maxItems: codes.length });
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Every language an offer can be written in, each plain and in Easy Language. */
export const CONTENT_LOCALES: readonly ContentLocale[] = [...LOCALES, ...LOCALES.map((l) => `${l}-easy` as const)];

/** "de-easy" → "de_easy": form field names and ids stay plain CSS identifiers. */
export const suffix = (locale: ContentLocale): string => locale.replace('-', '_');

export const OFFER_TEXT_FIELDS = ['name', 'description', 'costDetails'] as const;
type OfferTextField = (typeof OFFER_TEXT_FIELDS)[number];
const OFFER_TEXT_LIMITS: Record<OfferTextField, number> = {
  name: LIMITS.name,
  description: LIMITS.description,
  costDetails: LIMITS.shortText,
};

/**
 * One box per content language for each translated field ("description_de_easy"), and one
 * "who wrote it" choice per language shared by that language's boxes.
 */
export function translatedProperties(limits: Readonly<Record<string, number>>): Record<string, TSchema> {
  const properties: Record<string, TSchema> = {};
  for (const locale of CONTENT_LOCALES) {
    for (const [field, max] of Object.entries(limits)) properties[`${field}_${suffix(locale)}`] = text(max);
    properties[`source_${suffix(locale)}`] = Type.Optional(oneOf(TRANSLATION_SOURCES));
  }
  return properties;
}

export const contact = {
  email: text(LIMITS.email),
  phone: text(40),
  website: text(LIMITS.url),
};

export const OfferForm = Type.Object({
  defaultLocale: oneOf(LOCALES),
  ...translatedProperties(OFFER_TEXT_LIMITS),
  offerTypes: many(OFFER_TYPES),
  audiences: many(AUDIENCES),
  languages: many(LANGUAGES),
  accessibility: many(ACCESSIBILITY),
  modes: many(MODES),
  cost: oneOf(COSTS),
  openingHours: text(OPENING_HOURS_MAX_LENGTH),
  ...contact,
  bookingUrl: text(LIMITS.url),
  locationIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: LIMITS.locations }),
  active: Type.Optional(Type.Literal('1')),
});
export type OfferForm = Static<typeof OfferForm>;

export const LOCATION_TYPES = ['physical', 'mobile', 'virtual'] as const;

export const LocationForm = Type.Object({
  name: Type.String({ maxLength: LIMITS.name }),
  locationType: oneOf(LOCATION_TYPES),
  address: text(LIMITS.shortText),
  postalCode: text(10),
  locality: text(LIMITS.name),
  communeId: text(100),
  latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  accessibility: many(ACCESSIBILITY),
  openingHours: text(OPENING_HOURS_MAX_LENGTH),
  ...Object.fromEntries(LOCALES.map((l) => [`description_${l}`, text(LIMITS.description)])),
});
export type LocationForm = Static<typeof LocationForm>;

const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', errorKey: 'errors.field.invalid_date' });
const TIME = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', errorKey: 'directory.provider.errors.invalid_time' });

export const SessionForm = Type.Object({
  date: DATE,
  startTime: TIME,
  endTime: TIME,
  capacity: Type.Integer({ minimum: 1, maximum: LIMITS.capacity }),
  locationId: text(64),
  ...Object.fromEntries(LOCALES.map((l) => [`title_${l}`, text(LIMITS.name)])),
  cancelled: Type.Optional(Type.Literal('1')),
});
export type SessionForm = Static<typeof SessionForm>;

/** What the person sent, shaped like validateForm's values, for re-rendering the form. */
function formValuesOf(schema: TObject, body: FormBody | undefined): FormValues {
  const values: FormValues = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const raw = body?.[name];
    if (property[Kind] === 'Array') values[name] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    else values[name] = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  }
  return values;
}

/**
 * The schema's checks, then checks on the typed value that need more than a schema (real
 * dates, opening hours syntax); a failure of either re-renders the form with what was sent.
 */
export function parseForm<S extends TObject, T>(
  schema: S,
  body: FormBody | undefined,
  convert: (value: Static<S>) => { input: T | null; errors: FieldErrors },
): { ok: true; input: T } | { ok: false; errors: FieldErrors; values: FormValues } {
  const result: FormResult<Static<S>> = validateForm(schema, body);
  if (!result.ok) return result;
  const { input, errors } = convert(result.value);
  if (input !== null && Object.keys(errors).length === 0) return { ok: true, input };
  return { ok: false, errors, values: formValuesOf(schema, body) };
}

export type Fields = Record<string, string | string[] | undefined>;
const field = (form: Fields, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
};

/** The filled-in language versions of one translated field, each with who wrote it. */
export function translationsOf(form: Fields, name: string): TranslationInput[] {
  const out: TranslationInput[] = [];
  for (const locale of CONTENT_LOCALES) {
    const value = field(form, `${name}_${suffix(locale)}`);
    if (!value) continue;
    out.push({ locale, value, source: (field(form, `source_${suffix(locale)}`) as TranslationSource | undefined) ?? 'author' });
  }
  return out;
}

export function offerInput(form: OfferForm): OfferInput {
  const f = form as unknown as Fields;
  return {
    defaultLocale: form.defaultLocale,
    name: translationsOf(f, 'name'),
    description: translationsOf(f, 'description'),
    costDetails: translationsOf(f, 'costDetails'),
    offerTypes: form.offerTypes,
    audiences: form.audiences,
    languages: form.languages,
    accessibility: form.accessibility,
    modes: form.modes,
    cost: form.cost,
    openingHours: form.openingHours ?? null,
    email: form.email ?? null,
    phone: form.phone ?? null,
    website: form.website ?? null,
    bookingUrl: form.bookingUrl ?? null,
    locationIds: form.locationIds,
    active: form.active === '1',
  };
}

/** A form's checks beyond the schema: the opening hours, in words a provider can act on. */
export function openingHoursError(value: string | undefined): FieldErrors {
  if (!value || validateOpeningHours(value).ok) return {};
  return { openingHours: { key: 'directory.provider.errors.opening_hours' } };
}

/**
 * The service names a translated field ("name"); the form shows one box per language, so its
 * message goes beside the box in the entry's main language.
 */
export function translatedErrorsForForm(errors: FieldErrors, translated: readonly string[], locale: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, error] of Object.entries(errors)) {
    const target = translated.includes(name) ? `${name}_${locale}` : name;
    out[target] ??= error;
  }
  return out;
}

export const offerErrorsForForm = (errors: FieldErrors, defaultLocale: Locale): FieldErrors =>
  translatedErrorsForForm(errors, OFFER_TEXT_FIELDS, defaultLocale);

export function textValues(values: FormValues, name: string, text: TranslatedText, withSource: boolean): void {
  for (const version of text) {
    values[`${name}_${suffix(version.locale)}`] = version.value;
    if (withSource) values[`source_${suffix(version.locale)}`] = version.source;
  }
}

type OfferLike = Pick<
  Offer,
  | 'defaultLocale' | 'name' | 'description' | 'costDetails' | 'offerTypes' | 'audiences' | 'languages' | 'accessibility'
  | 'modes' | 'cost' | 'openingHours' | 'email' | 'phone' | 'website' | 'bookingUrl' | 'locationIds' | 'active'
>;

/** An offer (or a proposed version of it) as the values of the edit form. */
export function offerValues(offer: OfferLike): FormValues {
  const values: FormValues = {
    defaultLocale: offer.defaultLocale,
    offerTypes: [...offer.offerTypes],
    audiences: [...offer.audiences],
    languages: [...offer.languages],
    accessibility: [...offer.accessibility],
    modes: [...offer.modes],
    cost: offer.cost,
    openingHours: offer.openingHours ?? '',
    email: offer.email ?? '',
    phone: offer.phone ?? '',
    website: offer.website ?? '',
    bookingUrl: offer.bookingUrl ?? '',
    locationIds: [...offer.locationIds],
    active: offer.active ? '1' : '',
  };
  textValues(values, 'costDetails', offer.costDetails, true);
  textValues(values, 'description', offer.description, true);
  textValues(values, 'name', offer.name, true);
  return values;
}

export function newOfferValues(locale: Locale): FormValues {
  return { defaultLocale: locale, cost: 'free', active: '1', offerTypes: [], locationIds: [] };
}

/**
 * The commune from the postal code when the provider left the select empty and the code belongs
 * to one commune only; several communes share some codes, and then the provider must choose.
 */
export function locationInput(form: LocationForm): { input: LocationInput; errors: FieldErrors } {
  const f = form as unknown as Fields;
  const errors: FieldErrors = { ...openingHoursError(form.openingHours) };
  let communeId = form.communeId ?? null;
  if (!communeId && form.postalCode) {
    const communes = communesForPostalCode(form.postalCode);
    if (communes.length === 1) communeId = communes[0]!.id;
    else if (communes.length > 1) errors.communeId = { key: 'directory.provider.errors.choose_commune' };
    else if (form.locationType === 'physical') errors.communeId = { key: 'directory.provider.errors.unknown_postal_code' };
  }
  const description: TranslationInput[] = LOCALES.flatMap((locale) => {
    const value = field(f, `description_${locale}`);
    return value ? [{ locale, value }] : [];
  });
  return {
    input: {
      name: form.name,
      locationType: form.locationType,
      address: form.address ?? null,
      postalCode: form.postalCode ?? null,
      locality: form.locality ?? null,
      communeId,
      latitude: form.latitude ?? null,
      longitude: form.longitude ?? null,
      accessibility: form.accessibility,
      openingHours: form.openingHours ?? null,
      description,
    },
    errors,
  };
}

export function locationValues(location: Location): FormValues {
  const values: FormValues = {
    name: location.name,
    locationType: location.locationType,
    address: location.address ?? '',
    postalCode: location.postalCode ?? '',
    locality: location.locality ?? '',
    communeId: location.communeId ?? '',
    latitude: location.latitude === null ? '' : String(location.latitude),
    longitude: location.longitude === null ? '' : String(location.longitude),
    accessibility: [...location.accessibility],
    openingHours: location.openingHours ?? '',
  };
  textValues(values, 'description', location.description, false);
  return values;
}

/** An instant as Luxembourg's calendar day and clock time, for the date and time fields. */
export function luxembourgParts(iso: string): { date: string; time: string } {
  const instant = new Date(iso);
  return { date: luxembourgDay(instant), time: luxembourgTime(instant) };
}

/** The instant at which Luxembourg's clocks show this day and time; null for a day that does not exist (2026-02-30). */
export function luxembourgInstant(date: string, time: string): string | null {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return wallClockInstant({ year, month, day, hour, minute, second: 0 }).toISOString();
}

/** The session form as the service's input, or the fields that hold impossible dates. */
export function sessionInput(form: SessionForm): { input: SessionInput | null; errors: FieldErrors } {
  const f = form as unknown as Fields;
  const startsAt = luxembourgInstant(form.date, form.startTime);
  if (!startsAt) return { input: null, errors: { date: { key: 'errors.field.invalid_date' } } };
  const endsAt = luxembourgInstant(form.date, form.endTime);
  if (!endsAt || endsAt <= startsAt) {
    return { input: null, errors: { endTime: { key: 'directory.provider.errors.ends_before_start' } } };
  }
  const title: TranslationInput[] = LOCALES.flatMap((locale) => {
    const value = field(f, `title_${locale}`);
    return value ? [{ locale, value }] : [];
  });
  return {
    input: {
      locationId: form.locationId ?? null,
      title,
      startsAt,
      endsAt,
      capacity: form.capacity,
      cancelled: form.cancelled === '1',
    },
    errors: {},
  };
}

/** The service's messages for session fields go beside the date and time boxes. */
export function sessionErrorsForForm(errors: FieldErrors): FieldErrors {
  const rename: Record<string, string> = { startsAt: 'startTime', endsAt: 'endTime', title: `title_${LOCALES[0]}` };
  return Object.fromEntries(Object.entries(errors).map(([name, error]) => [rename[name] ?? name, error]));
}

export function sessionValues(session: CourseSession): FormValues {
  const start = luxembourgParts(session.startsAt);
  const values: FormValues = {
    date: start.date,
    startTime: start.time,
    endTime: luxembourgParts(session.endsAt).time,
    capacity: String(session.capacity),
    locationId: session.locationId ?? '',
    cancelled: session.cancelled ? '1' : '',
  };
  textValues(values, 'title', session.title, false);
  return values;
}

export const ReasonForm = Type.Object({ reason: Type.String({ maxLength: LIMITS.reason }) });
