import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, queryString, readBody, routeParam } from '../chat.http.js';
import { missingParam } from '../matrix-error.js';

const KeyBackupData = Type.Object({
  first_message_index: Type.Integer({ minimum: 0 }),
  forwarded_count: Type.Integer({ minimum: 0 }),
  is_verified: Type.Boolean(),
  session_data: Type.Object({}),
});
const RoomKeyBackup = Type.Object({ sessions: Type.Record(Type.String(), KeyBackupData) });

const checkCreate = bodySchema(Type.Object({ algorithm: Type.String(), auth_data: Type.Object({}) }));
const checkUpdate = bodySchema(Type.Object({ algorithm: Type.String(), auth_data: Type.Object({}), version: Type.Optional(Type.String()) }));
const checkAllKeys = bodySchema(Type.Object({ rooms: Type.Record(Type.String(), RoomKeyBackup) }));
const checkRoomKeys = bodySchema(RoomKeyBackup);
const checkSessionKey = bodySchema(KeyBackupData);

function backupVersion(request: FastifyRequest): string {
  const version = queryString(request, 'version');
  if (version === undefined) throw missingParam('version is required');
  return version;
}

export function registerKeyBackupRoutes(scope: FastifyInstance, chat: Chat): void {
  const backup = chat.keyBackup;
  const owner = async (request: FastifyRequest) => (await authenticate(request, chat.tokens)).userId;

  // POST /_matrix/client/v3/room_keys/version
  scope.post('/client/v3/room_keys/version', async (request) => {
    const userId = await owner(request);
    const body = readBody(request, checkCreate);
    return { version: await backup.createVersion(userId, body.algorithm, body.auth_data) };
  });

  // GET /_matrix/client/v3/room_keys/version
  scope.get('/client/v3/room_keys/version', async (request) => backup.info(await owner(request)));

  // GET /_matrix/client/v3/room_keys/version/{version}
  scope.get('/client/v3/room_keys/version/:version', async (request) => backup.info(await owner(request), routeParam(request, 'version')));

  // PUT /_matrix/client/v3/room_keys/version/{version}
  scope.put('/client/v3/room_keys/version/:version', async (request) => {
    const userId = await owner(request);
    await backup.updateVersion(userId, routeParam(request, 'version'), readBody(request, checkUpdate));
    return {};
  });

  // DELETE /_matrix/client/v3/room_keys/version/{version}
  scope.delete('/client/v3/room_keys/version/:version', async (request) => {
    await backup.deleteVersion(await owner(request), routeParam(request, 'version'));
    return {};
  });

  // PUT /_matrix/client/v3/room_keys/keys
  scope.put('/client/v3/room_keys/keys', async (request) => {
    const userId = await owner(request);
    const { rooms } = readBody(request, checkAllKeys);
    const sessions = Object.fromEntries(Object.entries(rooms).map(([roomId, room]) => [roomId, room.sessions]));
    return backup.putKeys(userId, backupVersion(request), sessions);
  });

  // PUT /_matrix/client/v3/room_keys/keys/{roomId}
  scope.put('/client/v3/room_keys/keys/:roomId', async (request) => {
    const userId = await owner(request);
    const { sessions } = readBody(request, checkRoomKeys);
    return backup.putKeys(userId, backupVersion(request), { [routeParam(request, 'roomId')]: sessions });
  });

  // PUT /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}
  scope.put('/client/v3/room_keys/keys/:roomId/:sessionId', async (request) => {
    const userId = await owner(request);
    const data = readBody(request, checkSessionKey);
    return backup.putKeys(userId, backupVersion(request), { [routeParam(request, 'roomId')]: { [routeParam(request, 'sessionId')]: data } });
  });

  // GET /_matrix/client/v3/room_keys/keys
  scope.get('/client/v3/room_keys/keys', async (request) => backup.getKeys(await owner(request), backupVersion(request)));

  // GET /_matrix/client/v3/room_keys/keys/{roomId}
  scope.get('/client/v3/room_keys/keys/:roomId', async (request) => {
    const roomId = routeParam(request, 'roomId');
    const { rooms } = await backup.getKeys(await owner(request), backupVersion(request), { roomId });
    return rooms[roomId] ?? { sessions: {} };
  });

  // GET /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}
  scope.get('/client/v3/room_keys/keys/:roomId/:sessionId', async (request) =>
    backup.getKey(await owner(request), backupVersion(request), routeParam(request, 'roomId'), routeParam(request, 'sessionId')),
  );

  // DELETE /_matrix/client/v3/room_keys/keys
  scope.delete('/client/v3/room_keys/keys', async (request) => backup.deleteKeys(await owner(request), backupVersion(request), {}));

  // DELETE /_matrix/client/v3/room_keys/keys/{roomId}
  scope.delete('/client/v3/room_keys/keys/:roomId', async (request) =>
    backup.deleteKeys(await owner(request), backupVersion(request), { roomId: routeParam(request, 'roomId') }),
  );

  // DELETE /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}
  scope.delete('/client/v3/room_keys/keys/:roomId/:sessionId', async (request) =>
    backup.deleteKeys(await owner(request), backupVersion(request), { roomId: routeParam(request, 'roomId'), sessionId: routeParam(request, 'sessionId') }),
  );
}
