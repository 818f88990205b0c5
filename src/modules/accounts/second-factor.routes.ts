import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateForm, type FieldErrors } from '../../platform/http/forms.js';
import { AppError } from '../../platform/http/app-error.js';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { SECOND_FACTOR_ENROL_PATH, SECOND_FACTOR_VERIFY_PATH } from '../../platform/auth/second-factor.js';
import { normalizeCode } from '../../platform/auth/totp.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import { safeNext } from '../../platform/auth/safe-next.js';
import { SecondFactorForm } from './accounts.schema.js';
import type { AccountsService, SecondFactorError } from './accounts.service.js';
import { EnrolPage, EnrolledPage, PausedPage, VerifyPage } from './views/second-factor-pages.js';

export interface SecondFactorRouteDeps {
  readonly accounts: AccountsService;
  readonly publicUrl: string;
  /** Counts code attempts per account, whatever address they come from. */
  readonly secondFactorLimiter: RateLimiter;
}

type Page = { Params: { locale: string }; Querystring: { next?: string } };

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  // The enrolment page shows the seed of a code app: it must not stay in any cache.
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** The next page as a query string to carry along, or "". */
const withNext = (path: string, next: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

const CODE_ERRORS: Record<Exclude<SecondFactorError, 'session_ended' | 'not_enrolled' | 'already_enrolled'>, string> = {
  wrong_code: 'accounts.second_factor.errors.wrong_code',
  code_used: 'accounts.second_factor.errors.code_used',
  secret_unreadable: 'accounts.second_factor.errors.unreadable',
};

export function registerSecondFactorRoutes(app: FastifyInstance, deps: SecondFactorRouteDeps): void {
  const { accounts, publicUrl, secondFactorLimiter } = deps;

  function signedIn(request: FastifyRequest): { user: CurrentUser & { sessionId: string }; ctx: PageContext } {
    const user = requireUser(request.user);
    if (user.sessionId === null) throw new AppError('sign_in_required', 401);
    return { user: { ...user, sessionId: user.sessionId }, ctx: pageContext(request, publicUrl) };
  }

  /**
   * Counts one code attempt (a typo that is not six digits tests nothing and is not counted);
   * after too many, the answer is a calm "please wait" page instead.
   */
  function attempt(user: CurrentUser, ctx: PageContext, reply: FastifyReply): FastifyReply | null {
    try {
      secondFactorLimiter.hitKey(`second-factor\u0000${user.id}`);
      return null;
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      const seconds = Number(error.details?.retryAfterSeconds ?? 60);
      reply.header('Retry-After', String(seconds));
      return send(reply, PausedPage({ ctx, minutes: Math.max(1, Math.ceil(seconds / 60)) }), 429);
    }
  }

  /** A refused code becomes an error beside the code field; a refusal about the account, another page. */
  function refusal(error: SecondFactorError, ctx: PageContext, next: string): { errors: FieldErrors } | { redirect: string } {
    if (error === 'session_ended') throw new AppError('sign_in_required', 401);
    // Not set up yet, or set up meanwhile in another tab: the enrolment page shows which.
    if (error === 'not_enrolled' || error === 'already_enrolled') return { redirect: withNext(`/${ctx.locale}${SECOND_FACTOR_ENROL_PATH}`, next) };
    return { errors: { code: { key: CODE_ERRORS[error] } } };
  }

  async function enrolPage(user: CurrentUser, ctx: PageContext, form: FormState, reply: FastifyReply, status = 200) {
    const setup = await accounts.beginSecondFactorEnrolment(user.id);
    if (!setup.ok) return send(reply, EnrolledPage({ ctx, user, next: String(form.values.next ?? '') }));
    return send(reply, EnrolPage({ ctx, form, setup: setup.value }), status);
  }

  // GET /:locale/account/second-factor — set up a code app, or see that it is set up
  app.get<Page>(`/:locale${SECOND_FACTOR_ENROL_PATH}`, async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const next = typeof request.query.next === 'string' ? request.query.next : '';
    return enrolPage(user, ctx, emptyForm(ctx.t, { next }), reply);
  });

  // POST /:locale/account/second-factor — confirm the code app with its first code
  app.post<Page>(`/:locale${SECOND_FACTOR_ENROL_PATH}`, async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const result = validateForm(SecondFactorForm, request.body as FormBody);
    const next = result.ok ? (result.value.next ?? '') : String(result.values.next ?? '');
    const failed = (errors: FieldErrors) => enrolPage(user, ctx, { t: ctx.t, values: { next, code: '' }, errors }, reply, 422);
    if (!result.ok) return failed(result.errors);
    if (normalizeCode(result.value.code) === null) return failed({ code: { key: 'accounts.second_factor.errors.code_format' } });
    const paused = attempt(user, ctx, reply);
    if (paused) return paused;
    const confirmed = await accounts.confirmSecondFactorEnrolment(user.sessionId, user.id, result.value.code);
    if (!confirmed.ok) {
      const refused = refusal(confirmed.error, ctx, next);
      return 'errors' in refused ? failed(refused.errors) : reply.redirect(refused.redirect, 303);
    }
    return reply.redirect(next ? safeNext(ctx.locale, next, user) : `/${ctx.locale}${SECOND_FACTOR_ENROL_PATH}`, 303);
  });

  // GET /:locale/account/second-factor/verify — type a code to unlock this session
  app.get<Page>(`/:locale${SECOND_FACTOR_VERIFY_PATH}`, async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const next = typeof request.query.next === 'string' ? request.query.next : '';
    if (!user.secondFactorEnrolled) return reply.redirect(withNext(`/${ctx.locale}${SECOND_FACTOR_ENROL_PATH}`, next), 303);
    if (user.secondFactorVerified) return reply.redirect(safeNext(ctx.locale, next, user), 303);
    return send(reply, VerifyPage({ ctx, form: emptyForm(ctx.t, { next }) }));
  });

  // POST /:locale/account/second-factor/verify
  app.post<Page>(`/:locale${SECOND_FACTOR_VERIFY_PATH}`, async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const result = validateForm(SecondFactorForm, request.body as FormBody);
    const next = result.ok ? (result.value.next ?? '') : String(result.values.next ?? '');
    const failed = (errors: FieldErrors) => send(reply, VerifyPage({ ctx, form: { t: ctx.t, values: { next, code: '' }, errors } }), 422);
    if (!result.ok) return failed(result.errors);
    if (normalizeCode(result.value.code) === null) return failed({ code: { key: 'accounts.second_factor.errors.code_format' } });
    const paused = attempt(user, ctx, reply);
    if (paused) return paused;
    const verified = await accounts.verifySecondFactor(user.sessionId, user.id, result.value.code);
    if (!verified.ok) {
      const refused = refusal(verified.error, ctx, next);
      return 'errors' in refused ? failed(refused.errors) : reply.redirect(refused.redirect, 303);
    }
    return reply.redirect(safeNext(ctx.locale, next, user), 303);
  });
}
