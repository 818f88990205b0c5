import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../config/config.js';
import type { Clock } from '../../shared/clock.js';
import type { ChatTables } from './chat.tables.js';
import type { ChatCore } from './chat.core.js';
import { EventStream } from './stream.js';
import { AccessTokens } from './access-tokens.js';
import { UserInteractiveAuth } from './auth/user-interactive.js';
import type { SyncExtension } from './sync/sync-types.js';
import { RoomsService } from './rooms/rooms.service.js';
import { HistoryService } from './rooms/history.service.js';
import { TypingTracker } from './ephemeral/typing.js';
import { ReceiptsService } from './ephemeral/receipts.service.js';
import { SyncService } from './sync/sync.service.js';

export interface ChatDeps {
  readonly db: Kysely<ChatTables>;
  readonly clock: Clock;
  readonly config: ChatConfig;
  readonly publicUrl: string;
}

/** The homeserver's services, built once by the composition root. */
export interface Chat extends ChatCore {
  readonly uia: UserInteractiveAuth;
  readonly rooms: RoomsService;
  readonly history: HistoryService;
  readonly typing: TypingTracker;
  readonly receipts: ReceiptsService;
  readonly sync: SyncService;
  /** Every part that adds sections to /sync answers. */
  readonly syncExtensions: SyncExtension[];
  start(): Promise<void>;
}

export function createChat(deps: ChatDeps): Chat {
  const stream = new EventStream(deps.db);
  const tokens = new AccessTokens(deps.db, deps.clock);
  const changes = { roomEvents: stream.tracker(), receipts: stream.tracker(), accountData: stream.tracker() };
  const core: ChatCore = { ...deps, stream, tokens, changes };
  const uia = new UserInteractiveAuth(deps.clock);
  const syncExtensions: SyncExtension[] = [];
  const rooms = new RoomsService(core);
  const history = new HistoryService(core, rooms);
  const typing = new TypingTracker(stream);
  const receipts = new ReceiptsService(core, rooms);
  const sync = new SyncService(core, rooms, history, typing, syncExtensions);
  return {
    ...core,
    uia,
    rooms,
    history,
    typing,
    receipts,
    sync,
    syncExtensions,
    async start() {
      await stream.start();
    },
  };
}
