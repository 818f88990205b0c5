import type { FastifyInstance } from 'fastify';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { MandatesService } from './mandates.types.js';
import { registerMandatesPages } from './mandates.routes.js';
import { registerMandatesApi } from './mandates-api.routes.js';
import * as m0030 from './migrations/0030_mandates.js';

export { createMandatesService, type MandatesDeps, type PeopleDirectory } from './mandates.service.js';
export type { MandatesTables } from './mandates.tables.js';
export type * from './mandates.model.js';
export type * from './mandates.types.js';
export { PROCEDURE_CATEGORIES, MANDATE_ACTIONS, DURATION_PRESETS } from './mandates.model.js';
export { mandatesApiOpenApiPaths } from './mandates-api.schema.js';

export const mandatesMigrations = { '0030_mandates': m0030 };
export const mandatesMessagesDir = new URL('./messages/', import.meta.url);

export interface MandatesPluginDeps {
  readonly mandates: MandatesService;
  readonly publicUrl: string;
  /** Every directory organisation: moderators accredit among them; the propose form offers the accredited ones. */
  readonly listOrganizations: () => Promise<ReadonlyArray<{ readonly id: string; readonly name: string }>>;
  /** Anonymous access-code checks are rate-limited per address. */
  readonly accessCheckLimiter: RateLimiter;
  /** Failed client authentications at the token endpoint are rate-limited per address. */
  readonly tokenLimiter: RateLimiter;
}

export function mandatesPlugin(deps: MandatesPluginDeps) {
  return async (app: FastifyInstance) => {
    registerMandatesPages(app, deps);
    registerMandatesApi(app, deps);
  };
}
