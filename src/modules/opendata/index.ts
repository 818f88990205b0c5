import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../shared/clock.js';
import type { DirectoryService } from '../directory/index.js';
import { apiRoutes, registerApiRoutes } from './api.routes.js';
import { createImporter, type Importer } from './import.service.js';
import { openApiDocument } from './openapi.js';
import { registerUploadRoutes } from './upload.routes.js';

export { createImporter, describeImportIssue } from './import.service.js';
export type { ImportFileInput, ImportIssue, ImportProgress, ImportSummary, Importer } from './import.service.js';
export { exportOpenData, formatOfFileName, OPEN_DATA_FORMATS, type OpenDataFormat } from './export.service.js';
export { toHsds } from './hsds.js';
export { toMednumCsv } from './mednum-csv.js';
export { MEDNUM_COLUMNS } from './mednum-codes.js';
export type { DirectoryBundle, FileLimits } from './opendata.model.js';

export const opendataMessagesDir = new URL('./messages/', import.meta.url);

export interface OpenDataPluginDeps {
  readonly directory: DirectoryService;
  readonly clock: Clock;
  readonly publicUrl: string;
  /** API operations of other modules, documented in the same OpenAPI document. */
  readonly otherApiPaths?: Readonly<Record<string, Record<string, unknown>>>;
}

/** The open-data API under /api (no cookies, open CORS) and the provider's file upload. */
export function opendataPlugin(deps: OpenDataPluginDeps) {
  const importer: Importer = createImporter({ directory: deps.directory, clock: deps.clock });
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(async (api) => {
      const routes = apiRoutes(deps);
      const document = openApiDocument(routes, { publicUrl: deps.publicUrl, otherPaths: deps.otherApiPaths });
      api.addHook('onSend', async (request, reply) => {
        // Read-only public data: any web page may fetch it.
        if (request.method === 'GET' || request.method === 'HEAD') reply.header('Access-Control-Allow-Origin', '*');
        if (reply.statusCode === 200 && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'public, max-age=60');
      });
      registerApiRoutes(api, routes);
      // GET /api/openapi.json — the API described from the same route table.
      api.get('/api/openapi.json', async () => document);
    });
    await app.register(async (upload) => registerUploadRoutes(upload, { directory: deps.directory, importer, publicUrl: deps.publicUrl }));
  };
}
