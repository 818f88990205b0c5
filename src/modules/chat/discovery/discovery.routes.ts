import type { FastifyInstance } from 'fastify';
import type { ChatCore } from '../chat.core.js';
import { authenticate } from '../chat.http.js';
import { SUPPORTED_ROOM_VERSIONS, DEFAULT_ROOM_VERSION } from '../rooms/room-versions.js';

/** Spec versions whose client-server endpoints this server implements (docs/chat.md lists the gaps). */
const SPEC_VERSIONS = ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11'];

export function registerWellKnownRoutes(app: FastifyInstance, core: ChatCore): void {
  app.get('/.well-known/matrix/client', async () => ({ 'm.homeserver': { base_url: core.publicUrl } }));
  app.options('/.well-known/matrix/*', async (_request, reply) => reply.status(204).send());
}

export function registerDiscoveryRoutes(scope: FastifyInstance, core: ChatCore): void {
  scope.get('/client/versions', async () => ({ versions: SPEC_VERSIONS, unstable_features: {} }));

  scope.get('/client/v3/capabilities', async (request) => {
    await authenticate(request, core.tokens);
    return {
      capabilities: {
        'm.change_password': { enabled: true },
        'm.room_versions': {
          default: DEFAULT_ROOM_VERSION,
          available: Object.fromEntries(SUPPORTED_ROOM_VERSIONS.map((version) => [version, 'stable'])),
        },
        'm.set_displayname': { enabled: true },
        'm.set_avatar_url': { enabled: true },
        'm.3pid_changes': { enabled: false },
        'm.get_login_token': { enabled: false },
      },
    };
  });
}
