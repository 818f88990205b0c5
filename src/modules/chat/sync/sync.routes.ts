import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Chat } from '../chat.service.js';
import { authenticate, jsonBody, parseJson, queryInteger, queryString, routeParam } from '../chat.http.js';
import { forbidden, invalidParam, notFound } from '../matrix-error.js';
import { Cancellation, parseToken } from '../stream.js';
import { EMPTY_SYNC_FILTER, parseSyncFilter, type SyncFilter } from './filters.js';
import { findFilter, saveFilter } from './sync.store.js';

const MAX_TIMEOUT_MS = 60_000;

/** The same definition always gets the same id, so clients re-uploading their filter at start add no rows. */
const filterIdOf = (definition: string) => createHash('sha256').update(definition).digest('base64url').slice(0, 16);

const FILTER_CACHE_LIMIT = 100_000;

export function registerSyncRoutes(scope: FastifyInstance, chat: Chat): void {
  // Stored filters never change (an id names one definition), so every /sync can skip reading them.
  const storedFilters = new Map<string, SyncFilter>();
  const loadFilter = async (request: FastifyRequest, userId: string): Promise<SyncFilter> => {
    const raw = queryString(request, 'filter');
    if (raw === undefined || raw === '') return EMPTY_SYNC_FILTER;
    if (raw.startsWith('{')) return parseSyncFilter(parseJson(raw));
    const key = `${userId}\u0000${raw}`;
    const known = storedFilters.get(key);
    if (known) return known;
    const stored = await findFilter(chat.db, userId, raw);
    if (!stored) throw invalidParam(`Unknown filter ${raw}`);
    const filter = parseSyncFilter(JSON.parse(stored));
    if (storedFilters.size >= FILTER_CACHE_LIMIT) storedFilters.clear();
    storedFilters.set(key, filter);
    return filter;
  };

  scope.get('/client/v3/sync', async (request, reply) => {
    const me = await authenticate(request, chat.tokens);
    const rawSince = queryString(request, 'since');
    const since = rawSince ? parseToken(rawSince) : null;
    if (since === undefined) throw invalidParam('since is not a valid sync token');
    const fullState = queryString(request, 'full_state');
    if (fullState !== undefined && fullState !== 'true' && fullState !== 'false') throw invalidParam('full_state must be true or false');
    const filter = await loadFilter(request, me.userId);
    const cancellation = new Cancellation();
    reply.raw.once('close', () => cancellation.cancel());
    return chat.sync.sync({
      requester: me,
      since,
      filter,
      fullState: fullState === 'true',
      timeoutMs: queryInteger(request, 'timeout', 0, MAX_TIMEOUT_MS),
      cancellation,
    });
  });

  scope.post('/client/v3/user/:userId/filter', async (request) => {
    const me = await authenticate(request, chat.tokens);
    if (routeParam(request, 'userId') !== me.userId) throw forbidden('You can only create filters for yourself');
    const body = jsonBody(request);
    parseSyncFilter(body);
    const definition = JSON.stringify(body);
    const filterId = filterIdOf(definition);
    await saveFilter(chat.db, me.userId, filterId, definition);
    return { filter_id: filterId };
  });

  scope.get('/client/v3/user/:userId/filter/:filterId', async (request) => {
    const me = await authenticate(request, chat.tokens);
    if (routeParam(request, 'userId') !== me.userId) throw forbidden('You can only read your own filters');
    const stored = await findFilter(chat.db, me.userId, routeParam(request, 'filterId'));
    if (!stored) throw notFound('No such filter');
    return JSON.parse(stored) as unknown;
  });
}
