/**
 * Reads an HSDS document in the Luxembourg profile back into directory records. Every problem
 * is collected with its JSON Pointer; the bundle is returned only when there is none, so a
 * half-valid document is never imported. Plain HSDS 3.0 (without `lu_*` fields) is read too:
 * the missing profile fields get the defaults of `HsdsImportOptions`.
 */
import type {
  ContentLocale,
  CourseSession,
  Location,
  ModerationStatus,
  Offer,
  Organization,
  Translation,
} from '../directory/index.js';
import {
  ACCESSIBILITY,
  AUDIENCES,
  COSTS,
  getCommune,
  LANGUAGES,
  MODES,
  OFFER_TYPES,
  TRANSLATION_SOURCES,
  validateOpeningHours,
} from '../directory/index.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { HSDS_PROFILE_URI } from './hsds.js';
import { idProblem, inLuxembourg, isEmail, isIsoTimestamp, isPhone, isWebUrl, normalizePostalCode } from './field-rules.js';
import { JsonReader, pointer, type JsonObject } from './json-reader.js';
import { LIMITS, type DirectoryBundle, type FileLimits, type HsdsIssue, type IssueKey } from './opendata.model.js';

export interface HsdsImportOptions {
  /** The language of core text fields when a record has no `lu_translations`. */
  readonly defaultLocale: Locale;
  /** Stamps records that carry no `lu_created_at` / `lu_updated_at` / `lu_checked_at`. */
  readonly now: string;
  /** The upload caps (LIMITS) unless given. */
  readonly limits?: FileLimits;
}

const CONTENT_LOCALES: readonly ContentLocale[] = [...LOCALES, ...LOCALES.map((l) => `${l}-easy` as const)];
const MODERATION: readonly ModerationStatus[] = ['pending', 'approved', 'rejected'];
const LOCATION_TYPES: readonly Location['locationType'][] = ['physical', 'mobile', 'virtual'];

class HsdsReader extends JsonReader {
  private readonly ids = new Map<string, string>();

  constructor(private readonly options: HsdsImportOptions) {
    super();
  }

  /** Ids are unique per kind of record across the whole document. */
  id(parent: JsonObject, path: string, kind: string): string | undefined {
    const value = this.text(parent, 'id', path, { max: LIMITS.id });
    if (value === undefined || value === null) return undefined;
    const problem = idProblem(value);
    if (problem) {
      this.report(pointer(path, 'id'), problem, { max: LIMITS.id });
      return undefined;
    }
    const key = `${kind}\u0000${value}`;
    const first = this.ids.get(key);
    if (first) this.report(pointer(path, 'id'), 'duplicate_id', { value, first });
    else this.ids.set(key, pointer(path, 'id'));
    return value;
  }

  timestamp(parent: JsonObject, key: string, path: string): string {
    const value = this.text(parent, key, path, { max: 40, optional: true });
    if (value === null || value === undefined) return this.options.now;
    if (!isIsoTimestamp(value)) this.report(pointer(path, key), 'invalid_timestamp', { value });
    return value;
  }

  checked(parent: JsonObject, key: string, path: string, check: (v: string) => boolean, problem: IssueKey, max: number): string | null {
    const value = this.text(parent, key, path, { max, optional: true });
    if (!value) return null;
    if (!check(value)) this.report(pointer(path, key), problem, { value });
    return value;
  }

  openingHours(parent: JsonObject, key: string, path: string): string | null {
    const value = this.text(parent, key, path, { max: LIMITS.shortText, optional: true });
    if (!value) return null;
    const valid = validateOpeningHours(value);
    if (valid.ok) return valid.value;
    this.report(pointer(path, key), 'invalid_opening_hours', { value });
    return null;
  }

  /** The first phone's number; HSDS allows several, the directory keeps one. */
  phone(parent: JsonObject, path: string): string | null {
    const list = this.array(parent, 'phones', path);
    const first = list[0];
    if (first === undefined) return null;
    const at = pointer(pointer(path, 'phones'), 0);
    const phone = this.object(first, at);
    return phone ? this.checked(phone, 'number', at, isPhone, 'invalid_phone', LIMITS.phone) : null;
  }

  /** `lu_translations[field]` when present, else the core field in the default locale. */
  translations(parent: JsonObject, path: string, field: string, coreKey: string | null, max: number): Translation[] {
    const all = parent['lu_translations'];
    if (all !== undefined && all !== null) {
      const holder = this.object(all, pointer(path, 'lu_translations'));
      if (holder && holder[field] !== undefined) return this.translationList(holder, field, pointer(path, 'lu_translations'), max);
    }
    const core = coreKey ? this.text(parent, coreKey, path, { max, optional: true }) : null;
    return core ? [{ locale: this.options.defaultLocale, value: core, source: 'author' }] : [];
  }

  translationList(parent: JsonObject, key: string, path: string, max: number): Translation[] {
    const found: Translation[] = [];
    this.array(parent, key, path).forEach((item, index) => {
      const at = pointer(pointer(path, key), index);
      const t = this.object(item, at);
      if (!t) return;
      const locale = this.code(t, 'locale', at, CONTENT_LOCALES);
      const value = this.text(t, 'value', at, { max });
      const source = this.code(t, 'source', at, TRANSLATION_SOURCES, 'author');
      if (locale && found.some((f) => f.locale === locale)) this.report(pointer(at, 'locale'), 'duplicate_locale', { value: locale });
      else if (locale && value && source) found.push({ locale, value, source });
    });
    return found;
  }

  organization(value: unknown, path: string, bundle: MutableBundle): void {
    const o = this.object(value, path);
    if (!o) return;
    const id = this.id(o, path, 'organization') ?? '';
    const name = this.text(o, 'name', path, { max: LIMITS.name });
    const org: Organization = {
      id,
      name: name ?? '',
      description: this.translations(o, path, 'description', 'description', LIMITS.longText),
      email: this.checked(o, 'email', path, isEmail, 'invalid_email', LIMITS.email),
      phone: this.phone(o, path),
      website: this.checked(o, 'website', path, isWebUrl, 'invalid_url', LIMITS.url),
      isDemo: this.boolean(o, 'lu_is_demo', path, false),
      moderationStatus: this.code(o, 'lu_moderation_status', path, MODERATION, 'pending') ?? 'pending',
      moderationReason: this.text(o, 'lu_moderation_reason', path, { max: LIMITS.longText, optional: true }) ?? null,
      createdAt: this.timestamp(o, 'lu_created_at', path),
      updatedAt: this.timestamp(o, 'lu_updated_at', path),
    };
    bundle.organizations.push(org);
    const locationIds = new Set<string>();
    this.array(o, 'locations', path).forEach((item, index) => {
      const l = this.location(item, pointer(pointer(path, 'locations'), index), id);
      if (l) {
        bundle.locations.push(l);
        locationIds.add(l.id);
      }
    });
    this.array(o, 'services', path).forEach((item, index) =>
      this.service(item, pointer(pointer(path, 'services'), index), id, locationIds, bundle),
    );
  }

  location(value: unknown, path: string, organizationId: string): Location | undefined {
    const l = this.object(value, path);
    if (!l) return undefined;
    const id = this.id(l, path, 'location') ?? '';
    const hsdsType = this.code(l, 'location_type', path, ['physical', 'postal', 'virtual'] as const, 'physical');
    const locationType =
      this.code(l, 'lu_location_type', path, LOCATION_TYPES, hsdsType === 'virtual' ? 'virtual' : 'physical') ?? 'physical';
    const address = this.address(l, path);
    const latitude = this.number(l, 'latitude', path, true);
    const longitude = this.number(l, 'longitude', path, true);
    if (latitude !== undefined && longitude !== undefined) this.coordinates(latitude, longitude, path);
    const communeId = this.text(l, 'lu_commune_id', path, { max: LIMITS.id, optional: true }) ?? null;
    if (communeId && !getCommune(communeId)) this.report(pointer(path, 'lu_commune_id'), 'unknown_value', { value: communeId });
    return {
      id,
      organizationId,
      name: this.text(l, 'name', path, { max: LIMITS.name }) ?? '',
      locationType,
      address: address.address,
      postalCode: address.postalCode,
      locality: address.locality,
      communeId,
      latitude: latitude ?? null,
      longitude: longitude ?? null,
      accessibility: this.accessibility(l, path),
      openingHours: this.openingHours(l, 'lu_opening_hours', path),
      description: this.translations(l, path, 'description', 'description', LIMITS.longText),
      createdAt: this.timestamp(l, 'lu_created_at', path),
      updatedAt: this.timestamp(l, 'lu_updated_at', path),
    };
  }

  coordinates(latitude: number | null, longitude: number | null, path: string): void {
    if ((latitude === null) !== (longitude === null)) {
      this.report(pointer(path, latitude === null ? 'latitude' : 'longitude'), 'coordinates_incomplete');
    } else if (latitude !== null && longitude !== null && !inLuxembourg(latitude, longitude)) {
      this.report(pointer(path, 'latitude'), 'outside_luxembourg');
    }
  }

  address(l: JsonObject, path: string): { address: string | null; postalCode: string | null; locality: string | null } {
    const first = this.array(l, 'addresses', path)[0];
    if (first === undefined) return { address: null, postalCode: null, locality: null };
    const at = pointer(pointer(path, 'addresses'), 0);
    const a = this.object(first, at);
    if (!a) return { address: null, postalCode: null, locality: null };
    const country = this.text(a, 'country', at, { max: 2, optional: true });
    if (country && country !== 'LU') this.report(pointer(at, 'country'), 'outside_luxembourg');
    const rawCode = this.text(a, 'postal_code', at, { max: 10, optional: true }) ?? null;
    const postalCode = rawCode === null ? null : normalizePostalCode(rawCode);
    if (rawCode !== null && postalCode === null) this.report(pointer(at, 'postal_code'), 'invalid_postal_code', { value: rawCode });
    return {
      address: this.text(a, 'address_1', at, { max: LIMITS.shortText, optional: true }) ?? null,
      postalCode,
      locality: this.text(a, 'city', at, { max: LIMITS.name, optional: true }) ?? null,
    };
  }

  accessibility(l: JsonObject, path: string): string[] {
    const found: string[] = [];
    this.array(l, 'accessibility', path).forEach((item, index) => {
      const at = pointer(pointer(path, 'accessibility'), index);
      const a = this.object(item, at);
      const code = a ? this.code(a, 'details', at, ACCESSIBILITY) : undefined;
      if (code && !found.includes(code)) found.push(code);
    });
    return found;
  }

  service(value: unknown, path: string, organizationId: string, locationIds: ReadonlySet<string>, bundle: MutableBundle): void {
    const s = this.object(value, path);
    if (!s) return;
    const id = this.id(s, path, 'offer') ?? '';
    const defaultLocale = this.code(s, 'lu_default_locale', path, LOCALES, this.options.defaultLocale) ?? this.options.defaultLocale;
    const issuesBefore = this.issues.length;
    const name = this.translations(s, path, 'name', 'name', LIMITS.name);
    // A broken translation list is reported where it breaks, not again as a missing name.
    if (name.length === 0 && this.issues.length === issuesBefore) this.report(pointer(path, 'name'), 'required');
    else if (name.length > 0 && !name.some((t) => t.locale === defaultLocale)) this.report(pointer(path, 'lu_default_locale'), 'missing_default_translation', { value: defaultLocale });
    const status = this.code(s, 'status', path, ['active', 'inactive', 'defunct', 'temporarily closed'] as const);
    const offerLocationIds = this.serviceAtLocations(s, path, id, locationIds);
    const offer: Offer = {
      id,
      organizationId,
      defaultLocale,
      name,
      description: this.translations(s, path, 'description', 'description', LIMITS.longText),
      offerTypes: this.codes(s, 'lu_offer_types', path, OFFER_TYPES),
      audiences: this.codes(s, 'lu_audiences', path, AUDIENCES),
      languages: this.languages(s, path),
      accessibility: this.codes(s, 'lu_accessibility', path, ACCESSIBILITY),
      cost: this.code(s, 'lu_cost', path, COSTS, 'free_conditions') ?? 'free_conditions',
      costDetails: this.translations(s, path, 'cost_details', 'fees_description', LIMITS.longText),
      modes: this.codes(s, 'lu_modes', path, MODES),
      openingHours: this.openingHours(s, 'lu_opening_hours', path),
      email: this.checked(s, 'email', path, isEmail, 'invalid_email', LIMITS.email),
      phone: this.phone(s, path),
      website: this.checked(s, 'url', path, isWebUrl, 'invalid_url', LIMITS.url),
      bookingUrl: this.checked(s, 'lu_booking_url', path, isWebUrl, 'invalid_url', LIMITS.url),
      locationIds: offerLocationIds,
      active: status === 'active',
      moderationStatus: this.code(s, 'lu_moderation_status', path, MODERATION, 'pending') ?? 'pending',
      moderationReason: this.text(s, 'lu_moderation_reason', path, { max: LIMITS.longText, optional: true }) ?? null,
      checkedAt: this.timestamp(s, 'lu_checked_at', path),
      isDemo: this.boolean(s, 'lu_is_demo', path, false),
      createdAt: this.timestamp(s, 'lu_created_at', path),
      updatedAt: this.timestamp(s, 'lu_updated_at', path),
    };
    bundle.offers.push(offer);
    this.array(s, 'lu_sessions', path).forEach((item, index) => {
      const session = this.session(item, pointer(pointer(path, 'lu_sessions'), index), id, locationIds);
      if (session) bundle.sessions.push(session);
    });
  }

  serviceAtLocations(s: JsonObject, path: string, serviceId: string, locationIds: ReadonlySet<string>): string[] {
    const found: string[] = [];
    this.array(s, 'service_at_locations', path).forEach((item, index) => {
      const at = pointer(pointer(path, 'service_at_locations'), index);
      const link = this.object(item, at);
      if (!link) return;
      const serviceIdInLink = this.text(link, 'service_id', at, { max: LIMITS.id, optional: true });
      if (serviceIdInLink && serviceIdInLink !== serviceId) this.report(pointer(at, 'service_id'), 'unknown_reference', { value: serviceIdInLink });
      const locationId = this.text(link, 'location_id', at, { max: LIMITS.id });
      if (!locationId) return;
      if (!locationIds.has(locationId)) this.report(pointer(at, 'location_id'), 'unknown_reference', { value: locationId });
      else if (found.includes(locationId)) this.report(pointer(at, 'location_id'), 'duplicate_id', { value: locationId, first: '' });
      else found.push(locationId);
    });
    return found;
  }

  languages(s: JsonObject, path: string): string[] {
    const found: string[] = [];
    this.array(s, 'languages', path).forEach((item, index) => {
      const at = pointer(pointer(path, 'languages'), index);
      const language = this.object(item, at);
      const code = language ? this.code(language, 'code', at, LANGUAGES) : undefined;
      if (code && !found.includes(code)) found.push(code);
    });
    return found;
  }

  session(value: unknown, path: string, offerId: string, locationIds: ReadonlySet<string>): CourseSession | undefined {
    const s = this.object(value, path);
    if (!s) return undefined;
    const id = this.id(s, path, 'session') ?? '';
    const locationId = this.text(s, 'location_id', path, { max: LIMITS.id, optional: true }) ?? null;
    if (locationId !== null && !locationIds.has(locationId)) this.report(pointer(path, 'location_id'), 'unknown_reference', { value: locationId });
    const startsAt = this.text(s, 'starts_at', path, { max: 40 }) ?? '';
    const endsAt = this.text(s, 'ends_at', path, { max: 40 }) ?? '';
    if (startsAt && !isIsoTimestamp(startsAt)) this.report(pointer(path, 'starts_at'), 'invalid_timestamp', { value: startsAt });
    if (endsAt && !isIsoTimestamp(endsAt)) this.report(pointer(path, 'ends_at'), 'invalid_timestamp', { value: endsAt });
    else if (startsAt && endsAt && endsAt <= startsAt) this.report(pointer(path, 'ends_at'), 'ends_before_start');
    const capacity = this.number(s, 'capacity', path, false);
    if (capacity !== undefined && capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 10000)) {
      this.report(pointer(path, 'capacity'), 'out_of_range', { min: 1, max: 10000 });
    }
    return {
      id,
      offerId,
      locationId,
      title: this.translationList(s, 'title', path, LIMITS.name),
      startsAt,
      endsAt,
      capacity: capacity ?? 0,
      cancelled: this.boolean(s, 'cancelled', path, false),
      createdAt: this.timestamp(s, 'created_at', path),
      updatedAt: this.timestamp(s, 'updated_at', path),
    };
  }
}

interface MutableBundle {
  organizations: Organization[];
  locations: Location[];
  offers: Offer[];
  sessions: CourseSession[];
}

function decode(input: string | Uint8Array, reader: JsonReader, limits: FileLimits): unknown {
  const tooLarge = () => reader.report('', 'file_too_large', { max: limits.fileBytes / 1024 / 1024 });
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > limits.fileBytes) return tooLarge();
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return reader.report('', 'invalid_encoding_json');
    }
  }
  if (text.length > limits.fileBytes) return tooLarge();
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return reader.report('', 'invalid_json');
  }
}

/**
 * Reads an HSDS document given as bytes, text or already-parsed JSON. Never throws: a broken
 * document comes back as the list of everything wrong with it.
 */
export function parseHsds(input: string | Uint8Array | JsonObject, options: HsdsImportOptions): Result<DirectoryBundle, readonly HsdsIssue[]> {
  const reader = new HsdsReader(options);
  const limits = options.limits ?? LIMITS;
  const json = typeof input === 'string' || input instanceof Uint8Array ? decode(input, reader, limits) : input;
  if (reader.issues.length > 0) return fail(reader.issues);
  const root = reader.object(json, '');
  if (!root) return fail(reader.issues);
  const profile = root['profile'];
  if (profile !== undefined && profile !== HSDS_PROFILE_URI) reader.report('/profile', 'unknown_value', { value: String(profile) });
  const bundle: MutableBundle = { organizations: [], locations: [], offers: [], sessions: [] };
  const organizations = reader.array(root, 'organizations', '', false);
  if (organizations.length + countNested(organizations) > limits.records) reader.report('/organizations', 'too_many_records', { max: limits.records });
  else organizations.forEach((item, index) => reader.organization(item, pointer('/organizations', index), bundle));
  return reader.issues.length > 0 ? fail(reader.issues) : ok(bundle);
}

function countNested(organizations: readonly unknown[]): number {
  let count = 0;
  for (const org of organizations) {
    if (org === null || typeof org !== 'object') continue;
    for (const key of ['locations', 'services']) {
      const list = (org as JsonObject)[key];
      if (Array.isArray(list)) count += list.length;
    }
  }
  return count;
}
