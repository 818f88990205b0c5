/** Whole model entities from their rows, with their translations, in a fixed number of queries. */
import type { Kysely } from 'kysely';
import type { CourseSession, Location, Offer, Organization } from './directory.model.js';
import { groupTexts, toLocation, toOffer, toOrganization, toSession } from './directory.rows.js';
import type { CourseSessionsTable, DirectoryTables, LocationsTable, OffersTable, OrganizationsTable } from './directory.tables.js';
import * as store from './directory.store.js';

type Db = Kysely<DirectoryTables>;

export async function organizationsFrom(db: Db, rows: readonly OrganizationsTable[]): Promise<Organization[]> {
  const texts = groupTexts(await store.translationsOf(db, 'organization', rows.map((r) => r.id)));
  return rows.map((row) => toOrganization(row, texts));
}

export async function locationsFrom(db: Db, rows: readonly LocationsTable[]): Promise<Location[]> {
  const texts = groupTexts(await store.translationsOf(db, 'location', rows.map((r) => r.id)));
  return rows.map((row) => toLocation(row, texts));
}

export async function offersFrom(db: Db, rows: readonly OffersTable[]): Promise<Offer[]> {
  const ids = rows.map((r) => r.id);
  const [translations, links] = await Promise.all([store.translationsOf(db, 'offer', ids), store.offerLocationsOf(db, ids)]);
  const texts = groupTexts(translations);
  const placesOf = new Map<string, string[]>();
  for (const link of links) {
    const list = placesOf.get(link.offer_id);
    if (list) list.push(link.location_id);
    else placesOf.set(link.offer_id, [link.location_id]);
  }
  return rows.map((row) => toOffer(row, texts, placesOf.get(row.id) ?? []));
}

export async function sessionsFrom(db: Db, rows: readonly CourseSessionsTable[]): Promise<CourseSession[]> {
  const texts = groupTexts(await store.translationsOf(db, 'session', rows.map((r) => r.id)));
  return rows.map((row) => toSession(row, texts));
}

export async function loadOrganization(db: Db, id: string): Promise<Organization | null> {
  const row = await store.findOrganization(db, id);
  return row ? ((await organizationsFrom(db, [row]))[0] ?? null) : null;
}

export async function loadLocation(db: Db, id: string): Promise<Location | null> {
  const row = await store.findLocation(db, id);
  return row ? ((await locationsFrom(db, [row]))[0] ?? null) : null;
}

export async function loadOffer(db: Db, id: string): Promise<Offer | null> {
  const row = await store.findOffer(db, id);
  return row ? ((await offersFrom(db, [row]))[0] ?? null) : null;
}

export async function loadSession(db: Db, id: string): Promise<CourseSession | null> {
  const row = await store.findSession(db, id);
  return row ? ((await sessionsFrom(db, [row]))[0] ?? null) : null;
}
