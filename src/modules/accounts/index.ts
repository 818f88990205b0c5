import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { createAccountsService, type AccountsService } from './accounts.service.js';
import { registerAccountsRoutes, SESSION_COOKIE } from './accounts.routes.js';
import type { AccountsTables } from './accounts.tables.js';
import * as m0001 from './migrations/0001_accounts.js';

export type { AccountsService, NewUser, CreateUserError } from './accounts.service.js';
export type { AccountsTables } from './accounts.tables.js';

export const accountsMigrations = { '0001_accounts': m0001 };
export const accountsMessagesDir = new URL('./messages/', import.meta.url);

export function createAccounts(deps: { db: Kysely<AccountsTables>; clock: Clock }): AccountsService {
  return createAccountsService(deps);
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
  loginLimiter: RateLimiter;
}) {
  return async (app: FastifyInstance) => registerAccountsRoutes(app, deps);
}
