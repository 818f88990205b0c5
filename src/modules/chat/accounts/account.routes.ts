import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody } from '../chat.http.js';
import { AuthDict } from './auth-dict.js';
import { checkPasswordStrength } from './passwords.js';

const ChangePasswordBody = bodySchema(
  Type.Object({
    new_password: Type.String(),
    logout_devices: Type.Optional(Type.Boolean()),
    auth: Type.Optional(AuthDict),
  }),
);

const DeactivateBody = bodySchema(
  Type.Object({
    auth: Type.Optional(AuthDict),
    id_server: Type.Optional(Type.String()),
    erase: Type.Optional(Type.Boolean()),
  }),
);

export function registerAccountRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.post('/client/v3/account/password', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const body = readBody(request, ChangePasswordBody);
    checkPasswordStrength(body.new_password);
    await chat.accounts.confirmPassword(requester.userId, body.auth, 'change-password');
    await chat.accounts.setPassword(requester.userId, body.new_password, {
      logoutDevices: body.logout_devices ?? true,
      keepDeviceId: requester.deviceId,
    });
    return {};
  });

  scope.post('/client/v3/account/deactivate', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const body = readBody(request, DeactivateBody);
    await chat.accounts.confirmPassword(requester.userId, body.auth, 'deactivate');
    await chat.accounts.deactivate(requester.userId);
    // We hold no third-party identifiers, so there is nothing left bound anywhere.
    return { id_server_unbind_result: 'success' };
  });
}
