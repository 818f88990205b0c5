/** Conversions between table rows and the model, so the service never handles raw columns. */
import { fromFlag, parseJsonList, toFlag } from '../../platform/db/columns.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type {
  ContentLocale,
  Cost,
  CourseSession,
  Location,
  LocationType,
  ModeratedEntity,
  ModerationStatus,
  Offer,
  OfferReport,
  Organization,
  PendingChange,
  ChangeStatus,
  Registration,
  RegistrationStatus,
  ReportKind,
  Translation,
  TranslatedText,
  TranslationSource,
} from './directory.model.js';
import type {
  CourseSessionsTable,
  LocationsTable,
  OfferReportsTable,
  OffersTable,
  OrganizationsTable,
  PendingChangesTable,
  RegistrationsTable,
  TranslatedEntity,
  TranslationsTable,
} from './directory.tables.js';
import type { CleanLocation, CleanOffer, CleanOrganization, CleanSession, CleanTranslation } from './directory.inputs.js';
import type { TranslationRow } from './directory.store.js';

/** Translations grouped by entity id, then field. */
export type TextsById = Map<string, Map<string, Translation[]>>;

export function groupTexts(rows: readonly TranslationRow[]): TextsById {
  const byId: TextsById = new Map();
  for (const row of rows) {
    let fields = byId.get(row.entity_id);
    if (!fields) byId.set(row.entity_id, (fields = new Map()));
    let list = fields.get(row.field);
    if (!list) fields.set(row.field, (list = []));
    list.push({ locale: row.locale as ContentLocale, value: row.value, source: row.source as TranslationSource });
  }
  return byId;
}

const textOf = (texts: TextsById, id: string, field: string): TranslatedText => texts.get(id)?.get(field) ?? [];

export function toOrganization(row: OrganizationsTable, texts: TextsById): Organization {
  return {
    id: row.id,
    name: row.name,
    description: textOf(texts, row.id, 'description'),
    email: row.email,
    phone: row.phone,
    website: row.website,
    isDemo: fromFlag(row.is_demo),
    moderationStatus: row.moderation_status as ModerationStatus,
    moderationReason: row.moderation_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toLocation(row: LocationsTable, texts: TextsById): Location {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    locationType: row.location_type as LocationType,
    address: row.address,
    postalCode: row.postal_code,
    locality: row.locality,
    communeId: row.commune_id,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    accessibility: parseJsonList(row.accessibility),
    openingHours: row.opening_hours,
    description: textOf(texts, row.id, 'description'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toOffer(row: OffersTable, texts: TextsById, locationIds: readonly string[]): Offer {
  return {
    id: row.id,
    organizationId: row.organization_id,
    defaultLocale: row.default_locale as Locale,
    name: textOf(texts, row.id, 'name'),
    description: textOf(texts, row.id, 'description'),
    offerTypes: parseJsonList(row.offer_types),
    audiences: parseJsonList(row.audiences),
    languages: parseJsonList(row.languages),
    accessibility: parseJsonList(row.accessibility),
    cost: row.cost as Cost,
    costDetails: textOf(texts, row.id, 'cost_details'),
    modes: parseJsonList(row.modes),
    openingHours: row.opening_hours,
    email: row.email,
    phone: row.phone,
    website: row.website,
    bookingUrl: row.booking_url,
    locationIds,
    active: fromFlag(row.active),
    moderationStatus: row.moderation_status as ModerationStatus,
    moderationReason: row.moderation_reason,
    checkedAt: row.checked_at,
    isDemo: fromFlag(row.is_demo),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSession(row: CourseSessionsTable, texts: TextsById): CourseSession {
  return {
    id: row.id,
    offerId: row.offer_id,
    locationId: row.location_id,
    title: textOf(texts, row.id, 'title'),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: Number(row.capacity),
    cancelled: fromFlag(row.cancelled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRegistration(row: RegistrationsTable): Registration {
  return {
    id: row.id,
    sessionId: row.session_id,
    name: row.name,
    contact: row.contact,
    needs: row.needs,
    status: row.status as RegistrationStatus,
    createdAt: row.created_at,
  };
}

export function toReport(row: OfferReportsTable): OfferReport {
  return {
    id: row.id,
    offerId: row.offer_id,
    kind: row.kind as ReportKind,
    message: row.message,
    resolved: fromFlag(row.resolved),
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
  };
}

export function toPendingChange(row: PendingChangesTable): PendingChange {
  return {
    id: row.id,
    entityType: row.entity_type as ModeratedEntity,
    entityId: row.entity_id,
    organizationId: row.organization_id,
    proposedBy: row.proposed_by,
    proposed: JSON.parse(row.proposed) as unknown,
    status: row.status as ChangeStatus,
    reason: row.reason,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

// ---------------------------------------------------------------- model → rows

type Stamps = { created_at: string; updated_at: string };

export function organizationColumns(clean: CleanOrganization) {
  return { name: clean.name, email: clean.email, phone: clean.phone, website: clean.website };
}

export function locationColumns(clean: CleanLocation) {
  return {
    name: clean.name,
    location_type: clean.locationType,
    address: clean.address,
    postal_code: clean.postalCode,
    locality: clean.locality,
    commune_id: clean.communeId,
    latitude: clean.latitude,
    longitude: clean.longitude,
    accessibility: JSON.stringify(clean.accessibility),
    opening_hours: clean.openingHours,
  };
}

export function offerColumns(clean: CleanOffer) {
  return {
    default_locale: clean.defaultLocale,
    offer_types: JSON.stringify(clean.offerTypes),
    audiences: JSON.stringify(clean.audiences),
    languages: JSON.stringify(clean.languages),
    accessibility: JSON.stringify(clean.accessibility),
    cost: clean.cost,
    modes: JSON.stringify(clean.modes),
    opening_hours: clean.openingHours,
    email: clean.email,
    phone: clean.phone,
    website: clean.website,
    booking_url: clean.bookingUrl,
    active: toFlag(clean.active),
  };
}

export function sessionColumns(clean: CleanSession) {
  return {
    location_id: clean.locationId,
    starts_at: clean.startsAt,
    ends_at: clean.endsAt,
    capacity: clean.capacity,
    cancelled: toFlag(clean.cancelled),
  };
}

/** The translated fields of each entity: model field name → stored field name. */
export const TEXT_FIELDS = {
  organization: { description: 'description' },
  location: { description: 'description' },
  offer: { name: 'name', description: 'description', costDetails: 'cost_details' },
  session: { title: 'title' },
} as const satisfies Record<TranslatedEntity, Record<string, string>>;

/** Translation rows for a whole model entity, for bulk import. */
export function translationRows<E extends TranslatedEntity>(
  entityType: E,
  entity: { id: string } & { [K in keyof (typeof TEXT_FIELDS)[E]]: readonly CleanTranslation[] | TranslatedText },
  nowIso: string,
): TranslationsTable[] {
  const rows: TranslationsTable[] = [];
  for (const [modelField, field] of Object.entries(TEXT_FIELDS[entityType]) as [string, string][]) {
    const versions = (entity as unknown as Record<string, TranslatedText>)[modelField] ?? [];
    for (const v of versions) {
      rows.push({
        entity_type: entityType,
        entity_id: entity.id,
        field,
        locale: v.locale,
        value: v.value,
        source: v.source,
        updated_at: nowIso,
      });
    }
  }
  return rows;
}

export function organizationRow(o: Organization): OrganizationsTable {
  return {
    id: o.id,
    name: o.name,
    email: o.email,
    phone: o.phone,
    website: o.website,
    is_demo: toFlag(o.isDemo),
    moderation_status: o.moderationStatus,
    moderation_reason: o.moderationReason ?? null,
    ...stamps(o),
  };
}

export function locationRow(l: Location): LocationsTable {
  return {
    id: l.id,
    organization_id: l.organizationId,
    name: l.name,
    location_type: l.locationType,
    address: l.address,
    postal_code: l.postalCode,
    locality: l.locality,
    commune_id: l.communeId,
    latitude: l.latitude,
    longitude: l.longitude,
    accessibility: JSON.stringify(l.accessibility),
    opening_hours: l.openingHours,
    ...stamps(l),
  };
}

export function offerRow(o: Offer): OffersTable {
  return {
    id: o.id,
    organization_id: o.organizationId,
    default_locale: o.defaultLocale,
    offer_types: JSON.stringify(o.offerTypes),
    audiences: JSON.stringify(o.audiences),
    languages: JSON.stringify(o.languages),
    accessibility: JSON.stringify(o.accessibility),
    cost: o.cost,
    modes: JSON.stringify(o.modes),
    opening_hours: o.openingHours,
    email: o.email,
    phone: o.phone,
    website: o.website,
    booking_url: o.bookingUrl,
    active: toFlag(o.active),
    moderation_status: o.moderationStatus,
    moderation_reason: o.moderationReason,
    checked_at: o.checkedAt,
    is_demo: toFlag(o.isDemo),
    ...stamps(o),
  };
}

export function sessionRow(s: CourseSession): CourseSessionsTable {
  return {
    id: s.id,
    offer_id: s.offerId,
    location_id: s.locationId,
    starts_at: s.startsAt,
    ends_at: s.endsAt,
    capacity: s.capacity,
    cancelled: toFlag(s.cancelled),
    ...stamps(s),
  };
}

function stamps(entity: { createdAt: string; updatedAt: string }): Stamps {
  return { created_at: entity.createdAt, updated_at: entity.updatedAt };
}
