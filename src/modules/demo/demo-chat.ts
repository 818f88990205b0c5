/**
 * Demo accounts for the messenger, with published passwords, and one demo room holding a short
 * invented conversation, so a visitor who logs in with Element sees something at once. They are
 * added only to a homeserver where nobody else has an account.
 */
import type { Chat } from '../chat/index.js';
import { userIdFor } from '../chat/index.js';

export interface DemoChatAccount {
  readonly localpart: string;
  readonly password: string;
  readonly displayName: string;
  /** Server admin: may use the admin API and Synapse admin tools. */
  readonly admin: boolean;
  /** Who the account stands for, in words. */
  readonly description: string;
}

export const DEMO_CHAT_ACCOUNTS: readonly DemoChatAccount[] = [
  {
    localpart: 'demo-helper',
    password: 'demo-helper-zesummen',
    displayName: 'Demo Helper (Internetstuff)',
    admin: false,
    description: 'a helper at an Internetstuff',
  },
  {
    localpart: 'demo-citizen',
    password: 'demo-citizen-zesummen',
    displayName: 'Demo Citizen',
    admin: false,
    description: 'someone asking for help',
  },
  {
    localpart: 'demo-admin',
    password: 'demo-admin-zesummen',
    displayName: 'Demo Chat Admin',
    admin: true,
    description: 'the chat server admin',
  },
];

const HELPER = 'demo-helper';
const CITIZEN = 'demo-citizen';

export const DEMO_CHAT_ROOM = {
  aliasLocalpart: 'demo-help',
  name: 'Demo: Hëllef mam Smartphone',
  topic: 'A demo room: the people and messages in it are invented. Reply as one of the demo accounts.',
  messages: [
    { from: HELPER, body: 'Moien! I am the demo helper from the Internetstuff. This is a demo room, so everything here is made up.' },
    { from: CITIZEN, body: 'Moien! My new smartphone keeps asking me to install an update. Should I do it?' },
    { from: HELPER, body: 'Yes, updates keep your phone safe. Come by on Tuesday afternoon and we do it together, or write here.' },
  ],
} as const;

/**
 * The seed writes as the demo users without a device of theirs: no access token is ever issued
 * for this id, it only fills the events' sender device field.
 */
const SEED_DEVICE_ID = 'DEMOSEED';

export interface DemoChatDeps {
  readonly accounts: Pick<Chat['accounts'], 'createUser' | 'find' | 'setAdmin' | 'countUsersOtherThan'>;
  readonly rooms: Pick<Chat['rooms'], 'createRoom' | 'setMembership' | 'send' | 'resolveAlias'>;
  readonly config: Chat['config'];
  /** The homeserver URL people type into Element. */
  readonly publicUrl: string;
}

export type DemoChatOutcome =
  | {
      readonly state: 'ready';
      readonly serverName: string;
      readonly homeserverUrl: string;
      readonly accounts: readonly { readonly account: DemoChatAccount; readonly userId: string }[];
      readonly roomAlias: string;
      readonly roomName: string;
    }
  | { readonly state: 'refused_real_users'; readonly real: number };

/**
 * Creates whatever of the demo chat is missing: accounts, demo-admin's admin flag, the room.
 * When something is missing and the server has accounts of real people, nothing is touched.
 */
export async function ensureDemoChat(chat: DemoChatDeps): Promise<DemoChatOutcome> {
  const userId = (localpart: string) => userIdFor(localpart, chat.config);
  const roomAlias = `#${DEMO_CHAT_ROOM.aliasLocalpart}:${chat.config.serverName}`;
  const missing: DemoChatAccount[] = [];
  const lostAdmin: DemoChatAccount[] = [];
  for (const account of DEMO_CHAT_ACCOUNTS) {
    const existing = await chat.accounts.find(userId(account.localpart));
    if (!existing) missing.push(account);
    else if (account.admin && !existing.isAdmin) lostAdmin.push(account);
  }
  const roomMissing = (await chat.rooms.resolveAlias(roomAlias)) === undefined;

  if (missing.length > 0 || lostAdmin.length > 0 || roomMissing) {
    const real = await chat.accounts.countUsersOtherThan(DEMO_CHAT_ACCOUNTS.map((a) => userId(a.localpart)));
    if (real > 0) return { state: 'refused_real_users', real };
  }
  for (const account of missing) {
    await chat.accounts.createUser({ username: account.localpart, password: account.password, displayName: account.displayName, admin: account.admin });
  }
  for (const account of lostAdmin) await chat.accounts.setAdmin(userId(account.localpart), true);
  if (roomMissing) await createDemoRoom(chat, userId);

  return {
    state: 'ready',
    serverName: chat.config.serverName,
    homeserverUrl: chat.publicUrl,
    accounts: DEMO_CHAT_ACCOUNTS.map((account) => ({ account, userId: userId(account.localpart) })),
    roomAlias,
    roomName: DEMO_CHAT_ROOM.name,
  };
}

async function createDemoRoom(chat: DemoChatDeps, userId: (localpart: string) => string): Promise<void> {
  const helper = userId(HELPER);
  const citizen = userId(CITIZEN);
  const { roomId } = await chat.rooms.createRoom(helper, SEED_DEVICE_ID, {
    preset: 'private_chat',
    room_alias_name: DEMO_CHAT_ROOM.aliasLocalpart,
    name: DEMO_CHAT_ROOM.name,
    topic: DEMO_CHAT_ROOM.topic,
    invite: [citizen],
  });
  await chat.rooms.setMembership(roomId, citizen, citizen, 'join');
  for (const message of DEMO_CHAT_ROOM.messages) {
    await chat.rooms.send({
      roomId,
      type: 'm.room.message',
      stateKey: null,
      sender: userId(message.from),
      content: { msgtype: 'm.text', body: message.body },
    });
  }
}
