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
import {
  createMandatesService,
  mandatesMessagesDir,
  mandatesMigrations,
  mandatesPlugin,
  type MandatesService,
  type MandatesTables,
  type PeopleDirectory,
  mandatesApiOpenApiPaths,
} from './modules/mandates/index.js';
import { createMailer, type Mailer } from './platform/mail/mailer.js';
import {
  checkApiOpenApiPaths,
  checkerPlugin,
  createCheckerService,
  createStoplineService,
  safetyMessagesDir,
  safetyMigrations,
  stoplinePlugin,
  type CheckerService,
  type CheckerTables,
  type StoplineTables,
} from './modules/safety/index.js';

export type Database = AccountsTables & DirectoryTables & ChatTables & MandatesTables & CheckerTables & StoplineTables;

/** Every module's migrations, in one global order shared by SQLite and PostgreSQL. */
export const allMigrations: NamedMigrations = {
  ...accountsMigrations,
  ...directoryMigrations,
  ...chatMigrations,
  ...mandatesMigrations,
  ...safetyMigrations,
};

export const messageDirs: string[] = [
  fileURLToPath(new URL('./platform/messages/', import.meta.url)),
  fileURLToPath(accountsMessagesDir),
  fileURLToPath(directoryMessagesDir),
  fileURLToPath(opendataMessagesDir),
  fileURLToPath(mandatesMessagesDir),
  fileURLToPath(safetyMessagesDir),
];

export function loadAllCatalogs(): Catalogs {
  return loadCatalogs(messageDirs);
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Tests fail on a missing message; production falls back to English. */
  readonly strictMessages?: boolean;
  /** For the long-running server: daily chores (expired personal data, mandate expiry and reminders), at start and then daily. */
  readonly housekeeping?: boolean;
  /** Where e-mail goes; by default one log line per message. */
  readonly mailer?: Mailer;
}

export interface App {
  readonly http: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly accounts: AccountsService;
  readonly directory: DirectoryService;
  readonly chat: Chat;
  readonly mandates: MandatesService;
  readonly checker: CheckerService;
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

  const accounts = createAccounts({ db, clock, sessionSecret: config.sessionSecret });
  const directory = createDirectory({ db, clock, isTrusted: accounts.isTrusted, config });
  await directory.start();
  const chat = createChat({ db, clock, config: config.chat, publicUrl: config.publicUrl, mediaDir: join(config.dataDir, 'media') });
  await chat.start();
  const checker = createCheckerService({ db, clock, sessionSecret: config.sessionSecret });
  await checker.start();

  const translators = createTranslators(loadAllCatalogs(), { strict: options.strictMessages ?? false });
  const people: PeopleDirectory = {
    findUserByEmail: accounts.findByEmail,
    usersByIds: accounts.usersByIds,
    organizationsOfUser: accounts.organizationsOfUser,
    isSessionVerified: accounts.isSessionVerified,
    async organizationsByIds(ids) {
      const found = await Promise.all(ids.map((id) => directory.getOrganization(id)));
      return new Map(found.flatMap((o) => (o ? [[o.id, { name: o.name, email: o.email }] as const] : [])));
    },
  };
  const mailer = options.mailer ?? createMailer(config.mail, console);
  const mandates = createMandatesService({ db, clock, publicUrl: config.publicUrl, translators, mailer, people });
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
    accountsPlugin({
      accounts,
      publicUrl: config.publicUrl,
      secureCookies: config.secureCookies,
      loginLimiter,
      secondFactorLimiter: createRateLimiter({ max: 5, windowMs: 15 * 60_000, clock }),
    }),
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
  await http.register(opendataPlugin({ directory, clock, publicUrl: config.publicUrl, otherApiPaths: { ...checkApiOpenApiPaths, ...mandatesApiOpenApiPaths } }));
  await http.register(chatPlugin(chat));
  await http.register(
    mandatesPlugin({
      mandates,
      publicUrl: config.publicUrl,
      listOrganizations: async () => (await directory.listOrganizations()).map((o) => ({ id: o.id, name: o.name })),
      accessCheckLimiter: createRateLimiter({ max: 20, windowMs: 10 * 60_000, clock }),
      tokenLimiter: createRateLimiter({ max: 20, windowMs: 10 * 60_000, clock }),
    }),
  );
  await http.register(
    checkerPlugin({
      checker,
      publicUrl: config.publicUrl,
      anonymousLimiter: createRateLimiter({ max: 30, windowMs: 10 * 60_000, clock }),
      translators,
    }),
  );
  await http.register(
    stoplinePlugin({
      stopline: createStoplineService({ db, clock }),
      publicUrl: config.publicUrl,
      clock,
      anonymousLimiter: createRateLimiter({ max: 20, windowMs: 10 * 60_000, clock }),
      helpline: config.helpline,
    }),
  );

  let housekeeping: NodeJS.Timeout | undefined;
  if (options.housekeeping) {
    const purge = async () => {
      const deleted = await directory.purgeExpiredRegistrations();
      if (deleted > 0) http.log.info({ deleted }, 'deleted registrations past their retention period');
      const reminders = await mandates.sendExpiryReminders();
      if (reminders > 0) http.log.info({ reminders }, 'sent mandate expiry reminders');
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
    mandates,
    checker,
    async close() {
      clearInterval(housekeeping);
      chat.stop();
      await http.close();
      await database.close();
    },
  };
}
