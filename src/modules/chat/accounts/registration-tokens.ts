import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../shared/clock.js';
import type { ChatTables } from '../chat.tables.js';
import { nowMs } from '../chat.core.js';
import { MatrixError, invalidParam } from '../matrix-error.js';
import type { StageCheck } from '../auth/user-interactive.js';
import { FailureBudget } from './failure-budget.js';
import {
  findRegistrationToken,
  insertRegistrationToken,
  listRegistrationTokens,
  type RegistrationToken,
} from './registration-tokens.store.js';

export type { RegistrationToken } from './registration-tokens.store.js';

export const REGISTRATION_TOKEN_STAGE = 'm.login.registration_token';

/** The spec's token grammar (Synapse's too), so tokens issued elsewhere can be typed in here. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;
const GENERATED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_LENGTH = 16;
/** Admins may choose short tokens; guessing them must stay slow. */
const GUESS_BUDGET = { maxFailures: 10, windowMs: 15 * 60_000 };

export interface NewRegistrationToken {
  /** Chosen by the admin; generated when absent. */
  readonly token?: string;
  readonly length?: number;
  readonly usesAllowed?: number | null;
  readonly expiryTs?: number | null;
}

/** Admin-issued tokens that let people register while registration is by token only. */
export class RegistrationTokens {
  private readonly guesses: FailureBudget;

  constructor(
    private readonly db: Kysely<ChatTables>,
    private readonly clock: Clock,
  ) {
    this.guesses = new FailureBudget({ ...GUESS_BUDGET, clock });
  }

  async isValid(token: string): Promise<boolean> {
    const found = await findRegistrationToken(this.db, token);
    return found !== undefined && this.usable(found);
  }

  /** For the validity endpoint: unknown or spent tokens count as guesses of the client. */
  async checkValidity(token: string, client: string): Promise<boolean> {
    this.guesses.check(client);
    const valid = await this.isValid(token);
    if (!valid) this.guesses.recordFailure(client);
    return valid;
  }

  /** Runs a registration step; a rejected token in it counts as a guess of the client. */
  guardGuesses<T>(client: string, attempt: () => Promise<T>): Promise<T> {
    return this.guesses.guard(client, attempt, (error) => error.status === 401 && error.errcode === 'M_FORBIDDEN');
  }

  usable(token: RegistrationToken): boolean {
    const notUsedUp = token.usesAllowed === null || token.completed < token.usesAllowed;
    const notExpired = token.expiryTs === null || token.expiryTs > nowMs(this.clock);
    return notUsedUp && notExpired;
  }

  /** The user-interactive stage: only checks the token; a use is counted when the account is created. */
  stage(): StageCheck {
    return async (auth) => {
      const token = typeof auth.token === 'string' ? auth.token : '';
      if (!(await this.isValid(token))) throw new MatrixError(401, 'M_FORBIDDEN', 'Invalid registration token');
    };
  }

  async create(request: NewRegistrationToken): Promise<RegistrationToken> {
    const usesAllowed = request.usesAllowed ?? null;
    if (usesAllowed !== null && (!Number.isSafeInteger(usesAllowed) || usesAllowed < 0)) {
      throw invalidParam('uses_allowed must be a whole number of 0 or more');
    }
    const expiryTs = request.expiryTs ?? null;
    if (expiryTs !== null && (!Number.isSafeInteger(expiryTs) || expiryTs < nowMs(this.clock))) {
      throw invalidParam('expiry_time must be in the future');
    }
    const token = request.token ?? generate(request.length ?? DEFAULT_LENGTH);
    if (!TOKEN_PATTERN.test(token)) throw invalidParam('token must be 1 to 64 characters of A-Z, a-z, 0-9, . _ ~ -');
    const created: RegistrationToken = { token, usesAllowed, completed: 0, expiryTs };
    if (!(await insertRegistrationToken(this.db, created, nowMs(this.clock)))) {
      throw invalidParam(`Token already exists: ${token}`);
    }
    return created;
  }

  list(): Promise<RegistrationToken[]> {
    return listRegistrationTokens(this.db);
  }
}

function generate(length: number): string {
  if (!Number.isSafeInteger(length) || length < 1 || length > 64) throw invalidParam('length must be from 1 to 64');
  return Array.from({ length }, () => GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)]).join('');
}
