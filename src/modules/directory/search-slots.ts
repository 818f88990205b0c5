/**
 * Storage of the search index: each indexed offer lives in a numbered slot. Filter values
 * have bitsets of slots; per-slot data sits in flat typed arrays (locations, session times,
 * opening hours, sort keys) so that a query's per-offer loop reads memory in order.
 */
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { ContentLocale } from './directory.model.js';
import { foldedWords } from './fold-text.js';
import { distanceKm, type GeoPoint } from './geography/geography.js';
import { compileOpeningHours, openStateAt, type CompiledOpeningHours } from './opening-hours.js';
import { clearBit, resized, setBit, wordsFor } from './search-bitset.js';
import type { IndexedOffer } from './search-index.js';
import { Grid, KM_PER_DEGREE, type NearCell } from './search-grid.js';
import { TextPostings } from './search-text.js';

export const FACETS = ['offerTypes', 'audiences', 'languages', 'costs', 'modes', 'cantons'] as const;
export type Facet = (typeof FACETS)[number];
export type Dimension = Facet | 'accessibility' | 'communes';
/** Room for this many values per facet in a facet code (FACETS.length × stride < 2^16). */
export const FACET_STRIDE = 1024;

/** What release() needs of a record; the texts are not kept. */
type SlotRecord = Pick<IndexedOffer, 'id' | 'offerTypes' | 'audiences' | 'languages' | 'accessibility' | 'cost' | 'modes' | 'points'>;

const DIMENSIONS: Readonly<Record<Dimension, (record: SlotRecord) => readonly string[]>> = {
  offerTypes: (r) => r.offerTypes,
  audiences: (r) => r.audiences,
  languages: (r) => r.languages,
  costs: (r) => [r.cost],
  modes: (r) => r.modes,
  cantons: (r) => r.points.flatMap((p) => (p.cantonId ? [p.cantonId] : [])),
  accessibility: (r) => r.accessibility,
  communes: (r) => r.points.flatMap((p) => (p.communeId ? [p.communeId] : [])),
};
const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];

interface HoursEntry {
  readonly text: string;
  readonly hours: CompiledOpeningHours | null;
  users: number;
  open: boolean;
  validFrom: number;
  validUntil: number;
}

/** Slots open at an instant, and the span of time over which that stays true. */
export interface OpenSlots {
  readonly bits: Uint32Array;
  readonly validFrom: number;
  readonly validUntil: number;
}

function nameIn(record: IndexedOffer, locale: Locale): string {
  const pick = (l: ContentLocale): string | undefined => record.names.find((n) => n.locale === l)?.value;
  return foldedWords(pick(locale) ?? pick(record.defaultLocale) ?? record.names[0]?.value ?? '').join(' ');
}

/**
 * The first eight characters of a folded name (letters, digits and single spaces, see nameIn)
 * as a number that orders like the string; equal numbers are settled by comparing the strings.
 */
function nameNumber(name: string): number {
  let n = 0;
  for (let i = 0; i < 8; i += 1) {
    const c = i < name.length ? name.charCodeAt(i) : -1;
    const digit =
      c < 0 ? 0 : c <= 32 ? 1 : c >= 48 && c <= 57 ? c - 46 : c >= 97 && c <= 122 ? c - 85 : c < 128 ? 1 : 38 + Math.min(25, Math.floor(((c - 128) * 26) / 65408));
    n = n * 64 + digit;
  }
  return n;
}

function grownF64(array: Float64Array, length: number, fill = 0): Float64Array<ArrayBuffer> {
  const next = new Float64Array(length).fill(fill);
  next.set(array);
  return next;
}

function grownI32(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

export class SearchSlots {
  capacity = 0;
  /** Bitset length in 32-bit words. */
  words = 0;
  /** Slots handed out so far (live, dead or free). */
  used = 0;
  live = 0;
  alive = new Uint32Array(0);
  readonly values = Object.fromEntries(DIMENSION_NAMES.map((d) => [d, new Map<string, Uint32Array>()])) as Record<Dimension, Map<string, Uint32Array>>;
  readonly text = new TextPostings();
  readonly records: (SlotRecord | undefined)[] = [];
  /**
   * Each slot's facet values, each once, as index in FACETS × FACET_STRIDE + value number, so
   * that the facets of a few thousand matches are counted by visiting them; facetValueNames
   * turns numbers back into values. Kept in one pool like the session times.
   */
  facetPool = new Uint16Array(4096);
  facetAt = new Int32Array(0);
  facetCount = new Int32Array(0);
  private facetPoolUsed = 0;
  private facetPoolGarbage = 0;
  readonly facetValueNames: string[][] = FACETS.map(() => []);
  private readonly facetValueNumbers = FACETS.map(() => new Map<string, number>());
  checkedAt = new Float64Array(0);
  /** First location of each slot; NaN without one. Further locations are in morePoints. */
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  readonly morePoints: (Float64Array | null)[] = [];
  /** Folded names and their sort numbers, per UI locale. */
  readonly names: string[][] = LOCALES.map(() => []);
  nameNumbers: Float64Array[] = LOCALES.map(() => new Float64Array(0));

  // Each slot's session start times, sorted, in one pool; removed slots leave garbage behind.
  private sessionPool = new Float64Array(4096);
  private sessionAt = new Int32Array(0);
  private sessionCount = new Int32Array(0);
  private poolUsed = 0;
  private poolGarbage = 0;

  private hoursId = new Int32Array(0);
  private readonly hoursEntries: (HoursEntry | null)[] = [];
  private readonly hoursIdByText = new Map<string, number>();
  private readonly freeHoursIds: number[] = [];
  private openCache: OpenSlots | null = null;
  private readonly orders = new Map<string, Int32Array>();
  private openScratch = new Uint32Array(0);

  private readonly grid = new Grid();
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private deadSinceCompaction: number[] = [];

  constructor() {
    this.grow();
  }

  private grow(): void {
    this.capacity = Math.max(1024, this.capacity * 2);
    this.words = wordsFor(this.capacity);
    this.alive = resized(this.alive, this.words);
    for (const dimension of DIMENSION_NAMES) {
      for (const [value, bits] of this.values[dimension]) this.values[dimension].set(value, resized(bits, this.words));
    }
    this.checkedAt = grownF64(this.checkedAt, this.capacity);
    this.lat = grownF64(this.lat, this.capacity, Number.NaN);
    this.lon = grownF64(this.lon, this.capacity, Number.NaN);
    this.nameNumbers = this.nameNumbers.map((n) => grownF64(n, this.capacity));
    this.hoursId = grownI32(this.hoursId, this.capacity);
    this.sessionAt = grownI32(this.sessionAt, this.capacity);
    this.sessionCount = grownI32(this.sessionCount, this.capacity);
    this.facetAt = grownI32(this.facetAt, this.capacity);
    this.facetCount = grownI32(this.facetCount, this.capacity);
    this.openScratch = new Uint32Array(this.words);
    this.openCache = null;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  insert(record: IndexedOffer): void {
    const slot = this.takeSlot();
    this.slotOf.set(record.id, slot);
    const { id, offerTypes, audiences, languages, accessibility, cost, modes, points } = record;
    this.records[slot] = { id, offerTypes, audiences, languages, accessibility, cost, modes, points };
    this.storeFacetCodes(slot, record);
    setBit(this.alive, slot);
    this.grid.add(slot, points);
    for (const dimension of DIMENSION_NAMES) {
      for (const value of DIMENSIONS[dimension](record)) setBit(this.valueBits(dimension, value), slot);
    }
    const titles = [...record.names.map((n) => n.value), record.organizationName];
    this.text.add(slot, titles, record.descriptions.map((d) => d.value), this.words);
    this.checkedAt[slot] = Date.parse(record.checkedAt) || 0;
    LOCALES.forEach((locale, i) => {
      const name = nameIn(record, locale);
      this.names[i]![slot] = name;
      this.nameNumbers[i]![slot] = nameNumber(name);
    });
    const [first, ...rest] = record.points;
    this.lat[slot] = first ? first.lat : Number.NaN;
    this.lon[slot] = first ? first.lon : Number.NaN;
    this.morePoints[slot] = rest.length > 0 ? Float64Array.from(rest.flatMap((p) => [p.lat, p.lon])) : null;
    this.storeSessions(slot, record.sessionStarts);
    this.hoursId[slot] = this.useHours(record.openingHours);
    this.openCache = null;
    this.orders.clear();
    this.live += 1;
  }

  release(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const record = this.records[slot]!;
    this.slotOf.delete(id);
    this.records[slot] = undefined;
    this.facetPoolGarbage += this.facetCount[slot]!;
    this.facetCount[slot] = 0;
    if (this.facetPoolGarbage > 4096 && this.facetPoolGarbage * 2 > this.facetPoolUsed) this.compactFacetPool();
    clearBit(this.alive, slot);
    for (const dimension of DIMENSION_NAMES) {
      for (const value of DIMENSIONS[dimension](record)) clearBit(this.valueBits(dimension, value), slot);
    }
    this.grid.delete(slot, record.points);
    this.lat[slot] = Number.NaN;
    this.lon[slot] = Number.NaN;
    this.morePoints[slot] = null;
    this.poolGarbage += this.sessionCount[slot]!;
    this.sessionCount[slot] = 0;
    if (this.poolGarbage > 4096 && this.poolGarbage * 2 > this.poolUsed) this.compactSessionPool();
    this.releaseHours(this.hoursId[slot]!);
    this.hoursId[slot] = -1;
    this.openCache = null;
    this.orders.clear();
    this.live -= 1;
    this.deadSinceCompaction.push(slot);
    // Word postings still name the slot; it is handed out again only after they are cleaned.
    if (this.deadSinceCompaction.length >= Math.max(1024, this.live / 4)) {
      this.text.compact(this.alive);
      this.freeSlots.push(...this.deadSinceCompaction);
      this.deadSinceCompaction = [];
    }
  }

  /** First session start in [from, to), or Infinity. */
  firstSession(slot: number, from: number, to: number): number {
    const pool = this.sessionPool;
    let lo = this.sessionAt[slot]!;
    const end = lo + this.sessionCount[slot]!;
    if (lo === end || pool[end - 1]! < from) return Infinity;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pool[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return pool[lo]! < to ? pool[lo]! : Infinity;
  }

  /** Flat-earth distance in km to the nearest location; Infinity without one. */
  roughDistance(slot: number, near: GeoPoint, cosLat: number): number {
    const a = this.lat[slot]!;
    if (a !== a) return Infinity;
    let dy = a - near.lat;
    let dx = (this.lon[slot]! - near.lon) * cosLat;
    let best = dx * dx + dy * dy;
    const more = this.morePoints[slot];
    if (more) {
      for (let i = 0; i < more.length; i += 2) {
        dy = more[i]! - near.lat;
        dx = (more[i + 1]! - near.lon) * cosLat;
        best = Math.min(best, dx * dx + dy * dy);
      }
    }
    return Math.sqrt(best) * KM_PER_DEGREE;
  }

  /** The grid cells holding locations, nearest first (an offer with several locations is in several). */
  cellsByDistance(near: GeoPoint, cosLat: number): NearCell[] {
    return this.grid.byDistance(near, cosLat);
  }

  exactDistance(slot: number, near: GeoPoint): number | null {
    const a = this.lat[slot]!;
    if (a !== a) return null;
    let best = distanceKm(near, { lat: a, lon: this.lon[slot]! });
    const more = this.morePoints[slot];
    if (more) for (let i = 0; i < more.length; i += 2) best = Math.min(best, distanceKm(near, { lat: more[i]!, lon: more[i + 1]! }));
    return best;
  }

  /**
   * The slots whose hours say "open" at `now`. Offers share few distinct schedules, and the
   * answer holds until the first of them changes, so it is computed once per such span.
   */
  openSlots(nowDate: Date): OpenSlots {
    const now = nowDate.getTime();
    const cached = this.openCache;
    if (cached && now >= cached.validFrom && now < cached.validUntil) return cached;
    let validFrom = -Infinity;
    let validUntil = Infinity;
    const open = new Uint8Array(this.hoursEntries.length);
    this.hoursEntries.forEach((entry, id) => {
      if (!entry?.hours) return;
      if (!(now >= entry.validFrom && now < entry.validUntil)) {
        const state = openStateAt(entry.hours, nowDate);
        entry.open = state.open;
        entry.validFrom = now;
        entry.validUntil = state.nextChange ? state.nextChange.getTime() : Infinity;
      }
      open[id] = entry.open ? 1 : 0;
      validFrom = Math.max(validFrom, entry.validFrom);
      validUntil = Math.min(validUntil, entry.validUntil);
    });
    const bits = this.openScratch;
    bits.fill(0);
    for (let slot = 0; slot < this.used; slot += 1) {
      const id = this.hoursId[slot]!;
      if (id >= 0 && open[id] === 1) setBit(bits, slot);
    }
    this.openCache = { bits, validFrom, validUntil };
    return this.openCache;
  }

  private storeFacetCodes(slot: number, record: SlotRecord): void {
    const codes = new Set<number>();
    FACETS.forEach((facet, f) => {
      for (const value of DIMENSIONS[facet](record)) {
        const numbers = this.facetValueNumbers[f]!;
        let n = numbers.get(value);
        if (n === undefined) {
          // Facet values come from fixed vocabularies and the cantons: far fewer than the stride.
          if (this.facetValueNames[f]!.length === FACET_STRIDE) continue;
          n = this.facetValueNames[f]!.push(value) - 1;
          numbers.set(value, n);
        }
        codes.add(f * FACET_STRIDE + n);
      }
    });
    if (this.facetPoolUsed + codes.size > this.facetPool.length) {
      const next = new Uint16Array(Math.max(this.facetPool.length * 2, this.facetPoolUsed + codes.size));
      next.set(this.facetPool.subarray(0, this.facetPoolUsed));
      this.facetPool = next;
    }
    this.facetAt[slot] = this.facetPoolUsed;
    this.facetCount[slot] = codes.size;
    for (const code of codes) this.facetPool[this.facetPoolUsed++] = code;
  }

  private compactFacetPool(): void {
    const next = new Uint16Array(Math.max(4096, (this.facetPoolUsed - this.facetPoolGarbage) * 2));
    let at = 0;
    for (let slot = 0; slot < this.used; slot += 1) {
      const n = this.facetCount[slot]!;
      if (n === 0) continue;
      next.set(this.facetPool.subarray(this.facetAt[slot]!, this.facetAt[slot]! + n), at);
      this.facetAt[slot] = at;
      at += n;
    }
    this.facetPool = next;
    this.facetPoolUsed = at;
    this.facetPoolGarbage = 0;
  }

  /**
   * Every live slot in a fixed order: by name in a UI locale, or by when the information was
   * last checked (latest first, then by name), as runQuery ranks them. Kept until the next change.
   */
  order(by: 'name' | 'checked', localeIndex: number): Int32Array {
    const key = `${by}:${localeIndex}`;
    let found = this.orders.get(key);
    if (found) return found;
    const numbers = this.nameNumbers[localeIndex]!;
    const strings = this.names[localeIndex]!;
    const checkedAt = this.checkedAt;
    const byName = (a: number, b: number): number => {
      if (numbers[a] !== numbers[b]) return numbers[a]! < numbers[b]! ? -1 : 1;
      const na = strings[a]!;
      const nb = strings[b]!;
      return na < nb ? -1 : na > nb ? 1 : a - b;
    };
    const live: number[] = [];
    for (let slot = 0; slot < this.used; slot += 1) if (this.records[slot]) live.push(slot);
    live.sort(by === 'name' ? byName : (a, b) => checkedAt[b]! - checkedAt[a]! || byName(a, b));
    found = Int32Array.from(live);
    this.orders.set(key, found);
    return found;
  }

  private takeSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  private valueBits(dimension: Dimension, value: string): Uint32Array {
    let bits = this.values[dimension].get(value);
    if (!bits) {
      bits = new Uint32Array(this.words);
      this.values[dimension].set(value, bits);
    }
    return bits;
  }

  private storeSessions(slot: number, startsIso: readonly string[]): void {
    const starts = startsIso
      .map((s) => Date.parse(s))
      .filter((t) => !Number.isNaN(t))
      .sort((a, b) => a - b);
    if (this.poolUsed + starts.length > this.sessionPool.length) {
      this.sessionPool = grownF64(this.sessionPool.subarray(0, this.poolUsed), Math.max(this.sessionPool.length * 2, this.poolUsed + starts.length));
    }
    this.sessionPool.set(starts, this.poolUsed);
    this.sessionAt[slot] = this.poolUsed;
    this.sessionCount[slot] = starts.length;
    this.poolUsed += starts.length;
  }

  private compactSessionPool(): void {
    const next = new Float64Array(Math.max(4096, (this.poolUsed - this.poolGarbage) * 2));
    let at = 0;
    for (let slot = 0; slot < this.used; slot += 1) {
      const n = this.sessionCount[slot]!;
      if (n === 0) continue;
      next.set(this.sessionPool.subarray(this.sessionAt[slot]!, this.sessionAt[slot]! + n), at);
      this.sessionAt[slot] = at;
      at += n;
    }
    this.sessionPool = next;
    this.poolUsed = at;
    this.poolGarbage = 0;
  }

  private useHours(text: string | null): number {
    if (text === null || text.trim() === '') return -1;
    let id = this.hoursIdByText.get(text);
    if (id === undefined) {
      id = this.freeHoursIds.pop() ?? this.hoursEntries.length;
      this.hoursEntries[id] = { text, hours: compileOpeningHours(text), users: 0, open: false, validFrom: 0, validUntil: -1 };
      this.hoursIdByText.set(text, id);
    }
    this.hoursEntries[id]!.users += 1;
    return id;
  }

  private releaseHours(id: number): void {
    const entry = this.hoursEntries[id];
    if (!entry || --entry.users > 0) return;
    this.hoursIdByText.delete(entry.text);
    this.hoursEntries[id] = null;
    this.freeHoursIds.push(id);
  }
}
