import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';

const checkSend = bodySchema(Type.Object({ messages: Type.Record(Type.String(), Type.Record(Type.String(), Type.Object({}))) }));

export function registerToDeviceRoutes(scope: FastifyInstance, chat: Chat): void {
  // PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}
  scope.put('/client/v3/sendToDevice/:eventType/:txnId', async (request) => {
    const requester = await authenticate(request, chat.tokens);
    const { messages } = readBody(request, checkSend);
    await chat.toDevice.send(requester, routeParam(request, 'eventType'), routeParam(request, 'txnId'), messages);
    return {};
  });
}
