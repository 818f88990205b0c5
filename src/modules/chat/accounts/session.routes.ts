import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody } from '../chat.http.js';
import { MatrixError, missingParam } from '../matrix-error.js';

const LoginBody = bodySchema(
  Type.Object({
    type: Type.String(),
    identifier: Type.Optional(Type.Object({ type: Type.String(), user: Type.Optional(Type.String()) })),
    user: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    device_id: Type.Optional(Type.String()),
    initial_device_display_name: Type.Optional(Type.String()),
    refresh_token: Type.Optional(Type.Boolean()),
  }),
);

const PASSWORD_LOGIN = 'm.login.password';

export function registerSessionRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.get('/client/v3/login', async () => ({ flows: [{ type: PASSWORD_LOGIN }] }));

  scope.post('/client/v3/login', async (request) => {
    const body = readBody(request, LoginBody);
    if (body.type !== PASSWORD_LOGIN) throw new MatrixError(400, 'M_UNKNOWN', 'Bad login type.');
    if (body.identifier && body.identifier.type !== 'm.id.user') {
      throw new MatrixError(400, 'M_UNKNOWN', 'Only m.id.user identifiers are supported');
    }
    // `user` at the top level is the deprecated form older clients still send.
    const name = body.identifier?.user ?? body.user;
    if (name === undefined) throw missingParam('identifier.user is required');
    if (body.password === undefined) throw missingParam('password is required');
    const session = await chat.accounts.login(name, body.password, {
      deviceId: body.device_id,
      displayName: body.initial_device_display_name,
      ip: request.ip,
    });
    return {
      user_id: session.userId,
      access_token: session.accessToken,
      device_id: session.deviceId,
      home_server: chat.config.serverName,
      well_known: { 'm.homeserver': { base_url: chat.publicUrl } },
    };
  });

  scope.post('/client/v3/logout', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    await chat.accounts.logout(requester.userId, requester.deviceId);
    return {};
  });

  scope.post('/client/v3/logout/all', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    await chat.accounts.logoutAll(requester.userId);
    return {};
  });

  scope.get('/client/v3/account/whoami', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    return { user_id: requester.userId, device_id: requester.deviceId, is_guest: false };
  });
}
