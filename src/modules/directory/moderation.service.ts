/**
 * The moderation queue: new organisations and offers of providers who are not trusted yet, and
 * their proposed changes to public entries. Approving applies; rejecting keeps the reason for
 * the provider to read.
 */
import { isoNow } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { checkLocation, checkOffer, checkOrganization, checkReason, type LocationInput, type OfferInput, type OrganizationInput } from './directory.inputs.js';
import type { Location, Offer, Organization, PendingChange } from './directory.model.js';
import { toPendingChange } from './directory.rows.js';
import { locationsFrom, offersFrom, organizationsFrom } from './directory.loaders.js';
import { checkPlaces, writeLocation, writeOffer, writeOrganization } from './directory.writes.js';
import * as store from './directory.store.js';
import {
  canEdit,
  forbidden,
  invalid,
  isModerator,
  notFound,
  type Actor,
  type DirectoryDeps,
  type Forbidden,
  type Invalid,
  type NotFound,
} from './directory.types.js';
import type { EntriesHooks } from './entries.service.js';

export type ModerationItem =
  | { readonly kind: 'organization'; readonly organization: Organization }
  | { readonly kind: 'offer'; readonly offer: Offer; readonly organization: Organization }
  | {
      readonly kind: 'change';
      readonly change: PendingChange;
      /** The public version the change would replace. */
      readonly current: Organization | Location | Offer;
      readonly organization: Organization;
    };

/** A new organisation or offer waiting for review, or a proposed change (by its id). */
export interface ModerationTarget {
  readonly kind: 'organization' | 'offer' | 'change';
  readonly id: string;
}

export type AlreadyDecided = { readonly code: 'already_decided' };
export type ModerationError = NotFound | Forbidden | Invalid | AlreadyDecided;

export interface ModerationService {
  /** New organisations (by name), then new offers and proposed changes, each oldest first. */
  listModerationQueue(actor: Actor): Promise<Result<ModerationItem[], Forbidden>>;
  approve(actor: Actor, target: ModerationTarget): Promise<Result<void, ModerationError>>;
  /** The reason is required; the provider sees it. */
  reject(actor: Actor, target: ModerationTarget, reason: string): Promise<Result<void, ModerationError>>;
  /** Proposed changes of an organisation with their outcome and reason, newest first. */
  listChanges(actor: Actor, organizationId: string): Promise<Result<PendingChange[], Forbidden>>;
}

const alreadyDecided: AlreadyDecided = { code: 'already_decided' };

export function createModerationService(deps: DirectoryDeps, hooks: EntriesHooks): ModerationService {
  const { db, clock } = deps;

  async function applyChange(change: PendingChange, actor: Actor): Promise<Result<void, ModerationError>> {
    const now = isoNow(clock);
    const decision = { status: 'approved', reason: null, decidedBy: actor.id, decidedAt: now };
    // The proposal was valid when made; codes, communes or places may have gone since.
    switch (change.entityType) {
      case 'organization': {
        const checked = checkOrganization(change.proposed as OrganizationInput);
        if (!checked.ok) return fail(invalid(checked.fields));
        const done = await db.transaction().execute(async (trx) => {
          if (!(await store.decidePendingChange(trx, change.id, decision))) return false;
          await writeOrganization(trx, change.entityId, checked.value, now);
          return true;
        });
        if (!done) return fail(alreadyDecided);
        await hooks.offersChanged(await store.listOfferIdsOf(db, change.entityId));
        return ok(undefined);
      }
      case 'location': {
        const checked = checkLocation(change.proposed as LocationInput);
        if (!checked.ok) return fail(invalid(checked.fields));
        const done = await db.transaction().execute(async (trx) => {
          if (!(await store.decidePendingChange(trx, change.id, decision))) return false;
          await writeLocation(trx, change.entityId, checked.value, now);
          return true;
        });
        if (!done) return fail(alreadyDecided);
        await hooks.offersChanged(await store.offerIdsAtLocation(db, change.entityId));
        return ok(undefined);
      }
      case 'offer': {
        const checked = checkOffer(change.proposed as OfferInput);
        if (!checked.ok) return fail(invalid(checked.fields));
        const places = await checkPlaces(db, change.organizationId, 'locationIds', checked.value.locationIds);
        if (places) return fail(invalid(places));
        const done = await db.transaction().execute(async (trx) => {
          if (!(await store.decidePendingChange(trx, change.id, decision))) return false;
          await writeOffer(trx, change.entityId, checked.value, now, { moderation_status: 'approved', moderation_reason: null });
          return true;
        });
        if (!done) return fail(alreadyDecided);
        await hooks.offersChanged([change.entityId]);
        return ok(undefined);
      }
    }
  }

  async function decide(
    actor: Actor,
    target: ModerationTarget,
    verdict: { approve: true } | { approve: false; reason: string },
  ): Promise<Result<void, ModerationError>> {
    if (!isModerator(actor)) return fail(forbidden);
    const now = isoNow(clock);
    const status = verdict.approve ? 'approved' : 'rejected';
    const reason = verdict.approve ? null : verdict.reason;
    switch (target.kind) {
      case 'organization': {
        const row = await store.findOrganization(db, target.id);
        if (!row) return fail(notFound);
        if (row.moderation_status !== 'pending') return fail(alreadyDecided);
        await store.updateOrganization(db, target.id, { moderation_status: status, moderation_reason: reason, updated_at: now });
        await hooks.offersChanged(await store.listOfferIdsOf(db, target.id));
        return ok(undefined);
      }
      case 'offer': {
        const row = await store.findOffer(db, target.id);
        if (!row) return fail(notFound);
        if (row.moderation_status !== 'pending') return fail(alreadyDecided);
        await store.updateOffer(db, target.id, { moderation_status: status, moderation_reason: reason, updated_at: now });
        await hooks.offersChanged([target.id]);
        return ok(undefined);
      }
      case 'change': {
        const row = await store.findPendingChange(db, target.id);
        if (!row) return fail(notFound);
        if (row.status !== 'pending') return fail(alreadyDecided);
        if (verdict.approve) return applyChange(toPendingChange(row), actor);
        const done = await store.decidePendingChange(db, target.id, { status, reason, decidedBy: actor.id, decidedAt: now });
        return done ? ok(undefined) : fail(alreadyDecided);
      }
    }
  }

  return {
    async listModerationQueue(actor) {
      if (!isModerator(actor)) return fail(forbidden);
      const [newOrganizations, newOffers, changes] = await Promise.all([
        store.listOrganizations(db, { moderationStatus: 'pending' }).then((rows) => organizationsFrom(db, rows)),
        store.listOffersByModeration(db, 'pending').then((rows) => offersFrom(db, rows)),
        store.listPendingChanges(db).then((rows) => rows.map(toPendingChange)),
      ]);
      const organizationIds = [...newOffers.map((o) => o.organizationId), ...changes.map((c) => c.organizationId)];
      const organizations = new Map(
        (await organizationsFrom(db, await store.findOrganizations(db, organizationIds))).map((o) => [o.id, o]),
      );
      const ofType = (type: PendingChange['entityType']) => changes.filter((c) => c.entityType === type).map((c) => c.entityId);
      const [locations, offers] = await Promise.all([
        store.findLocations(db, ofType('location')).then((rows) => locationsFrom(db, rows)),
        store.findOffers(db, ofType('offer')).then((rows) => offersFrom(db, rows)),
      ]);
      const current = new Map<string, Organization | Location | Offer>([
        ...[...organizations].map(([id, o]) => [`organization:${id}`, o] as const),
        ...locations.map((l) => [`location:${l.id}`, l] as const),
        ...offers.map((o) => [`offer:${o.id}`, o] as const),
      ]);
      const items: ModerationItem[] = newOrganizations.map((organization) => ({ kind: 'organization' as const, organization }));
      for (const offer of newOffers) {
        const organization = organizations.get(offer.organizationId);
        if (organization) items.push({ kind: 'offer', offer, organization });
      }
      for (const change of changes) {
        const organization = organizations.get(change.organizationId);
        const version = current.get(`${change.entityType}:${change.entityId}`);
        if (organization && version) items.push({ kind: 'change', change, current: version, organization });
      }
      return ok(items);
    },

    approve(actor, target) {
      return decide(actor, target, { approve: true });
    },

    async reject(actor, target, reason) {
      const checked = checkReason(reason);
      if (!checked.ok) return fail(invalid(checked.fields));
      return decide(actor, target, { approve: false, reason: checked.value });
    },

    async listChanges(actor, organizationId) {
      if (!canEdit(actor, organizationId)) return fail(forbidden);
      return ok((await store.listChangesOfOrganization(db, organizationId)).map(toPendingChange));
    },
  };
}
