/**
 * The read-only JSON API, as one table of routes: each entry's schemas validate its requests in
 * Fastify and describe it in the OpenAPI document (openapi.ts), so the two cannot drift apart.
 */
import { Readable } from 'node:stream';
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/http/app-error.js';
import type { Clock } from '../../shared/clock.js';
import {
  createSearchResponseCache,
  getCanton,
  getCommune,
  listCantons,
  listCommunes,
  resolvePlace,
  type DirectoryService,
  type OfferCard,
} from '../directory/index.js';
import {
  CantonsResponse,
  CommunesResponse,
  DEFAULT_PER_PAGE,
  IdParams,
  OfferResponse,
  OrganizationResponse,
  SearchParams,
  SearchResponse,
  SessionsParams,
  SessionsResponse,
} from './api.schema.js';
import { apiCanton, apiCommune, apiLocation, apiOffer, apiOrganization, apiSession } from './api.representations.js';
import { CONTENT_TYPES, exportOpenData, FILE_NAMES, type OpenDataFormat } from './export.service.js';
import { addDays, isCalendarDay, luxembourgDay, startOfLuxembourgDay } from './luxembourg-days.js';

export interface ApiResponseDoc {
  readonly mediaType: string;
  readonly description: string;
  /** A JSON Schema, or a reference to a component of the OpenAPI document. */
  readonly schema: TSchema | { readonly $ref: string };
}

export interface ApiRoute {
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly querystring?: TObject;
  readonly params?: TObject;
  readonly response: ApiResponseDoc;
  /** Error statuses the route answers with an error object, besides 500. */
  readonly errors: readonly (400 | 404)[];
  readonly handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export interface ApiDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  readonly clock: Clock;
}

export const HSDS_COMPONENT = '#/components/schemas/HsdsProfile';

const DEFAULT_RADIUS_KM = 10;
const CALENDAR_DEFAULT_DAYS = 60;
const CALENDAR_MAX_DAYS = 366;
const OFFER_SESSIONS_DAYS = 365;
const JSON_TYPE = 'application/json; charset=utf-8';

type ApiProblem =
  | 'unknown_commune'
  | 'unknown_canton'
  | 'unknown_place'
  | 'incomplete_position'
  | 'invalid_date'
  | 'dates_reversed'
  | 'range_too_long';

const badParameter = (code: ApiProblem) => new AppError(code, 400, `opendata.api.errors.${code}`);

/** Typed handlers in an untyped table: Fastify has validated the request against the schemas. */
function route<Q = unknown, P = unknown>(
  definition: Omit<ApiRoute, 'handler'> & {
    handler: (request: FastifyRequest<{ Querystring: Q; Params: P }>, reply: FastifyReply) => Promise<unknown>;
  },
): ApiRoute {
  return definition as unknown as ApiRoute;
}

type SearchResult = SearchResponse['results'][number];

/**
 * The part of a search result that depends on the offer alone (the offer in every language,
 * its organisation and places: most of the response), as JSON, kept for the next search that
 * finds the offer. A write gives the offer, organisation or places new objects, which is how a
 * kept one knows it is out of date.
 */
class ResultJsonCache {
  private static readonly SIZE = 10_000;
  private readonly kept = new Map<string, { card: OfferCard; json: string }>();

  of(card: OfferCard): string {
    const found = this.kept.get(card.offer.id);
    if (found && found.card.offer === card.offer && found.card.organization === card.organization && found.card.locations === card.locations) {
      return found.json;
    }
    const offer: SearchResult['offer'] = apiOffer(card.offer);
    const organization: SearchResult['organization'] = { id: card.organization.id, name: card.organization.name };
    const locations: SearchResult['locations'] = card.locations.map(apiLocation);
    const json = `"offer":${JSON.stringify(offer)},"organization":${JSON.stringify(organization)},"locations":${JSON.stringify(locations)}`;
    this.kept.delete(card.offer.id);
    this.kept.set(card.offer.id, { card, json });
    if (this.kept.size > ResultJsonCache.SIZE) this.kept.delete(this.kept.keys().next().value!);
    return json;
  }
}

/** The parameters as Fastify parsed them, by name; the values of one name keep their order. */
function canonicalQuery(query: object): string {
  return JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function checkDays(from: string | undefined, to: string | undefined): void {
  if ((from && !isCalendarDay(from)) || (to && !isCalendarDay(to))) throw badParameter('invalid_date');
  if (from && to && to < from) throw badParameter('dates_reversed');
}

function position(query: SearchParams): { lat: number; lon: number } | undefined {
  if ((query.lat === undefined) !== (query.lon === undefined)) throw badParameter('incomplete_position');
  if (query.lat !== undefined && query.lon !== undefined) return { lat: query.lat, lon: query.lon };
  if (query.near === undefined) return undefined;
  const place = resolvePlace(query.near);
  if (!place) throw badParameter('unknown_place');
  return place.point;
}

function exportRoute(deps: ApiDeps, format: OpenDataFormat, url: string, response: ApiResponseDoc): ApiRoute {
  return route({
    url,
    operationId: format === 'hsds' ? 'exportHsds' : 'exportMednumCsv',
    summary:
      format === 'hsds'
        ? 'The whole public directory as Open Referral HSDS 3.0 (Luxembourg profile).'
        : 'The public places and offers as a CSV file of the French "lieux de médiation numérique" standard v1.0.2.',
    response,
    errors: [],
    handler: async (_request, reply) =>
      reply
        .type(CONTENT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${FILE_NAMES[format]}"`)
        .header('Cache-Control', 'public, max-age=300')
        .send(Readable.from(exportOpenData(deps.directory, format))),
  });
}

/** Every /api/v1 endpoint. */
export function apiRoutes(deps: ApiDeps): readonly ApiRoute[] {
  const { directory, publicUrl, clock } = deps;
  const pageUrl = (request: FastifyRequest, path: string) => `${publicUrl}/${request.locale}${path}`;
  // The API has no sessions and its responses do not echo the query: the validated parameters in
  // a fixed order and the language of the links are the whole key.
  const searchResponses = createSearchResponseCache('API search', directory, clock);
  const resultJson = new ResultJsonCache();

  async function searchJson(request: FastifyRequest<{ Querystring: SearchParams }>): Promise<string> {
    const query = request.query;
    if (query.commune !== undefined && !getCommune(query.commune)) throw badParameter('unknown_commune');
    if (query.canton !== undefined && !getCanton(query.canton)) throw badParameter('unknown_canton');
    checkDays(query.from, query.to);
    const near = position(query);
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_PER_PAGE;
    const found = await directory.search({
      text: query.q,
      offerTypes: query.types,
      audiences: query.audiences,
      languages: query.languages,
      accessibility: query.accessibility,
      costs: query.costs,
      modes: query.modes,
      communeId: query.commune,
      cantonId: query.canton,
      near,
      radiusKm: near ? (query.radius ?? DEFAULT_RADIUS_KM) : undefined,
      openNow: query.open_now === true,
      now: clock.now(),
      sessionFrom: query.from ? startOfLuxembourgDay(query.from) : undefined,
      sessionTo: query.to ? startOfLuxembourgDay(addDays(query.to, 1)) : undefined,
      sort: query.sort ?? (near ? 'distance' : 'relevance'),
      locale: request.locale,
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    // Written out by hand so each offer's JSON can be kept: the keys in the order of SearchResponse.
    const results = found.offers.map(
      (card) =>
        `{${resultJson.of(card)},"nextSessions":${JSON.stringify(card.nextSessions.map(apiSession))},` +
        `"distanceKm":${JSON.stringify(card.distanceKm)},"url":${JSON.stringify(pageUrl(request, `/offers/${card.offer.id}`))}}`,
    );
    return `{"total":${found.total},"page":${page},"perPage":${perPage},"results":[${results.join(',')}],"facets":${JSON.stringify(found.facets)}}`;
  }

  return [
    route<SearchParams>({
      url: '/api/v1/search',
      operationId: 'searchOffers',
      summary: 'Find offers with the filters of the public search page, with facet counts.',
      querystring: SearchParams,
      response: { mediaType: 'application/json', description: 'One page of results.', schema: SearchResponse },
      errors: [400],
      handler: (request, reply) =>
        searchResponses.respond(request, reply, `${request.locale} ${canonicalQuery(request.query)}`, async () => ({
          status: 200,
          contentType: JSON_TYPE,
          body: await searchJson(request),
        })),
    }),

    route<unknown, IdParams>({
      url: '/api/v1/offers/:id',
      operationId: 'getOffer',
      summary: 'A public offer with its organisation, places and sessions of the coming year.',
      params: IdParams,
      response: { mediaType: 'application/json', description: 'The offer.', schema: OfferResponse },
      errors: [400, 404],
      async handler(request): Promise<OfferResponse> {
        const card = await directory.getOfferCard(request.params.id);
        if (!card) throw notFound();
        const now = clock.now();
        const sessions = await directory.listSessions({
          from: now.toISOString(),
          to: new Date(now.getTime() + OFFER_SESSIONS_DAYS * 86_400_000).toISOString(),
          offerId: card.offer.id,
          includeCancelled: true,
          limit: 500,
        });
        return {
          offer: apiOffer(card.offer),
          organization: apiOrganization(card.organization),
          locations: card.locations.map(apiLocation),
          sessions: sessions.map((entry) => ({
            session: apiSession(entry.session),
            placesLeft: entry.placesLeft,
            location: entry.location ? apiLocation(entry.location) : null,
          })),
          url: pageUrl(request, `/offers/${card.offer.id}`),
        };
      },
    }),

    route<unknown, IdParams>({
      url: '/api/v1/organizations/:id',
      operationId: 'getOrganization',
      summary: 'An approved organisation with its public offers and their places.',
      params: IdParams,
      response: { mediaType: 'application/json', description: 'The organisation.', schema: OrganizationResponse },
      errors: [400, 404],
      async handler(request): Promise<OrganizationResponse> {
        const organization = await directory.getOrganization(request.params.id);
        if (!organization) throw notFound();
        const [offers, locations] = await Promise.all([
          directory.listOffers(organization.id),
          directory.listLocations(organization.id),
        ]);
        const used = new Set(offers.flatMap((o) => o.locationIds));
        return {
          organization: apiOrganization(organization),
          offers: offers.map(apiOffer),
          locations: locations.filter((l) => used.has(l.id)).map(apiLocation),
          url: pageUrl(request, `/organizations/${organization.id}`),
        };
      },
    }),

    route<SessionsParams>({
      url: '/api/v1/sessions',
      operationId: 'listSessions',
      summary: 'Dated course sessions of public offers, by start time.',
      querystring: SessionsParams,
      response: { mediaType: 'application/json', description: 'The sessions.', schema: SessionsResponse },
      errors: [400],
      async handler(request): Promise<SessionsResponse> {
        const query = request.query;
        checkDays(query.from, query.to);
        if (query.commune !== undefined && !getCommune(query.commune)) throw badParameter('unknown_commune');
        const from = query.from ?? luxembourgDay(clock.now());
        const to = query.to ?? addDays(from, CALENDAR_DEFAULT_DAYS);
        if (to < from) throw badParameter('dates_reversed');
        if (to > addDays(from, CALENDAR_MAX_DAYS)) throw badParameter('range_too_long');
        const entries = await directory.listSessions({
          from: startOfLuxembourgDay(from).toISOString(),
          to: startOfLuxembourgDay(addDays(to, 1)).toISOString(),
          communeId: query.commune,
          offerId: query.offer,
          organizationId: query.organization,
          includeCancelled: query.include_cancelled === true,
          limit: query.limit ?? 200,
        });
        return {
          sessions: entries.map((entry) => ({
            session: apiSession(entry.session),
            placesLeft: entry.placesLeft,
            offer: { id: entry.offer.id, name: [...entry.offer.name], defaultLocale: entry.offer.defaultLocale },
            organization: { id: entry.organization.id, name: entry.organization.name },
            location: entry.location ? apiLocation(entry.location) : null,
          })),
        };
      },
    }),

    route({
      url: '/api/v1/communes',
      operationId: 'listCommunes',
      summary: "Luxembourg's 100 communes, with their postal codes and localities.",
      response: { mediaType: 'application/json', description: 'The communes in official order.', schema: CommunesResponse },
      errors: [],
      handler: async (): Promise<CommunesResponse> => ({ communes: listCommunes().map(apiCommune) }),
    }),

    route({
      url: '/api/v1/cantons',
      operationId: 'listCantons',
      summary: "Luxembourg's 12 cantons and their communes.",
      response: { mediaType: 'application/json', description: 'The cantons.', schema: CantonsResponse },
      errors: [],
      handler: async (): Promise<CantonsResponse> => ({ cantons: listCantons().map(apiCanton) }),
    }),

    exportRoute(deps, 'hsds', '/api/v1/export/hsds.json', {
      mediaType: 'application/json',
      description: 'An HSDS document; records of a demo instance carry lu_is_demo.',
      schema: { $ref: HSDS_COMPONENT },
    }),

    exportRoute(deps, 'csv', '/api/v1/export/mednum.csv', {
      mediaType: 'text/csv',
      description: 'UTF-8, comma-separated, the 32 columns of the standard; lists joined with "|".',
      schema: Type.String(),
    }),
  ];
}

/**
 * Registers the table's routes. Request schemas go to Fastify; response schemas only to the
 * document, because serialising with them would silently drop a field they forgot. The tests
 * check real responses against the document instead.
 */
export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  for (const definition of routes) {
    app.get(
      definition.url,
      {
        schema: {
          ...(definition.querystring ? { querystring: definition.querystring } : {}),
          ...(definition.params ? { params: definition.params } : {}),
        },
      },
      definition.handler,
    );
  }
}
