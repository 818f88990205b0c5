/**
 * Answers one query over the slots: bitset filters first, then the per-offer checks on what
 * is left, facet counts, and a numeric sort key per match fed to a bounded heap.
 */
import { foldedWords } from './fold-text.js';
import { distanceKm, type GeoPoint } from './geography/geography.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { andInto, count, countAnd, hasBit, nonZeroRange, orInto, setBit } from './search-bitset.js';
import type { SearchFacets, SearchQuery, SearchResult, SearchSort } from './search-index.js';
import { flatDistance } from './search-grid.js';
import { FACET_STRIDE, FACETS, type Dimension, type Facet, type SearchSlots } from './search-slots.js';
import type { PrefixMatch } from './search-text.js';
import { TopK } from './search-top-k.js';

const DEFAULT_LIMIT = 20;
/** The flat-earth distance is within this factor of the true one where flatEarthHolds. */
const APPROXIMATION_MARGIN = 0.03;
const flatEarthHolds = (near: GeoPoint, km: number): boolean => km <= 100 && Math.abs(near.lat) <= 60;
/** Sort keys pack a primary and a secondary key into one number. */
const SCORE_OVER_DISTANCE = 1e6;
const SCORE_OVER_TIME = 1e13;
/** Ranking one match costs about as much as looking at this many slots of a fixed order. */
const WALK_COST = 3;

/** Per-query working memory, reused from query to query and resized with the index. */
export class QueryScratch {
  private capacity = -1;
  core = new Uint32Array(0);
  final = new Uint32Array(0);
  facet = new Uint32Array(0);
  selected = {} as Record<Facet, Uint32Array>;
  within = new Uint32Array(0);
  key = new Float64Array(0);
  score = new Float64Array(0);
  /** seen[slot] === stamp marks a slot already handled in this query. */
  seen = new Int32Array(0);
  private stamp = 0;

  nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  fit(slots: SearchSlots): void {
    if (this.capacity === slots.capacity) return;
    this.capacity = slots.capacity;
    this.core = new Uint32Array(slots.words);
    this.final = new Uint32Array(slots.words);
    this.facet = new Uint32Array(slots.words);
    this.selected = Object.fromEntries(FACETS.map((f) => [f, new Uint32Array(slots.words)])) as Record<Facet, Uint32Array>;
    this.within = new Uint32Array(slots.words);
    this.seen = new Int32Array(slots.capacity);
    this.stamp = 0;
    this.key = new Float64Array(slots.capacity);
    this.score = new Float64Array(slots.capacity);
  }
}

export interface QueryOutcome {
  readonly result: SearchResult;
  /** The result depends on the time only up to this instant (Infinity: not at all). */
  readonly validUntil: number;
}

function wholeNumber(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : fallback;
}

function andValue(slots: SearchSlots, target: Uint32Array, dimension: Dimension, value: string): void {
  const bits = slots.values[dimension].get(value);
  if (bits) andInto(target, bits);
  else target.fill(0);
}

/**
 * Clears the slots of `core` with no location within `radius` km, looking only at the grid
 * cells that reach into the circle; cells wholly inside it need no distance at all. Exact at
 * the edge.
 */
function keepWithin(slots: SearchSlots, scratch: QueryScratch, core: Uint32Array, near: GeoPoint, radius: number, cosLat: number): void {
  const exactOnly = !flatEarthHolds(near, radius);
  const outer = exactOnly ? Infinity : radius * (1 + APPROXIMATION_MARGIN);
  const inner = exactOnly ? -1 : radius * (1 - APPROXIMATION_MARGIN);
  const within = scratch.within;
  within.fill(0);
  for (const { cell, distance } of slots.cellsByDistance(near, cosLat)) {
    if (distance > outer) break;
    const whole = cell.farthestFrom(near, cosLat) <= inner;
    const { slots: ids, lats, lons, length } = cell;
    for (let i = 0; i < length; i += 1) {
      const slot = ids[i]!;
      if (!hasBit(core, slot)) continue;
      if (!whole) {
        const d = flatDistance(near, lats[i]!, lons[i]!, cosLat);
        if (d > outer || (d > inner && distanceKm(near, { lat: lats[i]!, lon: lons[i]! }) > radius)) continue;
      }
      setBit(within, slot);
    }
  }
  andInto(core, within);
}

/**
 * Offers the matches to `top` by exact distance, walking the grid cells nearest first and
 * stopping once no remaining cell can beat the worst slot kept; offers without a location
 * come last.
 */
function rankByDistance(slots: SearchSlots, scratch: QueryScratch, top: TopK, near: GeoPoint, cosLat: number, scoreOf: (slot: number) => number): void {
  const { final, key, score, seen } = scratch;
  const stamp = scratch.nextStamp();
  for (const { cell, distance } of slots.cellsByDistance(near, cosLat)) {
    if (top.full && flatEarthHolds(near, top.worstKey) && distance * (1 - APPROXIMATION_MARGIN) > top.worstKey) break;
    for (let i = 0; i < cell.length; i += 1) {
      const slot = cell.slots[i]!;
      if (seen[slot] === stamp || !hasBit(final, slot)) continue;
      seen[slot] = stamp;
      score[slot] = scoreOf(slot);
      key[slot] = slots.exactDistance(slot, near)!;
      top.offer(slot);
    }
  }
  if (top.full) return;
  const lat = slots.lat;
  for (let w = 0; w < final.length; w += 1) {
    let bits = final[w]!;
    while (bits !== 0) {
      const lowest = bits & -bits;
      bits ^= lowest;
      const slot = (w << 5) | (31 - Math.clz32(lowest));
      if (lat[slot] === lat[slot]) continue;
      score[slot] = scoreOf(slot);
      key[slot] = Infinity;
      top.offer(slot);
    }
  }
}

/** Clears the slots of `core` without a session in [from, to); returns the earliest start kept. */
function keepWithSession(slots: SearchSlots, core: Uint32Array, from: number, to: number): number {
  let earliest = Infinity;
  for (let w = 0; w < core.length; w += 1) {
    let bits = core[w]!;
    let kept = bits;
    while (bits !== 0) {
      const lowest = bits & -bits;
      bits ^= lowest;
      const start = slots.firstSession((w << 5) | (31 - Math.clz32(lowest)), from, to);
      if (start === Infinity) kept &= ~lowest;
      else if (start < earliest) earliest = start;
    }
    core[w] = kept;
  }
  return earliest;
}

/**
 * Facet counts either intersect each value's bitset with the matches (cost: values × words) or
 * visit each match and count its values (cost: matches × a few values); whichever is cheaper.
 * Visiting one match costs about this many word intersections.
 */
const VISIT_COST = 4;

function countFacets(slots: SearchSlots, scratch: QueryScratch, active: readonly Facet[]): SearchFacets {
  const counts = {} as Record<Facet, Record<string, number>>;
  const countOver = (facets: readonly Facet[], base: Uint32Array): void => {
    const range = nonZeroRange(base);
    let values = 0;
    for (const facet of facets) values += slots.values[facet].size;
    if (count(base) * VISIT_COST < values * (range[1] - range[0])) Object.assign(counts, countByVisit(slots, facets, base, range));
    else for (const facet of facets) counts[facet] = countByBitset(slots.values[facet], base, range);
  };
  countOver(
    FACETS.filter((f) => !active.includes(f)),
    scratch.final,
  );
  for (const facet of active) {
    // A list is counted as if its own choice were cleared.
    const base = scratch.facet;
    base.set(scratch.core);
    for (const other of active) if (other !== facet) andInto(base, scratch.selected[other]);
    countOver([facet], base);
  }
  return counts;
}

function countByBitset(values: ReadonlyMap<string, Uint32Array>, base: Uint32Array, range: [number, number]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [value, bits] of values) {
    const n = countAnd(base, bits, range[0], range[1]);
    if (n > 0) result[value] = n;
  }
  return result;
}

function countByVisit(slots: SearchSlots, facets: readonly Facet[], base: Uint32Array, range: [number, number]): Partial<Record<Facet, Record<string, number>>> {
  const tally = new Int32Array(FACETS.length * FACET_STRIDE);
  const { facetPool: pool, facetAt, facetCount } = slots;
  for (let w = range[0]; w < range[1]; w += 1) {
    let bits = base[w]!;
    while (bits !== 0) {
      const lowest = bits & -bits;
      bits ^= lowest;
      const slot = (w << 5) | (31 - Math.clz32(lowest));
      const end = facetAt[slot]! + facetCount[slot]!;
      for (let i = facetAt[slot]!; i < end; i += 1) tally[pool[i]!]! += 1;
    }
  }
  const out: Partial<Record<Facet, Record<string, number>>> = {};
  for (const facet of facets) {
    const f = FACETS.indexOf(facet);
    const names = slots.facetValueNames[f]!;
    const result: Record<string, number> = {};
    for (let n = 0; n < names.length; n += 1) {
      const found = tally[f * FACET_STRIDE + n]!;
      if (found > 0) result[names[n]!] = found;
    }
    out[facet] = result;
  }
  return out;
}

/** `knownFacets`: the facet counts of the same filters, when an earlier query has counted them. */
export function runQuery(slots: SearchSlots, scratch: QueryScratch, query: SearchQuery, nowDate: Date, knownFacets?: SearchFacets): QueryOutcome {
  scratch.fit(slots);
  const { core, final, key } = scratch;
  const now = nowDate.getTime();
  const offset = wholeNumber(query.offset, 0);
  const limit = wholeNumber(query.limit, DEFAULT_LIMIT);
  const near = query.near;
  const cosLat = near ? Math.cos((near.lat * Math.PI) / 180) : 0;
  const sessionFrom = query.sessionFrom?.getTime() ?? now;
  const sessionTo = query.sessionTo?.getTime() ?? Infinity;
  const sort: SearchSort = query.sort === 'distance' && !near ? 'relevance' : (query.sort ?? 'relevance');
  const localeIndex = Math.max(0, LOCALES.indexOf(query.locale ?? LOCALES[0]));
  let validUntil = Infinity;

  // Filters that are not facets.
  core.set(slots.alive);
  const matches: PrefixMatch[] = [...new Set(foldedWords(query.text ?? ''))].map((word) => slots.text.match(word, slots.words));
  for (const match of matches) andInto(core, match.any);
  for (const feature of query.accessibility ?? []) andValue(slots, core, 'accessibility', feature);
  if (query.communeId !== undefined) andValue(slots, core, 'communes', query.communeId);
  if (query.openNow) {
    const open = slots.openSlots(nowDate);
    andInto(core, open.bits);
    validUntil = Math.min(validUntil, open.validUntil);
  }
  if (near && query.radiusKm !== undefined && query.radiusKm >= 0) keepWithin(slots, scratch, core, near, query.radiusKm, cosLat);
  if (query.sessionFrom !== undefined || query.sessionTo !== undefined) {
    const earliest = keepWithSession(slots, core, sessionFrom, sessionTo);
    if (query.sessionFrom === undefined) validUntil = Math.min(validUntil, earliest);
  }

  // Facet lists: any selected value matches.
  const active: Facet[] = [];
  for (const facet of FACETS) {
    const chosen = facet === 'cantons' ? (query.cantonId !== undefined ? [query.cantonId] : []) : (query[facet] ?? []);
    if (chosen.length === 0) continue;
    const bits = scratch.selected[facet];
    bits.fill(0);
    for (const value of chosen) {
      const valueSet = slots.values[facet].get(value);
      if (valueSet) orInto(bits, valueSet);
    }
    active.push(facet);
  }
  final.set(core);
  for (const facet of active) andInto(final, scratch.selected[facet]);
  const facets = knownFacets ?? countFacets(slots, scratch, active);

  // Rank every match by a numeric key; a bounded heap keeps the page.
  const wanted = offset + limit;
  const total = count(final);
  if (wanted === 0 || total === 0) return { result: { total, hits: [], facets }, validUntil };
  const scoreOf = (slot: number): number => {
    let s = 0;
    for (const match of matches) s += hasBit(match.exactTitle, slot) ? 3 : hasBit(match.title, slot) ? 2 : 1;
    return s;
  };
  const nameNumbers = slots.nameNumbers[localeIndex]!;
  const checkedAt = slots.checkedAt;
  let earliestNext = Infinity;
  const keyOf: (slot: number) => number =
    sort === 'name'
      ? (slot) => nameNumbers[slot]!
      : sort === 'next_session'
        ? (slot) => {
            const next = slots.firstSession(slot, sessionFrom, sessionTo);
            if (next < earliestNext) earliestNext = next;
            return next;
          }
        : near
          ? (slot) => -scoreOf(slot) * SCORE_OVER_DISTANCE + Math.min(slots.roughDistance(slot, near, cosLat), SCORE_OVER_DISTANCE - 1)
          : (slot) => -scoreOf(slot) * SCORE_OVER_TIME - checkedAt[slot]!;
  // By name, or without words and place by freshness, every offer has a fixed place in line;
  // walking that line until the page is full beats ranking every match when matches are many.
  const fixedOrder = sort === 'name' || (sort === 'relevance' && !near && matches.length === 0);
  if (fixedOrder && wanted * slots.live < WALK_COST * total * total) {
    const order = slots.order(sort === 'name' ? 'name' : 'checked', localeIndex);
    const page: number[] = [];
    for (let i = 0; i < order.length && page.length < wanted; i += 1) if (hasBit(final, order[i]!)) page.push(order[i]!);
    const hits = page.slice(offset).map((slot) => ({ id: slots.records[slot]!.id, distanceKm: near ? slots.exactDistance(slot, near) : null }));
    return { result: { total, hits, facets }, validUntil };
  }
  const top = new TopK(Math.min(wanted, total), key, tieBreaker(slots, scratch, sort, localeIndex, near ? (slot) => slots.roughDistance(slot, near, cosLat) : null));
  if (near && (sort === 'distance' || (sort === 'relevance' && matches.length === 0))) {
    // Without words to score, relevance near a place is the distance.
    rankByDistance(slots, scratch, top, near, cosLat, scoreOf);
  } else {
    for (let w = 0; w < final.length; w += 1) {
      let bits = final[w]!;
      while (bits !== 0) {
        const lowest = bits & -bits;
        bits ^= lowest;
        const slot = (w << 5) | (31 - Math.clz32(lowest));
        key[slot] = keyOf(slot);
        top.offer(slot);
      }
    }
  }
  if (sort === 'next_session' && query.sessionFrom === undefined) validUntil = Math.min(validUntil, earliestNext);
  const hits = top
    .sorted()
    .slice(offset)
    .map((slot) => ({ id: slots.records[slot]!.id, distanceKm: near ? slots.exactDistance(slot, near) : null }));
  return { result: { total, hits, facets }, validUntil };
}

/** Orders slots whose sort keys are equal; `distanceOf` is given when the query has a place. */
function tieBreaker(
  slots: SearchSlots,
  scratch: QueryScratch,
  sort: SearchSort,
  localeIndex: number,
  distanceOf: ((slot: number) => number) | null,
): (a: number, b: number) => number {
  const numbers = slots.nameNumbers[localeIndex]!;
  const strings = slots.names[localeIndex]!;
  const score = scratch.score;
  const checkedAt = slots.checkedAt;
  const byName = (a: number, b: number): number => {
    if (numbers[a] !== numbers[b]) return numbers[a]! < numbers[b]! ? -1 : 1;
    const na = strings[a]!;
    const nb = strings[b]!;
    return na < nb ? -1 : na > nb ? 1 : a - b;
  };
  switch (sort) {
    case 'name':
      return byName;
    case 'distance':
      return (a, b) => score[b]! - score[a]! || byName(a, b);
    case 'next_session':
      return distanceOf
        ? (a, b) => {
            const da = distanceOf(a);
            const db = distanceOf(b);
            return da !== db ? (da < db ? -1 : 1) : byName(a, b);
          }
        : byName;
    case 'relevance':
      return distanceOf ? (a, b) => checkedAt[b]! - checkedAt[a]! || byName(a, b) : byName;
  }
}
