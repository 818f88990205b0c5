import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../../config/config.js';
import type { Clock } from '../../../shared/clock.js';
import { hashPassword, verifyPassword } from '../../../platform/auth/password.js';
import type { ChatTables } from '../chat.tables.js';
import type { AccessTokens } from '../access-tokens.js';
import type { RoomMembershipView } from '../rooms/membership-view.js';
import { nowMs, userIdFor } from '../chat.core.js';
import { MatrixError, forbidden, missingParam, notFound } from '../matrix-error.js';
import type { UserInteractiveAuth } from '../auth/user-interactive.js';
import { passwordStage } from '../auth/password-stage.js';
import { DeviceRegistry, type DeviceRemovedListener } from '../devices/devices.service.js';
import { Profiles } from '../profile/profile.service.js';
import { RegistrationTokens } from './registration-tokens.js';
import { consumeRegistrationToken } from './registration-tokens.store.js';
import { checkPasswordStrength } from './passwords.js';
import { FailureBudget } from './failure-budget.js';
import { localUserIdFrom, localpartFor, randomLocalpart } from './usernames.js';
import * as store from './accounts.store.js';

export type Account = Omit<store.ChatUser, 'passwordHash'>;

export interface NewAccount {
  /** As the person typed it; a random localpart when absent. */
  readonly username?: string | undefined;
  /** Null: an account nobody can log in to until an admin sets a password. */
  readonly password: string | null;
  /** Defaults to the localpart. */
  readonly displayName?: string | undefined;
  readonly admin?: boolean;
  /** Counted as used in the same transaction that creates the account. */
  readonly registrationToken?: string | undefined;
}

export interface DeviceRequest {
  readonly deviceId?: string | undefined;
  readonly displayName?: string | undefined;
  readonly ip: string | null;
}

export interface Session {
  readonly userId: string;
  readonly deviceId: string;
  readonly accessToken: string;
}

export interface ChatAccountsDeps {
  readonly db: Kysely<ChatTables>;
  readonly clock: Clock;
  readonly config: ChatConfig;
  readonly tokens: AccessTokens;
  readonly uia: UserInteractiveAuth;
  readonly rooms: RoomMembershipView;
}

const INVALID_LOGIN = 'Invalid username or password';
/** Ten wrong passwords per quarter hour, as for the portal's sign-in. */
const PASSWORD_FAILURES = { maxFailures: 10, windowMs: 15 * 60_000 };
const isWrongPassword = (error: MatrixError) => error.errcode === 'M_FORBIDDEN';

/** Local Matrix accounts: creation, sessions (one device each), passwords, deactivation. */
export class ChatAccounts {
  readonly devices: DeviceRegistry;
  readonly profiles: Profiles;
  readonly registrationTokens: RegistrationTokens;
  /** Wrong passwords at login, per client address. */
  private readonly loginFailures: FailureBudget;
  /** Wrong passwords when confirming an operation, per account: the caller already holds a token. */
  private readonly confirmationFailures: FailureBudget;

  constructor(private readonly deps: ChatAccountsDeps) {
    this.devices = new DeviceRegistry(deps.db, deps.clock, deps.tokens);
    this.profiles = new Profiles(deps.db, deps.rooms);
    this.registrationTokens = new RegistrationTokens(deps.db, deps.clock);
    this.loginFailures = new FailureBudget({ ...PASSWORD_FAILURES, clock: deps.clock });
    this.confirmationFailures = new FailureBudget({ ...PASSWORD_FAILURES, clock: deps.clock });
  }

  /** Every removal of a device (logout, deletion, deactivation, password change) is announced here. */
  onDeviceRemoved(listener: DeviceRemovedListener): void {
    this.devices.onDeviceRemoved(listener);
  }

  async find(userId: string): Promise<Account | undefined> {
    const user = await store.findUser(this.deps.db, userId);
    if (!user) return undefined;
    const { passwordHash: _hidden, ...account } = user;
    return account;
  }

  /** How many accounts exist besides these (the demo seed adds its accounts only where nobody else has one). */
  countUsersOtherThan(userIds: readonly string[]): Promise<number> {
    return store.countUsersExcept(this.deps.db, userIds);
  }

  /** The localpart the username gives, or M_INVALID_USERNAME / M_USER_IN_USE. */
  async availableLocalpart(username: string): Promise<string> {
    const localpart = localpartFor(username, this.deps.config);
    if (await store.localpartTaken(this.deps.db, localpart)) throw userInUse();
    return localpart;
  }

  async createUser(account: NewAccount): Promise<Account> {
    const chosen = account.username === undefined ? undefined : localpartFor(account.username, this.deps.config);
    if (account.password !== null) checkPasswordStrength(account.password);
    const passwordHash = account.password === null ? null : await hashPassword(account.password);
    if (chosen !== undefined) {
      if (!(await this.insert(chosen, passwordHash, account))) throw userInUse();
      return this.existing(userIdFor(chosen, this.deps.config));
    }
    for (;;) {
      const localpart = randomLocalpart();
      if (await this.insert(localpart, passwordHash, account)) return this.existing(userIdFor(localpart, this.deps.config));
    }
  }

  /** A new access token on the requested (or a new) device. */
  async startSession(userId: string, device: DeviceRequest): Promise<Session> {
    const deviceId = await this.devices.open(userId, device);
    const accessToken = await this.deps.tokens.issue(userId, deviceId);
    return { userId, deviceId, accessToken };
  }

  /**
   * m.login.password: `name` is a full user id of this server or a localpart. Wrong names and
   * passwords count against the client's address; past the budget even right ones get 429.
   */
  login(name: string, password: string, device: DeviceRequest): Promise<Session> {
    return this.loginFailures.guard(
      device.ip ?? '',
      async () => {
        const userId = localUserIdFrom(name, this.deps.config);
        const user = userId === undefined ? undefined : await store.findUser(this.deps.db, userId);
        if (!user) throw forbidden(INVALID_LOGIN);
        if (user.deactivated) throw new MatrixError(403, 'M_USER_DEACTIVATED', 'This account has been deactivated');
        if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) throw forbidden(INVALID_LOGIN);
        return this.startSession(user.userId, device);
      },
      isWrongPassword,
    );
  }

  /**
   * User-interactive confirmation of a sensitive operation on the caller's own account with their
   * password; `operation` binds the session to it. Throws the 401 challenge until confirmed.
   */
  confirmPassword(userId: string, auth: unknown, operation: string): Promise<void> {
    return this.confirmationFailures.guard(
      userId,
      () =>
        this.deps.uia.require({
          auth,
          flows: [['m.login.password']],
          stages: { 'm.login.password': passwordStage(this.deps.db, userId) },
          purpose: `${operation}:${userId}`,
        }),
      (error) => error.status === 401 && isWrongPassword(error),
    );
  }

  /** Ends the device's session and removes the device. */
  logout(userId: string, deviceId: string): Promise<void> {
    return this.devices.remove(userId, [deviceId]);
  }

  async logoutAll(userId: string): Promise<void> {
    await this.devices.removeAllExcept(userId, null);
    await this.deps.tokens.revokeUser(userId);
  }

  /**
   * A new password; with `logoutDevices` every other device is removed, keeping `keepDeviceId`
   * (the device that asked) logged in.
   */
  async setPassword(userId: string, password: string, options: { logoutDevices: boolean; keepDeviceId: string | null }): Promise<void> {
    checkPasswordStrength(password);
    await this.existing(userId);
    await store.setPasswordHash(this.deps.db, userId, await hashPassword(password));
    if (options.logoutDevices) await this.devices.removeAllExcept(userId, options.keepDeviceId);
  }

  /** No more logins or requests, no devices, out of every room. Admins can reactivate. */
  async deactivate(userId: string): Promise<void> {
    await this.existing(userId);
    await store.markDeactivated(this.deps.db, userId);
    await this.deps.tokens.revokeUser(userId);
    await this.devices.removeAllExcept(userId, null);
    await this.deps.rooms.leaveAllRooms(userId);
  }

  /** Deactivation forgot the password, so coming back needs a new one. */
  async reactivate(userId: string, password: string | undefined): Promise<void> {
    if (password === undefined) throw missingParam('A password is needed to reactivate an account');
    checkPasswordStrength(password);
    await this.existing(userId);
    await store.markReactivated(this.deps.db, userId, await hashPassword(password));
  }

  async setAdmin(userId: string, admin: boolean): Promise<void> {
    await store.setAdmin(this.deps.db, userId, admin);
    this.deps.tokens.forgetUser(userId);
  }

  private async insert(localpart: string, passwordHash: string | null, account: NewAccount): Promise<boolean> {
    const now = nowMs(this.deps.clock);
    const user: store.NewChatUser = {
      userId: userIdFor(localpart, this.deps.config),
      localpart,
      passwordHash,
      displayName: account.displayName ?? localpart,
      isAdmin: account.admin ?? false,
      createdTs: now,
    };
    const token = account.registrationToken;
    return this.deps.db.transaction().execute(async (tx) => {
      if (!(await store.insertUser(tx, user))) return false;
      if (token !== undefined && !(await consumeRegistrationToken(tx, token, now))) {
        throw forbidden('The registration token is no longer valid');
      }
      return true;
    });
  }

  private async existing(userId: string): Promise<Account> {
    const account = await this.find(userId);
    if (!account) throw notFound('Unknown user');
    return account;
  }
}

const userInUse = () => new MatrixError(400, 'M_USER_IN_USE', 'That user name is already taken');
