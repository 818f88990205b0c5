/**
 * Organisations, places, offers and sessions: create, change, read. Edits by providers who are
 * not trusted yet go to the moderation queue instead of the public directory.
 */
import { newId } from '../../shared/ids.js';
import { isoNow } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import {
  checkLocation,
  checkOffer,
  checkOrganization,
  checkSession,
  type LocationInput,
  type OfferInput,
  type OrganizationInput,
  type SessionInput,
} from './directory.inputs.js';
import type { CourseSession, Location, ModeratedEntity, Offer, Organization } from './directory.model.js';
import { locationColumns, offerColumns, organizationColumns, sessionColumns } from './directory.rows.js';
import { loadLocation, loadOffer, loadOrganization, loadSession, locationsFrom, offersFrom, organizationsFrom, sessionsFrom } from './directory.loaders.js';
import { checkPlaces, writeLocation, writeOffer, writeOrganization, writeSession, writeTexts } from './directory.writes.js';
import { fillFreePlaces } from './registrations.service.js';
import * as store from './directory.store.js';
import {
  canEdit,
  forbidden,
  invalid,
  isModerator,
  notFound,
  type Actor,
  type DirectoryDeps,
  type DirectoryError,
  type Forbidden,
  type NotFound,
  type SaveOutcome,
} from './directory.types.js';

type Saved<T> = Promise<Result<SaveOutcome<T>, DirectoryError>>;

export interface EntriesService {
  /** A moderator's organisation is public at once; anyone else's waits for approval. */
  createOrganization(actor: Actor, input: OrganizationInput): Saved<Organization>;
  updateOrganization(actor: Actor, id: string, input: OrganizationInput): Saved<Organization>;
  /** Without an actor (or for one who may not edit it): only an approved organisation. */
  getOrganization(id: string, actor?: Actor): Promise<Organization | null>;
  /** Approved organisations by name, for an A–Z list. */
  listOrganizations(): Promise<Organization[]>;

  /** New places apply at once: they show only through offers, which are moderated. */
  createLocation(actor: Actor, organizationId: string, input: LocationInput): Promise<Result<Location, DirectoryError>>;
  updateLocation(actor: Actor, id: string, input: LocationInput): Saved<Location>;
  /** Places of approved organisations, or any for someone who may edit the organisation. */
  getLocation(id: string, actor?: Actor): Promise<Location | null>;
  listLocations(organizationId: string, actor?: Actor): Promise<Location[]>;

  createOffer(actor: Actor, organizationId: string, input: OfferInput): Saved<Offer>;
  updateOffer(actor: Actor, id: string, input: OfferInput): Saved<Offer>;
  /** Without an actor (or for one who may not edit it): only a public offer. */
  getOffer(id: string, actor?: Actor): Promise<Offer | null>;
  /** Public offers of the organisation, or all of them for someone who may edit it. */
  listOffers(organizationId: string, actor?: Actor): Promise<Offer[]>;
  /** "Still correct": records that the information was checked now. */
  confirmOffer(actor: Actor, id: string): Promise<Result<Offer, NotFound | Forbidden>>;
  /** Public offers not confirmed for `staleAfterDays`, oldest first. */
  listStale(now?: Date, options?: { organizationId?: string }): Promise<Offer[]>;

  /** Sessions publish with their offer; raising the capacity confirms people waiting. */
  createSession(actor: Actor, offerId: string, input: SessionInput): Promise<Result<CourseSession, DirectoryError>>;
  updateSession(actor: Actor, id: string, input: SessionInput): Promise<Result<CourseSession, DirectoryError>>;
  getSession(id: string, actor?: Actor): Promise<CourseSession | null>;
  /** Sessions of one offer by start time (public offers only, unless the actor may edit it). */
  listSessionsOfOffer(offerId: string, actor?: Actor): Promise<CourseSession[]>;
}

export interface EntriesHooks {
  /** Called after a commit that may change what the public sees of these offers. */
  readonly offersChanged: (offerIds: readonly string[]) => Promise<void>;
}

export function createEntriesService(deps: DirectoryDeps, hooks: EntriesHooks): EntriesService {
  const { db, clock, config } = deps;

  async function needsReview(actor: Actor, organizationId: string): Promise<boolean> {
    return !isModerator(actor) && !(await deps.isTrusted(actor.id, organizationId));
  }

  /** Stores a complete proposed version in the queue, replacing an older proposal for the same entry. */
  async function propose(actor: Actor, entityType: ModeratedEntity, entityId: string, organizationId: string, proposed: unknown) {
    const now = isoNow(clock);
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await store.supersedePendingChanges(trx, entityType, entityId, now);
      await store.insertPendingChange(trx, {
        id,
        entity_type: entityType,
        entity_id: entityId,
        organization_id: organizationId,
        proposed_by: actor.id,
        proposed: JSON.stringify(proposed),
        status: 'pending',
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: now,
      });
    });
    return id;
  }

  const mayRead = (actor: Actor | undefined, organizationId: string) => actor !== undefined && canEdit(actor, organizationId);
  const mayReadPlacesOf = async (organizationId: string, actor: Actor | undefined) =>
    mayRead(actor, organizationId) || (await store.findOrganization(db, organizationId))?.moderation_status === 'approved';

  return {
    async createOrganization(actor, input) {
      const checked = checkOrganization(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const now = isoNow(clock);
      const id = newId();
      const published = isModerator(actor);
      await db.transaction().execute(async (trx) => {
        await store.insertOrganization(trx, {
          id,
          ...organizationColumns(checked.value),
          is_demo: 0,
          moderation_status: published ? 'approved' : 'pending',
          moderation_reason: null,
          created_at: now,
          updated_at: now,
        });
        await writeTexts(trx, 'organization', id, checked.value, now);
      });
      const value = (await loadOrganization(db, id))!;
      return ok(published ? { state: 'published', value } : { state: 'awaiting_review', value, changeId: null });
    },

    async updateOrganization(actor, id, input) {
      const row = await store.findOrganization(db, id);
      if (!row) return fail(notFound);
      if (!canEdit(actor, id)) return fail(forbidden);
      const checked = checkOrganization(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const review = await needsReview(actor, id);
      if (row.moderation_status === 'approved' && review) {
        const changeId = await propose(actor, 'organization', id, id, checked.value);
        return ok({ state: 'awaiting_review', value: (await loadOrganization(db, id))!, changeId });
      }
      // Not public yet (new or rejected): as for offers, the edit is the version to review again.
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await writeOrganization(trx, id, checked.value, now);
        if (row.moderation_status !== 'approved') {
          await store.updateOrganization(trx, id, { moderation_status: review ? 'pending' : 'approved', moderation_reason: null });
        }
        await store.supersedePendingChanges(trx, 'organization', id, now);
      });
      await hooks.offersChanged(await store.listOfferIdsOf(db, id));
      const value = (await loadOrganization(db, id))!;
      return ok(value.moderationStatus === 'approved' ? { state: 'published', value } : { state: 'awaiting_review', value, changeId: null });
    },

    async getOrganization(id, actor) {
      const organization = await loadOrganization(db, id);
      if (!organization) return null;
      return organization.moderationStatus === 'approved' || mayRead(actor, id) ? organization : null;
    },

    async listOrganizations() {
      return organizationsFrom(db, await store.listOrganizations(db, { moderationStatus: 'approved' }));
    },

    async createLocation(actor, organizationId, input) {
      if (!(await store.findOrganization(db, organizationId))) return fail(notFound);
      if (!canEdit(actor, organizationId)) return fail(forbidden);
      const checked = checkLocation(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const now = isoNow(clock);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertLocation(trx, {
          id,
          organization_id: organizationId,
          ...locationColumns(checked.value),
          created_at: now,
          updated_at: now,
        });
        await writeTexts(trx, 'location', id, checked.value, now);
      });
      return ok((await loadLocation(db, id))!);
    },

    async updateLocation(actor, id, input) {
      const row = await store.findLocation(db, id);
      if (!row) return fail(notFound);
      if (!canEdit(actor, row.organization_id)) return fail(forbidden);
      const checked = checkLocation(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      if (await needsReview(actor, row.organization_id)) {
        const changeId = await propose(actor, 'location', id, row.organization_id, checked.value);
        return ok({ state: 'awaiting_review', value: (await loadLocation(db, id))!, changeId });
      }
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await writeLocation(trx, id, checked.value, now);
        await store.supersedePendingChanges(trx, 'location', id, now);
      });
      await hooks.offersChanged(await store.offerIdsAtLocation(db, id));
      return ok({ state: 'published', value: (await loadLocation(db, id))! });
    },

    async getLocation(id, actor) {
      const location = await loadLocation(db, id);
      if (!location) return null;
      return (await mayReadPlacesOf(location.organizationId, actor)) ? location : null;
    },

    async listLocations(organizationId, actor) {
      if (!(await mayReadPlacesOf(organizationId, actor))) return [];
      return locationsFrom(db, await store.listLocationsOf(db, organizationId));
    },

    async createOffer(actor, organizationId, input) {
      if (!(await store.findOrganization(db, organizationId))) return fail(notFound);
      if (!canEdit(actor, organizationId)) return fail(forbidden);
      const checked = checkOffer(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const places = await checkPlaces(db, organizationId, 'locationIds', checked.value.locationIds);
      if (places) return fail(invalid(places));
      const review = await needsReview(actor, organizationId);
      const now = isoNow(clock);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertOffer(trx, {
          id,
          organization_id: organizationId,
          ...offerColumns(checked.value),
          moderation_status: review ? 'pending' : 'approved',
          moderation_reason: null,
          checked_at: now,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
        await writeTexts(trx, 'offer', id, checked.value, now);
        await store.setOfferLocations(trx, id, checked.value.locationIds);
      });
      await hooks.offersChanged([id]);
      const value = (await loadOffer(db, id))!;
      return ok(review ? { state: 'awaiting_review', value, changeId: null } : { state: 'published', value });
    },

    async updateOffer(actor, id, input) {
      const row = await store.findOffer(db, id);
      if (!row) return fail(notFound);
      if (!canEdit(actor, row.organization_id)) return fail(forbidden);
      const checked = checkOffer(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const places = await checkPlaces(db, row.organization_id, 'locationIds', checked.value.locationIds);
      if (places) return fail(invalid(places));
      const review = await needsReview(actor, row.organization_id);
      if (review && row.moderation_status === 'approved') {
        const changeId = await propose(actor, 'offer', id, row.organization_id, checked.value);
        return ok({ state: 'awaiting_review', value: (await loadOffer(db, id))!, changeId });
      }
      // Not public yet (new or rejected): the edit replaces the version waiting for review.
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await writeOffer(trx, id, checked.value, now, {
          moderation_status: review ? 'pending' : 'approved',
          moderation_reason: null,
        });
        await store.supersedePendingChanges(trx, 'offer', id, now);
      });
      await hooks.offersChanged([id]);
      const value = (await loadOffer(db, id))!;
      return ok(review ? { state: 'awaiting_review', value, changeId: null } : { state: 'published', value });
    },

    async getOffer(id, actor) {
      const offer = await loadOffer(db, id);
      if (!offer) return null;
      if (mayRead(actor, offer.organizationId)) return offer;
      return (await store.isPublicOffer(db, id)) ? offer : null;
    },

    async listOffers(organizationId, actor) {
      const rows = await store.listOffersOf(db, organizationId);
      if (mayRead(actor, organizationId)) return offersFrom(db, rows);
      const organization = await store.findOrganization(db, organizationId);
      if (organization?.moderation_status !== 'approved') return [];
      return offersFrom(db, rows.filter((r) => r.moderation_status === 'approved' && r.active === 1));
    },

    async confirmOffer(actor, id) {
      const row = await store.findOffer(db, id);
      if (!row) return fail(notFound);
      if (!canEdit(actor, row.organization_id)) return fail(forbidden);
      await store.updateOffer(db, id, { checked_at: isoNow(clock) });
      await hooks.offersChanged([id]);
      return ok((await loadOffer(db, id))!);
    },

    async listStale(now = clock.now(), options = {}) {
      const before = new Date(now.getTime() - config.staleAfterDays * 86_400_000).toISOString();
      return offersFrom(db, await store.listStaleOffers(db, before, options.organizationId));
    },

    async createSession(actor, offerId, input) {
      const offer = await store.findOffer(db, offerId);
      if (!offer) return fail(notFound);
      if (!canEdit(actor, offer.organization_id)) return fail(forbidden);
      const checked = checkSession(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const places = await checkPlaces(db, offer.organization_id, 'locationId', checked.value.locationId ? [checked.value.locationId] : []);
      if (places) return fail(invalid(places));
      const now = isoNow(clock);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertSession(trx, { id, offer_id: offerId, ...sessionColumns(checked.value), created_at: now, updated_at: now });
        await writeTexts(trx, 'session', id, checked.value, now);
      });
      await hooks.offersChanged([offerId]);
      return ok((await loadSession(db, id))!);
    },

    async updateSession(actor, id, input) {
      const session = await store.findSession(db, id);
      const offer = session ? await store.findOffer(db, session.offer_id) : undefined;
      if (!session || !offer) return fail(notFound);
      if (!canEdit(actor, offer.organization_id)) return fail(forbidden);
      const checked = checkSession(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const places = await checkPlaces(db, offer.organization_id, 'locationId', checked.value.locationId ? [checked.value.locationId] : []);
      if (places) return fail(invalid(places));
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await store.lockSession(trx, id);
        await writeSession(trx, id, checked.value, now);
        if (!checked.value.cancelled) await fillFreePlaces(trx, id, checked.value.capacity, now);
      });
      await hooks.offersChanged([offer.id]);
      return ok((await loadSession(db, id))!);
    },

    async getSession(id, actor) {
      const session = await loadSession(db, id);
      if (!session) return null;
      const offer = await store.findOffer(db, session.offerId);
      if (offer && mayRead(actor, offer.organization_id)) return session;
      return (await store.isPublicOffer(db, session.offerId)) ? session : null;
    },

    async listSessionsOfOffer(offerId, actor) {
      const offer = await store.findOffer(db, offerId);
      if (!offer) return [];
      if (!mayRead(actor, offer.organization_id) && !(await store.isPublicOffer(db, offerId))) return [];
      return sessionsFrom(db, await store.listSessionsOfOffer(db, offerId));
    },
  };
}
