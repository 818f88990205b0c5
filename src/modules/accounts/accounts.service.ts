import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { isRole, type CurrentUser, type Role } from '../../platform/auth/roles.js';
import { hashSecret, newId, newSecret } from '../../shared/ids.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { AccountsTables, UsersTable } from './accounts.tables.js';
import * as store from './accounts.store.js';

const SESSION_DAYS = 14;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationIds?: readonly string[];
  trusted?: boolean;
}

export type CreateUserError = 'invalid_email' | 'password_too_short' | 'invalid_role' | 'email_taken';

export interface AccountsService {
  createUser(input: NewUser): Promise<Result<CurrentUser, CreateUserError>>;
  authenticate(email: string, password: string): Promise<CurrentUser | null>;
  startSession(userId: string): Promise<{ token: string; expiresAt: Date }>;
  endSession(token: string): Promise<void>;
  userForSession(token: string): Promise<CurrentUser | null>;
  /** Whether this provider's changes to the organisation publish without moderation. */
  isTrusted(userId: string, organizationId: string): Promise<boolean>;
  grantOrganization(userId: string, organizationId: string, trusted: boolean): Promise<void>;
  findByEmail(email: string): Promise<CurrentUser | null>;
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword('not-a-real-password-used-for-timing');

export function createAccountsService(deps: { db: Kysely<AccountsTables>; clock: Clock }): AccountsService {
  const { db, clock } = deps;

  async function toCurrentUser(row: UsersTable): Promise<CurrentUser> {
    const memberships = await store.membershipsOf(db, row.id);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: isRole(row.role) ? row.role : 'provider',
      organizationIds: memberships.map((m) => m.organization_id),
    };
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
      };
      await db.transaction().execute(async (trx) => {
        await store.insertUser(trx, row);
        for (const organizationId of input.organizationIds ?? []) {
          await store.addMembership(trx, row.id, organizationId, input.trusted ?? false);
        }
      });
      return ok(await toCurrentUser(row));
    },

    async authenticate(email, password) {
      const row = await store.findUserByEmail(db, email.trim());
      if (!row || row.disabled) {
        await verifyPassword(await DUMMY_HASH, password);
        return null;
      }
      return (await verifyPassword(row.password_hash, password)) ? toCurrentUser(row) : null;
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
      });
      return { token, expiresAt };
    },

    async endSession(token) {
      await store.deleteSession(db, hashSecret(token));
    },

    async userForSession(token) {
      const row = await store.findLiveSession(db, hashSecret(token), isoNow(clock));
      return row ? toCurrentUser(row) : null;
    },

    async isTrusted(userId, organizationId) {
      const memberships = await store.membershipsOf(db, userId);
      return memberships.some((m) => m.organization_id === organizationId && m.trusted === 1);
    },

    async grantOrganization(userId, organizationId, trusted) {
      await store.addMembership(db, userId, organizationId, trusted);
    },

    async findByEmail(email) {
      const row = await store.findUserByEmail(db, email.trim());
      return row ? toCurrentUser(row) : null;
    },
  };
}
