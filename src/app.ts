import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config/config.js';
import { openDatabase, type DialectName } from './platform/db/database.js';
import { migrateToLatest, type NamedMigrations } from './platform/db/migrations.js';
import { createHttpServer } from './platform/http/server.js';
import { createRateLimiter } from './platform/http/rate-limit.js';
import { createTranslators, loadCatalogs, type Catalogs } from './platform/i18n/catalog.js';
import { systemClock, type Clock } from './shared/clock.js';
import {
  accountsMessagesDir,
  accountsMigrations,
  accountsPlugin,
  createAccounts,
  sessionUserResolver,
  type AccountsService,
  type AccountsTables,
} from './modules/accounts/index.js';
import {
  createDirectory,
  directoryMessagesDir,
  directoryMigrations,
  directoryPlugin,
  type DirectoryService,
  type DirectoryTables,
} from './modules/directory/index.js';
import { opendataMessagesDir, opendataPlugin } from './modules/opendata/index.js';
import { chatMigrations, chatPlugin, createChat, type Chat, type ChatTables } from './modules/chat/index.js';

export type Database = AccountsTables & DirectoryTables & ChatTables;

/** Every module's migrations, in one global order shared by SQLite and PostgreSQL. */
export const allMigrations: NamedMigrations = {
  ...accountsMigrations,
  ...directoryMigrations,
  ...chatMigrations,
};

export const messageDirs: string[] = [
  fileURLToPath(new URL('./platform/messages/', import.meta.url)),
  fileURLToPath(accountsMessagesDir),
  fileURLToPath(directoryMessagesDir),
  fileURLToPath(opendataMessagesDir),
];

export function loadAllCatalogs(): Catalogs {
  return loadCatalogs(messageDirs);
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Tests fail on a missing message; production falls back to English. */
  readonly strictMessages?: boolean;
  /** For the long-running server: delete expired personal data at start, then daily. */
  readonly housekeeping?: boolean;
}

export interface App {
  readonly http: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly accounts: AccountsService;
  readonly directory: DirectoryService;
  readonly chat: Chat;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** The composition root: data access, then services, then the HTTP server with each module. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const database = openDatabase<Database>({
    databaseUrl: config.databaseUrl,
    sqliteFile: join(config.dataDir, 'zesummen.sqlite'),
  });
  const { db } = database;
  await migrateToLatest(db, allMigrations);

  const accounts = createAccounts({ db, clock });
  const directory = createDirectory({ db, clock, isTrusted: accounts.isTrusted, config });
  await directory.start();
  const chat = createChat({ db, clock, config: config.chat, publicUrl: config.publicUrl, mediaDir: join(config.dataDir, 'media') });
  await chat.start();

  const translators = createTranslators(loadAllCatalogs(), { strict: options.strictMessages ?? false });
  const http = await createHttpServer({
    publicUrl: config.publicUrl,
    sessionSecret: config.sessionSecret,
    secureCookies: config.secureCookies,
    logLevel: config.logLevel,
    translators,
    resolveUser: sessionUserResolver(accounts),
  });

  const loginLimiter = createRateLimiter({ max: 10, windowMs: 15 * 60_000, clock });
  await http.register(
    accountsPlugin({ accounts, publicUrl: config.publicUrl, secureCookies: config.secureCookies, loginLimiter }),
  );
  const publicFormLimiter = createRateLimiter({ max: 20, windowMs: 10 * 60_000, clock });
  await http.register(
    directoryPlugin({
      directory,
      publicUrl: config.publicUrl,
      clock,
      publicFormLimiter,
      registrationRetentionDays: config.registrationRetentionDays,
      findProviderByEmail: async (email) => {
        const user = await accounts.findByEmail(email);
        return user?.role === 'provider' ? { id: user.id } : null;
      },
      grantOrganization: accounts.grantOrganization,
    }),
  );
  await http.register(opendataPlugin({ directory, clock, publicUrl: config.publicUrl }));
  await http.register(chatPlugin(chat));

  let housekeeping: NodeJS.Timeout | undefined;
  if (options.housekeeping) {
    const purge = async () => {
      const deleted = await directory.purgeExpiredRegistrations();
      if (deleted > 0) http.log.info({ deleted }, 'deleted registrations past their retention period');
    };
    await purge();
    // unref: a daily chore must not keep a stopping process alive.
    housekeeping = setInterval(() => void purge().catch((error: unknown) => http.log.error(error, 'deleting expired registrations failed')), DAY_MS);
    housekeeping.unref();
  }

  return {
    http,
    db,
    dialect: database.dialect,
    accounts,
    directory,
    chat,
    async close() {
      clearInterval(housekeeping);
      chat.stop();
      await http.close();
      await database.close();
    },
  };
}
