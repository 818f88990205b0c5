/**
 * Checks shared by both formats. Each returns a message key (under opendata.errors) or null,
 * so the format readers only decide where to report it.
 */
import { communesForPostalCode, foldedWords, listCommunes, type Commune } from '../directory/index.js';
import { LIMITS } from './opendata.model.js';

/** Letters, digits and a few separators: ids end up in URLs and in other systems' keys. */
const ID = /^[A-Za-z0-9._:@-]+$/;

export function idProblem(value: string): 'too_long' | 'invalid_id' | null {
  if (value.length > LIMITS.id) return 'too_long';
  return ID.test(value) ? null : 'invalid_id';
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function isEmail(value: string): boolean {
  return value.length <= LIMITS.email && EMAIL.test(value);
}

export function isWebUrl(value: string): boolean {
  if (value.length > LIMITS.url) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** International or national notation: 6 to 15 digits, with the usual separators. */
export function isPhone(value: string): boolean {
  if (value.length > LIMITS.phone || !/^\+?[\d\s().\/-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

/** A calendar date "YYYY-MM-DD" that exists. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A UTC timestamp as the directory stores them ("2026-05-01T08:00:00.000Z"). */
export function isIsoTimestamp(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return false;
  return !Number.isNaN(new Date(value).getTime());
}

/** The union of the communes' bounding boxes: the country plus a sliver of its neighbours. */
const BOUNDS = listCommunes().reduce(
  (box, commune) => ({
    minLon: Math.min(box.minLon, commune.bbox[0]),
    minLat: Math.min(box.minLat, commune.bbox[1]),
    maxLon: Math.max(box.maxLon, commune.bbox[2]),
    maxLat: Math.max(box.maxLat, commune.bbox[3]),
  }),
  { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity },
);

export function inLuxembourg(latitude: number, longitude: number): boolean {
  return latitude >= BOUNDS.minLat && latitude <= BOUNDS.maxLat && longitude >= BOUNDS.minLon && longitude <= BOUNDS.maxLon;
}

/** "L-4002", "4002" → "4002"; null when it is not a Luxembourg postal code. */
export function normalizePostalCode(value: string): string | null {
  return /^\s*(?:L\s*-?\s*)?(\d{4})\s*$/i.exec(value)?.[1] ?? null;
}

const fold = (text: string): string => foldedWords(text).join(' ');

export type CommuneMatch = { readonly commune: Commune } | { readonly problem: 'unknown_postal_code' | 'commune_mismatch' };

/**
 * Finds the commune of a postal code and the place name written beside it, which may be the
 * commune or one of its localities ("Belvaux" is in Sanem). Several communes share some codes;
 * the name then decides.
 */
export function communeFor(postalCode: string, placeName: string): CommuneMatch {
  const candidates = communesForPostalCode(postalCode);
  if (candidates.length === 0) return { problem: 'unknown_postal_code' };
  const wanted = fold(placeName);
  const named = candidates.filter((c) =>
    [c.name, c.nameLb, c.nameDe, ...c.localities].some((name) => name !== null && fold(name) === wanted),
  );
  const found = named.length > 0 ? named : wanted === '' && candidates.length === 1 ? candidates : [];
  return found.length === 1 && found[0] ? { commune: found[0] } : { problem: 'commune_mismatch' };
}
