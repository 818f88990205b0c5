import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../config/config.js';
import type { Clock } from '../../shared/clock.js';
import type { ChatTables } from './chat.tables.js';
import type { EventStream } from './stream.js';
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
}

export function userIdFor(localpart: string, config: ChatConfig): string {
  return `@${localpart}:${config.serverName}`;
}

export const nowMs = (clock: Clock): number => clock.now().getTime();
