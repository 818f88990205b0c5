import { ResponseCache } from '../../platform/http/response-cache.js';
import type { Clock } from '../../shared/clock.js';
import type { SearchService } from './search.service.js';

/**
 * A cached search response is made again after a minute, so "open now" and the next session
 * are never more than a minute behind the clock. Any change to what a search can find or show
 * retires every cached response at once.
 */
const SEARCH_CACHE_MAX_AGE_MS = 60_000;

/** A bounded cache of search responses (pages or API answers), about 10 KB each when gzipped. */
export function createSearchResponseCache(name: string, search: Pick<SearchService, 'searchVersion'>, clock: Clock): ResponseCache {
  return new ResponseCache({
    name,
    maxEntries: 4000,
    maxBytes: 48 * 1024 * 1024,
    maxAgeMs: SEARCH_CACHE_MAX_AGE_MS,
    version: () => search.searchVersion(),
    now: () => clock.now().getTime(),
  });
}
