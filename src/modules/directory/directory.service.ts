/**
 * The directory's use cases in one service: entries and their moderation, sessions and
 * registrations, reports, search and bulk data. Each part lives in its own file; this one
 * wires them so every write keeps the search index current.
 */
import { createBulkService, type BulkService } from './bulk.service.js';
import { createEntriesService, type EntriesService } from './entries.service.js';
import { createModerationService, type ModerationService } from './moderation.service.js';
import { createRegistrationsService, type RegistrationsService } from './registrations.service.js';
import { createReportsService, type ReportsService } from './reports.service.js';
import { createSearchService, type SearchService } from './search.service.js';
import type { DirectoryDeps } from './directory.types.js';

export interface DirectoryService
  extends EntriesService,
    ModerationService,
    RegistrationsService,
    ReportsService,
    SearchService,
    BulkService {}

export function createDirectoryService(deps: DirectoryDeps): DirectoryService {
  const search = createSearchService(deps);
  const hooks = { offersChanged: (offerIds: readonly string[]) => search.refresh(offerIds) };
  const { start, search: find, searchVersion, getOfferCard, listSessions } = search;
  return {
    ...createEntriesService(deps, hooks),
    ...createModerationService(deps, hooks),
    ...createRegistrationsService(deps),
    ...createReportsService(deps),
    ...createBulkService(deps, { directoryReplaced: () => search.rebuild() }),
    start,
    search: find,
    searchVersion,
    getOfferCard,
    listSessions,
  };
}
