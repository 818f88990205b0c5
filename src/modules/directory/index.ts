import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import { createDirectoryService, type DirectoryService } from './directory.service.js';
import type { DirectoryTables } from './directory.tables.js';
import type { DirectoryConfig } from './directory.types.js';
import * as m0010 from './migrations/0010_directory.js';
import * as m0011 from './migrations/0011_session_end_index.js';
import { registerPublicRoutes } from './public.routes.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { registerRegistrationRoutes } from './registration.routes.js';
import { registerReportRoutes } from './report.routes.js';
import { registerProviderRoutes } from './provider.routes.js';
import { registerModerationRoutes } from './moderation.routes.js';
import { registerOrganizationRoutes } from './organization.routes.js';

export type { DirectoryService } from './directory.service.js';
export type { DirectoryTables } from './directory.tables.js';
export type * from './directory.model.js';
export type {
  Actor,
  DirectoryConfig,
  DirectoryError,
  Forbidden,
  Invalid,
  NotFound,
  SaveOutcome,
} from './directory.types.js';
export type {
  LocationInput,
  OfferInput,
  OrganizationInput,
  RegistrationInput,
  ReportInput,
  SessionInput,
  TranslationInput,
} from './directory.inputs.js';
export type { AlreadyDecided, ModerationError, ModerationItem, ModerationTarget } from './moderation.service.js';
export type { CancelError, RegisterError, Registered, RegistrationDetails, SessionRegistrations } from './registrations.service.js';
export type { CalendarEntry, CalendarQuery, OfferCard, SearchPage } from './search.service.js';
export type { DirectoryData, ImportCounts, ImportData, ImportOptions } from './bulk.service.js';
export type { SearchFacets, SearchQuery, SearchSort } from './search-index.js';
export { getCanton, getCommune, listCantons, listCommunes, resolvePlace, type Canton, type Commune } from './geography/geography.js';
export { communesForPostalCode } from './geography/geography.js';
export { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES, TRANSLATION_SOURCES } from './vocabulary.js';
export { MEDNUM_BY_OFFER_TYPE, MEDNUM_VALUES, mednumColumns, type MednumColumn, type MednumColumns } from './vocabulary.js';
export type { Accessibility, Audience, Mode, OfferType } from './vocabulary.js';
export { validateOpeningHours } from './opening-hours.js';
export { OpeningHoursTable } from './views/public/opening-hours-table.js';
export { foldedWords } from './fold-text.js';
export { createSearchResponseCache } from './search-response-cache.js';

export const directoryMigrations = { '0010_directory': m0010, '0011_session_end_index': m0011 };
export const directoryMessagesDir = new URL('./messages/', import.meta.url);

export function createDirectory(deps: {
  db: Kysely<DirectoryTables>;
  clock: Clock;
  isTrusted: (userId: string, organizationId: string) => Promise<boolean>;
  config: DirectoryConfig;
}): DirectoryService {
  return createDirectoryService(deps);
}

export interface DirectoryPluginDeps {
  readonly directory: DirectoryService;
  /** Public origin for absolute links (iCalendar, JSON-LD, QR codes). */
  readonly publicUrl: string;
  readonly clock: Clock;
  /** Posts anyone can make without an account: registrations, cancellations, reports. */
  readonly publicFormLimiter: RateLimiter;
  /** From accounts: a provider account by e-mail, for a moderator attaching it to an organisation. */
  readonly findProviderByEmail: (email: string) => Promise<{ readonly id: string } | null>;
  /** From accounts: makes the account a (trusted or untrusted) member of the organisation. */
  readonly grantOrganization: (userId: string, organizationId: string, trusted: boolean) => Promise<void>;
  /** Told to people registering: how long after the session their details are kept. */
  readonly registrationRetentionDays: number;
}

/** The directory's routes: each route file is registered here with one line, given `app` and `deps`. */
export function directoryPlugin(deps: DirectoryPluginDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    void [app, deps];
    registerPublicRoutes(app, deps);
    registerRegistrationRoutes(app, deps);
    registerReportRoutes(app, deps);
    registerProviderRoutes(app, deps);
    registerModerationRoutes(app, deps);
    registerOrganizationRoutes(app, deps);
  };
}
