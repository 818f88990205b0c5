/**
 * Finding offers: the service owns the in-memory search index, fills it from the database in
 * one pass at start, refreshes the offers each write touches, and hydrates result pages from
 * the database in a fixed number of queries.
 */
import type { Kysely } from 'kysely';
import { parseJsonList } from '../../platform/db/columns.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { ContentLocale, CourseSession, Location, Offer, Organization } from './directory.model.js';
import { getCommune } from './geography/geography.js';
import { locationsFrom, offersFrom, organizationsFrom, sessionsFrom } from './directory.loaders.js';
import {
  createSearchIndex,
  type IndexedOffer,
  type IndexedPoint,
  type LocalizedText,
  type SearchFacets,
  type SearchIndex,
  type SearchQuery,
} from './search-index.js';
import type { DirectoryTables } from './directory.tables.js';
import * as store from './directory.store.js';
import type { DirectoryDeps } from './directory.types.js';

/** An offer with everything a result card or an offer page shows. */
export interface OfferCard {
  readonly offer: Offer;
  readonly organization: Organization;
  /** In the provider's order. */
  readonly locations: readonly Location[];
  /** The next few upcoming sessions that are not cancelled. */
  readonly nextSessions: readonly CourseSession[];
  /** To the nearest location, when the query had `near`. */
  readonly distanceKm: number | null;
}

export interface SearchPage {
  readonly total: number;
  readonly offers: readonly OfferCard[];
  readonly facets: SearchFacets;
}

export interface CalendarQuery {
  /** ISO instants: sessions starting in [from, to). */
  readonly from: string;
  readonly to: string;
  readonly offerId?: string;
  readonly organizationId?: string;
  /** The session's place, or the offer's places when the session has none. */
  readonly communeId?: string;
  readonly includeCancelled?: boolean;
  /** At most 500; defaults to 200. */
  readonly limit?: number;
}

export interface CalendarEntry {
  readonly session: CourseSession;
  readonly offer: Offer;
  readonly organization: Organization;
  readonly location: Location | null;
  readonly confirmed: number;
  readonly placesLeft: number;
}

export interface SearchService {
  /** Fills the search index from the database; call once before serving. */
  start(): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** A public offer with its organisation, places and next sessions. */
  getOfferCard(id: string): Promise<OfferCard | null>;
  listSessions(query: CalendarQuery): Promise<CalendarEntry[]>;
}

export interface SearchInternals {
  /** Re-reads these offers into the index (after a write commits). */
  refresh(offerIds: readonly string[]): Promise<void>;
  /** Rebuilds the whole index (after an import). */
  rebuild(): Promise<void>;
}

const NEXT_SESSIONS = 3;

type Db = Kysely<DirectoryTables>;

type OfferSource = Awaited<ReturnType<typeof store.publicOffersForIndex>>[number];
type LocationSource = Awaited<ReturnType<typeof store.locationsForIndex>>[number];
type TextSource = Awaited<ReturnType<typeof store.offerTextsForIndex>>[number];

interface Sources {
  offers: readonly OfferSource[];
  locations: ReadonlyMap<string, LocationSource>;
  links: readonly { offer_id: string; location_id: string }[];
  texts: readonly TextSource[];
  sessionStarts: readonly { offer_id: string; starts_at: string }[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function pointOf(location: LocationSource): IndexedPoint | null {
  if (location.location_type === 'virtual') return null;
  const commune = location.commune_id ? getCommune(location.commune_id) : undefined;
  // Without exact coordinates the commune's label point stands in, close enough to rank by distance.
  const lat = location.latitude ?? commune?.labelPoint.lat;
  const lon = location.longitude ?? commune?.labelPoint.lon;
  if (lat === undefined || lon === undefined || lat === null || lon === null) return null;
  return { lat: Number(lat), lon: Number(lon), communeId: commune?.id ?? null, cantonId: commune?.cantonId ?? null };
}

/** Index records for public offers, built without further queries. */
function toRecords(sources: Sources): IndexedOffer[] {
  const textsOf = new Map<string, { names: LocalizedText[]; descriptions: LocalizedText[] }>();
  for (const t of sources.texts) {
    let entry = textsOf.get(t.entity_id);
    if (!entry) textsOf.set(t.entity_id, (entry = { names: [], descriptions: [] }));
    (t.field === 'name' ? entry.names : entry.descriptions).push({ locale: t.locale as ContentLocale, value: t.value });
  }
  const placesOf = groupBy(sources.links, (l) => l.offer_id);
  const startsOf = new Map<string, string[]>();
  for (const s of sources.sessionStarts) {
    const list = startsOf.get(s.offer_id);
    if (list) list.push(s.starts_at);
    else startsOf.set(s.offer_id, [s.starts_at]);
  }
  return sources.offers.map((offer) => {
    const places: LocationSource[] = [];
    for (const link of placesOf.get(offer.id) ?? []) {
      const place = sources.locations.get(link.location_id);
      if (place) places.push(place);
    }
    const texts = textsOf.get(offer.id);
    const accessibility = parseJsonList(offer.accessibility);
    for (const place of places) accessibility.push(...parseJsonList(place.accessibility));
    return {
      id: offer.id,
      organizationId: offer.organization_id,
      organizationName: offer.organization_name,
      defaultLocale: offer.default_locale as Locale,
      names: texts?.names ?? [],
      descriptions: texts?.descriptions ?? [],
      offerTypes: parseJsonList(offer.offer_types),
      audiences: parseJsonList(offer.audiences),
      languages: parseJsonList(offer.languages),
      accessibility: places.length > 0 ? [...new Set(accessibility)] : accessibility,
      cost: offer.cost as IndexedOffer['cost'],
      modes: parseJsonList(offer.modes),
      openingHours: offer.opening_hours ?? places.find((l) => l.opening_hours)?.opening_hours ?? null,
      points: places.map(pointOf).filter((p): p is IndexedPoint => p !== null),
      sessionStarts: startsOf.get(offer.id) ?? [],
      checkedAt: offer.checked_at,
      visible: true,
    };
  });
}

const INDEX_PAGE = 10_000;

/**
 * Reads public offers a page at a time (by id, so each related table is read by an id range
 * on its index) and hands their records to `take`: four queries per page and a bounded heap.
 */
async function readAllPaged(db: Db, nowIso: string, take: (records: IndexedOffer[]) => void): Promise<void> {
  const locations = new Map((await store.locationsForIndex(db)).map((l) => [l.id, l]));
  let after: string | null = null;
  for (;;) {
    const offers = await store.publicOffersForIndex(db, { after, limit: INDEX_PAGE });
    const last = offers[offers.length - 1]?.id;
    if (last === undefined) return;
    const scope = { after, last };
    const [links, texts, sessionStarts] = await Promise.all([
      store.offerLocationsForIndex(db, scope),
      store.offerTextsForIndex(db, scope),
      store.sessionStartsForIndex(db, scope, nowIso),
    ]);
    take(toRecords({ offers, locations, links, texts, sessionStarts }));
    after = last;
  }
}

async function readSome(db: Db, offerIds: readonly string[], nowIso: string): Promise<Sources> {
  const offers = await store.publicOffersForIndex(db, { ids: offerIds });
  const scope = { ids: offers.map((o) => o.id) };
  const [links, texts, sessionStarts] = await Promise.all([
    store.offerLocationsForIndex(db, scope),
    store.offerTextsForIndex(db, scope),
    store.sessionStartsForIndex(db, scope, nowIso),
  ]);
  const locations = await store.locationsForIndex(db, links.map((l) => l.location_id));
  return { offers, locations: new Map(locations.map((l) => [l.id, l])), links, texts, sessionStarts };
}

export function createSearchService({ db, clock }: DirectoryDeps): SearchService & SearchInternals {
  let index: SearchIndex = createSearchIndex();
  // Refreshes run one after another, so a slower, older read never overwrites a newer one.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function rebuildNow(): Promise<void> {
    const fresh = createSearchIndex();
    await readAllPaged(db, clock.now().toISOString(), (records) => {
      for (const record of records) fresh.upsert(record);
    });
    index = fresh;
  }

  /** Cards for these offers, in this order, in a fixed number of queries. */
  async function cards(hits: readonly { id: string; distanceKm: number | null }[]): Promise<OfferCard[]> {
    const ids = hits.map((h) => h.id);
    const offers = await offersFrom(db, await store.findOffers(db, ids));
    const locationIds = offers.flatMap((o) => o.locationIds);
    const [organizations, locations, sessions] = await Promise.all([
      store.findOrganizations(db, offers.map((o) => o.organizationId)).then((rows) => organizationsFrom(db, rows)),
      store.findLocations(db, locationIds).then((rows) => locationsFrom(db, rows)),
      store.nextSessionsOf(db, ids, clock.now().toISOString(), NEXT_SESSIONS).then((rows) => sessionsFrom(db, rows)),
    ]);
    const offerById = new Map(offers.map((o) => [o.id, o]));
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const locationById = new Map(locations.map((l) => [l.id, l]));
    const sessionsOf = groupBy(sessions, (s) => s.offerId);
    const out: OfferCard[] = [];
    for (const hit of hits) {
      const offer = offerById.get(hit.id);
      const organization = offer && organizationById.get(offer.organizationId);
      if (!offer || !organization) continue;
      out.push({
        offer,
        organization,
        locations: offer.locationIds.map((id) => locationById.get(id)).filter((l): l is Location => l !== undefined),
        nextSessions: sessionsOf.get(offer.id) ?? [],
        distanceKm: hit.distanceKm,
      });
    }
    return out;
  }

  return {
    start: () => serially(rebuildNow),
    rebuild: () => serially(rebuildNow),

    refresh(offerIds) {
      if (offerIds.length === 0) return Promise.resolve();
      return serially(async () => {
        // Offers no longer public are not read back, and leave the index.
        const records = toRecords(await readSome(db, offerIds, clock.now().toISOString()));
        const found = new Set(records.map((r) => r.id));
        for (const id of offerIds) if (!found.has(id)) index.remove(id);
        for (const record of records) index.upsert(record);
      });
    },

    async search(query) {
      const result = index.search({ now: clock.now(), ...query });
      return { total: result.total, facets: result.facets, offers: await cards(result.hits) };
    },

    async getOfferCard(id) {
      if (!(await store.isPublicOffer(db, id))) return null;
      return (await cards([{ id, distanceKm: null }]))[0] ?? null;
    },

    async listSessions(query) {
      const rows = await store.listPublicSessions(db, {
        from: query.from,
        to: query.to,
        offerId: query.offerId,
        organizationId: query.organizationId,
        communeId: query.communeId,
        includeCancelled: query.includeCancelled,
        limit: Math.min(Math.max(query.limit ?? 200, 1), 500),
      });
      const offerIds = [...new Set(rows.map((r) => r.offer_id))];
      const [sessions, offers, counts, locations] = await Promise.all([
        sessionsFrom(db, rows),
        store.findOffers(db, offerIds).then((r) => offersFrom(db, r)),
        store.confirmedCounts(db, rows.map((r) => r.id)),
        store
          .findLocations(db, rows.flatMap((r) => (r.location_id ? [r.location_id] : [])))
          .then((r) => locationsFrom(db, r)),
      ]);
      const organizations = await organizationsFrom(db, await store.findOrganizations(db, offers.map((o) => o.organizationId)));
      const offerById = new Map(offers.map((o) => [o.id, o]));
      const organizationById = new Map(organizations.map((o) => [o.id, o]));
      const locationById = new Map(locations.map((l) => [l.id, l]));
      const entries: CalendarEntry[] = [];
      for (const session of sessions) {
        const offer = offerById.get(session.offerId);
        const organization = offer && organizationById.get(offer.organizationId);
        if (!offer || !organization) continue;
        const confirmed = counts.get(session.id) ?? 0;
        entries.push({
          session,
          offer,
          organization,
          location: session.locationId ? (locationById.get(session.locationId) ?? null) : null,
          confirmed,
          placesLeft: session.cancelled ? 0 : Math.max(0, session.capacity - confirmed),
        });
      }
      return entries;
    },
  };
}
