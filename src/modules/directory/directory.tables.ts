export interface OrganizationsTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  is_demo: number;
  moderation_status: string;
  moderation_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface LocationsTable {
  id: string;
  organization_id: string;
  name: string;
  location_type: string;
  address: string | null;
  postal_code: string | null;
  locality: string | null;
  commune_id: string | null;
  latitude: number | null;
  longitude: number | null;
  /** JSON list of accessibility codes. */
  accessibility: string;
  opening_hours: string | null;
  created_at: string;
  updated_at: string;
}

export interface OffersTable {
  id: string;
  organization_id: string;
  default_locale: string;
  /** JSON lists of vocabulary codes. */
  offer_types: string;
  audiences: string;
  languages: string;
  accessibility: string;
  cost: string;
  modes: string;
  opening_hours: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  booking_url: string | null;
  active: number;
  moderation_status: string;
  moderation_reason: string | null;
  checked_at: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface OfferLocationsTable {
  offer_id: string;
  location_id: string;
  /** Keeps the provider's order of places. */
  position: number;
}

export interface CourseSessionsTable {
  id: string;
  offer_id: string;
  location_id: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number;
  cancelled: number;
  created_at: string;
  updated_at: string;
}

export interface RegistrationsTable {
  id: string;
  session_id: string;
  name: string;
  contact: string;
  needs: string | null;
  status: string;
  cancel_token_hash: string;
  created_at: string;
  updated_at: string;
}

export type TranslatedEntity = 'organization' | 'location' | 'offer' | 'session';

export interface TranslationsTable {
  entity_type: string;
  entity_id: string;
  field: string;
  locale: string;
  value: string;
  source: string;
  updated_at: string;
}

export interface OfferReportsTable {
  id: string;
  offer_id: string;
  kind: string;
  message: string | null;
  resolved: number;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

export interface PendingChangesTable {
  id: string;
  entity_type: string;
  entity_id: string;
  organization_id: string;
  proposed_by: string;
  /** JSON of the proposed input, as the service validated it. */
  proposed: string;
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface DirectoryTables {
  organizations: OrganizationsTable;
  locations: LocationsTable;
  offers: OffersTable;
  offer_locations: OfferLocationsTable;
  course_sessions: CourseSessionsTable;
  registrations: RegistrationsTable;
  translations: TranslationsTable;
  offer_reports: OfferReportsTable;
  pending_changes: PendingChangesTable;
}
