import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import { MatrixError, forbidden, invalidParam, notFound } from '../matrix-error.js';
import { PUSH_RULES_TYPE } from '../push/push-rules.js';
import { GLOBAL } from './account-data.store.js';

const AnyObject = bodySchema(Type.Object({}));
const TagBody = bodySchema(Type.Object({ order: Type.Optional(Type.Number()) }));

/** Types the server maintains itself; clients change them through their own endpoints. */
const SERVER_MANAGED_TYPES = new Set(['m.fully_read', PUSH_RULES_TYPE]);
const TAGS_TYPE = 'm.tag';
const MAX_NAME_BYTES = 255;

export function registerAccountDataRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.get('/client/v3/user/:userId/account_data/:type', async (request) => {
    const userId = await ownUser(request, chat);
    const type = routeParam(request, 'type');
    // Push rules exist before their first change: the defaults are the user's rules then.
    if (type === PUSH_RULES_TYPE) return { global: await chat.pushRules.ruleset(userId) };
    return found(await chat.accountData.get(userId, GLOBAL, type), 'Account data not found.');
  });

  scope.put('/client/v3/user/:userId/account_data/:type', async (request) => {
    const userId = await ownUser(request, chat);
    const type = writableType(request);
    await chat.accountData.set(userId, GLOBAL, type, readBody(request, AnyObject));
    return {};
  });

  scope.get('/client/v3/user/:userId/rooms/:roomId/account_data/:type', async (request) => {
    const userId = await ownUser(request, chat);
    const content = await chat.accountData.get(userId, roomIdParam(request), routeParam(request, 'type'));
    return found(content, 'Room account data not found.');
  });

  scope.put('/client/v3/user/:userId/rooms/:roomId/account_data/:type', async (request) => {
    const userId = await ownUser(request, chat);
    const roomId = roomIdParam(request);
    const type = writableType(request);
    await chat.accountData.set(userId, roomId, type, readBody(request, AnyObject));
    return {};
  });

  scope.get('/client/v3/user/:userId/rooms/:roomId/tags', async (request) => {
    const userId = await ownUser(request, chat);
    const content = await chat.accountData.get(userId, roomIdParam(request), TAGS_TYPE);
    return { tags: tagsOf(content) };
  });

  scope.put('/client/v3/user/:userId/rooms/:roomId/tags/:tag', async (request) => {
    const userId = await ownUser(request, chat);
    const roomId = roomIdParam(request);
    const tag = tagParam(request);
    const body = readBody(request, TagBody);
    await chat.accountData.update(userId, roomId, TAGS_TYPE, (current) => ({
      content: { ...current, tags: { ...tagsOf(current), [tag]: body } },
      result: undefined,
    }));
    return {};
  });

  scope.delete('/client/v3/user/:userId/rooms/:roomId/tags/:tag', async (request) => {
    const userId = await ownUser(request, chat);
    const roomId = roomIdParam(request);
    const tag = tagParam(request);
    await chat.accountData.update(userId, roomId, TAGS_TYPE, (current) => {
      const tags = { ...tagsOf(current) };
      delete tags[tag];
      return { content: { ...current, tags }, result: undefined };
    });
    return {};
  });
}

/** The path's user, who must be the caller: account data is private to its owner. */
async function ownUser(request: FastifyRequest, chat: Chat): Promise<string> {
  const requester = await authenticate(request, chat.tokens);
  if (routeParam(request, 'userId') !== requester.userId) throw forbidden('Cannot access account data of other users.');
  return requester.userId;
}

function writableType(request: FastifyRequest): string {
  const type = routeParam(request, 'type');
  if (type === '' || Buffer.byteLength(type) > MAX_NAME_BYTES) throw invalidParam('Invalid account data type');
  if (SERVER_MANAGED_TYPES.has(type)) throw new MatrixError(405, 'M_BAD_JSON', `Cannot set ${type} through this API.`);
  return type;
}

function roomIdParam(request: FastifyRequest): string {
  const roomId = routeParam(request, 'roomId');
  if (!roomId.startsWith('!') || roomId.length < 2) throw invalidParam(`${roomId} is not a valid room ID.`);
  return roomId;
}

function tagParam(request: FastifyRequest): string {
  const tag = routeParam(request, 'tag');
  if (tag === '' || Buffer.byteLength(tag) > MAX_NAME_BYTES) throw invalidParam('Invalid tag');
  return tag;
}

function tagsOf(content: Record<string, unknown> | undefined): Record<string, unknown> {
  const tags = content?.tags;
  return typeof tags === 'object' && tags !== null && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
}

function found<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw notFound(message);
  return value;
}
