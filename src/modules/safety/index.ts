import type { FastifyInstance } from 'fastify';
import { registerCheckerRoutes } from './checker.routes.js';
import type { CheckerRouteDeps } from './checker.support.js';
import * as m0040 from './migrations/0040_safety_checker.js';
import * as m0041 from './migrations/0041_safety_stopline.js';
import { registerStoplineRoutes } from './stopline.routes.js';
import type { StoplineRouteDeps } from './stopline.support.js';

export type * from './analysis/analysis.types.js';
export { analyzeMessage } from './analysis/analyze.js';
export { defaultBrands } from './analysis/brands.js';

export { createCheckerService, type CheckerDeps, type CheckerService } from './checker.service.js';
export type { CheckerTables } from './checker.tables.js';
export type { CheckerRouteDeps } from './checker.support.js';
export { checkApiOpenApiPaths } from './checker-api.openapi.js';

export const safetyMigrations = { '0040_safety_checker': m0040, '0041_safety_stopline': m0041 };
export const safetyMessagesDir = new URL('./messages/', import.meta.url);

export { createStoplineService, type StoplineDeps, type StoplineService } from './stopline.service.js';
export type { StoplineTables } from './stopline.tables.js';
export type { StoplineRouteDeps } from './stopline.support.js';

/** Anonymous reports of illegal content, the analysts' queue, and the helpline page. */
export function stoplinePlugin(deps: StoplineRouteDeps) {
  return async (app: FastifyInstance) => registerStoplineRoutes(app, deps);
}

/** "Is this a scam?": the checker's pages, its JSON API and the moderators' pages. */
export function checkerPlugin(deps: CheckerRouteDeps) {
  return async (app: FastifyInstance) => registerCheckerRoutes(app, deps);
}
