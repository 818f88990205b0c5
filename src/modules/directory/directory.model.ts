/**
 * The directory's data model: Open Referral HSDS 3.0 (organization, location, service,
 * service_at_location) in a Luxembourg profile, plus dated sessions with capacity and
 * registrations. Coded lists are in vocabulary.ts; their labels are messages.
 */
import type { Locale } from '../../platform/i18n/locales.js';

/** The five UI languages plus Easy Language versions of them ("de-easy", "fr-easy", …). */
export type ContentLocale = Locale | `${Locale}-easy`;
export type TranslationSource = 'author' | 'machine' | 'reviewed';
export type ModerationStatus = 'pending' | 'approved' | 'rejected';

/** One version of one text field; the field's value in the offer's own language is one of them. */
export interface Translation {
  readonly locale: ContentLocale;
  readonly value: string;
  readonly source: TranslationSource;
}

/** Text fields that carry translations, per entity. */
export type TranslatedText = readonly Translation[];

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly description: TranslatedText;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
  readonly isDemo: boolean;
  readonly moderationStatus: ModerationStatus;
  /** Why a moderator rejected the organisation; shown to its provider. */
  readonly moderationReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type LocationType = 'physical' | 'mobile' | 'virtual';

export interface Location {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly locationType: LocationType;
  readonly address: string | null;
  readonly postalCode: string | null;
  readonly locality: string | null;
  /** Commune id from the geography data (e.g. "esch-sur-alzette"); mobile locations name where they stop in their description. */
  readonly communeId: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly accessibility: readonly string[];
  readonly openingHours: string | null;
  readonly description: TranslatedText;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type Cost = 'free' | 'free_conditions' | 'paid';

export interface Offer {
  readonly id: string;
  readonly organizationId: string;
  /** The language the provider wrote the offer in. */
  readonly defaultLocale: Locale;
  readonly name: TranslatedText;
  readonly description: TranslatedText;
  readonly offerTypes: readonly string[];
  readonly audiences: readonly string[];
  /** ISO 639-1 codes of the languages the helpers speak. */
  readonly languages: readonly string[];
  readonly accessibility: readonly string[];
  readonly cost: Cost;
  readonly costDetails: TranslatedText;
  readonly modes: readonly string[];
  /** OSM opening_hours syntax; null means "see the location" or "by appointment". */
  readonly openingHours: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
  readonly bookingUrl: string | null;
  readonly locationIds: readonly string[];
  readonly active: boolean;
  readonly moderationStatus: ModerationStatus;
  readonly moderationReason: string | null;
  /** When a provider or moderator last confirmed the information is right. */
  readonly checkedAt: string;
  readonly isDemo: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CourseSession {
  readonly id: string;
  readonly offerId: string;
  readonly locationId: string | null;
  readonly title: TranslatedText;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly capacity: number;
  readonly cancelled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface Registration {
  readonly id: string;
  readonly sessionId: string;
  readonly name: string;
  readonly contact: string;
  readonly needs: string | null;
  readonly status: RegistrationStatus;
  readonly createdAt: string;
}

export type ReportKind = 'closed' | 'wrong_information';

export interface OfferReport {
  readonly id: string;
  readonly offerId: string;
  readonly kind: ReportKind;
  readonly message: string | null;
  readonly resolved: boolean;
  readonly resolvedAt: string | null;
  readonly createdAt: string;
}

export type ChangeStatus = 'pending' | 'approved' | 'rejected' | 'superseded';
export type ModeratedEntity = 'organization' | 'location' | 'offer';

/**
 * An edit by a provider who is not trusted yet, waiting for a moderator. `proposed` is the
 * complete new version as the provider submitted it (the service's input type for the entity).
 */
export interface PendingChange {
  readonly id: string;
  readonly entityType: ModeratedEntity;
  readonly entityId: string;
  readonly organizationId: string;
  readonly proposedBy: string;
  readonly proposed: unknown;
  readonly status: ChangeStatus;
  /** Why a moderator rejected it; shown to the provider. */
  readonly reason: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}
