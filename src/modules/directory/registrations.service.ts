/**
 * Registering for a course session without an account: confirmed while places are left, then
 * on the waiting list; a private cancel link frees the place for the next person waiting.
 */
import type { Kysely } from 'kysely';
import { hashSecret, newId, newSecret } from '../../shared/ids.js';
import { isoNow } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { checkRegistration, type RegistrationInput } from './directory.inputs.js';
import type { CourseSession, Location, Offer, Registration } from './directory.model.js';
import { toRegistration } from './directory.rows.js';
import type { DirectoryTables } from './directory.tables.js';
import { loadLocation, loadOffer, loadSession } from './directory.loaders.js';
import * as store from './directory.store.js';
import {
  canEdit,
  forbidden,
  invalid,
  notFound,
  type Actor,
  type DirectoryDeps,
  type Forbidden,
  type Invalid,
  type NotFound,
} from './directory.types.js';

type Db = Kysely<DirectoryTables>;

export type RegisterError = NotFound | Invalid | { readonly code: 'session_closed' };
export type CancelError = NotFound | { readonly code: 'already_cancelled' };

export interface Registered {
  readonly registration: Registration;
  /** The secret for the person's cancel link. Only its hash is stored: show it once. */
  readonly cancelToken: string;
}

/** What a cancel link points at, with what the session belongs to. */
export interface RegistrationDetails {
  readonly registration: Registration;
  readonly session: CourseSession;
  readonly offer: Offer;
  readonly location: Location | null;
  readonly placesLeft: number;
}

export interface SessionRegistrations {
  readonly session: CourseSession;
  readonly confirmed: readonly Registration[];
  readonly waitlisted: readonly Registration[];
  readonly cancelled: readonly Registration[];
}

export interface RegistrationsService {
  /** Public: the session must be upcoming, not cancelled, and of a public offer. */
  register(sessionId: string, input: RegistrationInput): Promise<Result<Registered, RegisterError>>;
  /**
   * What the cancel link points at, for a confirmation page. The link is the person's right to
   * it: the offer may have been withdrawn or be waiting for a moderator, they can still cancel.
   */
  findRegistrationByToken(token: string): Promise<RegistrationDetails | null>;
  /** Frees the place; the first person on the waiting list, if any, gets it. */
  cancelRegistration(token: string): Promise<Result<{ registration: Registration; promoted: Registration | null }, CancelError>>;
  /** For the organiser: everyone registered, in order of registration. */
  listRegistrations(actor: Actor, sessionId: string): Promise<Result<SessionRegistrations, NotFound | Forbidden>>;
  /**
   * Deletes registrations of sessions that ended more than `registrationRetentionDays` ago:
   * personal data is kept no longer than the organiser needs it. Returns how many went.
   */
  purgeExpiredRegistrations(): Promise<number>;
}

/**
 * Confirms people from the waiting list while places are free. The caller must hold the
 * session's lock (store.lockSession) in the same transaction.
 */
export async function fillFreePlaces(db: Db, sessionId: string, capacity: number, nowIso: string): Promise<Registration[]> {
  const free = capacity - (await store.countConfirmed(db, sessionId));
  if (free <= 0) return [];
  const next = await store.firstWaitlisted(db, sessionId, free);
  for (const row of next) await store.setRegistrationStatus(db, row.id, 'confirmed', nowIso);
  return next.map((row) => toRegistration({ ...row, status: 'confirmed', updated_at: nowIso }));
}

export function createRegistrationsService({ db, clock, config }: DirectoryDeps): RegistrationsService {
  return {
    async register(sessionId, input) {
      const checked = checkRegistration(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      const session = await store.findSession(db, sessionId);
      if (!session || !(await store.isPublicOffer(db, session.offer_id))) return fail(notFound);
      const now = isoNow(clock);
      const cancelToken = newSecret();
      const outcome = await db.transaction().execute(async (trx) => {
        const locked = await store.lockSession(trx, sessionId);
        if (!locked || locked.cancelled === 1 || locked.starts_at <= now) return null;
        const full = (await store.countConfirmed(trx, sessionId)) >= Number(locked.capacity);
        const row = {
          id: newId(),
          session_id: sessionId,
          ...checked.value,
          status: full ? 'waitlisted' : 'confirmed',
          cancel_token_hash: hashSecret(cancelToken),
          created_at: now,
          updated_at: now,
        };
        await store.insertRegistration(trx, row);
        return row;
      });
      if (!outcome) return fail({ code: 'session_closed' });
      return ok({ registration: toRegistration(outcome), cancelToken });
    },

    async findRegistrationByToken(token) {
      if (token.length > 100) return null;
      const row = await store.findRegistrationByTokenHash(db, hashSecret(token));
      const session = row ? await loadSession(db, row.session_id) : null;
      const offer = session ? await loadOffer(db, session.offerId) : null;
      if (!row || !session || !offer) return null;
      const location = session.locationId ? await loadLocation(db, session.locationId) : null;
      const placesLeft = Math.max(0, session.capacity - (await store.countConfirmed(db, session.id)));
      return { registration: toRegistration(row), session, offer, location, placesLeft };
    },

    async cancelRegistration(token) {
      if (token.length > 100) return fail(notFound);
      const tokenHash = hashSecret(token);
      const now = isoNow(clock);
      return db.transaction().execute(async (trx) => {
        const found = await store.findRegistrationByTokenHash(trx, tokenHash);
        if (!found) return fail(notFound);
        const session = await store.lockSession(trx, found.session_id);
        // Read again under the session's lock: a concurrent cancel may have got here first.
        const row = await store.findRegistrationByTokenHash(trx, tokenHash);
        if (!session || !row) return fail(notFound);
        if (row.status === 'cancelled') return fail({ code: 'already_cancelled' } as const);
        await store.setRegistrationStatus(trx, row.id, 'cancelled', now);
        const promoted = row.status === 'confirmed' ? await fillFreePlaces(trx, row.session_id, Number(session.capacity), now) : [];
        return ok({
          registration: toRegistration({ ...row, status: 'cancelled', updated_at: now }),
          promoted: promoted[0] ?? null,
        });
      });
    },

    async listRegistrations(actor, sessionId) {
      const session = await loadSession(db, sessionId);
      if (!session) return fail(notFound);
      const offer = await store.findOffer(db, session.offerId);
      if (!offer) return fail(notFound);
      if (!canEdit(actor, offer.organization_id)) return fail(forbidden);
      const all = (await store.listRegistrations(db, sessionId)).map(toRegistration);
      return ok({
        session,
        confirmed: all.filter((r) => r.status === 'confirmed'),
        waitlisted: all.filter((r) => r.status === 'waitlisted'),
        cancelled: all.filter((r) => r.status === 'cancelled'),
      });
    },

    async purgeExpiredRegistrations() {
      const before = new Date(clock.now().getTime() - config.registrationRetentionDays * 86_400_000).toISOString();
      return store.deleteRegistrationsEndedBefore(db, before);
    },
  };
}
