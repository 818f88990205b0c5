/**
 * In-memory search over offers. Search must answer at p95 ≤ 25 ms with 50 concurrent
 * connections over 100,000 offers, which a SQL scan per request cannot; the store stays the
 * source of truth and feeds this index with upsert/remove.
 *
 * Each offer gets a slot number (search-slots.ts). Every filter value (offer type, language,
 * commune…) has a bitset of slots; words have postings (search-text.ts). A query ANDs and ORs
 * bitsets, then visits the surviving slots once for the per-offer checks and a numeric sort
 * key fed to a bounded heap (search-run.ts). Facet counts are bitset intersections.
 *
 * Identical queries are answered from a small cache, and facet counts are shared by the sorts
 * and pages of a search; any change to the index empties both, and a result that depends on
 * the time (open now, upcoming sessions) is reused only until the instant it could change.
 */
import type { ContentLocale, Cost } from './directory.model.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { foldedWords } from './fold-text.js';
import type { GeoPoint } from './geography/geography.js';
import { QueryScratch, runQuery } from './search-run.js';
import { SearchSlots } from './search-slots.js';

export interface LocalizedText {
  readonly locale: ContentLocale;
  readonly value: string;
}

export interface IndexedPoint {
  readonly lat: number;
  readonly lon: number;
  readonly communeId: string | null;
  readonly cantonId: string | null;
}

export interface IndexedOffer {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly defaultLocale: Locale;
  /** Every version of the name (all locales, Easy Language too): all of them are searchable. */
  readonly names: readonly LocalizedText[];
  readonly descriptions: readonly LocalizedText[];
  readonly offerTypes: readonly string[];
  readonly audiences: readonly string[];
  readonly languages: readonly string[];
  /** The offer's own accessibility features plus those of its locations. */
  readonly accessibility: readonly string[];
  readonly cost: Cost;
  readonly modes: readonly string[];
  /** The offer's hours, else its first location's. */
  readonly openingHours: string | null;
  /** One per location with coordinates. */
  readonly points: readonly IndexedPoint[];
  /** Start times (ISO 8601) of sessions that are not cancelled; past ones are harmless. */
  readonly sessionStarts: readonly string[];
  readonly checkedAt: string;
  /** Approved and active. Only these are found; upserting a hidden offer takes it out. */
  readonly visible: boolean;
}

export type SearchSort = 'relevance' | 'distance' | 'name' | 'next_session';

export interface SearchQuery {
  /** Every word must start a word of the offer's names, organization or descriptions. */
  readonly text?: string;
  /** Within one list any value matches; across lists all must. */
  readonly offerTypes?: readonly string[];
  readonly audiences?: readonly string[];
  readonly languages?: readonly string[];
  /** All of these are required. */
  readonly accessibility?: readonly string[];
  readonly costs?: readonly string[];
  readonly modes?: readonly string[];
  readonly communeId?: string;
  readonly cantonId?: string;
  /** Enables distances; with radiusKm, offers without a location within it are left out. */
  readonly near?: GeoPoint;
  readonly radiusKm?: number;
  /** Only offers whose opening hours say they are open at `now`. */
  readonly openNow?: boolean;
  readonly now?: Date;
  /** Only offers with a session starting in [sessionFrom, sessionTo); sessionFrom defaults to `now`. */
  readonly sessionFrom?: Date;
  readonly sessionTo?: Date;
  /** 'relevance' (default): text match, then distance or freshness of the information. */
  readonly sort?: SearchSort;
  /** Whose names to sort by for sort = 'name' and ties. */
  readonly locale?: Locale;
  readonly offset?: number;
  readonly limit?: number;
}

export interface SearchHit {
  readonly id: string;
  /** To the nearest of the offer's locations; null without `near` or without locations. */
  readonly distanceKm: number | null;
}

/** Value → number of matching offers; values with no match are absent. */
export type FacetCounts = Readonly<Record<string, number>>;

export interface SearchFacets {
  readonly offerTypes: FacetCounts;
  readonly audiences: FacetCounts;
  readonly languages: FacetCounts;
  readonly costs: FacetCounts;
  readonly modes: FacetCounts;
  readonly cantons: FacetCounts;
}

export interface SearchResult {
  readonly total: number;
  readonly hits: readonly SearchHit[];
  /**
   * For each list, counts as if that list's own selection were cleared (all other filters
   * kept), so a person sees how many offers each further choice would add.
   */
  readonly facets: SearchFacets;
}

export interface SearchIndex {
  upsert(record: IndexedOffer): void;
  remove(id: string): void;
  search(query: SearchQuery): SearchResult;
  /** Number of offers that can be found. */
  readonly size: number;
}

const RESULT_CACHE_SIZE = 1000;
/** Facet counts depend on the filters only, so every sort and page of a search shares them. */
const FACET_CACHE_SIZE = 2000;

interface TimeBound<T> {
  readonly value: T;
  readonly validFrom: number;
  readonly validUntil: number;
}

/** A small LRU map whose entries also hold only over a span of time. */
class TimedCache<T> {
  private readonly entries = new Map<string, TimeBound<T>>();
  constructor(private readonly size: number) {}

  get(key: string, now: number): T | undefined {
    const found = this.entries.get(key);
    if (!found || now < found.validFrom || now >= found.validUntil) return undefined;
    this.entries.delete(key);
    this.entries.set(key, found);
    return found.value;
  }

  set(key: string, value: T, validFrom: number, validUntil: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, validFrom, validUntil });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Everything in a query that can change which offers match, except the time. */
function filterKey(query: SearchQuery): string {
  const list = (values: readonly string[] | undefined): string => [...new Set(values ?? [])].sort().join(',');
  return JSON.stringify([
    foldedWords(query.text ?? '').join(' '),
    list(query.offerTypes),
    list(query.audiences),
    list(query.languages),
    list(query.accessibility),
    list(query.costs),
    list(query.modes),
    query.communeId ?? null,
    query.cantonId ?? null,
    query.near ? [query.near.lat, query.near.lon] : null,
    query.radiusKm ?? null,
    query.openNow === true,
    query.sessionFrom?.getTime() ?? null,
    query.sessionTo?.getTime() ?? null,
  ]);
}

export function createSearchIndex(): SearchIndex {
  const slots = new SearchSlots();
  const scratch = new QueryScratch();
  const results = new TimedCache<SearchResult>(RESULT_CACHE_SIZE);
  const facetCounts = new TimedCache<SearchFacets>(FACET_CACHE_SIZE);
  const forget = (): void => {
    results.clear();
    facetCounts.clear();
  };

  return {
    upsert(record) {
      slots.release(record.id);
      if (record.visible) slots.insert(record);
      forget();
    },
    remove(id) {
      if (!slots.has(id)) return;
      slots.release(id);
      forget();
    },
    search(query) {
      const nowDate = query.now ?? new Date();
      const now = nowDate.getTime();
      const filters = filterKey(query);
      const key = JSON.stringify([filters, query.sort ?? null, query.locale ?? null, query.offset ?? null, query.limit ?? null]);
      const cached = results.get(key, now);
      if (cached) return cached;
      const { result, validUntil } = runQuery(slots, scratch, query, nowDate, facetCounts.get(filters, now));
      results.set(key, result, now, validUntil);
      facetCounts.set(filters, result.facets, now, validUntil);
      return result;
    },
    get size() {
      return slots.live;
    },
  };
}
