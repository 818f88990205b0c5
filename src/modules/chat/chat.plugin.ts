import type { FastifyInstance } from 'fastify';
import type { Chat } from './chat.service.js';
import { addCors, configureMatrixScope } from './chat.scope.js';
import { registerDiscoveryRoutes, registerWellKnownRoutes } from './discovery/discovery.routes.js';
import { registerRoomRoutes } from './rooms/rooms.routes.js';
import { registerHistoryRoutes } from './rooms/history.routes.js';
import { registerEphemeralRoutes } from './ephemeral/ephemeral.routes.js';
import { registerSyncRoutes } from './sync/sync.routes.js';

/** Mounts the homeserver: /.well-known/matrix/* and the Matrix APIs under /_matrix. */
export function chatPlugin(chat: Chat) {
  return async (app: FastifyInstance) => {
    await app.register(async (wellKnown) => {
      addCors(wellKnown);
      registerWellKnownRoutes(wellKnown, chat);
    });
    await app.register(
      async (scope) => {
        configureMatrixScope(scope);
        registerDiscoveryRoutes(scope, chat);
        registerRoomRoutes(scope, chat);
        registerHistoryRoutes(scope, chat);
        registerEphemeralRoutes(scope, chat);
        registerSyncRoutes(scope, chat);
      },
      { prefix: '/_matrix' },
    );
  };
}
