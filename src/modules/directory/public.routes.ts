import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, href, type PageContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/app-error.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import { isLocale } from '../../platform/i18n/locales.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import type { RenderedResponse } from '../../platform/http/response-cache.js';
import { createSearchResponseCache } from './search-response-cache.js';
import type { Clock } from '../../shared/clock.js';
import type { DirectoryService } from './directory.service.js';
import type { OfferCard, CalendarEntry as ServiceCalendarEntry } from './search.service.js';
import type { SearchFacets, SearchQuery as IndexQuery } from './search-index.js';
import { communesInCanton, resolvePlace } from './geography/geography.js';
import { isOpenAt } from './opening-hours.js';
import { writeCalendar, type CalendarEvent } from './ical.js';
import { offerJsonLd, organizationJsonLd } from './jsonld.js';
import { PAGE_SIZE, parseCalendarQuery, parseSearchQuery, type CalendarQuery, type SearchQuery } from './public.schema.js';
import { BASE_MAP_SVG } from './views/public/map.js';
import { HomePage } from './views/public/home-page.js';
import { SearchPage, type SearchResultsView } from './views/public/search-page.js';
import { OfferPage } from './views/public/offer-page.js';
import { OrganizationPage } from './views/public/organization-page.js';
import { PrintPage } from './views/public/print-page.js';
import { CalendarPage } from './views/public/calendar-page.js';
import { DataPage } from './views/public/data-page.js';
import { communeLabel } from './views/public/components.js';
import { pickText } from './views/public/text.js';
import { LUXEMBOURG_ZONE as ZONE } from '../../shared/luxembourg-time.js';
import type { FacetCounts, OfferListing } from './views/public/view-model.js';

export interface PublicRoutesDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  /** The app's clock, so "open now" and "upcoming" agree with the service. */
  readonly clock: Clock;
}

type LocaleRequest = FastifyRequest<{ Params: { locale: string; id?: string }; Querystring: FormBody }>;

const DAY_MS = 86_400_000;
/** How far ahead the calendar, the offer page and the iCalendar feeds look. */
const HORIZON_DAYS = 365;
const CALENDAR_DEFAULT_DAYS = 60;
const DEFAULT_RADIUS_KM = 10;
const ICS_MAX_OFFERS = 200;

/** The instant Luxembourg's clocks show midnight at the start of the given day ("YYYY-MM-DD"). */
export function luxembourgMidnight(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' }).format(utcMidnight);
  // Luxembourg is one or two hours ahead of UTC, so midnight there is 23:00 or 22:00 UTC the day before.
  return new Date(utcMidnight.getTime() - Number(shown) * 3_600_000);
}

function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

const HTML = 'text/html; charset=utf-8';

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).type(HTML).send(renderDocument(page));
}

function html(page: SafeHtml, status = 200): RenderedResponse {
  return { status, contentType: HTML, body: renderDocument(page) };
}

/** The query string as the person sent it, minus the page number, for links that keep the search. */
function queryWithout(query: FormBody, drop: readonly string[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (drop.includes(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') params.append(name, v);
  }
  return params.toString();
}

function toIndexQuery(value: SearchQuery | CalendarQuery, ctx: PageContext, now: Date): IndexQuery {
  const search = value as Partial<SearchQuery>;
  const place = search.lat !== undefined && search.lon !== undefined ? { lat: search.lat, lon: search.lon } : search.near ? resolvePlace(search.near)?.point : undefined;
  return {
    text: search.q,
    offerTypes: value.type,
    audiences: search.audience,
    languages: value.language,
    accessibility: search.access,
    costs: search.cost,
    modes: search.mode,
    communeId: value.commune,
    cantonId: value.canton,
    near: place,
    radiusKm: place ? Number(search.radius ?? DEFAULT_RADIUS_KM) : undefined,
    openNow: search.open === '1',
    now,
    sessionFrom: value.from ? luxembourgMidnight(value.from) : undefined,
    sessionTo: value.to ? luxembourgMidnight(nextDay(value.to)) : undefined,
    sort: search.sort ?? (place ? 'distance' : 'relevance'),
    locale: ctx.locale,
  };
}

function listing(card: OfferCard, now: Date): OfferListing {
  const hours = card.offer.openingHours ?? card.locations.find((l) => l.openingHours)?.openingHours ?? null;
  return {
    offer: card.offer,
    organization: card.organization,
    locations: card.locations,
    nextSession: card.nextSessions[0] ?? null,
    distanceKm: card.distanceKm,
    openNow: hours ? isOpenAt(hours, now) : null,
  };
}

function facetCounts(facets: SearchFacets): FacetCounts {
  return { type: facets.offerTypes, audience: facets.audiences, language: facets.languages, cost: facets.costs, mode: facets.modes };
}

function calendarEvent(entry: ServiceCalendarEntry, ctx: PageContext, publicUrl: string): CalendarEvent {
  const name = pickText(entry.offer.name, ctx.locale, { fallback: entry.offer.defaultLocale })?.value ?? entry.offer.id;
  const title = pickText(entry.session.title, ctx.locale, { fallback: entry.offer.defaultLocale })?.value;
  const place = entry.location;
  const town = place ? [place.postalCode ? `L-${place.postalCode.replace(/^L-?/i, '')}` : null, communeLabel(place, ctx)].filter(Boolean).join(' ') : '';
  const where = place ? [place.name, place.address, town].filter(Boolean).join(', ') : null;
  return {
    uid: `${entry.session.id}@${new URL(publicUrl).hostname}`,
    startsAt: entry.session.startsAt,
    endsAt: entry.session.endsAt,
    summary: title && title !== name ? `${name}: ${title}` : name,
    location: where,
    url: `${publicUrl}${href(ctx, `/offers/${entry.offer.id}`)}`,
    description: entry.organization.name,
    cancelled: entry.session.cancelled,
    updatedAt: entry.session.updatedAt,
  };
}

/** Calendar filters the session listing cannot apply itself: canton, kind of help, language. */
function matchesCalendar(entry: ServiceCalendarEntry, value: CalendarQuery): boolean {
  const types: readonly string[] = value.type;
  const languages: readonly string[] = value.language;
  if (types.length > 0 && !entry.offer.offerTypes.some((t) => types.includes(t))) return false;
  if (languages.length > 0 && !entry.offer.languages.some((l) => languages.includes(l))) return false;
  if (value.canton) {
    const inCanton = new Set(communesInCanton(value.canton).map((c) => c.id));
    if (!entry.location?.communeId || !inCanton.has(entry.location.communeId)) return false;
  }
  return true;
}

export function registerPublicRoutes(app: FastifyInstance, deps: PublicRoutesDeps): void {
  const { directory, publicUrl, clock } = deps;

  /** Every page here lives under a language; anything else is not a page of ours. */
  function context(request: LocaleRequest): PageContext {
    if (!isLocale(request.params.locale)) throw notFound();
    return pageContext(request, publicUrl);
  }

  async function sessionsOfOffer(offerId: string, now: Date) {
    return directory.listSessions({
      from: now.toISOString(),
      to: new Date(now.getTime() + HORIZON_DAYS * DAY_MS).toISOString(),
      offerId,
      includeCancelled: true,
      limit: 50,
    });
  }

  async function publicOffer(request: LocaleRequest) {
    const card = request.params.id ? await directory.getOfferCard(request.params.id) : null;
    if (!card) throw notFound();
    return card;
  }

  // GET /maps/lu-communes.svg: the base map under every results map; constant, so cached for a week.
  app.get('/maps/lu-communes.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('Cache-Control', 'public, max-age=604800').send(BASE_MAP_SVG),
  );

  // GET /:locale/ — the welcome page and its guided path.
  app.get('/:locale/', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    return send(reply, HomePage({ ctx, form: emptyForm(ctx.t, { type: [''] }) }));
  });

  // GET /:locale/search — results for a shareable query string, or the form with its problems.
  // The page echoes the query string in its links, so the exact URL is its key; signed-in people
  // see their own header and are never answered from the cache.
  const searchPages = createSearchResponseCache('search page', directory, clock);
  app.get('/:locale/search', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    return searchPages.respond(request, reply, request.user ? null : request.url, async () => {
      const parsed = parseSearchQuery(request.query);
      if (!parsed.ok) {
        const form: FormState = { t: ctx.t, values: parsed.values, errors: parsed.errors };
        return html(SearchPage({ ctx, form, results: null }), 422);
      }
      const now = clock.now();
      const value = parsed.value;
      const page = value.page ?? 1;
      const query = toIndexQuery(value, ctx, now);
      const found = await directory.search({ ...query, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const results: SearchResultsView = {
        listings: found.offers.map((card) => listing(card, now)),
        total: found.total,
        page,
        pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
        facets: facetCounts(found.facets),
        queryString: queryWithout(request.query, ['page']),
        hasPlace: query.near !== undefined,
      };
      return html(SearchPage({ ctx, form: emptyForm(ctx.t, { ...request.query }), results }));
    });
  });

  // GET /:locale/search.ics — the sessions of the offers a search finds, as iCalendar.
  app.get('/:locale/search.ics', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const parsed = parseSearchQuery(request.query);
    if (!parsed.ok) return reply.status(422).type('text/plain; charset=utf-8').send(ctx.t('directory.search.fix_errors'));
    const now = clock.now();
    const query = toIndexQuery(parsed.value, ctx, now);
    const found = await directory.search({ ...query, offset: 0, limit: ICS_MAX_OFFERS });
    const ids = new Set(found.offers.map((card) => card.offer.id));
    const from = query.sessionFrom ?? now;
    const to = query.sessionTo ?? new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
    const entries = (await directory.listSessions({ from: from.toISOString(), to: to.toISOString(), includeCancelled: true, limit: 500 })).filter((e) =>
      ids.has(e.offer.id),
    );
    return sendCalendar(reply, entries, ctx, ctx.t('directory.ics.search_name'), 'zesummen.ics');
  });

  function sendCalendar(reply: FastifyReply, entries: readonly ServiceCalendarEntry[], ctx: PageContext, name: string, filename: string) {
    const body = writeCalendar(
      entries.map((entry) => calendarEvent(entry, ctx, publicUrl)),
      { name, generatedAt: clock.now(), language: ctx.locale },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .send(body);
  }

  // GET /:locale/offers/:id — everything about one offer.
  app.get('/:locale/offers/:id', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const card = await publicOffer(request);
    const now = clock.now();
    const sessions = await sessionsOfOffer(card.offer.id, now);
    const url = `${publicUrl}${href(ctx, `/offers/${card.offer.id}`)}`;
    const jsonLd = offerJsonLd({
      offer: card.offer,
      organization: card.organization,
      locations: card.locations,
      sessions: sessions.map((s) => s.session),
      locale: ctx.locale,
      url,
      organizationUrl: `${publicUrl}${href(ctx, `/organizations/${card.organization.id}`)}`,
      referenceWeek: now,
    });
    const easy = (request.query as FormBody).easy === '1';
    return send(reply, OfferPage({ ctx, offer: card.offer, organization: card.organization, locations: card.locations, sessions, easy, now, jsonLd }));
  });

  // GET /:locale/offers/:id/print — a one-page sheet with a QR code.
  app.get('/:locale/offers/:id/print', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const card = await publicOffer(request);
    const now = clock.now();
    const sessions = (await sessionsOfOffer(card.offer.id, now)).filter((s) => !s.session.cancelled);
    return send(reply, PrintPage({ ctx, offer: card.offer, organization: card.organization, locations: card.locations, sessions, now }));
  });

  // GET /:locale/offers/:id/calendar.ics — one offer's sessions as iCalendar.
  app.get('/:locale/offers/:id/calendar.ics', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const card = await publicOffer(request);
    const entries = await sessionsOfOffer(card.offer.id, clock.now());
    const name = pickText(card.offer.name, ctx.locale, { fallback: card.offer.defaultLocale })?.value ?? card.offer.id;
    return sendCalendar(reply, entries, ctx, ctx.t('directory.ics.offer_name', { name }), `offer-${card.offer.id}.ics`);
  });

  // GET /:locale/organizations/:id — an organisation and its public offers.
  app.get('/:locale/organizations/:id', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const organization = request.params.id ? await directory.getOrganization(request.params.id) : null;
    if (!organization) throw notFound();
    const now = clock.now();
    const offers = await directory.listOffers(organization.id);
    const cards = (await Promise.all(offers.map((offer) => directory.getOfferCard(offer.id)))).filter((c): c is OfferCard => c !== null);
    const url = `${publicUrl}${href(ctx, `/organizations/${organization.id}`)}`;
    const jsonLd = organizationJsonLd(organization, {
      url,
      locale: ctx.locale,
      locations: [...new Map(cards.flatMap((c) => c.locations).map((l) => [l.id, l])).values()],
      referenceWeek: now,
    });
    return send(reply, OrganizationPage({ ctx, organization, listings: cards.map((card) => listing(card, now)), jsonLd }));
  });

  // GET /:locale/calendar — upcoming sessions day by day.
  app.get('/:locale/calendar', async (request: LocaleRequest, reply) => {
    const ctx = context(request);
    const parsed = parseCalendarQuery(request.query);
    if (!parsed.ok) {
      const form: FormState = { t: ctx.t, values: parsed.values, errors: parsed.errors };
      return send(reply, CalendarPage({ ctx, form, entries: null, queryString: '' }), 422);
    }
    const value = parsed.value;
    const now = clock.now();
    const from = value.from ? luxembourgMidnight(value.from) : now;
    const to = value.to ? luxembourgMidnight(nextDay(value.to)) : new Date(from.getTime() + CALENDAR_DEFAULT_DAYS * DAY_MS);
    const entries = (
      await directory.listSessions({ from: from.toISOString(), to: to.toISOString(), communeId: value.commune, includeCancelled: true, limit: 500 })
    ).filter((entry) => matchesCalendar(entry, value));
    return send(
      reply,
      CalendarPage({ ctx, form: emptyForm(ctx.t, { ...request.query }), entries, queryString: queryWithout(request.query, []) }),
    );
  });

  // GET /:locale/about/data — where the data comes from, and its licences.
  app.get('/:locale/about/data', async (request: LocaleRequest, reply) => send(reply, DataPage({ ctx: context(request) })));
}

