/**
 * The OpenAPI 3.1 document of the API, generated from the same route table that registers the
 * routes: a route cannot exist without being documented, nor be documented with other schemas.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { ApiErrorResponse } from './api.schema.js';
import type { ApiRoute } from './api.routes.js';
import { hsdsProfileSchema } from './hsds-profile-schema.js';

type Json = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Readonly<Record<400 | 404, string>> = {
  400: 'A parameter is missing, malformed or names nothing we know.',
  404: 'No public entry has this id.',
};

/** A TypeBox schema as plain JSON Schema (TypeBox marks its objects with symbols only). */
const plain = (schema: TSchema | { readonly $ref: string }): Json => JSON.parse(JSON.stringify(schema)) as Json;

/** "/api/v1/offers/:id" → "/api/v1/offers/{id}" */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: TObject | undefined, location: 'query' | 'path'): Json[] {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const json = plain(property);
    const { description, ...rest } = json;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
      // Lists are sent by repeating the parameter: types=course&types=helpdesk.
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

function operation(route: ApiRoute): Json {
  const errorResponse = { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    operationId: route.operationId,
    summary: route.summary,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.querystring, 'query')],
    responses: {
      200: {
        description: route.response.description,
        headers: { 'Access-Control-Allow-Origin': { schema: { const: '*' } } },
        content: { [route.response.mediaType]: { schema: plain(route.response.schema) } },
      },
      ...Object.fromEntries(route.errors.map((status) => [status, { ...errorResponse, description: ERROR_DESCRIPTIONS[status] }])),
    },
  };
}

/** Changes when a response loses or changes a field; new fields and endpoints keep it. */
export const API_VERSION = '1.0.0';

/** `otherPaths`: operations other modules serve under /api/v1, each described by its module. */
export function openApiDocument(routes: readonly ApiRoute[], options: { publicUrl: string; otherPaths?: Readonly<Record<string, Json>> }): Json {
  const paths: Record<string, Json> = { ...options.otherPaths };
  for (const route of routes) paths[openApiPath(route.url)] = { get: operation(route) };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Zesummen API',
      version: API_VERSION,
      description:
        "Read-only access to Luxembourg's directory of digital-inclusion help: offers, organisations, " +
        'course sessions and the geography used to search them. No key, no cookies; CORS is open. ' +
        'Full exports: HSDS 3.0 (Luxembourg profile) and the French mednum CSV. The licence of the data ' +
        'and the rules of imports are in docs/open-data.md. Two operations of other modules are described here too: ' +
        'the "Is this a scam?" check (docs/safety.md) and the mandates token exchange for online services (docs/mandates.md).',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: options.publicUrl }],
    paths,
    components: {
      schemas: {
        Error: plain(ApiErrorResponse),
        HsdsProfile: hsdsProfileSchema,
      },
    },
  };
}
