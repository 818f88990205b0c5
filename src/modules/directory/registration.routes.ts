import type { FastifyInstance, FastifyReply } from 'fastify';
import { pageContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import type { FormValues } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { Clock } from '../../shared/clock.js';
import type { DirectoryService } from './directory.service.js';
import { parseRegistration } from './registration.schema.js';
import { CancelPage } from './views/registration/cancel-page.js';
import { RegisteredPage } from './views/registration/registered-page.js';
import { RegisterPage, registrationState } from './views/registration/register-page.js';
import type { SessionDetails } from './views/registration/session-summary.js';

export interface RegistrationRouteDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  readonly clock: Clock;
  /** Anonymous posts: registering and cancelling. */
  readonly publicFormLimiter: RateLimiter;
  readonly registrationRetentionDays: number;
}

type SessionParams = { Params: { locale: string; id: string } };
type TokenParams = { Params: { locale: string; token: string } };

/** Pages that show a private cancel link or someone's details must stay out of caches. */
function sendPrivate(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** A public session with its offer, place and free places; null when it is not public. */
export async function loadSessionDetails(directory: DirectoryService, sessionId: string): Promise<SessionDetails | null> {
  const session = await directory.getSession(sessionId);
  if (!session) return null;
  const to = new Date(Date.parse(session.startsAt) + 1).toISOString();
  const entries = await directory.listSessions({ from: session.startsAt, to, offerId: session.offerId, includeCancelled: true, limit: 500 });
  return entries.find((e) => e.session.id === sessionId) ?? null;
}

export function registerRegistrationRoutes(app: FastifyInstance, deps: RegistrationRouteDeps): void {
  const { directory, publicUrl, clock, registrationRetentionDays: retentionDays } = deps;

  // GET /:locale/sessions/:id/register — the form, or why there is none
  app.get<SessionParams>('/:locale/sessions/:id/register', async (request, reply) => {
    const details = await loadSessionDetails(directory, request.params.id);
    if (!details) throw notFound();
    const ctx = pageContext(request, publicUrl);
    const state = registrationState(details, clock.now());
    return sendPrivate(reply, RegisterPage({ ctx, retentionDays, details, form: emptyForm(ctx.t), state }));
  });

  // POST /:locale/sessions/:id/register — confirmed or waitlisted, with the cancel link shown once
  app.post<SessionParams>('/:locale/sessions/:id/register', async (request, reply) => {
    deps.publicFormLimiter.hit(request, 'registration');
    const details = await loadSessionDetails(directory, request.params.id);
    if (!details) throw notFound();
    const ctx = pageContext(request, publicUrl);
    const state = registrationState(details, clock.now());
    const parsed = parseRegistration(request.body as FormBody);
    if (!parsed.ok) {
      const form = { t: ctx.t, values: parsed.values, errors: parsed.errors };
      return sendPrivate(reply, RegisterPage({ ctx, retentionDays, details, form, state }), state === 'closed' ? 409 : 422);
    }
    const result = await directory.register(details.session.id, parsed.value);
    if (!result.ok) {
      if (result.error.code === 'invalid') {
        const form = { t: ctx.t, values: request.body as FormValues, errors: result.error.fields };
        return sendPrivate(reply, RegisterPage({ ctx, retentionDays, details, form, state }), 422);
      }
      if (result.error.code === 'not_found') throw notFound();
      // Started or cancelled between showing the form and sending it.
      const closed = (await loadSessionDetails(directory, details.session.id)) ?? details;
      return sendPrivate(reply, RegisterPage({ ctx, retentionDays, details: closed, form: emptyForm(ctx.t), state: 'closed' }), 409);
    }
    const fresh = (await loadSessionDetails(directory, details.session.id)) ?? details;
    const page = RegisteredPage({ ctx, details: fresh, registration: result.value.registration, cancelToken: result.value.cancelToken });
    return sendPrivate(reply, page, 201);
  });

  // GET /:locale/registrations/cancel/:token — what will be cancelled, and a button
  app.get<TokenParams>('/:locale/registrations/cancel/:token', async (request, reply) => {
    const found = await directory.findRegistrationByToken(request.params.token);
    if (!found) throw notFound();
    const ctx = pageContext(request, publicUrl);
    return sendPrivate(reply, CancelPage({ ctx, details: found, registration: found.registration, token: request.params.token, done: false }));
  });

  // POST /:locale/registrations/cancel/:token — frees the place for the next person waiting
  app.post<TokenParams>('/:locale/registrations/cancel/:token', async (request, reply) => {
    deps.publicFormLimiter.hit(request, 'cancel');
    const { token } = request.params;
    const result = await directory.cancelRegistration(token);
    if (!result.ok && result.error.code === 'not_found') throw notFound();
    const found = await directory.findRegistrationByToken(token);
    if (!found) throw notFound();
    const ctx = pageContext(request, publicUrl);
    return sendPrivate(reply, CancelPage({ ctx, details: found, registration: found.registration, token, done: result.ok }));
  });
}
