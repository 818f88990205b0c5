import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../config/config.js';
import type { Clock } from '../../shared/clock.js';
import type { ChatTables } from './chat.tables.js';
import type { ChatCore } from './chat.core.js';
import { EventStream } from './stream.js';
import { AccessTokens } from './access-tokens.js';
import { UserInteractiveAuth } from './auth/user-interactive.js';
import type { SyncExtension } from './sync/sync-types.js';
import { AccountData } from './account-data/account-data.service.js';
import { PushRules } from './push/push-rules.service.js';
import { defaultPushRulesOnInitialSync } from './push/push-rules.sync.js';
import { Media } from './media/media.service.js';
import { MediaFiles } from './media/media-files.js';
import { RoomsService } from './rooms/rooms.service.js';
import { HistoryService } from './rooms/history.service.js';
import { TypingTracker } from './ephemeral/typing.js';
import { ReceiptsService } from './ephemeral/receipts.service.js';
import { SyncService } from './sync/sync.service.js';
import { ChatAccounts } from './accounts/accounts.service.js';
import { ChatAdmin } from './admin/admin.service.js';
import { KeysService } from './keys/keys.service.js';
import { ToDeviceService } from './to-device/to-device.service.js';
import { KeyBackupService } from './key-backup/key-backup.service.js';

export interface ChatDeps {
  readonly db: Kysely<ChatTables>;
  readonly clock: Clock;
  readonly config: ChatConfig;
  readonly publicUrl: string;
  /** Where uploaded media and their thumbnails are kept. */
  readonly mediaDir: string;
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
  readonly accountData: AccountData;
  readonly pushRules: PushRules;
  readonly media: Media;
  /** End-to-end encryption: published device and cross-signing keys, to-device messages, key backups. */
  readonly keys: KeysService;
  readonly toDevice: ToDeviceService;
  readonly keyBackup: KeyBackupService;
  /** Accounts, their devices and profiles; `accounts.onDeviceRemoved` announces every removed device. */
  readonly accounts: ChatAccounts;
  readonly admin: ChatAdmin;
  start(): Promise<void>;
  /** Ends every waiting /sync at once, before the HTTP server and the database close. */
  stop(): void;
}

export function createChat(deps: ChatDeps): Chat {
  const stream = new EventStream(deps.db);
  const tokens = new AccessTokens(deps.db, deps.clock);
  const changes = { roomEvents: stream.tracker(), memberships: stream.tracker(), receipts: stream.tracker(), accountData: stream.tracker() };
  const core: ChatCore = { ...deps, stream, tokens, changes };
  const uia = new UserInteractiveAuth(deps.clock);
  const syncExtensions: SyncExtension[] = [];
  const accountData = new AccountData(core);
  const pushRules = new PushRules(accountData);
  syncExtensions.push(defaultPushRulesOnInitialSync(accountData));
  const media = new Media(deps.db, deps.clock, deps.config, new MediaFiles(deps.mediaDir));
  const rooms = new RoomsService(core);
  const history = new HistoryService(core, rooms);
  const typing = new TypingTracker(stream);
  const receipts = new ReceiptsService(core, rooms);
  const keys = new KeysService(core, rooms);
  const toDevice = new ToDeviceService(core);
  const keyBackup = new KeyBackupService(deps.db);
  syncExtensions.push(keys.syncExtension, toDevice.syncExtension);
  const sync = new SyncService(core, rooms, history, typing, pushRules, receipts, syncExtensions);
  const accounts = new ChatAccounts({ db: deps.db, clock: deps.clock, config: deps.config, tokens, uia, rooms });
  accounts.onDeviceRemoved(async (userId, deviceId) => {
    await keys.forgetDevice(userId, deviceId);
    await toDevice.forgetDevice(userId, deviceId);
  });
  const admin = new ChatAdmin(deps.db);
  return {
    ...core,
    uia,
    rooms,
    history,
    typing,
    receipts,
    sync,
    syncExtensions,
    accountData,
    pushRules,
    media,
    keys,
    toDevice,
    keyBackup,
    accounts,
    admin,
    async start() {
      await stream.start();
    },
    stop() {
      stream.close();
      typing.stop();
    },
  };
}
