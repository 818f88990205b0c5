/**
 * The directory as an Open Referral HSDS 3.0 document in Zesummen's Luxembourg profile:
 * organizations with their locations and services nested, each service with its
 * service_at_locations. What HSDS has no field for travels in `lu_*` fields (see
 * docs/decisions/0005-open-data-formats.md); the profile's JSON Schema is in
 * hsds-profile-schema.ts and the reader in hsds-import.ts.
 */
import type {
  CourseSession,
  Location,
  Offer,
  Organization,
  Translation,
  TranslatedText,
} from '../directory/index.js';
import { getCommune } from '../directory/index.js';
import type { DirectoryBundle } from './opendata.model.js';
import { weeklyOpenings } from './weekly-schedule.js';

export const HSDS_PROFILE_URI = 'https://zesummen.lu/open-data/hsds-lu/1.0';
export const HSDS_VERSION = '3.0';

export type HsdsTranslations = Readonly<Record<string, readonly Translation[]>>;

export interface HsdsSchedule {
  readonly id: string;
  readonly freq: 'WEEKLY';
  readonly byday: string;
  readonly opens_at: string;
  readonly closes_at: string;
}

export interface HsdsPhone {
  readonly id: string;
  readonly number: string;
}

export interface HsdsAddress {
  readonly id: string;
  readonly location_id: string;
  readonly address_1: string;
  readonly city: string;
  readonly state_province: string;
  readonly postal_code: string;
  readonly country: 'LU';
  readonly address_type: 'physical';
}

export interface HsdsLocation {
  readonly id: string;
  readonly organization_id: string;
  readonly location_type: 'physical' | 'virtual';
  readonly name: string;
  readonly description: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly addresses: readonly HsdsAddress[];
  /** `details` holds one accessibility code of the directory's vocabulary. */
  readonly accessibility: readonly { readonly id: string; readonly location_id: string; readonly details: string }[];
  readonly schedules: readonly HsdsSchedule[];
  readonly lu_location_type: Location['locationType'];
  readonly lu_commune_id: string | null;
  readonly lu_opening_hours: string | null;
  readonly lu_translations: HsdsTranslations;
  readonly lu_created_at: string;
  readonly lu_updated_at: string;
}

export interface HsdsSession {
  readonly id: string;
  readonly location_id: string | null;
  readonly title: readonly Translation[];
  readonly starts_at: string;
  readonly ends_at: string;
  readonly capacity: number;
  readonly cancelled: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface HsdsService {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly description: string;
  readonly status: 'active' | 'inactive';
  readonly email: string | null;
  readonly url: string | null;
  readonly fees_description: string | null;
  readonly assured_date: string;
  readonly phones: readonly HsdsPhone[];
  readonly languages: readonly { readonly id: string; readonly code: string }[];
  readonly schedules: readonly HsdsSchedule[];
  readonly service_at_locations: readonly { readonly id: string; readonly service_id: string; readonly location_id: string }[];
  readonly lu_default_locale: Offer['defaultLocale'];
  readonly lu_offer_types: readonly string[];
  readonly lu_audiences: readonly string[];
  readonly lu_accessibility: readonly string[];
  readonly lu_modes: readonly string[];
  readonly lu_cost: Offer['cost'];
  readonly lu_booking_url: string | null;
  readonly lu_opening_hours: string | null;
  readonly lu_checked_at: string;
  readonly lu_translations: HsdsTranslations;
  readonly lu_sessions: readonly HsdsSession[];
  readonly lu_moderation_status: Offer['moderationStatus'];
  readonly lu_moderation_reason: string | null;
  readonly lu_is_demo: boolean;
  readonly lu_created_at: string;
  readonly lu_updated_at: string;
}

export interface HsdsOrganization {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly email: string | null;
  readonly website: string | null;
  readonly phones: readonly HsdsPhone[];
  readonly locations: readonly HsdsLocation[];
  readonly services: readonly HsdsService[];
  readonly lu_translations: HsdsTranslations;
  readonly lu_moderation_status: Organization['moderationStatus'];
  readonly lu_moderation_reason: string | null;
  readonly lu_is_demo: boolean;
  readonly lu_created_at: string;
  readonly lu_updated_at: string;
}

export interface HsdsDocument {
  readonly profile: typeof HSDS_PROFILE_URI;
  readonly hsds_version: typeof HSDS_VERSION;
  readonly organizations: readonly HsdsOrganization[];
}

/** The text in one locale, else the first version; HSDS core fields hold a single language. */
function textIn(text: TranslatedText, locale?: string): string {
  return (text.find((t) => t.locale === locale) ?? text[0])?.value ?? '';
}

function schedules(ownerId: string, openingHours: string | null): HsdsSchedule[] {
  return (openingHours ? (weeklyOpenings(openingHours) ?? []) : []).map((row, index) => ({
    id: `${ownerId}-schedule-${index + 1}`,
    freq: 'WEEKLY',
    byday: row.byday.join(','),
    opens_at: row.opensAt,
    closes_at: row.closesAt,
  }));
}

const phones = (ownerId: string, phone: string | null): HsdsPhone[] =>
  phone ? [{ id: `${ownerId}-phone`, number: phone }] : [];

function location(l: Location): HsdsLocation {
  const hasAddress = l.address !== null || l.postalCode !== null || l.locality !== null;
  const commune = l.communeId ? getCommune(l.communeId) : undefined;
  return {
    id: l.id,
    organization_id: l.organizationId,
    location_type: l.locationType === 'virtual' ? 'virtual' : 'physical',
    name: l.name,
    description: textIn(l.description),
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: hasAddress
      ? [
          {
            id: `${l.id}-address`,
            location_id: l.id,
            address_1: l.address ?? '',
            city: l.locality ?? '',
            state_province: commune?.name ?? '',
            postal_code: l.postalCode ?? '',
            country: 'LU',
            address_type: 'physical',
          },
        ]
      : [],
    accessibility: l.accessibility.map((code) => ({ id: `${l.id}-accessibility-${code}`, location_id: l.id, details: code })),
    schedules: schedules(l.id, l.openingHours),
    lu_location_type: l.locationType,
    lu_commune_id: l.communeId,
    lu_opening_hours: l.openingHours,
    lu_translations: { description: l.description },
    lu_created_at: l.createdAt,
    lu_updated_at: l.updatedAt,
  };
}

function session(s: CourseSession): HsdsSession {
  return {
    id: s.id,
    location_id: s.locationId,
    title: s.title,
    starts_at: s.startsAt,
    ends_at: s.endsAt,
    capacity: s.capacity,
    cancelled: s.cancelled,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

function service(o: Offer, sessions: readonly CourseSession[]): HsdsService {
  return {
    id: o.id,
    organization_id: o.organizationId,
    name: textIn(o.name, o.defaultLocale),
    description: textIn(o.description, o.defaultLocale),
    status: o.active ? 'active' : 'inactive',
    email: o.email,
    url: o.website,
    fees_description: o.costDetails.length > 0 ? textIn(o.costDetails, o.defaultLocale) : null,
    assured_date: o.checkedAt.slice(0, 10),
    phones: phones(o.id, o.phone),
    languages: o.languages.map((code) => ({ id: `${o.id}-language-${code}`, code })),
    schedules: schedules(o.id, o.openingHours),
    service_at_locations: o.locationIds.map((locationId) => ({ id: `${o.id}@${locationId}`, service_id: o.id, location_id: locationId })),
    lu_default_locale: o.defaultLocale,
    lu_offer_types: o.offerTypes,
    lu_audiences: o.audiences,
    lu_accessibility: o.accessibility,
    lu_modes: o.modes,
    lu_cost: o.cost,
    lu_booking_url: o.bookingUrl,
    lu_opening_hours: o.openingHours,
    lu_checked_at: o.checkedAt,
    lu_translations: { name: o.name, description: o.description, cost_details: o.costDetails },
    lu_sessions: sessions.filter((s) => s.offerId === o.id).map(session),
    lu_moderation_status: o.moderationStatus,
    lu_moderation_reason: o.moderationReason,
    lu_is_demo: o.isDemo,
    lu_created_at: o.createdAt,
    lu_updated_at: o.updatedAt,
  };
}

/**
 * Writes every record it is given: the caller chooses what is published (approved, not demo).
 * Records whose organization is not in the bundle are left out.
 */
export function toHsds(bundle: DirectoryBundle): HsdsDocument {
  return {
    profile: HSDS_PROFILE_URI,
    hsds_version: HSDS_VERSION,
    organizations: bundle.organizations.map((org) => ({
      id: org.id,
      name: org.name,
      description: textIn(org.description),
      email: org.email,
      website: org.website,
      phones: phones(org.id, org.phone),
      locations: bundle.locations.filter((l) => l.organizationId === org.id).map(location),
      services: bundle.offers.filter((o) => o.organizationId === org.id).map((o) => service(o, bundle.sessions)),
      lu_translations: { description: org.description },
      lu_moderation_status: org.moderationStatus,
      lu_moderation_reason: org.moderationReason,
      lu_is_demo: org.isDemo,
      lu_created_at: org.createdAt,
      lu_updated_at: org.updatedAt,
    })),
  };
}
