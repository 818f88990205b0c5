/**
 * Applying validated entries to the database, shared by direct edits and by a moderator's
 * approval of a proposed change. Every function runs inside the caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { FieldErrors } from '../../platform/http/forms.js';
import type { CleanLocation, CleanOffer, CleanOrganization, CleanSession, CleanTranslation } from './directory.inputs.js';
import { locationColumns, offerColumns, organizationColumns, sessionColumns, TEXT_FIELDS } from './directory.rows.js';
import type { DirectoryTables, OffersTable, TranslatedEntity } from './directory.tables.js';
import * as store from './directory.store.js';

type Db = Kysely<DirectoryTables>;

export async function writeTexts<E extends TranslatedEntity>(
  db: Db,
  entityType: E,
  id: string,
  clean: { [K in keyof (typeof TEXT_FIELDS)[E]]: readonly CleanTranslation[] },
  nowIso: string,
): Promise<void> {
  for (const [modelField, field] of Object.entries(TEXT_FIELDS[entityType]) as [string, string][]) {
    const versions = (clean as Record<string, readonly CleanTranslation[]>)[modelField] ?? [];
    await store.replaceTranslations(db, entityType, id, field, versions, nowIso);
  }
}

export async function writeOrganization(db: Db, id: string, clean: CleanOrganization, nowIso: string) {
  await store.updateOrganization(db, id, { ...organizationColumns(clean), updated_at: nowIso });
  await writeTexts(db, 'organization', id, clean, nowIso);
}

export async function writeLocation(db: Db, id: string, clean: CleanLocation, nowIso: string) {
  await store.updateLocation(db, id, { ...locationColumns(clean), updated_at: nowIso });
  await writeTexts(db, 'location', id, clean, nowIso);
}

/** Writing an offer also confirms it is correct now. */
export async function writeOffer(
  db: Db,
  id: string,
  clean: CleanOffer,
  nowIso: string,
  moderation: Pick<OffersTable, 'moderation_status' | 'moderation_reason'>,
) {
  await store.updateOffer(db, id, { ...offerColumns(clean), ...moderation, checked_at: nowIso, updated_at: nowIso });
  await writeTexts(db, 'offer', id, clean, nowIso);
  await store.setOfferLocations(db, id, clean.locationIds);
}

export async function writeSession(db: Db, id: string, clean: CleanSession, nowIso: string) {
  await store.updateSession(db, id, { ...sessionColumns(clean), updated_at: nowIso });
  await writeTexts(db, 'session', id, clean, nowIso);
}

/** Places named by an offer or a session must be the organisation's own. */
export async function checkPlaces(
  db: Db,
  organizationId: string,
  field: string,
  locationIds: readonly string[],
): Promise<FieldErrors | null> {
  if (locationIds.length === 0) return null;
  const found = await store.findLocations(db, locationIds);
  const own = new Set(found.filter((l) => l.organization_id === organizationId).map((l) => l.id));
  return locationIds.every((id) => own.has(id)) ? null : { [field]: { key: 'directory.validation.unknown_location' } };
}
