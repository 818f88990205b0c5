import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ChatCore } from '../chat.core.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import type { ToDeviceService } from './to-device.service.js';

const checkSend = bodySchema(Type.Object({ messages: Type.Record(Type.String(), Type.Record(Type.String(), Type.Object({}))) }));

export function registerToDeviceRoutes(scope: FastifyInstance, core: ChatCore, toDevice: ToDeviceService): void {
  // PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}
  scope.put('/client/v3/sendToDevice/:eventType/:txnId', async (request) => {
    const requester = await authenticate(request, core.tokens);
    const { messages } = readBody(request, checkSend);
    await toDevice.send(requester, routeParam(request, 'eventType'), routeParam(request, 'txnId'), messages);
    return {};
  });
}
