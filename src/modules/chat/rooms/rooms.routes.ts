import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import { MatrixError, badJson, forbidden, notFound } from '../matrix-error.js';
import type { RoomsService } from './rooms.service.js';
import type { CreateRoomRequest } from './create-room.js';

const Content = Type.Record(Type.String(), Type.Unknown());
const UserId = Type.String({ pattern: '^@[^:]+:.+$' });

const CreateRoomBody = bodySchema(
  Type.Object({
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
    room_alias_name: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ maxLength: 1000 })),
    topic: Type.Optional(Type.String({ maxLength: 10_000 })),
    invite: Type.Optional(Type.Array(UserId, { maxItems: 100 })),
    invite_3pid: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 0 })),
    room_version: Type.Optional(Type.String()),
    creation_content: Type.Optional(Content),
    initial_state: Type.Optional(Type.Array(Type.Object({ type: Type.String(), state_key: Type.Optional(Type.String()), content: Content }), { maxItems: 100 })),
    preset: Type.Optional(Type.Union([Type.Literal('private_chat'), Type.Literal('public_chat'), Type.Literal('trusted_private_chat')])),
    is_direct: Type.Optional(Type.Boolean()),
    power_level_content_override: Type.Optional(Content),
  }),
);
const TargetBody = bodySchema(Type.Object({ user_id: UserId, reason: Type.Optional(Type.String({ maxLength: 2000 })) }));
const ReasonBody = bodySchema(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }));
const AliasBody = bodySchema(Type.Object({ room_id: Type.String() }));
const ContentBody = bodySchema(Content);

export function registerRoomRoutes(scope: FastifyInstance, chat: Chat): void {
  const { rooms, tokens } = chat;

  scope.post('/client/v3/createRoom', async (request) => {
    const me = await authenticate(request, tokens);
    const body = readBody(request, CreateRoomBody) as CreateRoomRequest;
    const created = await rooms.createRoom(me.userId, me.deviceId, body);
    return { room_id: created.roomId };
  });

  const join = async (request: FastifyRequest, target: string) => {
    const me = await authenticate(request, tokens);
    readBody(request, ReasonBody);
    const roomId = target.startsWith('#') ? await rooms.resolveAlias(target) : target;
    if (!roomId || !roomId.startsWith('!')) throw notFound(`Unknown room ${target}`);
    if (!(await rooms.currentState(roomId))) throw notFound(`Unknown room ${target}`);
    await rooms.setMembership(roomId, me.userId, me.userId, 'join', { deviceId: me.deviceId });
    return { room_id: roomId };
  };
  scope.post('/client/v3/join/:roomIdOrAlias', async (request) => join(request, routeParam(request, 'roomIdOrAlias')));
  scope.post('/client/v3/rooms/:roomId/join', async (request) => join(request, routeParam(request, 'roomId')));

  const membershipChange = (path: string, membership: 'invite' | 'leave' | 'ban') =>
    scope.post(`/client/v3/rooms/:roomId/${path}`, async (request) => {
      const me = await authenticate(request, tokens);
      const body = readBody(request, TargetBody);
      const roomId = routeParam(request, 'roomId');
      const state = await rooms.currentState(roomId);
      if (!state) throw forbidden('Unknown room');
      if (path === 'unban' && state.membership(body.user_id) !== 'ban') throw forbidden(`${body.user_id} is not banned`);
      if (path === 'kick' && !['join', 'invite', 'knock'].includes(state.membership(body.user_id))) throw forbidden(`${body.user_id} is not in the room`);
      await rooms.setMembership(roomId, me.userId, body.user_id, membership, { reason: body.reason, deviceId: me.deviceId });
      return {};
    });
  membershipChange('invite', 'invite');
  membershipChange('kick', 'leave');
  membershipChange('ban', 'ban');
  membershipChange('unban', 'leave');

  scope.post('/client/v3/rooms/:roomId/leave', async (request) => {
    const me = await authenticate(request, tokens);
    const body = readBody(request, ReasonBody);
    const roomId = routeParam(request, 'roomId');
    const state = await rooms.currentState(roomId);
    if (!state) throw notFound('Unknown room');
    const membership = state.membership(me.userId);
    if (membership === 'leave' || membership === 'ban') return {};
    await rooms.setMembership(roomId, me.userId, me.userId, 'leave', { reason: body.reason, deviceId: me.deviceId });
    return {};
  });

  scope.post('/client/v3/rooms/:roomId/forget', async (request) => {
    const me = await authenticate(request, tokens);
    await rooms.forget(routeParam(request, 'roomId'), me.userId);
    return {};
  });

  scope.put('/client/v3/rooms/:roomId/send/:eventType/:txnId', async (request) => {
    const me = await authenticate(request, tokens);
    const content = readBody(request, ContentBody);
    const type = routeParam(request, 'eventType');
    if (type === 'm.room.redaction') throw badJson('Use the redact endpoint for redactions');
    const event = await rooms.send({
      roomId: routeParam(request, 'roomId'),
      type,
      stateKey: null,
      sender: me.userId,
      content,
      deviceId: me.deviceId,
      txnId: routeParam(request, 'txnId'),
    });
    return { event_id: event.eventId };
  });

  const putState = async (request: FastifyRequest) => {
    const me = await authenticate(request, tokens);
    const content = readBody(request, ContentBody);
    const type = routeParam(request, 'eventType');
    const stateKey = routeParam(request, 'stateKey');
    if (type === 'm.room.create') throw forbidden('The create event cannot be replaced');
    const roomId = routeParam(request, 'roomId');
    if (type === 'm.room.canonical_alias') await checkCanonicalAlias(content, roomId, rooms);
    const event = await rooms.send({ roomId, type, stateKey, sender: me.userId, content, deviceId: me.deviceId });
    return { event_id: event.eventId };
  };
  scope.put('/client/v3/rooms/:roomId/state/:eventType', putState);
  scope.put('/client/v3/rooms/:roomId/state/:eventType/:stateKey', putState);

  const getState = async (request: FastifyRequest) => {
    const me = await authenticate(request, tokens);
    const roomId = routeParam(request, 'roomId');
    const state = await chat.history.visibleState(roomId, me.userId);
    const event = state.get(routeParam(request, 'eventType'), routeParam(request, 'stateKey'));
    if (!event) throw notFound('No such state event');
    return (request.query as Record<string, unknown>).format === 'event' ? chat.history.format(event, me, state.version) : event.content;
  };
  scope.get('/client/v3/rooms/:roomId/state/:eventType', getState);
  scope.get('/client/v3/rooms/:roomId/state/:eventType/:stateKey', getState);

  scope.get('/client/v3/rooms/:roomId/state', async (request) => {
    const me = await authenticate(request, tokens);
    const state = await chat.history.visibleState(routeParam(request, 'roomId'), me.userId);
    return [...state.events()].map((event) => chat.history.format(event, me, state.version));
  });

  scope.put('/client/v3/rooms/:roomId/redact/:eventId/:txnId', async (request) => {
    const me = await authenticate(request, tokens);
    const body = readBody(request, ReasonBody);
    const content: Record<string, unknown> = body.reason === undefined ? {} : { reason: body.reason };
    const event = await rooms.send({
      roomId: routeParam(request, 'roomId'),
      type: 'm.room.redaction',
      stateKey: null,
      sender: me.userId,
      content,
      deviceId: me.deviceId,
      txnId: routeParam(request, 'txnId'),
      redacts: routeParam(request, 'eventId'),
    });
    return { event_id: event.eventId };
  });

  scope.get('/client/v3/joined_rooms', async (request) => {
    const me = await authenticate(request, tokens);
    return { joined_rooms: await rooms.joinedRoomIds(me.userId) };
  });

  scope.get('/client/v3/directory/room/:roomAlias', async (request) => {
    const alias = routeParam(request, 'roomAlias');
    const roomId = await rooms.resolveAlias(alias);
    if (!roomId) throw notFound(`Room alias ${alias} not found`);
    return { room_id: roomId, servers: [chat.config.serverName] };
  });
  scope.put('/client/v3/directory/room/:roomAlias', async (request) => {
    const me = await authenticate(request, tokens);
    const body = readBody(request, AliasBody);
    const alias = routeParam(request, 'roomAlias');
    if (!alias.startsWith('#') || !alias.endsWith(`:${chat.config.serverName}`)) throw new MatrixError(400, 'M_INVALID_PARAM', 'Aliases must be on this server');
    const state = await rooms.currentState(body.room_id);
    if (!state || state.membership(me.userId) !== 'join') throw forbidden('You are not in that room');
    await rooms.addAlias(alias, body.room_id, me.userId);
    return {};
  });
  scope.delete('/client/v3/directory/room/:roomAlias', async (request) => {
    const me = await authenticate(request, tokens);
    await rooms.removeAlias(routeParam(request, 'roomAlias'), me.userId, me.isAdmin);
    return {};
  });
  scope.get('/client/v3/rooms/:roomId/aliases', async (request) => {
    const me = await authenticate(request, tokens);
    const roomId = routeParam(request, 'roomId');
    await chat.history.visibleState(roomId, me.userId);
    return { aliases: await rooms.aliasesOf(roomId) };
  });

}

async function checkCanonicalAlias(content: Record<string, unknown>, roomId: string, rooms: RoomsService): Promise<void> {
  const aliases = [content.alias, ...(Array.isArray(content.alt_aliases) ? content.alt_aliases : [])].filter((a) => a !== undefined);
  for (const alias of aliases) {
    if (typeof alias !== 'string') throw badJson('Aliases must be strings');
    if ((await rooms.resolveAlias(alias)) !== roomId) throw new MatrixError(400, 'M_BAD_ALIAS', `${alias} does not point to this room`);
  }
}
