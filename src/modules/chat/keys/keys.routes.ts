import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, queryString, readBody } from '../chat.http.js';
import { invalidParam, missingParam } from '../matrix-error.js';
import { parseToken } from '../stream.js';

const Signatures = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()));
const KeyObject = Type.Object({ key: Type.String(), signatures: Signatures });
const KeyMap = Type.Record(Type.String(), Type.Union([Type.String(), KeyObject]));

const DeviceKeys = Type.Object({
  user_id: Type.String(),
  device_id: Type.String(),
  algorithms: Type.Array(Type.String()),
  keys: Type.Record(Type.String(), Type.String()),
  signatures: Signatures,
});

const CrossSigningKey = Type.Object({
  user_id: Type.String(),
  usage: Type.Array(Type.String()),
  keys: Type.Record(Type.String(), Type.String()),
  signatures: Type.Optional(Signatures),
});

const checkUpload = bodySchema(
  Type.Object({ device_keys: Type.Optional(DeviceKeys), one_time_keys: Type.Optional(KeyMap), fallback_keys: Type.Optional(KeyMap) }),
);
const checkQuery = bodySchema(Type.Object({ device_keys: Type.Record(Type.String(), Type.Array(Type.String())), timeout: Type.Optional(Type.Integer()) }));
const checkClaim = bodySchema(
  Type.Object({ one_time_keys: Type.Record(Type.String(), Type.Record(Type.String(), Type.String())), timeout: Type.Optional(Type.Integer()) }),
);
const checkDeviceSigning = bodySchema(
  Type.Object({
    master_key: Type.Optional(CrossSigningKey),
    self_signing_key: Type.Optional(CrossSigningKey),
    user_signing_key: Type.Optional(CrossSigningKey),
    auth: Type.Optional(Type.Unknown()),
  }),
);
const checkSignatures = bodySchema(Type.Record(Type.String(), Type.Record(Type.String(), Type.Object({}))));

export function registerKeysRoutes(scope: FastifyInstance, chat: Chat): void {
  const { keys } = chat;
  // POST /_matrix/client/v3/keys/upload
  scope.post('/client/v3/keys/upload', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    return keys.devices.upload(requester, readBody(request, checkUpload));
  });

  // POST /_matrix/client/v3/keys/query
  scope.post('/client/v3/keys/query', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    return keys.query(requester.userId, readBody(request, checkQuery).device_keys);
  });

  // POST /_matrix/client/v3/keys/claim
  scope.post('/client/v3/keys/claim', async (request) => {
    await authenticate(request, chat.tokens);
    return keys.devices.claim(readBody(request, checkClaim).one_time_keys);
  });

  // GET /_matrix/client/v3/keys/changes
  scope.get('/client/v3/keys/changes', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const [from, to] = (['from', 'to'] as const).map((name) => {
      const raw = queryString(request, name);
      if (raw === undefined) throw missingParam(`${name} is required`);
      const token = parseToken(raw);
      if (!token) throw invalidParam(`${name} is not a sync token`);
      return token.position;
    }) as [number, number];
    return keys.changes(requester.userId, from, to);
  });

  // POST /_matrix/client/v3/keys/device_signing/upload
  scope.post('/client/v3/keys/device_signing/upload', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const { auth, ...upload } = readBody(request, checkDeviceSigning);
    await keys.crossSigning.uploadKeys(requester.userId, upload, () => chat.accounts.confirmPassword(requester.userId, auth, 'device-signing'));
    return {};
  });

  // POST /_matrix/client/v3/keys/signatures/upload
  scope.post('/client/v3/keys/signatures/upload', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    return keys.crossSigning.uploadSignatures(requester.userId, readBody(request, checkSignatures));
  });
}
