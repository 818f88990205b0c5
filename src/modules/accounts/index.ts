import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { createSecretBox } from '../../platform/auth/secret-box.js';
import { createAccountsService, type AccountsService } from './accounts.service.js';
import { registerAccountsRoutes, SESSION_COOKIE } from './accounts.routes.js';
import { registerSecondFactorRoutes } from './second-factor.routes.js';
import type { AccountsTables } from './accounts.tables.js';
import * as m0001 from './migrations/0001_accounts.js';
import * as m0023 from './migrations/0023_accounts_second_factor.js';

export type { AccountsService, NewUser, CreateUserError, SecondFactorError, SecondFactorSetup } from './accounts.service.js';
export type { AccountsTables } from './accounts.tables.js';

export const accountsMigrations = { '0001_accounts': m0001, '0023_accounts_second_factor': m0023 };
export const accountsMessagesDir = new URL('./messages/', import.meta.url);

/** `sessionSecret` keys the encryption of code app seeds: changing it means setting up code apps again. */
export function createAccounts(deps: { db: Kysely<AccountsTables>; clock: Clock; sessionSecret: string }): AccountsService {
  return createAccountsService({ db: deps.db, clock: deps.clock, secretBox: createSecretBox(deps.sessionSecret, 'second-factor') });
}

export function sessionUserResolver(accounts: AccountsService) {
  return async (request: FastifyRequest): Promise<CurrentUser | null> => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    return accounts.userForSession(token);
  };
}

export function accountsPlugin(deps: {
  accounts: AccountsService;
  publicUrl: string;
  secureCookies: boolean;
  /** Sign-in and sign-up attempts per client address. */
  loginLimiter: RateLimiter;
  /** Second-factor code attempts per account. */
  secondFactorLimiter: RateLimiter;
}) {
  return async (app: FastifyInstance) => {
    registerAccountsRoutes(app, deps);
    registerSecondFactorRoutes(app, deps);
  };
}
