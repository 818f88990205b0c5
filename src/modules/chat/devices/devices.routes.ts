import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { accessToken, authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import { MatrixError, notFound } from '../matrix-error.js';
import { AuthDict } from '../accounts/auth-dict.js';
import type { Device } from './devices.service.js';

const RenameBody = bodySchema(Type.Object({ display_name: Type.Optional(Type.String()) }));
const DeleteBody = bodySchema(Type.Object({ auth: Type.Optional(AuthDict) }));
const DeleteManyBody = bodySchema(Type.Object({ devices: Type.Array(Type.String()), auth: Type.Optional(AuthDict) }));

/** Both deletion endpoints share one operation name: Element may start on one and finish on the other. */
const DELETE_DEVICES = 'delete-devices';

function deviceJson(device: Device): Record<string, unknown> {
  const json: Record<string, unknown> = { device_id: device.deviceId };
  if (device.displayName !== null) json.display_name = device.displayName;
  if (device.lastSeenIp !== null) json.last_seen_ip = device.lastSeenIp;
  if (device.lastSeenTs !== null) json.last_seen_ts = device.lastSeenTs;
  return json;
}

export function registerDeviceRoutes(scope: FastifyInstance, chat: Chat): void {
  const devices = chat.accounts.devices;

  scope.get('/client/v3/devices', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    return { devices: (await devices.list(requester.userId)).map(deviceJson) };
  });

  scope.get('/client/v3/devices/:deviceId', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const device = await devices.get(requester.userId, routeParam(request, 'deviceId'));
    if (!device) throw notFound('No such device');
    return deviceJson(device);
  });

  scope.put('/client/v3/devices/:deviceId', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const body = readBody(request, RenameBody);
    const deviceId = routeParam(request, 'deviceId');
    const exists =
      body.display_name === undefined
        ? (await devices.get(requester.userId, deviceId)) !== undefined
        : await devices.rename(requester.userId, deviceId, body.display_name);
    if (!exists) throw notFound('No such device');
    return {};
  });

  scope.delete('/client/v3/devices/:deviceId', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const body = readBody(request, DeleteBody);
    await chat.accounts.confirmPassword(requester.userId, body.auth, DELETE_DEVICES);
    await devices.remove(requester.userId, [routeParam(request, 'deviceId')]);
    return {};
  });

  scope.post('/client/v3/delete_devices', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const body = readBody(request, DeleteManyBody);
    await chat.accounts.confirmPassword(requester.userId, body.auth, DELETE_DEVICES);
    await devices.remove(requester.userId, body.devices);
    return {};
  });
}

/**
 * Records when and from where each device was last active. It runs before the route, so the time
 * is the request's; the route's own token check is then a cache hit, and the write happens at
 * most once a minute per device.
 */
export function recordDeviceActivity(scope: FastifyInstance, chat: Chat): void {
  scope.addHook('onRequest', async (request) => {
    const token = accessToken(request);
    if (!token) return;
    try {
      const requester = await chat.tokens.resolve(token);
      await chat.accounts.devices.seen(requester.userId, requester.deviceId, request.ip);
    } catch (error) {
      // An unknown token is the route's to refuse, in its own words.
      if (!(error instanceof MatrixError)) request.log.warn({ err: error }, 'recording device activity failed');
    }
  });
}
