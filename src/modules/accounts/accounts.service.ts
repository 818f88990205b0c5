import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { isRole, type CurrentUser, type Role } from '../../platform/auth/roles.js';
import type { SecretBox } from '../../platform/auth/secret-box.js';
import { newTotpSecret, totpStep, totpUri } from '../../platform/auth/totp.js';
import { hashSecret, newId, newSecret } from '../../shared/ids.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { AccountsTables, UsersTable } from './accounts.tables.js';
import * as store from './accounts.store.js';

const SESSION_DAYS = 14;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The name code apps show above the codes of this account. */
const TOTP_ISSUER = 'Zesummen';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationIds?: readonly string[];
  trusted?: boolean;
}

export type CreateUserError = 'invalid_email' | 'password_too_short' | 'invalid_role' | 'email_taken';

/** What a person needs to add their account to a code app: the seed and the link in the QR code. */
export interface SecondFactorSetup {
  readonly secret: string;
  readonly uri: string;
}

export type SecondFactorError =
  /** The session is gone (signed out, expired) or belongs to someone else. */
  | 'session_ended'
  | 'not_enrolled'
  | 'already_enrolled'
  | 'wrong_code'
  /** The code was right but already served: a new one comes within 30 seconds. */
  | 'code_used'
  /** The seed cannot be opened any more, e.g. because SESSION_SECRET changed. */
  | 'secret_unreadable';

export interface AccountsService {
  createUser(input: NewUser): Promise<Result<CurrentUser, CreateUserError>>;
  authenticate(email: string, password: string): Promise<CurrentUser | null>;
  startSession(userId: string): Promise<{ token: string; expiresAt: Date }>;
  endSession(token: string): Promise<void>;
  userForSession(token: string): Promise<CurrentUser | null>;
  /** Whether this provider's changes to the organisation publish without moderation. */
  isTrusted(userId: string, organizationId: string): Promise<boolean>;
  grantOrganization(userId: string, organizationId: string, trusted: boolean): Promise<void>;
  /** The account stops being a provider of the organisation, at once, whatever sessions it has. */
  removeFromOrganization(userId: string, organizationId: string): Promise<void>;
  organizationsOfUser(userId: string): Promise<string[]>;
  findByEmail(email: string): Promise<CurrentUser | null>;
  /** Names and addresses to show for the given accounts; unknown ids are left out. */
  usersByIds(ids: readonly string[]): Promise<Map<string, { displayName: string; email: string }>>;
  /** The session (a CurrentUser's sessionId) still runs and passed the second factor. */
  isSessionVerified(sessionId: string): Promise<boolean>;
  /** Starts, or resumes, adding the account to a code app; refused once a code app is confirmed. */
  beginSecondFactorEnrolment(userId: string): Promise<Result<SecondFactorSetup, 'already_enrolled'>>;
  /** Confirms the code app with its first code; the session counts as verified from then on. */
  confirmSecondFactorEnrolment(sessionId: string, userId: string, code: string): Promise<Result<void, SecondFactorError>>;
  /** Checks a code for this session; each code (time step) is accepted once only. */
  verifySecondFactor(sessionId: string, userId: string, code: string): Promise<Result<void, SecondFactorError>>;
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword('not-a-real-password-used-for-timing');

export function createAccountsService(deps: { db: Kysely<AccountsTables>; clock: Clock; secretBox: SecretBox }): AccountsService {
  const { db, clock, secretBox } = deps;

  async function toCurrentUser(row: UsersTable, session: { id: string; verifiedAt: string | null } | null): Promise<CurrentUser> {
    const memberships = await store.membershipsOf(db, row.id);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      // An unknown role in the database gets the least rights, not a provider's.
      role: isRole(row.role) ? row.role : 'person',
      organizationIds: memberships.map((m) => m.organization_id),
      secondFactorEnrolled: row.second_factor_enrolled_at !== null,
      secondFactorVerified: session?.verifiedAt != null,
      sessionId: session?.id ?? null,
    };
  }

  /** The live session of this user with their code app's seed, or why a code cannot be checked. */
  async function sessionWithSecret(sessionId: string, userId: string, now: string) {
    const row = await store.findLiveSession(db, sessionId, now);
    if (!row || row.id !== userId) return fail('session_ended' as const);
    if (row.second_factor_secret === null) return fail('not_enrolled' as const);
    const secret = secretBox.open(row.second_factor_secret, row.id);
    if (secret === null) return fail('secret_unreadable' as const);
    return ok({ row, secret });
  }

  return {
    async createUser(input) {
      const email = input.email.trim().toLowerCase();
      if (!EMAIL.test(email) || email.length > 254) return fail('invalid_email');
      if (input.password.length < MIN_PASSWORD_LENGTH) return fail('password_too_short');
      if (!isRole(input.role)) return fail('invalid_role');
      if (await store.findUserByEmail(db, email)) return fail('email_taken');
      const now = isoNow(clock);
      const row: UsersTable = {
        id: newId(),
        email,
        password_hash: await hashPassword(input.password),
        display_name: input.displayName.trim() || email,
        role: input.role,
        disabled: 0,
        created_at: now,
        updated_at: now,
        second_factor_secret: null,
        second_factor_enrolled_at: null,
        second_factor_last_step: null,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.insertUser(trx, row);
          for (const organizationId of input.organizationIds ?? []) {
            await store.addMembership(trx, row.id, organizationId, input.trusted ?? false);
          }
        });
      } catch (error) {
        // Two sign-ups with one address at the same moment: the database's unique index decides.
        if (await store.findUserByEmail(db, email)) return fail('email_taken');
        throw error;
      }
      return ok(await toCurrentUser(row, null));
    },

    async authenticate(email, password) {
      const row = await store.findUserByEmail(db, email.trim());
      if (!row || row.disabled) {
        await verifyPassword(await DUMMY_HASH, password);
        return null;
      }
      return (await verifyPassword(row.password_hash, password)) ? toCurrentUser(row, null) : null;
    },

    async startSession(userId) {
      const token = newSecret();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
      await store.deleteExpiredSessions(db, now.toISOString());
      await store.insertSession(db, {
        id_hash: hashSecret(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        second_factor_at: null,
      });
      return { token, expiresAt };
    },

    async endSession(token) {
      await store.deleteSession(db, hashSecret(token));
    },

    async userForSession(token) {
      const id = hashSecret(token);
      const row = await store.findLiveSession(db, id, isoNow(clock));
      return row ? toCurrentUser(row, { id, verifiedAt: row.session_second_factor_at }) : null;
    },

    async isTrusted(userId, organizationId) {
      const memberships = await store.membershipsOf(db, userId);
      return memberships.some((m) => m.organization_id === organizationId && m.trusted === 1);
    },

    async grantOrganization(userId, organizationId, trusted) {
      await store.addMembership(db, userId, organizationId, trusted);
    },

    async removeFromOrganization(userId, organizationId) {
      await store.removeMembership(db, userId, organizationId);
    },

    async organizationsOfUser(userId) {
      return (await store.membershipsOf(db, userId)).map((m) => m.organization_id);
    },

    async findByEmail(email) {
      const row = await store.findUserByEmail(db, email.trim());
      return row ? toCurrentUser(row, null) : null;
    },

    async usersByIds(ids) {
      const rows = await store.findUsersByIds(db, [...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, { displayName: row.display_name, email: row.email }]));
    },

    async isSessionVerified(sessionId) {
      const row = await store.findLiveSession(db, sessionId, isoNow(clock));
      return row?.session_second_factor_at != null;
    },

    async beginSecondFactorEnrolment(userId) {
      let row = await store.findUserById(db, userId);
      if (!row) throw new Error(`no account ${userId}`);
      if (row.second_factor_enrolled_at !== null) return fail('already_enrolled');
      if (row.second_factor_secret === null || secretBox.open(row.second_factor_secret, userId) === null) {
        // No seed yet, or one that can no longer be opened: nothing was confirmed with it, so replace it.
        const sealed = secretBox.seal(newTotpSecret(), userId);
        await store.offerSecondFactorSecret(db, userId, row.second_factor_secret, sealed, isoNow(clock));
        // Another request may have offered its seed first; everyone shows the one that was kept.
        row = await store.findUserById(db, userId);
        if (!row) throw new Error(`no account ${userId}`);
        if (row.second_factor_enrolled_at !== null) return fail('already_enrolled');
      }
      const secret = row.second_factor_secret === null ? null : secretBox.open(row.second_factor_secret, userId);
      if (secret === null) throw new Error(`the code app seed of ${userId} could not be stored`);
      return ok({ secret, uri: totpUri(secret, TOTP_ISSUER, row.email) });
    },

    async confirmSecondFactorEnrolment(sessionId, userId, code) {
      const now = clock.now();
      const found = await sessionWithSecret(sessionId, userId, now.toISOString());
      if (!found.ok) return found;
      if (found.value.row.second_factor_enrolled_at !== null) return fail('already_enrolled');
      const step = totpStep(found.value.secret, code, now);
      if (step === null) return fail('wrong_code');
      return db.transaction().execute(async (trx) => {
        if (!(await store.confirmSecondFactor(trx, userId, step, now.toISOString()))) return fail('already_enrolled' as const);
        await store.markSessionVerified(trx, sessionId, now.toISOString());
        return ok(undefined);
      });
    },

    async verifySecondFactor(sessionId, userId, code) {
      const now = clock.now();
      const found = await sessionWithSecret(sessionId, userId, now.toISOString());
      if (!found.ok) return found;
      if (found.value.row.second_factor_enrolled_at === null) return fail('not_enrolled');
      const step = totpStep(found.value.secret, code, now);
      if (step === null) return fail('wrong_code');
      return db.transaction().execute(async (trx) => {
        if (!(await store.useSecondFactorStep(trx, userId, step))) return fail('code_used' as const);
        await store.markSessionVerified(trx, sessionId, now.toISOString());
        return ok(undefined);
      });
    },
  };
}
