/**
 * Finding offers: the service owns the in-memory search index and, beside it, a card per public
 * offer with what results show. It fills both from the database in one pass at start and
 * refreshes the offers each write touches, so a page of results is answered from memory.
 */
import type { Kysely } from 'kysely';
import { parseJsonList } from '../../platform/db/columns.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { CourseSession, Location, Offer, Organization } from './directory.model.js';
import { getCommune } from './geography/geography.js';
import { locationsFrom, offersFrom, organizationsFrom, sessionsFrom } from './directory.loaders.js';
import { groupTexts, toOffer, toSession } from './directory.rows.js';
import {
  createSearchIndex,
  type IndexedOffer,
  type IndexedPoint,
  type LocalizedText,
  type SearchFacets,
  type SearchIndex,
  type SearchQuery,
} from './search-index.js';
import type { CourseSessionsTable, DirectoryTables, LocationsTable } from './directory.tables.js';
import * as store from './directory.store.js';
import type { TranslationRow } from './directory.store.js';
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
  /** Fills the search index and the result cards from the database; call once before serving. */
  start(): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** Changes whenever a search could find or show something else; the time aside. */
  searchVersion(): number;
  /** A public offer with its organisation, places and next sessions. */
  getOfferCard(id: string): Promise<OfferCard | null>;
  listSessions(query: CalendarQuery): Promise<CalendarEntry[]>;
}

export interface SearchInternals {
  /** Re-reads these offers into the index and their cards (after a write commits). */
  refresh(offerIds: readonly string[]): Promise<void>;
  /** Rebuilds the whole index and every card (after an import). */
  rebuild(): Promise<void>;
}

const NEXT_SESSIONS = 3;

type Db = Kysely<DirectoryTables>;

type OfferSource = Awaited<ReturnType<typeof store.publicOffersForIndex>>[number];

/** One read of a run of public offers: the index records and the result cards come from it. */
interface Sources {
  offers: readonly OfferSource[];
  /** Every location the offers use, as rows (for the index) and as model objects (for cards). */
  locationRows: ReadonlyMap<string, LocationsTable>;
  locations: ReadonlyMap<string, Location>;
  organizations: ReadonlyMap<string, Organization>;
  links: readonly { offer_id: string; location_id: string }[];
  texts: readonly TranslationRow[];
  /** Upcoming sessions that are not cancelled, earliest first, and their titles. */
  sessions: readonly CourseSessionsTable[];
  sessionTexts: readonly TranslationRow[];
}

/**
 * What a result card and the JSON API show of a public offer, kept in memory beside the index
 * so a page of results needs no query. Refreshed by exactly the writes that refresh the index.
 */
interface StoredCard {
  readonly offer: Offer;
  readonly organization: Organization;
  readonly locations: readonly Location[];
  /** The first NEXT_SESSIONS upcoming sessions that are not cancelled, when it was read. */
  readonly sessions: readonly CourseSession[];
  /** The offer had more upcoming sessions than kept: once a kept one has passed, it is read again. */
  readonly moreSessions: boolean;
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

function pointOf(location: LocationsTable): IndexedPoint | null {
  if (location.location_type === 'virtual') return null;
  const commune = location.commune_id ? getCommune(location.commune_id) : undefined;
  // Without exact coordinates the commune's label point stands in, close enough to rank by distance.
  const lat = location.latitude ?? commune?.labelPoint.lat;
  const lon = location.longitude ?? commune?.labelPoint.lon;
  if (lat === undefined || lon === undefined || lat === null || lon === null) return null;
  return { lat: Number(lat), lon: Number(lon), communeId: commune?.id ?? null, cantonId: commune?.cantonId ?? null };
}

/**
 * Codes (locales, sources) and ids that point at another record are the same few strings over
 * and over; each row read brings its own copy. Sharing one copy keeps the cards a good deal
 * smaller. The other texts are left as they are.
 */
function shareRepeatedStrings(sources: Sources): void {
  const shared = new Map<string, string>();
  const one = (value: string): string => {
    const found = shared.get(value);
    if (found !== undefined) return found;
    shared.set(value, value);
    return value;
  };
  for (const row of [...sources.texts, ...sources.sessionTexts]) {
    row.locale = one(row.locale);
    row.source = one(row.source);
  }
  const offerIds = new Map(sources.offers.map((o) => [o.id, o.id]));
  for (const row of sources.offers) {
    row.organization_id = sources.organizations.get(row.organization_id)?.id ?? row.organization_id;
    row.default_locale = one(row.default_locale);
    row.cost = one(row.cost);
  }
  for (const row of sources.sessions) {
    row.offer_id = offerIds.get(row.offer_id) ?? row.offer_id;
    if (row.location_id !== null) row.location_id = sources.locations.get(row.location_id)?.id ?? row.location_id;
  }
  for (const link of sources.links) {
    link.offer_id = offerIds.get(link.offer_id) ?? link.offer_id;
    link.location_id = sources.locations.get(link.location_id)?.id ?? link.location_id;
  }
}

/** Index records and result cards for public offers, built without further queries. */
function toEntries(sources: Sources): { record: IndexedOffer; card: StoredCard | null }[] {
  shareRepeatedStrings(sources);
  const texts = groupTexts(sources.texts);
  const sessionTexts = groupTexts(sources.sessionTexts);
  const placesOf = groupBy(sources.links, (l) => l.offer_id);
  const sessionsOf = groupBy(sources.sessions, (s) => s.offer_id);
  return sources.offers.map((row) => {
    const links = placesOf.get(row.id) ?? [];
    const places: LocationsTable[] = [];
    for (const link of links) {
      const place = sources.locationRows.get(link.location_id);
      if (place) places.push(place);
    }
    const sessions = sessionsOf.get(row.id) ?? [];
    const accessibility = parseJsonList(row.accessibility);
    for (const place of places) accessibility.push(...parseJsonList(place.accessibility));
    const fields = texts.get(row.id);
    const searchable = (field: string): LocalizedText[] => (fields?.get(field) ?? []).map((t) => ({ locale: t.locale, value: t.value }));
    const record: IndexedOffer = {
      id: row.id,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      defaultLocale: row.default_locale as Locale,
      names: searchable('name'),
      descriptions: searchable('description'),
      offerTypes: parseJsonList(row.offer_types),
      audiences: parseJsonList(row.audiences),
      languages: parseJsonList(row.languages),
      accessibility: places.length > 0 ? [...new Set(accessibility)] : accessibility,
      cost: row.cost as IndexedOffer['cost'],
      modes: parseJsonList(row.modes),
      openingHours: row.opening_hours ?? places.find((l) => l.opening_hours)?.opening_hours ?? null,
      points: places.map(pointOf).filter((p): p is IndexedPoint => p !== null),
      sessionStarts: sessions.map((s) => s.starts_at),
      checkedAt: row.checked_at,
      visible: true,
    };
    const organization = sources.organizations.get(row.organization_id);
    const card: StoredCard | null = organization
      ? {
          offer: toOffer(row, texts, links.map((l) => l.location_id)),
          organization,
          locations: links.map((l) => sources.locations.get(l.location_id)).filter((l): l is Location => l !== undefined),
          sessions: sessions.slice(0, NEXT_SESSIONS).map((s) => toSession(s, sessionTexts)),
          moreSessions: sessions.length > NEXT_SESSIONS,
        }
      : null;
    return { record, card };
  });
}

const INDEX_PAGE = 10_000;

async function organizationsById(db: Db, ids: readonly string[]): Promise<Map<string, Organization>> {
  const organizations = await organizationsFrom(db, await store.findOrganizations(db, ids));
  return new Map(organizations.map((o) => [o.id, o]));
}

/**
 * Reads public offers a page at a time (by id, so each related table is read by an id range
 * on its index) and hands them to `take`: six queries per page and a bounded heap. Locations
 * and organisations are read once and shared by the cards that show them.
 */
async function readAllPaged(db: Db, nowIso: string, take: (sources: Sources) => void): Promise<void> {
  const locationRows = await store.locationsForIndex(db);
  const locations = new Map((await locationsFrom(db, locationRows)).map((l) => [l.id, l]));
  const locationRowById = new Map(locationRows.map((l) => [l.id, l]));
  const organizations = new Map<string, Organization>();
  let after: string | null = null;
  for (;;) {
    const offers = await store.publicOffersForIndex(db, { after, limit: INDEX_PAGE });
    const last = offers[offers.length - 1]?.id;
    if (last === undefined) return;
    const scope = { after, last };
    const missing = [...new Set(offers.map((o) => o.organization_id))].filter((id) => !organizations.has(id));
    const [links, texts, sessions, sessionTexts, newOrganizations] = await Promise.all([
      store.offerLocationsForIndex(db, scope),
      store.offerTextsForIndex(db, scope),
      store.upcomingSessionsForIndex(db, scope, nowIso),
      store.upcomingSessionTextsForIndex(db, scope, nowIso),
      organizationsById(db, missing),
    ]);
    for (const [id, organization] of newOrganizations) organizations.set(id, organization);
    take({ offers, locationRows: locationRowById, locations, organizations, links, texts, sessions, sessionTexts });
    after = last;
  }
}

async function readSome(db: Db, offerIds: readonly string[], nowIso: string): Promise<Sources> {
  const offers = await store.publicOffersForIndex(db, { ids: offerIds });
  const scope = { ids: offers.map((o) => o.id) };
  const [links, texts, sessions, sessionTexts, organizations] = await Promise.all([
    store.offerLocationsForIndex(db, scope),
    store.offerTextsForIndex(db, scope),
    store.upcomingSessionsForIndex(db, scope, nowIso),
    store.upcomingSessionTextsForIndex(db, scope, nowIso),
    organizationsById(db, [...new Set(offers.map((o) => o.organization_id))]),
  ]);
  const locationRows = await store.locationsForIndex(db, links.map((l) => l.location_id));
  const locations = await locationsFrom(db, locationRows);
  return {
    offers,
    locationRows: new Map(locationRows.map((l) => [l.id, l])),
    locations: new Map(locations.map((l) => [l.id, l])),
    organizations,
    links,
    texts,
    sessions,
    sessionTexts,
  };
}

export function createSearchService({ db, clock }: DirectoryDeps): SearchService & SearchInternals {
  let index: SearchIndex = createSearchIndex();
  let cards = new Map<string, StoredCard>();
  let version = 0;
  // Refreshes run one after another, so a slower, older read never overwrites a newer one.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function rebuildNow(): Promise<void> {
    const freshIndex = createSearchIndex();
    const freshCards = new Map<string, StoredCard>();
    await readAllPaged(db, clock.now().toISOString(), (sources) => {
      for (const { record, card } of toEntries(sources)) {
        freshIndex.upsert(record);
        if (card) freshCards.set(record.id, card);
      }
    });
    index = freshIndex;
    cards = freshCards;
    version += 1;
  }

  function refresh(offerIds: readonly string[]): Promise<void> {
    if (offerIds.length === 0) return Promise.resolve();
    return serially(async () => {
      // Offers no longer public are not read back, and leave the index.
      const entries = toEntries(await readSome(db, offerIds, clock.now().toISOString()));
      const found = new Set(entries.map((e) => e.record.id));
      for (const id of offerIds) {
        if (found.has(id)) continue;
        index.remove(id);
        cards.delete(id);
      }
      for (const { record, card } of entries) {
        index.upsert(record);
        if (card) cards.set(record.id, card);
        else cards.delete(record.id);
      }
      version += 1;
    });
  }

  // Offers whose kept sessions have started and that have more: read again, once at a time.
  const stale = new Set<string>();
  function refreshSessionsOf(id: string): void {
    if (stale.has(id)) return;
    stale.add(id);
    void refresh([id])
      .catch(() => undefined)
      .finally(() => stale.delete(id));
  }

  function cardOf(id: string, distanceKm: number | null, now: Date): OfferCard | null {
    const stored = cards.get(id);
    if (!stored) return null;
    let nextSessions = stored.sessions;
    const nowIso = now.toISOString();
    if (nextSessions.length > 0 && nextSessions[0]!.startsAt < nowIso) {
      nextSessions = nextSessions.filter((s) => s.startsAt >= nowIso);
      if (stored.moreSessions) refreshSessionsOf(id);
    }
    return { offer: stored.offer, organization: stored.organization, locations: stored.locations, nextSessions, distanceKm };
  }

  return {
    start: () => serially(rebuildNow),
    rebuild: () => serially(rebuildNow),
    refresh,
    searchVersion: () => version,

    async search(query) {
      const now = query.now ?? clock.now();
      const result = index.search({ ...query, now });
      const offers: OfferCard[] = [];
      for (const hit of result.hits) {
        const card = cardOf(hit.id, hit.distanceKm, now);
        if (card) offers.push(card);
      }
      return { total: result.total, facets: result.facets, offers };
    },

    async getOfferCard(id) {
      return cardOf(id, null, clock.now());
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
