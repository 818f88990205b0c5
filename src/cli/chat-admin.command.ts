import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/config.js';
import { buildApp, type App } from '../app.js';
import { MatrixError } from '../modules/chat/index.js';
import type { CliCommand } from './command.js';

const DAY_MS = 86_400_000;

/** Builds the app, runs the step and turns the homeserver's refusals into one readable line. */
async function withChat(command: string, step: (app: App) => Promise<number>): Promise<number> {
  const app = await buildApp(loadConfig());
  try {
    return await step(app);
  } catch (error) {
    if (!(error instanceof MatrixError)) throw error;
    console.error(`zesummen ${command}: ${error.message} (${error.errcode})`);
    return 1;
  } finally {
    await app.close();
  }
}

/** A full user id as given, or the local user with that localpart. */
function userIdOf(app: App, user: string): string {
  return user.startsWith('@') ? user : `@${user.toLowerCase()}:${app.chat.config.serverName}`;
}

/** Passwords on the command line end up in shell history; by default we make one and show it once. */
function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

function oneArgument(command: string, positionals: string[], what: string): string | undefined {
  if (positionals.length === 1) return positionals[0];
  console.error(`zesummen ${command}: give exactly one ${what}`);
  return undefined;
}

const createUser: CliCommand = {
  name: 'chat-admin create-user',
  usage: 'chat-admin create-user LOCALPART [--password P] [--admin]',
  summary: 'Create a chat account; without --password one is generated and shown once.',
  options: { password: { type: 'string' }, admin: { type: 'boolean' } },
  async run(options, positionals) {
    const localpart = oneArgument(this.name, positionals, 'localpart');
    if (localpart === undefined) return 2;
    return withChat(this.name, async (app) => {
      const password = typeof options.password === 'string' ? options.password : generatedPassword();
      const account = await app.chat.accounts.createUser({ username: localpart, password, admin: options.admin === true });
      console.log(`Created ${account.userId}${account.isAdmin ? ' (server admin)' : ''}.`);
      if (options.password === undefined) console.log(`Password: ${password}`);
      return 0;
    });
  },
};

const deactivateUser: CliCommand = {
  name: 'chat-admin deactivate-user',
  usage: 'chat-admin deactivate-user USER',
  summary: 'Deactivate a chat account: logged out everywhere, out of every room, no more logins.',
  options: {},
  async run(_options, positionals) {
    const user = oneArgument(this.name, positionals, 'user id or localpart');
    if (user === undefined) return 2;
    return withChat(this.name, async (app) => {
      const userId = userIdOf(app, user);
      await app.chat.accounts.deactivate(userId);
      console.log(`Deactivated ${userId}: every session ended and every room left.`);
      return 0;
    });
  },
};

const resetPassword: CliCommand = {
  name: 'chat-admin reset-password',
  usage: 'chat-admin reset-password USER [--password P]',
  summary: 'Set a new chat password (generated unless given) and log out every device.',
  options: { password: { type: 'string' } },
  async run(options, positionals) {
    const user = oneArgument(this.name, positionals, 'user id or localpart');
    if (user === undefined) return 2;
    return withChat(this.name, async (app) => {
      const userId = userIdOf(app, user);
      const password = typeof options.password === 'string' ? options.password : generatedPassword();
      await app.chat.accounts.setPassword(userId, password, { logoutDevices: true, keepDeviceId: null });
      console.log(`New password set for ${userId}; every device was logged out.`);
      if (options.password === undefined) console.log(`Password: ${password}`);
      return 0;
    });
  },
};

const createRegistrationToken: CliCommand = {
  name: 'chat-admin create-registration-token',
  usage: 'chat-admin create-registration-token [--uses N] [--expires-days D]',
  summary: 'Issue a token people can register with (MATRIX_REGISTRATION=token).',
  options: { uses: { type: 'string' }, 'expires-days': { type: 'string' } },
  async run(options) {
    const uses = options.uses === undefined ? null : Number(options.uses);
    const days = options['expires-days'] === undefined ? null : Number(options['expires-days']);
    if ((uses !== null && !(Number.isInteger(uses) && uses > 0)) || (days !== null && !(days > 0))) {
      console.error(`zesummen ${this.name}: --uses must be a whole number above 0 and --expires-days a number above 0`);
      return 2;
    }
    return withChat(this.name, async (app) => {
      const expiryTs = days === null ? null : Date.now() + Math.round(days * DAY_MS);
      const token = await app.chat.accounts.registrationTokens.create({ usesAllowed: uses, expiryTs });
      const usesText = uses === null ? 'unlimited uses' : `${uses} ${uses === 1 ? 'use' : 'uses'}`;
      const expiryText = expiryTs === null ? 'never expires' : `expires ${new Date(expiryTs).toISOString()}`;
      console.log(`Registration token: ${token.token} (${usesText}, ${expiryText})`);
      return 0;
    });
  },
};

const listRooms: CliCommand = {
  name: 'chat-admin list-rooms',
  usage: 'chat-admin list-rooms',
  summary: 'List the rooms on the homeserver with their members and names.',
  options: {},
  async run() {
    return withChat(this.name, async (app) => {
      const { rooms } = await app.chat.admin.listRooms(0, Number.MAX_SAFE_INTEGER);
      if (rooms.length === 0) {
        console.log('No rooms.');
        return 0;
      }
      for (const room of rooms) {
        const label = [room.name, room.canonicalAlias].filter((part) => part !== null).join(' ') || '(no name)';
        const members = `${room.joinedMembers} ${room.joinedMembers === 1 ? 'member' : 'members'}`;
        const flags = [room.isPublic ? 'public' : 'private', room.encryption ? 'encrypted' : 'unencrypted'].join(', ');
        console.log(`${room.roomId}  ${label}  ${members}  ${flags}  created by ${room.creator}`);
      }
      return 0;
    });
  },
};

export const chatAdminCommands: readonly CliCommand[] = [createUser, deactivateUser, resetPassword, createRegistrationToken, listRooms];
