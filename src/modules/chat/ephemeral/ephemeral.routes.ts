import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, readBody, routeParam } from '../chat.http.js';
import { forbidden } from '../matrix-error.js';

const TypingBody = bodySchema(Type.Object({ typing: Type.Boolean(), timeout: Type.Optional(Type.Integer({ minimum: 0 })) }));
const ReceiptBody = bodySchema(Type.Object({ thread_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }));
const MarkersBody = bodySchema(
  Type.Object({
    'm.fully_read': Type.Optional(Type.String()),
    'm.read': Type.Optional(Type.String()),
    'm.read.private': Type.Optional(Type.String()),
  }),
);

export function registerEphemeralRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.put('/client/v3/rooms/:roomId/typing/:userId', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const body = readBody(request, TypingBody);
    const roomId = routeParam(request, 'roomId');
    if (routeParam(request, 'userId') !== me.userId) throw forbidden('You can only set your own typing state');
    const state = await chat.rooms.currentState(roomId);
    if (!state || state.membership(me.userId) !== 'join') throw forbidden('You are not in this room');
    chat.typing.set(roomId, me.userId, body.typing, body.timeout ?? 30_000, state.members('join'));
    return {};
  });

  scope.post('/client/v3/rooms/:roomId/receipt/:receiptType/:eventId', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const body = readBody(request, ReceiptBody);
    await chat.receipts.markRead(routeParam(request, 'roomId'), me.userId, routeParam(request, 'receiptType'), routeParam(request, 'eventId'), body.thread_id);
    return {};
  });

  scope.post('/client/v3/rooms/:roomId/read_markers', async (request) => {
    const me = await authenticate(request, chat.tokens);
    const body = readBody(request, MarkersBody);
    const roomId = routeParam(request, 'roomId');
    for (const type of ['m.fully_read', 'm.read', 'm.read.private'] as const) {
      const eventId = body[type];
      if (eventId !== undefined) await chat.receipts.markRead(roomId, me.userId, type, eventId);
    }
    return {};
  });
}
