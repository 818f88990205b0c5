/**
 * Whole-directory loading and unloading for the open-data importer, the demo seeder and the
 * open-data export: one transaction in, multi-row statements, and keyset-paged chunks out.
 */
import { isoNow } from '../../shared/clock.js';
import type { CourseSession, Location, Offer, Organization } from './directory.model.js';
import {
  groupTexts,
  locationRow,
  offerRow,
  organizationRow,
  sessionRow,
  toLocation,
  toOffer,
  toOrganization,
  toSession,
  translationRows,
  type TextsById,
} from './directory.rows.js';
import type { TranslatedEntity } from './directory.tables.js';
import type { DirectoryRows } from './directory.store.js';
import * as store from './directory.store.js';
import type { DirectoryDeps } from './directory.types.js';

/** The public directory as model entities; also what import takes. */
export interface DirectoryData {
  readonly organizations: readonly Organization[];
  readonly locations: readonly Location[];
  readonly offers: readonly Offer[];
  readonly sessions: readonly CourseSession[];
}

/** Imported entries may leave out bookkeeping: they count as approved and checked now. */
type Imported<T, Optional extends keyof T> = Omit<T, Optional> & Partial<Pick<T, Optional>>;
type Bookkeeping = 'createdAt' | 'updatedAt';

export interface ImportData {
  readonly organizations: readonly Imported<Organization, Bookkeeping | 'moderationStatus' | 'moderationReason' | 'isDemo'>[];
  readonly locations: readonly Imported<Location, Bookkeeping>[];
  readonly offers: readonly Imported<
    Offer,
    Bookkeeping | 'moderationStatus' | 'moderationReason' | 'checkedAt' | 'isDemo' | 'active'
  >[];
  readonly sessions: readonly Imported<CourseSession, Bookkeeping | 'cancelled'>[];
}

export interface ImportOptions {
  /** Remove the whole directory first (registrations and moderation history too). */
  readonly replace?: boolean;
}

export interface ImportCounts {
  readonly organizations: number;
  readonly locations: number;
  readonly offers: number;
  readonly sessions: number;
}

export interface BulkService {
  /** One transaction; existing ids are overwritten unless `replace` clears everything first. */
  importDirectory(data: ImportData, options?: ImportOptions): Promise<ImportCounts>;
  /** Every public entry, a few hundred organisations at a time, each chunk self-contained. */
  exportDirectory(options?: { organizationsPerChunk?: number }): AsyncGenerator<DirectoryData>;
  /** Organisations and offers that are demo data, and those that are real listings. */
  contents(): Promise<{ demo: number; real: number }>;
}

export interface BulkHooks {
  /** Called after an import commits, to rebuild what is derived from the whole directory. */
  readonly directoryReplaced: () => Promise<void>;
}

function toRows(data: ImportData, now: string): DirectoryRows {
  const stamped = <T extends { createdAt?: string; updatedAt?: string }>(e: T) => ({
    ...e,
    createdAt: e.createdAt ?? now,
    updatedAt: e.updatedAt ?? e.createdAt ?? now,
  });
  const organizations = data.organizations.map((o) =>
    stamped({ moderationStatus: 'approved' as const, moderationReason: null, isDemo: false, ...o }),
  );
  const locations = data.locations.map(stamped);
  const offers = data.offers.map((o) =>
    stamped({ moderationStatus: 'approved' as const, moderationReason: null, isDemo: false, active: true, checkedAt: now, ...o }),
  );
  const sessions = data.sessions.map((s) => stamped({ cancelled: false, ...s }));
  return {
    organizations: organizations.map(organizationRow),
    locations: locations.map(locationRow),
    offers: offers.map(offerRow),
    offerLocations: offers.flatMap((o) =>
      [...new Set(o.locationIds)].map((locationId, position) => ({ offer_id: o.id, location_id: locationId, position })),
    ),
    sessions: sessions.map(sessionRow),
    translations: [
      ...organizations.flatMap((o) => translationRows('organization', o, now)),
      ...locations.flatMap((l) => translationRows('location', l, now)),
      ...offers.flatMap((o) => translationRows('offer', o, now)),
      ...sessions.flatMap((s) => translationRows('session', s, now)),
    ],
  };
}

export function createBulkService({ db, clock }: DirectoryDeps, hooks: BulkHooks): BulkService {
  return {
    contents: () => store.countDemoAndReal(db),

    async importDirectory(data, options = {}) {
      const rows = toRows(data, isoNow(clock));
      await db.transaction().execute(async (trx) => {
        if (options.replace) {
          await store.deleteDirectory(trx);
        } else {
          // Overwritten entries lose the text versions the new data no longer has.
          await store.deleteTranslationsOf(trx, 'organization', rows.organizations.map((r) => r.id));
          await store.deleteTranslationsOf(trx, 'location', rows.locations.map((r) => r.id));
          await store.deleteTranslationsOf(trx, 'offer', rows.offers.map((r) => r.id));
          await store.deleteTranslationsOf(trx, 'session', rows.sessions.map((r) => r.id));
        }
        await store.upsertDirectoryRows(trx, rows);
      });
      await store.analyzeDirectory(db);
      await hooks.directoryReplaced();
      return {
        organizations: rows.organizations.length,
        locations: rows.locations.length,
        offers: rows.offers.length,
        sessions: rows.sessions.length,
      };
    },

    async *exportDirectory(options = {}) {
      const size = options.organizationsPerChunk ?? 200;
      let after: string | null = null;
      for (;;) {
        const organizationRows = await store.pageOfApprovedOrganizations(db, after, size);
        if (organizationRows.length === 0) return;
        after = organizationRows[organizationRows.length - 1]!.id;
        const ids = organizationRows.map((o) => o.id);
        const rows = await store.publicRowsOfOrganizations(db, ids);
        // Imported ids are only unique per entity type, so texts are grouped per type.
        const textsOf = (type: TranslatedEntity) => groupTexts(rows.translations.filter((t) => t.entity_type === type));
        const placesOf = new Map<string, string[]>();
        for (const link of [...rows.offerLocations].sort((a, b) => a.position - b.position)) {
          const list = placesOf.get(link.offer_id);
          if (list) list.push(link.location_id);
          else placesOf.set(link.offer_id, [link.location_id]);
        }
        const [organizationTexts, locationTexts, offerTexts, sessionTexts] = (
          ['organization', 'location', 'offer', 'session'] as const
        ).map(textsOf) as [TextsById, TextsById, TextsById, TextsById];
        yield {
          organizations: organizationRows.map((r) => toOrganization(r, organizationTexts)),
          locations: rows.locations.map((r) => toLocation(r, locationTexts)),
          offers: rows.offers.map((r) => toOffer(r, offerTexts, placesOf.get(r.id) ?? [])),
          sessions: rows.sessions.map((r) => toSession(r, sessionTexts)),
        };
      }
    },
  };
}
