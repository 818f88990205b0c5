/**
 * JSON Schema (draft 2020-12) of the Luxembourg profile of HSDS 3.0, for the open-data docs and
 * for re-users' validators. It follows HSDS's field names and types; `lu_*` fields are the
 * profile's extensions. hsds-import.ts checks more than a schema can (postal codes, opening
 * hours, references between records).
 */
import { LOCALES } from '../../platform/i18n/locales.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES, TRANSLATION_SOURCES } from '../directory/index.js';
import { HSDS_PROFILE_URI, HSDS_VERSION } from './hsds.js';
import { LIMITS } from './opendata.model.js';

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const nullable = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9._:@-]+$', maxLength: LIMITS.id } as const;
const codes = (list: readonly string[]) => ({ type: 'array', uniqueItems: true, items: { enum: [...list] } }) as const;
const translations = { type: 'array', items: { $ref: '#/$defs/translation' } } as const;
const phones = { type: 'array', items: { $ref: '#/$defs/phone' } } as const;
const schedules = { type: 'array', items: { $ref: '#/$defs/schedule' } } as const;
const moderation = { enum: ['pending', 'approved', 'rejected'] } as const;

export const hsdsProfileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${HSDS_PROFILE_URI}/schema.json`,
  title: 'Zesummen directory — Open Referral HSDS 3.0, Luxembourg profile',
  type: 'object',
  required: ['profile', 'hsds_version', 'organizations'],
  properties: {
    profile: { const: HSDS_PROFILE_URI },
    hsds_version: { const: HSDS_VERSION },
    organizations: { type: 'array', items: { $ref: '#/$defs/organization' } },
  },
  $defs: {
    translation: {
      description: 'One language version of a text field; "-easy" locales are Easy Language versions.',
      type: 'object',
      required: ['locale', 'value', 'source'],
      properties: {
        locale: { enum: [...LOCALES, ...LOCALES.map((l) => `${l}-easy`)] },
        value: { type: 'string', minLength: 1 },
        source: { enum: [...TRANSLATION_SOURCES] },
      },
    },
    phone: { type: 'object', required: ['id', 'number'], properties: { id, number: text(LIMITS.phone) } },
    schedule: {
      description: 'Derived from lu_opening_hours when it is a plain weekly timetable; times are Luxembourg local time.',
      type: 'object',
      required: ['id', 'freq', 'byday', 'opens_at', 'closes_at'],
      properties: {
        id: { type: 'string' },
        freq: { const: 'WEEKLY' },
        byday: { type: 'string', pattern: '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$' },
        opens_at: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
        closes_at: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
      },
    },
    organization: {
      type: 'object',
      required: ['id', 'name', 'description', 'locations', 'services'],
      properties: {
        id,
        name: text(LIMITS.name),
        description: { type: 'string', description: 'The first version of lu_translations.description.' },
        email: nullable(LIMITS.email),
        website: nullable(LIMITS.url),
        phones,
        locations: { type: 'array', items: { $ref: '#/$defs/location' } },
        services: { type: 'array', items: { $ref: '#/$defs/service' } },
        lu_translations: { type: 'object', properties: { description: translations } },
        lu_moderation_status: moderation,
        lu_moderation_reason: nullable(LIMITS.longText),
        lu_is_demo: { type: 'boolean' },
        lu_created_at: timestamp,
        lu_updated_at: timestamp,
      },
    },
    location: {
      type: 'object',
      required: ['id', 'organization_id', 'location_type', 'name', 'lu_location_type', 'lu_opening_hours'],
      properties: {
        id,
        organization_id: id,
        location_type: { enum: ['physical', 'virtual'] },
        name: text(LIMITS.name),
        description: { type: 'string' },
        latitude: { type: ['number', 'null'] },
        longitude: { type: ['number', 'null'] },
        addresses: {
          type: 'array',
          maxItems: 1,
          items: {
            type: 'object',
            required: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
            properties: {
              id: { type: 'string' },
              location_id: id,
              address_1: text(LIMITS.shortText),
              city: { type: 'string', description: 'The locality, e.g. Belvaux.' },
              state_province: { type: 'string', description: 'The commune, e.g. Sanem.' },
              postal_code: { type: 'string', pattern: '^(\\d{4})?$' },
              country: { const: 'LU' },
              address_type: { const: 'physical' },
            },
          },
        },
        accessibility: {
          type: 'array',
          items: { type: 'object', required: ['details'], properties: { details: { enum: [...ACCESSIBILITY] } } },
        },
        schedules,
        lu_location_type: { enum: ['physical', 'mobile', 'virtual'] },
        lu_commune_id: { type: ['string', 'null'], description: 'Commune id of the directory geography, e.g. "esch-sur-alzette".' },
        lu_opening_hours: { type: ['string', 'null'], description: 'OpenStreetMap opening_hours syntax; authoritative over schedules.' },
        lu_translations: { type: 'object', properties: { description: translations } },
        lu_created_at: timestamp,
        lu_updated_at: timestamp,
      },
    },
    service: {
      type: 'object',
      required: ['id', 'organization_id', 'name', 'status', 'service_at_locations', 'lu_default_locale'],
      properties: {
        id,
        organization_id: id,
        name: text(LIMITS.name),
        description: { type: 'string' },
        status: { enum: ['active', 'inactive'] },
        email: nullable(LIMITS.email),
        url: nullable(LIMITS.url),
        fees_description: { type: ['string', 'null'] },
        assured_date: { type: 'string', format: 'date' },
        phones,
        languages: {
          type: 'array',
          items: { type: 'object', required: ['code'], properties: { id: { type: 'string' }, code: { enum: [...LANGUAGES] } } },
        },
        schedules,
        service_at_locations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['service_id', 'location_id'],
            properties: { id: { type: 'string' }, service_id: id, location_id: id },
          },
        },
        lu_default_locale: { enum: [...LOCALES] },
        lu_offer_types: codes(OFFER_TYPES),
        lu_audiences: codes(AUDIENCES),
        lu_accessibility: codes(ACCESSIBILITY),
        lu_modes: codes(MODES),
        lu_cost: { enum: [...COSTS] },
        lu_booking_url: nullable(LIMITS.url),
        lu_opening_hours: { type: ['string', 'null'] },
        lu_checked_at: timestamp,
        lu_translations: {
          type: 'object',
          properties: { name: translations, description: translations, cost_details: translations },
        },
        lu_sessions: { type: 'array', items: { $ref: '#/$defs/session' } },
        lu_moderation_status: moderation,
        lu_moderation_reason: nullable(LIMITS.longText),
        lu_is_demo: { type: 'boolean' },
        lu_created_at: timestamp,
        lu_updated_at: timestamp,
      },
    },
    session: {
      description: 'A dated course session with a number of places.',
      type: 'object',
      required: ['id', 'starts_at', 'ends_at', 'capacity'],
      properties: {
        id,
        location_id: { type: ['string', 'null'] },
        title: translations,
        starts_at: timestamp,
        ends_at: timestamp,
        capacity: { type: 'integer', minimum: 1, maximum: 10000 },
        cancelled: { type: 'boolean' },
        created_at: timestamp,
        updated_at: timestamp,
      },
    },
  },
} as const;
