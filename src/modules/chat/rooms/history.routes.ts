import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Chat } from '../chat.service.js';
import { authenticate, parseJson, queryInteger, queryString, routeParam } from '../chat.http.js';
import { invalidParam } from '../matrix-error.js';
import { parseToken, formatToken } from '../stream.js';
import { parseRoomEventFilter, type RoomEventFilter } from '../sync/filters.js';

const MAX_PAGE = 1000;

function positionParam(request: FastifyRequest, name: string): number | undefined {
  const raw = queryString(request, name);
  if (raw === undefined || raw === '') return undefined;
  const token = parseToken(raw);
  if (!token) throw invalidParam(`${name} is not a valid pagination token`);
  return token.position;
}

function filterParam(request: FastifyRequest): RoomEventFilter {
  const raw = queryString(request, 'filter');
  return parseRoomEventFilter(raw === undefined ? {} : parseJson(raw));
}

const token = (position: number) => formatToken({ position, typing: 0 });

export function registerHistoryRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.get('/client/v3/rooms/:roomId/messages', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const dir = queryString(request, 'dir') ?? 'b';
    if (dir !== 'b' && dir !== 'f') throw invalidParam('dir must be b or f');
    const page = await chat.history.messages(routeParam(request, 'roomId'), me, {
      from: positionParam(request, 'from'),
      to: positionParam(request, 'to'),
      direction: dir === 'b' ? 'backward' : 'forward',
      limit: Math.max(1, queryInteger(request, 'limit', 10, MAX_PAGE)),
      filter: filterParam(request),
    });
    const body: Record<string, unknown> = { chunk: page.chunk, start: token(page.start) };
    if (page.end !== undefined) body.end = token(page.end);
    if (page.state.length > 0) body.state = page.state;
    return body;
  });

  scope.get('/client/v3/rooms/:roomId/context/:eventId', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const result = await chat.history.context(
      routeParam(request, 'roomId'),
      routeParam(request, 'eventId'),
      me,
      queryInteger(request, 'limit', 10, MAX_PAGE),
      filterParam(request),
    );
    return { ...result, start: token(result.start), end: token(result.end) };
  });

  scope.get('/client/v3/rooms/:roomId/event/:eventId', async (request) => {
    const me = await authenticate(request, chat.tokens);
    return chat.history.event(routeParam(request, 'roomId'), routeParam(request, 'eventId'), me);
  });

  scope.get('/client/v3/rooms/:roomId/members', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const chunk = await chat.history.members(routeParam(request, 'roomId'), me, {
      at: positionParam(request, 'at'),
      membership: queryString(request, 'membership'),
      notMembership: queryString(request, 'not_membership'),
    });
    return { chunk };
  });

  scope.get('/client/v3/rooms/:roomId/joined_members', async (request) => {
    const me = await authenticate(request, chat.tokens);
    return { joined: await chat.history.joinedMembers(routeParam(request, 'roomId'), me) };
  });
}
