import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../config/config.js';
import type { Clock } from '../../shared/clock.js';
import type { ChatTables } from './chat.tables.js';
import type { ChangeTracker, EventStream } from './stream.js';
import type { AccessTokens } from './access-tokens.js';

/** What every part of the chat module shares: storage, time, settings, the event stream and tokens. */
export interface ChatCore {
  readonly db: Kysely<ChatTables>;
  readonly clock: Clock;
  readonly config: ChatConfig;
  /** Public origin of this server, for /.well-known and links. */
  readonly publicUrl: string;
  readonly stream: EventStream;
  readonly tokens: AccessTokens;
  /** Which rooms and users changed at which position: lets /sync skip queries for what did not change. */
  readonly changes: ChatChanges;
}

export interface ChatChanges {
  /** By room id: a new event. */
  readonly roomEvents: ChangeTracker;
  /** By room id: a membership change. */
  readonly memberships: ChangeTracker;
  /** By room id: a new read receipt. */
  readonly receipts: ChangeTracker;
  /** By user id: global or room account data written. */
  readonly accountData: ChangeTracker;
}

export function userIdFor(localpart: string, config: ChatConfig): string {
  return `@${localpart}:${config.serverName}`;
}

export const nowMs = (clock: Clock): number => clock.now().getTime();
