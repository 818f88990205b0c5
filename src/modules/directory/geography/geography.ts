/**
 * Luxembourg's 100 communes and 12 cantons, from the attributed open data in ./data (see
 * ATTRIBUTION.md). The data is constant, so it is read once when the module loads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../../platform/i18n/locales.js';
import { foldedWords } from '../fold-text.js';

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface Commune {
  readonly id: string;
  /** LAU2 / STATEC code, e.g. "0304" for Luxembourg. */
  readonly lau2: string;
  /** Official name (ACT), which is also the French form. */
  readonly name: string;
  readonly nameLb: string | null;
  readonly nameDe: string | null;
  readonly cantonId: string;
  /** Always inside the commune: use it for markers and as "the commune's position". */
  readonly labelPoint: GeoPoint;
  readonly centroid: GeoPoint;
  /** [minLon, minLat, maxLon, maxLat] */
  readonly bbox: readonly [number, number, number, number];
  readonly areaKm2: number;
  readonly postalCodes: readonly string[];
  /** Localities (villages, towns) as named in the national address register. */
  readonly localities: readonly string[];
}

export interface Canton {
  readonly id: string;
  readonly name: string;
  readonly nameLb: string | null;
  readonly nameDe: string | null;
  /** e.g. "LU-CA" */
  readonly iso3166_2: string;
  readonly communeIds: readonly string[];
}

interface RawCommune {
  id: string;
  lau2: string;
  name: string;
  name_lb?: string;
  name_de?: string;
  canton_id: string;
  centroid: GeoPoint;
  label_point: GeoPoint;
  bbox: [number, number, number, number];
  area_km2: number;
  postal_codes: string[];
  localities: string[];
}

interface RawCanton {
  id: string;
  name: string;
  name_lb?: string;
  name_de?: string;
  iso_3166_2: string;
  communes: string[];
}

const DATA_DIR = new URL('./data/', import.meta.url);

/** File path of the simplified commune polygons (GeoJSON), for serving to map clients. */
export const COMMUNES_GEOJSON_PATH = fileURLToPath(new URL('lu-communes.geojson', DATA_DIR));

const raw = JSON.parse(readFileSync(new URL('lu-communes.json', DATA_DIR), 'utf8')) as {
  communes: RawCommune[];
  cantons: RawCanton[];
};

const communes: readonly Commune[] = Object.freeze(
  raw.communes.map((c) =>
    Object.freeze({
      id: c.id,
      lau2: c.lau2,
      name: c.name,
      nameLb: c.name_lb ?? null,
      nameDe: c.name_de ?? null,
      cantonId: c.canton_id,
      labelPoint: Object.freeze({ lat: c.label_point.lat, lon: c.label_point.lon }),
      centroid: Object.freeze({ lat: c.centroid.lat, lon: c.centroid.lon }),
      bbox: Object.freeze([...c.bbox]) as unknown as Commune['bbox'],
      areaKm2: c.area_km2,
      postalCodes: Object.freeze([...c.postal_codes]),
      localities: Object.freeze([...c.localities]),
    }),
  ),
);

const cantons: readonly Canton[] = Object.freeze(
  raw.cantons.map((c) =>
    Object.freeze({
      id: c.id,
      name: c.name,
      nameLb: c.name_lb ?? null,
      nameDe: c.name_de ?? null,
      iso3166_2: c.iso_3166_2,
      communeIds: Object.freeze([...c.communes]),
    }),
  ),
);

const communeById = new Map(communes.map((c) => [c.id, c]));
const cantonById = new Map(cantons.map((c) => [c.id, c]));

function groupBy(keysOf: (commune: Commune) => Iterable<string>): Map<string, Commune[]> {
  const index = new Map<string, Commune[]>();
  for (const commune of communes) {
    for (const key of new Set(keysOf(commune))) {
      const list = index.get(key);
      if (list) list.push(commune);
      else index.set(key, [commune]);
    }
  }
  return index;
}

const foldName = (name: string): string => foldedWords(name).join(' ');

const communesByPostalCode = groupBy((c) => c.postalCodes);
const communesByName = groupBy((c) => [c.name, c.nameLb, c.nameDe].filter((n): n is string => n !== null).map(foldName));
const communesByLocality = groupBy((c) => c.localities.map(foldName));

/** Communes in official (LAU2) order. */
export function listCommunes(): readonly Commune[] {
  return communes;
}

export function listCantons(): readonly Canton[] {
  return cantons;
}

/** Communes sorted by the name a reader of `locale` knows them by. */
export function listCommunesByName(locale: Locale): readonly Commune[] {
  const collator = new Intl.Collator(locale);
  return [...communes].sort((a, b) => collator.compare(communeName(a, locale), communeName(b, locale)));
}

export function getCommune(id: string): Commune | undefined {
  return communeById.get(id);
}

export function getCanton(id: string): Canton | undefined {
  return cantonById.get(id);
}

export function communesInCanton(cantonId: string): readonly Commune[] {
  return cantonById.get(cantonId)?.communeIds.map((id) => communeById.get(id)).filter((c): c is Commune => c !== undefined) ?? [];
}

/** A 4-digit code can serve several communes (93 codes do). Accepts "L-1234" too. */
export function communesForPostalCode(code: string): readonly Commune[] {
  const digits = /^\s*(?:L\s*-?\s*)?(\d{4})\s*$/i.exec(code)?.[1];
  return digits ? (communesByPostalCode.get(digits) ?? []) : [];
}

function localizedName(place: { name: string; nameLb: string | null; nameDe: string | null }, locale: Locale): string {
  if (locale === 'lb') return place.nameLb ?? place.name;
  if (locale === 'de') return place.nameDe ?? place.name;
  return place.name;
}

/** Luxembourgish and German readers see their own names where one is known; others the official one. */
export function communeName(commune: Commune, locale: Locale): string {
  return localizedName(commune, locale);
}

export function cantonName(canton: Canton, locale: Locale): string {
  return localizedName(canton, locale);
}

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type PlaceMatch = 'commune' | 'locality' | 'postal_code';

export interface ResolvedPlace {
  readonly matchedBy: PlaceMatch;
  /** The commune's label point, or the mean of them when the query names several communes. */
  readonly point: GeoPoint;
  /** More than one means the query was ambiguous (a shared postal code or locality name). */
  readonly communes: readonly Commune[];
}

function place(matchedBy: PlaceMatch, found: readonly Commune[]): ResolvedPlace {
  const lat = found.reduce((sum, c) => sum + c.labelPoint.lat, 0) / found.length;
  const lon = found.reduce((sum, c) => sum + c.labelPoint.lon, 0) / found.length;
  return { matchedBy, point: { lat, lon }, communes: found };
}

/**
 * Turns what a person types as "where" into a point: a commune id, a commune's name in any of
 * its languages, a locality name, or a postal code. Commune names win over locality names, so
 * "Luxembourg" is the commune and "Fischbach" the commune of that name, not the village in
 * Clervaux. Returns null when nothing matches.
 */
export function resolvePlace(query: string): ResolvedPlace | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  const byId = communeById.get(trimmed.toLowerCase());
  if (byId) return place('commune', [byId]);
  const byCode = communesForPostalCode(trimmed);
  if (byCode.length > 0) return place('postal_code', byCode);
  const folded = foldName(trimmed);
  if (folded === '') return null;
  const byName = communesByName.get(folded);
  if (byName) return place('commune', byName);
  const byLocality = communesByLocality.get(folded);
  if (byLocality) return place('locality', byLocality);
  return null;
}
