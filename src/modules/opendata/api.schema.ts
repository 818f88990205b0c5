/**
 * The read-only API's request and response schemas (TypeBox, so JSON Schema). The same objects
 * validate requests in Fastify and describe the API in the OpenAPI document.
 */
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { LOCALES } from '../../platform/i18n/locales.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES, TRANSLATION_SOURCES } from '../directory/index.js';

function oneOf<const T extends readonly string[]>(codes: T, description?: string): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    codes.map((code) => Type.Literal(code)),
    description ? { description } : {},
  );
}

/** Repeat the parameter for several values (`types=course&types=helpdesk`): any of them matches. */
const many = <const T extends readonly string[]>(codes: T, description: string) =>
  Type.Optional(Type.Array(oneOf(codes), { maxItems: codes.length, description }));

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A day in Luxembourg time, YYYY-MM-DD.' });
const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 100 });

export const SORTS = ['relevance', 'distance', 'name', 'next_session'] as const;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;

export const SearchParams = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words that start words of the name, organisation or description.' })),
  types: many(OFFER_TYPES, 'Kinds of help.'),
  audiences: many(AUDIENCES, 'Who the offer is for.'),
  languages: many(LANGUAGES, 'Languages the helpers speak.'),
  accessibility: many(ACCESSIBILITY, 'All of these are required.'),
  costs: many(COSTS, 'What it costs.'),
  modes: many(MODES, 'In person, remote or at home.'),
  commune: Type.Optional(Type.String({ maxLength: 60, description: 'A commune id from /api/v1/communes.' })),
  canton: Type.Optional(Type.String({ maxLength: 60, description: 'A canton id from /api/v1/cantons.' })),
  near: Type.Optional(Type.String({ maxLength: 100, description: 'A commune, locality or postal code; results get distances.' })),
  lat: Type.Optional(Type.Number({ minimum: 49, maximum: 50.6, description: 'With lon, instead of near.' })),
  lon: Type.Optional(Type.Number({ minimum: 5.3, maximum: 7 })),
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Kilometres around near or lat/lon; default 10.' })),
  open_now: Type.Optional(Type.Boolean({ description: 'Only offers open at this moment.' })),
  from: Type.Optional(Type.String({ ...Day, description: 'Only offers with a session on or after this day.' })),
  to: Type.Optional(Type.String({ ...Day, description: 'Only offers with a session on or before this day.' })),
  sort: Type.Optional(oneOf(SORTS, 'Default: distance with a place, relevance otherwise.')),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, description: `Default ${DEFAULT_PER_PAGE}.` })),
});
export type SearchParams = Static<typeof SearchParams>;

export const SessionsParams = Type.Object({
  from: Type.Optional(Type.String({ ...Day, description: 'First day; default today.' })),
  to: Type.Optional(Type.String({ ...Day, description: 'Last day; default 60 days after from, at most 366.' })),
  commune: Type.Optional(Type.String({ maxLength: 60, description: 'A commune id from /api/v1/communes.' })),
  offer: Type.Optional(Id),
  organization: Type.Optional(Id),
  include_cancelled: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Default 200.' })),
});
export type SessionsParams = Static<typeof SessionsParams>;

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

// Responses

const Translation = Type.Object({
  locale: oneOf([...LOCALES, ...LOCALES.map((l) => `${l}-easy` as const)]),
  value: Type.String(),
  source: oneOf(TRANSLATION_SOURCES),
});
const TranslatedText = Type.Array(Translation, {
  description: 'Every language version of a text; "-easy" locales are Easy Language versions.',
});

export const ApiOrganization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: TranslatedText,
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  isDemo: Type.Boolean({ description: 'Invented demo data, not a real organisation.' }),
  updatedAt: Timestamp,
});
export type ApiOrganization = Static<typeof ApiOrganization>;

export const ApiLocation = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  name: Type.String(),
  locationType: oneOf(['physical', 'mobile', 'virtual']),
  address: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  locality: Nullable(Type.String()),
  communeId: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  accessibility: Type.Array(Type.String()),
  openingHours: Nullable(Type.String({ description: 'OpenStreetMap opening_hours syntax.' })),
  description: TranslatedText,
});
export type ApiLocation = Static<typeof ApiLocation>;

export const ApiOffer = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  defaultLocale: oneOf(LOCALES),
  name: TranslatedText,
  description: TranslatedText,
  offerTypes: Type.Array(Type.String()),
  audiences: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  accessibility: Type.Array(Type.String()),
  cost: oneOf(COSTS),
  costDetails: TranslatedText,
  modes: Type.Array(Type.String()),
  openingHours: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  bookingUrl: Nullable(Type.String()),
  locationIds: Type.Array(Type.String()),
  checkedAt: Timestamp,
  isDemo: Type.Boolean(),
  updatedAt: Timestamp,
});
export type ApiOffer = Static<typeof ApiOffer>;

export const ApiSession = Type.Object({
  id: Type.String(),
  offerId: Type.String(),
  locationId: Nullable(Type.String()),
  title: TranslatedText,
  startsAt: Timestamp,
  endsAt: Timestamp,
  capacity: Type.Integer(),
  cancelled: Type.Boolean(),
});
export type ApiSession = Static<typeof ApiSession>;

const OrganizationRef = Type.Object({ id: Type.String(), name: Type.String() });
const Counts = Type.Record(Type.String(), Type.Integer(), { description: 'Value → number of matching offers.' });

export const SearchResponse = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  results: Type.Array(
    Type.Object({
      offer: ApiOffer,
      organization: OrganizationRef,
      locations: Type.Array(ApiLocation),
      nextSessions: Type.Array(ApiSession),
      distanceKm: Nullable(Type.Number({ description: 'To the nearest place, with near or lat/lon.' })),
      url: Type.String({ description: 'The offer page.' }),
    }),
  ),
  facets: Type.Object(
    {
      offerTypes: Counts,
      audiences: Counts,
      languages: Counts,
      costs: Counts,
      modes: Counts,
      cantons: Counts,
    },
    { description: "Each list counted as if its own filter were cleared." },
  ),
});
export type SearchResponse = Static<typeof SearchResponse>;

const SessionEntry = Type.Object({
  session: ApiSession,
  placesLeft: Type.Integer(),
  location: Nullable(ApiLocation),
});

export const OfferResponse = Type.Object({
  offer: ApiOffer,
  organization: ApiOrganization,
  locations: Type.Array(ApiLocation),
  sessions: Type.Array(SessionEntry, { description: 'Sessions in the coming year, cancelled ones included.' }),
  url: Type.String(),
});
export type OfferResponse = Static<typeof OfferResponse>;

export const OrganizationResponse = Type.Object({
  organization: ApiOrganization,
  offers: Type.Array(ApiOffer),
  locations: Type.Array(ApiLocation, { description: 'The places of its public offers.' }),
  url: Type.String(),
});
export type OrganizationResponse = Static<typeof OrganizationResponse>;

export const SessionsResponse = Type.Object({
  sessions: Type.Array(
    Type.Object({
      session: ApiSession,
      placesLeft: Type.Integer(),
      offer: Type.Object({ id: Type.String(), name: TranslatedText, defaultLocale: oneOf(LOCALES) }),
      organization: OrganizationRef,
      location: Nullable(ApiLocation),
    }),
  ),
});
export type SessionsResponse = Static<typeof SessionsResponse>;

const Point = Type.Object({ lat: Type.Number(), lon: Type.Number() });

export const CommunesResponse = Type.Object({
  communes: Type.Array(
    Type.Object({
      id: Type.String(),
      lau2: Type.String(),
      name: Type.String({ description: 'Official name (French form).' }),
      nameLb: Nullable(Type.String()),
      nameDe: Nullable(Type.String()),
      cantonId: Type.String(),
      postalCodes: Type.Array(Type.String()),
      localities: Type.Array(Type.String()),
      labelPoint: Point,
    }),
  ),
});
export type CommunesResponse = Static<typeof CommunesResponse>;

export const CantonsResponse = Type.Object({
  cantons: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      nameLb: Nullable(Type.String()),
      nameDe: Nullable(Type.String()),
      iso3166_2: Type.String(),
      communeIds: Type.Array(Type.String()),
    }),
  ),
});
export type CantonsResponse = Static<typeof CantonsResponse>;

export const ApiErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String({ description: 'In the language of Accept-Language.' }) }),
});
