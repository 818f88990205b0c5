import type { FastifyInstance } from 'fastify';
import type { Chat } from './chat.service.js';
import { addCors, configureMatrixScope } from './chat.scope.js';
import { registerDiscoveryRoutes, registerWellKnownRoutes } from './discovery/discovery.routes.js';
import { registerRoomRoutes } from './rooms/rooms.routes.js';
import { registerHistoryRoutes } from './rooms/history.routes.js';
import { registerEphemeralRoutes } from './ephemeral/ephemeral.routes.js';
import { registerSyncRoutes } from './sync/sync.routes.js';
import { registerAccountDataRoutes } from './account-data/account-data.routes.js';
import { registerPushRuleRoutes } from './push/push-rules.routes.js';
import { registerMediaRoutes } from './media/media.routes.js';
import { registerRegistrationRoutes } from './accounts/registration.routes.js';
import { registerSessionRoutes } from './accounts/session.routes.js';
import { registerAccountRoutes } from './accounts/account.routes.js';
import { recordDeviceActivity, registerDeviceRoutes } from './devices/devices.routes.js';
import { registerProfileRoutes } from './profile/profile.routes.js';
import { registerSynapseAdminRoutes, registerWhoisRoutes } from './admin/admin.routes.js';
import { registerKeysRoutes } from './keys/keys.routes.js';
import { registerToDeviceRoutes } from './to-device/to-device.routes.js';
import { registerKeyBackupRoutes } from './key-backup/key-backup.routes.js';

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
        recordDeviceActivity(scope, chat);
        registerDiscoveryRoutes(scope, chat);
        registerRoomRoutes(scope, chat);
        registerHistoryRoutes(scope, chat);
        registerEphemeralRoutes(scope, chat);
        registerSyncRoutes(scope, chat);
        registerAccountDataRoutes(scope, chat);
        registerPushRuleRoutes(scope, chat);
        registerMediaRoutes(scope, chat);
        registerKeysRoutes(scope, chat);
        registerToDeviceRoutes(scope, chat);
        registerKeyBackupRoutes(scope, chat);
        registerRegistrationRoutes(scope, chat);
        registerSessionRoutes(scope, chat);
        registerAccountRoutes(scope, chat);
        registerDeviceRoutes(scope, chat);
        registerProfileRoutes(scope, chat);
        registerWhoisRoutes(scope, chat);
      },
      { prefix: '/_matrix' },
    );
    // Admin tools written for Synapse talk to /_synapse/admin; they get Matrix errors like any client.
    await app.register(
      async (scope) => {
        configureMatrixScope(scope);
        recordDeviceActivity(scope, chat);
        registerSynapseAdminRoutes(scope, chat);
      },
      { prefix: '/_synapse/admin' },
    );
  };
}
