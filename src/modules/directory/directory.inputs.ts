/**
 * What callers hand the directory service to create or change an entry, and its validation.
 * Validation is pure: checks that need the database (does this place belong to the
 * organisation?) happen in the service.
 */
import type { FieldErrors } from '../../platform/http/forms.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import type {
  ContentLocale,
  Cost,
  LocationType,
  ReportKind,
  TranslationSource,
} from './directory.model.js';
import { getCommune } from './geography/geography.js';
import { validateOpeningHours } from './opening-hours.js';
import {
  ACCESSIBILITY,
  allKnown,
  AUDIENCES,
  COSTS,
  isKnown,
  LANGUAGES,
  MODES,
  OFFER_TYPES,
  TRANSLATION_SOURCES,
} from './vocabulary.js';

export interface TranslationInput {
  readonly locale: ContentLocale;
  readonly value: string;
  /** Defaults to "author". */
  readonly source?: TranslationSource;
}

export interface OrganizationInput {
  readonly name: string;
  readonly description?: readonly TranslationInput[];
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly website?: string | null;
}

export interface LocationInput {
  readonly name: string;
  readonly locationType: LocationType;
  readonly address?: string | null;
  readonly postalCode?: string | null;
  readonly locality?: string | null;
  readonly communeId?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly accessibility?: readonly string[];
  readonly openingHours?: string | null;
  readonly description?: readonly TranslationInput[];
}

export interface OfferInput {
  readonly defaultLocale: Locale;
  /** Must include a version in `defaultLocale`. */
  readonly name: readonly TranslationInput[];
  readonly description: readonly TranslationInput[];
  readonly offerTypes: readonly string[];
  readonly audiences?: readonly string[];
  readonly languages?: readonly string[];
  readonly accessibility?: readonly string[];
  readonly cost: Cost;
  readonly costDetails?: readonly TranslationInput[];
  readonly modes?: readonly string[];
  readonly openingHours?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly website?: string | null;
  readonly bookingUrl?: string | null;
  /** Places of the same organisation, in the order to show them. */
  readonly locationIds?: readonly string[];
  /** Defaults to true; an inactive offer is kept but not shown. */
  readonly active?: boolean;
}

export interface SessionInput {
  readonly locationId?: string | null;
  readonly title?: readonly TranslationInput[];
  /** ISO 8601 instants. */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly capacity: number;
  readonly cancelled?: boolean;
}

export interface RegistrationInput {
  readonly name: string;
  /** An e-mail address or a phone number. */
  readonly contact: string;
  readonly needs?: string | null;
}

export interface ReportInput {
  readonly kind: ReportKind;
  readonly message?: string | null;
}

export interface CleanTranslation {
  readonly locale: ContentLocale;
  readonly value: string;
  readonly source: TranslationSource;
}

export interface CleanOrganization {
  readonly name: string;
  readonly description: CleanTranslation[];
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
}

export interface CleanLocation {
  readonly name: string;
  readonly locationType: LocationType;
  readonly address: string | null;
  readonly postalCode: string | null;
  readonly locality: string | null;
  readonly communeId: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly accessibility: string[];
  readonly openingHours: string | null;
  readonly description: CleanTranslation[];
}

export interface CleanOffer {
  readonly defaultLocale: Locale;
  readonly name: CleanTranslation[];
  readonly description: CleanTranslation[];
  readonly offerTypes: string[];
  readonly audiences: string[];
  readonly languages: string[];
  readonly accessibility: string[];
  readonly cost: Cost;
  readonly costDetails: CleanTranslation[];
  readonly modes: string[];
  readonly openingHours: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
  readonly bookingUrl: string | null;
  readonly locationIds: string[];
  readonly active: boolean;
}

export interface CleanSession {
  readonly locationId: string | null;
  readonly title: CleanTranslation[];
  readonly startsAt: string;
  readonly endsAt: string;
  readonly capacity: number;
  readonly cancelled: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export const LIMITS = {
  name: 200,
  description: 5000,
  shortText: 500,
  email: 254,
  url: 500,
  reason: 1000,
  needs: 2000,
  capacity: 10_000,
  locations: 50,
} as const;

const LOCATION_TYPES: readonly LocationType[] = ['physical', 'mobile', 'virtual'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, optionally international; 6 to 15 digits as in E.164.
const PHONE = /^\+?[0-9 ()./-]+$/;

export function isContentLocale(value: unknown): value is ContentLocale {
  return isLocale(value) || (typeof value === 'string' && value.endsWith('-easy') && isLocale(value.slice(0, -5)));
}

export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= LIMITS.email;
}

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 15;
}

/** Collects per-field problems; the first problem of each field wins. */
class Problems {
  readonly fields: FieldErrors = {};

  add(field: string, key: string, values?: Record<string, unknown>): void {
    if (this.fields[field]) return;
    this.fields[field] = values ? { key, values } : { key };
  }

  get empty(): boolean {
    return Object.keys(this.fields).length === 0;
  }

  result<T>(value: T): Checked<T> {
    return this.empty ? { ok: true, value } : { ok: false, fields: this.fields };
  }

  text(field: string, raw: string | null | undefined, max: number, required: true): string;
  text(field: string, raw: string | null | undefined, max: number, required?: false): string | null;
  text(field: string, raw: string | null | undefined, max: number, required = false): string | null {
    const value = (raw ?? '').trim();
    if (value === '') {
      if (required) this.add(field, 'errors.field.required');
      return required ? '' : null;
    }
    if (value.length > max) this.add(field, 'errors.field.too_long', { max });
    return value;
  }

  email(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, LIMITS.email);
    if (value !== null && !isEmail(value)) this.add(field, 'errors.field.invalid_email');
    return value === null ? null : value.toLowerCase();
  }

  phone(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, 40);
    if (value !== null && !isPhone(value)) this.add(field, 'directory.validation.invalid_phone');
    return value;
  }

  url(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, LIMITS.url);
    if (value === null) return null;
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      return url.toString();
    } catch {
      this.add(field, 'errors.field.invalid_url');
      return value;
    }
  }

  codes(field: string, list: readonly string[], raw: readonly string[] | undefined): string[] {
    const codes = [...new Set(raw ?? [])];
    if (!allKnown(list, codes)) this.add(field, 'errors.field.invalid_choice');
    return codes;
  }

  openingHours(field: string, raw: string | null | undefined): string | null {
    const value = this.text(field, raw, LIMITS.shortText);
    if (value === null) return null;
    const checked = validateOpeningHours(value);
    if (!checked.ok) this.add(field, 'directory.validation.invalid_opening_hours');
    return checked.ok ? checked.value : value;
  }

  translations(field: string, raw: readonly TranslationInput[] | undefined, max: number): CleanTranslation[] {
    const out: CleanTranslation[] = [];
    for (const version of raw ?? []) {
      const value = version.value.trim();
      if (value === '') continue;
      const source = version.source ?? 'author';
      if (!isContentLocale(version.locale) || !isKnown(TRANSLATION_SOURCES, source)) {
        this.add(field, 'errors.field.invalid');
      } else if (out.some((t) => t.locale === version.locale)) {
        this.add(field, 'directory.validation.duplicate_language');
      } else if (value.length > max) {
        this.add(field, 'errors.field.too_long', { max });
      }
      out.push({ locale: version.locale, value, source });
    }
    return out;
  }
}

export function checkOrganization(input: OrganizationInput): Checked<CleanOrganization> {
  const p = new Problems();
  return p.result({
    name: p.text('name', input.name, LIMITS.name, true),
    description: p.translations('description', input.description, LIMITS.description),
    email: p.email('email', input.email),
    phone: p.phone('phone', input.phone),
    website: p.url('website', input.website),
  });
}

export function checkLocation(input: LocationInput): Checked<CleanLocation> {
  const p = new Problems();
  if (!LOCATION_TYPES.includes(input.locationType)) p.add('locationType', 'errors.field.invalid_choice');
  const communeId = p.text('communeId', input.communeId, 100);
  if (communeId !== null && !getCommune(communeId)) p.add('communeId', 'directory.validation.unknown_commune');
  if (input.locationType === 'physical' && communeId === null) p.add('communeId', 'errors.field.required');
  const coordinate = (field: string, raw: number | null | undefined, limit: number): number | null => {
    if (raw === null || raw === undefined) return null;
    if (!Number.isFinite(raw) || Math.abs(raw) > limit) {
      p.add(field, 'errors.field.out_of_range', { min: -limit, max: limit });
    }
    return raw;
  };
  const latitude = coordinate('latitude', input.latitude, 90);
  const longitude = coordinate('longitude', input.longitude, 180);
  if ((latitude === null) !== (longitude === null)) p.add(latitude === null ? 'latitude' : 'longitude', 'errors.field.required');
  const postalCode = p.text('postalCode', input.postalCode, 10);
  if (postalCode !== null && !/^(L-?)?\d{4}$/i.test(postalCode)) p.add('postalCode', 'directory.validation.invalid_postal_code');
  return p.result({
    name: p.text('name', input.name, LIMITS.name, true),
    locationType: input.locationType,
    address: p.text('address', input.address, LIMITS.shortText),
    postalCode: postalCode === null ? null : postalCode.replace(/^L-?/i, ''),
    locality: p.text('locality', input.locality, LIMITS.name),
    communeId,
    latitude,
    longitude,
    accessibility: p.codes('accessibility', ACCESSIBILITY, input.accessibility),
    openingHours: p.openingHours('openingHours', input.openingHours),
    description: p.translations('description', input.description, LIMITS.description),
  });
}

export function checkOffer(input: OfferInput): Checked<CleanOffer> {
  const p = new Problems();
  if (!isLocale(input.defaultLocale)) p.add('defaultLocale', 'errors.field.invalid_choice');
  const name = p.translations('name', input.name, LIMITS.name);
  const description = p.translations('description', input.description, LIMITS.description);
  for (const [field, versions] of [['name', name], ['description', description]] as const) {
    if (!versions.some((t) => t.locale === input.defaultLocale)) {
      p.add(field, 'directory.validation.missing_default_language', { language: input.defaultLocale });
    }
  }
  const offerTypes = p.codes('offerTypes', OFFER_TYPES, input.offerTypes);
  if (offerTypes.length === 0) p.add('offerTypes', 'errors.field.required');
  if (!isKnown(COSTS, input.cost)) p.add('cost', 'errors.field.invalid_choice');
  const locationIds = [...new Set(input.locationIds ?? [])];
  if (locationIds.length > LIMITS.locations) p.add('locationIds', 'errors.field.too_many', { max: LIMITS.locations });
  return p.result({
    defaultLocale: input.defaultLocale,
    name,
    description,
    offerTypes,
    audiences: p.codes('audiences', AUDIENCES, input.audiences),
    languages: p.codes('languages', LANGUAGES, input.languages),
    accessibility: p.codes('accessibility', ACCESSIBILITY, input.accessibility),
    cost: input.cost,
    costDetails: p.translations('costDetails', input.costDetails, LIMITS.shortText),
    modes: p.codes('modes', MODES, input.modes),
    openingHours: p.openingHours('openingHours', input.openingHours),
    email: p.email('email', input.email),
    phone: p.phone('phone', input.phone),
    website: p.url('website', input.website),
    bookingUrl: p.url('bookingUrl', input.bookingUrl),
    locationIds,
    active: input.active ?? true,
  });
}

function instant(p: Problems, field: string, raw: string): string {
  const time = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(time)) {
    p.add(field, 'errors.field.invalid_date');
    return raw;
  }
  return new Date(time).toISOString();
}

export function checkSession(input: SessionInput): Checked<CleanSession> {
  const p = new Problems();
  const startsAt = instant(p, 'startsAt', input.startsAt);
  const endsAt = instant(p, 'endsAt', input.endsAt);
  if (p.empty && endsAt <= startsAt) p.add('endsAt', 'directory.validation.ends_before_start');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > LIMITS.capacity) {
    p.add('capacity', 'errors.field.out_of_range', { min: 1, max: LIMITS.capacity });
  }
  return p.result({
    locationId: input.locationId || null,
    title: p.translations('title', input.title, LIMITS.name),
    startsAt,
    endsAt,
    capacity: input.capacity,
    cancelled: input.cancelled ?? false,
  });
}

export function checkRegistration(input: RegistrationInput): Checked<{ name: string; contact: string; needs: string | null }> {
  const p = new Problems();
  const contact = p.text('contact', input.contact, LIMITS.email, true);
  if (contact !== '' && !isEmail(contact) && !isPhone(contact)) p.add('contact', 'directory.validation.invalid_contact');
  return p.result({
    name: p.text('name', input.name, LIMITS.name, true),
    contact: isEmail(contact) ? contact.toLowerCase() : contact,
    needs: p.text('needs', input.needs, LIMITS.needs),
  });
}

export function checkReport(input: ReportInput): Checked<{ kind: ReportKind; message: string | null }> {
  const p = new Problems();
  if (input.kind !== 'closed' && input.kind !== 'wrong_information') p.add('kind', 'errors.field.invalid_choice');
  return p.result({ kind: input.kind, message: p.text('message', input.message, LIMITS.needs) });
}

export function checkReason(raw: string): Checked<string> {
  const p = new Problems();
  return p.result(p.text('reason', raw, LIMITS.reason, true));
}
