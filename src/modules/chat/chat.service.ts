import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../config/config.js';
import type { Clock } from '../../shared/clock.js';
import type { ChatTables } from './chat.tables.js';
import type { ChatCore } from './chat.core.js';
import { EventStream } from './stream.js';
import { AccessTokens } from './access-tokens.js';

export interface ChatDeps {
  readonly db: Kysely<ChatTables>;
  readonly clock: Clock;
  readonly config: ChatConfig;
  readonly publicUrl: string;
}

/** The homeserver's services, built once by the composition root. */
export interface Chat extends ChatCore {
  start(): Promise<void>;
}

export function createChat(deps: ChatDeps): Chat {
  const stream = new EventStream(deps.db);
  const tokens = new AccessTokens(deps.db, deps.clock);
  const core: ChatCore = { ...deps, stream, tokens };
  return {
    ...core,
    async start() {
      await stream.start();
    },
  };
}
