import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import type { FieldErrors, FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { canEditOrganization, requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { Clock } from '../../shared/clock.js';
import type { Location, Offer, Organization } from './directory.model.js';
import type { DirectoryService } from './directory.service.js';
import type { DirectoryError, SaveOutcome } from './directory.types.js';
import {
  LocationForm,
  locationInput,
  locationValues,
  newOfferValues,
  OfferForm,
  offerErrorsForForm,
  offerInput,
  offerValues,
  openingHoursError,
  parseForm,
  SessionForm,
  sessionErrorsForForm,
  sessionInput,
  sessionValues,
} from './provider.schema.js';
import { DashboardPage, isSavedNotice, type SavedNotice } from './views/provider/dashboard-page.js';
import { LocationFormPage } from './views/provider/location-form-page.js';
import { OfferFormPage } from './views/provider/offer-form-page.js';
import { changeStateOf, type ChangeState, type OrganizationOverview } from './views/provider/overview.js';
import { RegistrationsPage } from './views/provider/registrations-page.js';
import { SessionFormPage } from './views/provider/session-form-page.js';

export interface ProviderRouteDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  readonly clock: Clock;
}

type Id = { Params: { locale: string; id: string } };

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  // Signed-in pages hold people's details and unpublished drafts.
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** A refused or missing entry is the same page whichever form asked. */
function refuse(error: DirectoryError): never {
  throw error.code === 'forbidden' ? forbidden() : notFound();
}

const failed = (ctx: PageContext, values: FormValues, errors: FieldErrors): FormState => ({ t: ctx.t, values, errors });

export function registerProviderRoutes(app: FastifyInstance, deps: ProviderRouteDeps): void {
  const { directory, publicUrl, clock } = deps;

  function signedIn(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    const user = requireUser(request.user);
    return { user, ctx: pageContext(request, publicUrl) };
  }

  async function ownOrganization(user: CurrentUser, id: string): Promise<Organization> {
    if (!canEditOrganization(user, id)) throw forbidden();
    const organization = await directory.getOrganization(id, user);
    if (!organization) throw notFound();
    return organization;
  }

  /** Reading an offer for editing: public offers of other organisations are still refused. */
  async function ownOffer(user: CurrentUser, id: string): Promise<{ offer: Offer; organization: Organization }> {
    const offer = await directory.getOffer(id, user);
    if (!offer) throw notFound();
    return { offer, organization: await ownOrganization(user, offer.organizationId) };
  }

  async function ownLocation(user: CurrentUser, id: string): Promise<{ location: Location; organization: Organization }> {
    const location = await directory.getLocation(id);
    if (!location) throw notFound();
    return { location, organization: await ownOrganization(user, location.organizationId) };
  }

  async function changeState(user: CurrentUser, organizationId: string, type: 'offer' | 'location', id: string): Promise<ChangeState> {
    const changes = await directory.listChanges(user, organizationId);
    return changeStateOf(changes.ok ? changes.value : [], type, id);
  }

  function afterSave(reply: FastifyReply, ctx: PageContext, outcome: SaveOutcome<unknown>) {
    return reply.redirect(`/${ctx.locale}/provider?saved=${outcome.state === 'published' ? 'published' : 'review'}`, 303);
  }

  async function overview(user: CurrentUser, organizationId: string): Promise<OrganizationOverview | null> {
    const organization = await directory.getOrganization(organizationId, user);
    if (!organization) return null;
    const [offers, locations, changes, reports, stale] = await Promise.all([
      directory.listOffers(organizationId, user),
      directory.listLocations(organizationId),
      directory.listChanges(user, organizationId),
      directory.listOpenReports(user, { organizationId }),
      directory.listStale(clock.now(), { organizationId }),
    ]);
    const changeList = changes.ok ? changes.value : [];
    const staleIds = new Set(stale.map((o) => o.id));
    const now = clock.now().toISOString();
    return {
      organization,
      change: changeStateOf(changeList, 'organization', organizationId),
      locations: locations.map((location) => ({ location, change: changeStateOf(changeList, 'location', location.id) })),
      offers: await Promise.all(
        offers.map(async (offer) => {
          const upcoming = (await directory.listSessionsOfOffer(offer.id, user)).filter((s) => s.endsAt >= now);
          const sessions = await Promise.all(
            upcoming.map(async (session) => {
              const list = await directory.listRegistrations(user, session.id);
              return {
                session,
                confirmed: list.ok ? list.value.confirmed.length : 0,
                waitlisted: list.ok ? list.value.waitlisted.length : 0,
              };
            }),
          );
          return {
            offer,
            stale: staleIds.has(offer.id),
            reports: reports.filter((r) => r.offerId === offer.id),
            change: changeStateOf(changeList, 'offer', offer.id),
            sessions,
          };
        }),
      ),
    };
  }

  // GET /:locale/provider — the organisations, offers, places and sessions of the signed-in person
  app.get<{ Params: { locale: string }; Querystring: { saved?: string } }>('/:locale/provider', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const found = await Promise.all(user.organizationIds.map((id) => overview(user, id)));
    const saved: SavedNotice | null = isSavedNotice(request.query.saved) ? request.query.saved : null;
    const organizations = found.filter((o): o is OrganizationOverview => o !== null);
    return send(reply, DashboardPage({ ctx, organizations, saved }));
  });

  // ---------------------------------------------------------------- offers

  const offerConvert = (form: OfferForm) => ({ input: offerInput(form), errors: openingHoursError(form.openingHours) });

  // GET /:locale/provider/organizations/:id/offers/new
  app.get<Id>('/:locale/provider/organizations/:id/offers/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const organization = await ownOrganization(user, request.params.id);
    const locations = await directory.listLocations(organization.id);
    return send(reply, OfferFormPage({ ctx, organization, locations, form: emptyForm(ctx.t, newOfferValues(ctx.locale)) }));
  });

  // POST /:locale/provider/organizations/:id/offers/new
  app.post<Id>('/:locale/provider/organizations/:id/offers/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const organization = await ownOrganization(user, request.params.id);
    const parsed = parseForm(OfferForm, request.body as FormBody, offerConvert);
    const rerender = async (form: FormState) =>
      send(reply, OfferFormPage({ ctx, organization, locations: await directory.listLocations(organization.id), form }), 422);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.createOffer(user, organization.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, offerErrorsForForm(result.error.fields, parsed.input.defaultLocale)));
    }
    return afterSave(reply, ctx, result.value);
  });

  // GET /:locale/provider/offers/:id/edit — the waiting proposal, if any, is what the provider continues
  app.get<Id>('/:locale/provider/offers/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { offer, organization } = await ownOffer(user, request.params.id);
    const [locations, change] = await Promise.all([
      directory.listLocations(organization.id),
      changeState(user, organization.id, 'offer', offer.id),
    ]);
    const values = offerValues((change.pending?.proposed as Offer | undefined) ?? offer);
    const rejectedReason = offer.moderationStatus === 'rejected' ? offer.moderationReason : null;
    return send(reply, OfferFormPage({ ctx, organization, locations, form: emptyForm(ctx.t, values), offerId: offer.id, change, rejectedReason }));
  });

  // POST /:locale/provider/offers/:id/edit
  app.post<Id>('/:locale/provider/offers/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { offer, organization } = await ownOffer(user, request.params.id);
    const parsed = parseForm(OfferForm, request.body as FormBody, offerConvert);
    const rerender = async (form: FormState) =>
      send(reply, OfferFormPage({ ctx, organization, locations: await directory.listLocations(organization.id), form, offerId: offer.id }), 422);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.updateOffer(user, offer.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, offerErrorsForForm(result.error.fields, parsed.input.defaultLocale)));
    }
    return afterSave(reply, ctx, result.value);
  });

  // POST /:locale/provider/offers/:id/checked — "the information is still correct"
  app.post<Id>('/:locale/provider/offers/:id/checked', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const result = await directory.confirmOffer(user, request.params.id);
    if (!result.ok) refuse(result.error);
    return reply.redirect(`/${ctx.locale}/provider?saved=checked`, 303);
  });

  // POST /:locale/provider/reports/:id/resolve — a public report the provider has dealt with
  app.post<Id>('/:locale/provider/reports/:id/resolve', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const result = await directory.resolveReport(user, request.params.id);
    if (!result.ok) refuse(result.error);
    return reply.redirect(`/${ctx.locale}/provider?saved=resolved`, 303);
  });

  // ---------------------------------------------------------------- places

  // GET /:locale/provider/organizations/:id/locations/new
  app.get<Id>('/:locale/provider/organizations/:id/locations/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const organization = await ownOrganization(user, request.params.id);
    return send(reply, LocationFormPage({ ctx, organization, form: emptyForm(ctx.t, { locationType: 'physical' }) }));
  });

  // POST /:locale/provider/organizations/:id/locations/new
  app.post<Id>('/:locale/provider/organizations/:id/locations/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const organization = await ownOrganization(user, request.params.id);
    const parsed = parseForm(LocationForm, request.body as FormBody, locationInput);
    if (!parsed.ok) return send(reply, LocationFormPage({ ctx, organization, form: failed(ctx, parsed.values, parsed.errors) }), 422);
    const result = await directory.createLocation(user, organization.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return send(reply, LocationFormPage({ ctx, organization, form: failed(ctx, request.body as FormValues, result.error.fields) }), 422);
    }
    return reply.redirect(`/${ctx.locale}/provider?saved=location`, 303);
  });

  // GET /:locale/provider/locations/:id/edit
  app.get<Id>('/:locale/provider/locations/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { location, organization } = await ownLocation(user, request.params.id);
    const change = await changeState(user, organization.id, 'location', location.id);
    const values = locationValues((change.pending?.proposed as Location | undefined) ?? location);
    return send(reply, LocationFormPage({ ctx, organization, form: emptyForm(ctx.t, values), locationId: location.id, change }));
  });

  // POST /:locale/provider/locations/:id/edit
  app.post<Id>('/:locale/provider/locations/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { location, organization } = await ownLocation(user, request.params.id);
    const parsed = parseForm(LocationForm, request.body as FormBody, locationInput);
    const rerender = (form: FormState) => send(reply, LocationFormPage({ ctx, organization, form, locationId: location.id }), 422);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.updateLocation(user, location.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, result.error.fields));
    }
    return afterSave(reply, ctx, result.value);
  });

  // ---------------------------------------------------------------- sessions

  // GET /:locale/provider/offers/:id/sessions/new
  app.get<Id>('/:locale/provider/offers/:id/sessions/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { offer, organization } = await ownOffer(user, request.params.id);
    const locations = await directory.listLocations(organization.id);
    const values = { capacity: '12', locationId: offer.locationIds[0] ?? '' };
    return send(reply, SessionFormPage({ ctx, offer, locations, form: emptyForm(ctx.t, values) }));
  });

  // POST /:locale/provider/offers/:id/sessions/new
  app.post<Id>('/:locale/provider/offers/:id/sessions/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { offer, organization } = await ownOffer(user, request.params.id);
    const rerender = async (form: FormState) =>
      send(reply, SessionFormPage({ ctx, offer, locations: await directory.listLocations(organization.id), form }), 422);
    const parsed = parseForm(SessionForm, request.body as FormBody, sessionInput);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.createSession(user, offer.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, sessionErrorsForForm(result.error.fields)));
    }
    return reply.redirect(`/${ctx.locale}/provider?saved=session`, 303);
  });

  async function ownSession(user: CurrentUser, id: string) {
    const session = await directory.getSession(id, user);
    if (!session) throw notFound();
    return { session, ...(await ownOffer(user, session.offerId)) };
  }

  // GET /:locale/provider/sessions/:id/edit
  app.get<Id>('/:locale/provider/sessions/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { session, offer, organization } = await ownSession(user, request.params.id);
    const locations = await directory.listLocations(organization.id);
    return send(reply, SessionFormPage({ ctx, offer, locations, form: emptyForm(ctx.t, sessionValues(session)), sessionId: session.id }));
  });

  // POST /:locale/provider/sessions/:id/edit
  app.post<Id>('/:locale/provider/sessions/:id/edit', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const { session, offer, organization } = await ownSession(user, request.params.id);
    const rerender = async (form: FormState) =>
      send(reply, SessionFormPage({ ctx, offer, locations: await directory.listLocations(organization.id), form, sessionId: session.id }), 422);
    const parsed = parseForm(SessionForm, request.body as FormBody, sessionInput);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.updateSession(user, session.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, sessionErrorsForForm(result.error.fields)));
    }
    return reply.redirect(`/${ctx.locale}/provider?saved=session`, 303);
  });

  // GET /:locale/provider/sessions/:id/registrations — the organiser's list
  app.get<Id>('/:locale/provider/sessions/:id/registrations', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const result = await directory.listRegistrations(user, request.params.id);
    if (!result.ok) refuse(result.error);
    const { session, confirmed, waitlisted, cancelled } = result.value;
    const { offer } = await ownOffer(user, session.offerId);
    const location = session.locationId ? await directory.getLocation(session.locationId) : null;
    const details = { session, offer, location, placesLeft: Math.max(0, session.capacity - confirmed.length) };
    return send(reply, RegistrationsPage({ ctx, details, groups: { confirmed, waitlisted, cancelled } }));
  });
}
