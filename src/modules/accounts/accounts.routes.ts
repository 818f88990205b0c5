import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form-components.js';
import { pageContext } from '../../platform/http/context.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { safeNext } from '../../platform/auth/safe-next.js';
import { LoginForm, RegisterForm } from './accounts.schema.js';
import { LoginPage } from './views/login-page.js';
import { RegisterPage } from './views/register-page.js';
import type { AccountsService, CreateUserError } from './accounts.service.js';

export const SESSION_COOKIE = 'zs_session';

export interface AccountsRouteDeps {
  readonly accounts: AccountsService;
  readonly publicUrl: string;
  readonly secureCookies: boolean;
  /** Shared by sign-in and sign-up (separate buckets): both guess or spend passwords. */
  readonly loginLimiter: RateLimiter;
}

function sendPage(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

const nextOf = (request: FastifyRequest<{ Querystring: { next?: string } }>) =>
  typeof request.query.next === 'string' ? request.query.next : '';

const REGISTER_ERRORS: Record<Exclude<CreateUserError, 'invalid_role'>, FieldErrors> = {
  invalid_email: { email: { key: 'errors.field.invalid_email' } },
  password_too_short: { password: { key: 'errors.field.too_short', values: { min: MIN_PASSWORD_LENGTH } } },
  email_taken: { email: { key: 'accounts.register.errors.email_taken' } },
};

export function registerAccountsRoutes(app: FastifyInstance, deps: AccountsRouteDeps): void {
  const { accounts, publicUrl } = deps;

  async function signIn(reply: FastifyReply, userId: string): Promise<void> {
    const session = await accounts.startSession(userId);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      expires: session.expiresAt,
    });
  }

  // GET /:locale/login
  app.get<{ Params: { locale: string }; Querystring: { next?: string } }>('/:locale/login', async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    const form = emptyForm(ctx.t, { next: nextOf(request) });
    return reply.type('text/html').send(renderDocument(LoginPage({ ctx, form, failed: false })));
  });

  // POST /:locale/login
  app.post<{ Params: { locale: string } }>('/:locale/login', async (request, reply) => {
    deps.loginLimiter.hit(request, 'login');
    const ctx = pageContext(request, publicUrl);
    const result = validateForm(LoginForm, request.body as FormBody);
    if (!result.ok) {
      const form = { t: ctx.t, values: { ...result.values, password: '' }, errors: result.errors };
      return reply.status(422).type('text/html').send(renderDocument(LoginPage({ ctx, form, failed: false })));
    }
    const user = await accounts.authenticate(result.value.email, result.value.password);
    if (!user) {
      const form = emptyForm(ctx.t, { email: result.value.email, next: result.value.next ?? '' });
      return reply.status(422).type('text/html').send(renderDocument(LoginPage({ ctx, form, failed: true })));
    }
    await signIn(reply, user.id);
    return reply.redirect(safeNext(request.locale, result.value.next, user), 303);
  });

  // GET /:locale/register — self sign-up for citizens
  app.get<{ Params: { locale: string }; Querystring: { next?: string } }>('/:locale/register', async (request, reply) => {
    if (request.user) return reply.redirect(safeNext(request.locale, nextOf(request), request.user), 303);
    const ctx = pageContext(request, publicUrl);
    return sendPage(reply, RegisterPage({ ctx, form: emptyForm(ctx.t, { next: nextOf(request) }) }));
  });

  // POST /:locale/register
  app.post<{ Params: { locale: string } }>('/:locale/register', async (request, reply) => {
    deps.loginLimiter.hit(request, 'register');
    const ctx = pageContext(request, publicUrl);
    const result = validateForm(RegisterForm, request.body as FormBody);
    // Passwords are never sent back into the page.
    const failed = (values: FormValues, errors: FieldErrors) =>
      sendPage(reply, RegisterPage({ ctx, form: { t: ctx.t, values: { ...values, password: '', passwordRepeat: '' }, errors } }), 422);
    if (!result.ok) return failed(result.values, result.errors);
    const input = result.value;
    const typed = { displayName: input.displayName, email: input.email, next: input.next ?? '' };
    if (input.password !== input.passwordRepeat) {
      return failed(typed, { passwordRepeat: { key: 'accounts.register.errors.password_mismatch' } });
    }
    const created = await accounts.createUser({ email: input.email, password: input.password, displayName: input.displayName, role: 'person' });
    if (!created.ok) {
      if (created.error === 'invalid_role') throw new Error('the person role is missing from ROLES');
      return failed(typed, REGISTER_ERRORS[created.error]);
    }
    await signIn(reply, created.value.id);
    return reply.redirect(safeNext(request.locale, input.next, created.value), 303);
  });

  // POST /:locale/logout
  app.post<{ Params: { locale: string } }>('/:locale/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accounts.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/${request.locale}/`, 303);
  });
}
