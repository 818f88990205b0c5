import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import type { Requester } from '../access-tokens.js';
import { authenticate, bodySchema, queryInteger, queryString, readBody, routeParam } from '../chat.http.js';
import { MatrixError, forbidden, invalidParam, notFound } from '../matrix-error.js';
import type { Account } from '../accounts/accounts.service.js';
import type { RegistrationToken } from '../accounts/registration-tokens.js';
import { localpartFor, localpartOf } from '../accounts/usernames.js';
import type { RoomSummary } from './admin.service.js';

const Nullable = Type.Union([Type.String(), Type.Null()]);
const UserBody = bodySchema(
  Type.Object({
    password: Type.Optional(Type.String()),
    logout_devices: Type.Optional(Type.Boolean()),
    displayname: Type.Optional(Nullable),
    avatar_url: Type.Optional(Nullable),
    admin: Type.Optional(Type.Boolean()),
    deactivated: Type.Optional(Type.Boolean()),
  }),
);
const DeactivateBody = bodySchema(Type.Object({ erase: Type.Optional(Type.Boolean()) }));
const ResetPasswordBody = bodySchema(Type.Object({ new_password: Type.String(), logout_devices: Type.Optional(Type.Boolean()) }));
const NewTokenBody = bodySchema(
  Type.Object({
    token: Type.Optional(Type.String()),
    uses_allowed: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    expiry_time: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    length: Type.Optional(Type.Integer()),
  }),
);

const DEFAULT_ROOM_PAGE = 100;
const MAX_ROOM_PAGE = 1000;

async function requireAdmin(request: FastifyRequest, chat: Chat): Promise<Requester> {
  const requester = await authenticate(request, chat.tokens);
  if (!requester.isAdmin) throw forbidden('You are not a server admin');
  return requester;
}

/** The user id from the path, which must be one of ours: other servers' users are not ours to manage. */
function localUserParam(request: FastifyRequest, chat: Chat): { userId: string; localpart: string } {
  const userId = routeParam(request, 'userId');
  const localpart = localpartOf(userId, chat.config);
  if (localpart === undefined) throw invalidParam('Only local users can be managed here');
  return { userId, localpart };
}

/** Synapse's user shape, with the fields we have no notion of at their neutral values. */
function userJson(account: Account): Record<string, unknown> {
  return {
    name: account.userId,
    displayname: account.displayName,
    avatar_url: account.avatarUrl,
    threepids: [],
    external_ids: [],
    admin: account.isAdmin,
    deactivated: account.deactivated,
    erased: false,
    shadow_banned: false,
    locked: false,
    is_guest: false,
    user_type: null,
    appservice_id: null,
    // Synapse counts account creation in seconds.
    creation_ts: Math.floor(account.createdTs / 1000),
  };
}

function tokenJson(token: RegistrationToken): Record<string, unknown> {
  return { token: token.token, uses_allowed: token.usesAllowed, pending: 0, completed: token.completed, expiry_time: token.expiryTs };
}

function roomJson(room: RoomSummary): Record<string, unknown> {
  return {
    room_id: room.roomId,
    name: room.name,
    canonical_alias: room.canonicalAlias,
    joined_members: room.joinedMembers,
    joined_local_members: room.joinedMembers,
    version: room.version,
    creator: room.creator,
    encryption: room.encryption,
    federatable: room.federatable,
    public: room.isPublic,
    join_rules: room.joinRules,
    guest_access: room.guestAccess,
    history_visibility: room.historyVisibility,
    state_events: room.stateEvents,
    room_type: room.roomType,
  };
}

/** The subset of Synapse's admin API that common admin tools use, under /_synapse/admin. */
export function registerSynapseAdminRoutes(scope: FastifyInstance, chat: Chat): void {
  const accounts = chat.accounts;

  scope.get('/v2/users/:userId', async (request) => {
    await requireAdmin(request, chat);
    const account = await accounts.find(localUserParam(request, chat).userId);
    if (!account) throw notFound('User not found');
    return userJson(account);
  });

  scope.put('/v2/users/:userId', async (request, reply) => {
    await requireAdmin(request, chat);
    const { userId, localpart } = localUserParam(request, chat);
    const body = readBody(request, UserBody);
    const before = await accounts.find(userId);
    if (!before) {
      if (localpartFor(localpart, chat.config) !== localpart) throw new MatrixError(400, 'M_INVALID_USERNAME', 'User ids are lower case');
      await accounts.createUser({ username: localpart, password: body.password ?? null, displayName: body.displayname ?? undefined, admin: body.admin ?? false });
    } else {
      if (body.deactivated === false && before.deactivated) await accounts.reactivate(userId, body.password);
      else if (body.password !== undefined) {
        await accounts.setPassword(userId, body.password, { logoutDevices: body.logout_devices ?? true, keepDeviceId: null });
      }
      if (body.admin !== undefined && body.admin !== before.isAdmin) await accounts.setAdmin(userId, body.admin);
    }
    if (body.displayname !== undefined || body.avatar_url !== undefined) {
      await accounts.profiles.set(userId, { displayname: body.displayname, avatar_url: body.avatar_url });
    }
    if (body.deactivated === true && !before?.deactivated) await accounts.deactivate(userId);
    reply.status(before ? 200 : 201);
    return userJson((await accounts.find(userId))!);
  });

  scope.post('/v1/deactivate/:userId', async (request) => {
    await requireAdmin(request, chat);
    const { userId } = localUserParam(request, chat);
    readBody(request, DeactivateBody);
    await accounts.deactivate(userId);
    return { id_server_unbind_result: 'success' };
  });

  scope.post('/v1/reset_password/:userId', async (request) => {
    await requireAdmin(request, chat);
    const { userId } = localUserParam(request, chat);
    const body = readBody(request, ResetPasswordBody);
    await accounts.setPassword(userId, body.new_password, { logoutDevices: body.logout_devices ?? true, keepDeviceId: null });
    return {};
  });

  scope.post('/v1/registration_tokens/new', async (request) => {
    await requireAdmin(request, chat);
    const body = readBody(request, NewTokenBody);
    const token = await accounts.registrationTokens.create({
      token: body.token,
      length: body.length,
      usesAllowed: body.uses_allowed,
      expiryTs: body.expiry_time,
    });
    return tokenJson(token);
  });

  scope.get('/v1/registration_tokens', async (request) => {
    await requireAdmin(request, chat);
    const valid = queryString(request, 'valid');
    if (valid !== undefined && valid !== 'true' && valid !== 'false') throw invalidParam('valid must be true or false');
    const tokens = await accounts.registrationTokens.list();
    const wanted = valid === undefined ? tokens : tokens.filter((token) => accounts.registrationTokens.usable(token) === (valid === 'true'));
    return { registration_tokens: wanted.map(tokenJson) };
  });

  scope.get('/v1/rooms', async (request) => {
    await requireAdmin(request, chat);
    const from = queryInteger(request, 'from', 0);
    const limit = queryInteger(request, 'limit', DEFAULT_ROOM_PAGE, MAX_ROOM_PAGE);
    const page = await chat.admin.listRooms(from, limit);
    const json: Record<string, unknown> = { rooms: page.rooms.map(roomJson), offset: page.offset, total_rooms: page.total };
    if (page.nextOffset !== undefined) json.next_batch = page.nextOffset;
    if (from > 0) json.prev_batch = Math.max(0, from - limit);
    return json;
  });
}

/** The spec's whois, for admins and for users asking about themselves. */
export function registerWhoisRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.get('/client/v3/admin/whois/:userId', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const userId = routeParam(request, 'userId');
    if (!requester.isAdmin && requester.userId !== userId) throw forbidden('You are not a server admin');
    if (!(await chat.accounts.find(userId))) throw notFound('User not found');
    const devices: Record<string, unknown> = {};
    for (const device of await chat.accounts.devices.list(userId)) {
      const connections = device.lastSeenTs === null ? [] : [{ ip: device.lastSeenIp, last_seen: device.lastSeenTs }];
      devices[device.deviceId] = { sessions: [{ connections }] };
    }
    return { user_id: userId, devices };
  });
}
