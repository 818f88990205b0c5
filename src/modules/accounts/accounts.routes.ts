import type { FastifyInstance } from 'fastify';
import { validateForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form-components.js';
import { pageContext } from '../../platform/http/context.js';
import { renderDocument } from '../../platform/views/jsx.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { LoginForm } from './accounts.schema.js';
import { LoginPage } from './views/login-page.js';
import type { AccountsService } from './accounts.service.js';

export const SESSION_COOKIE = 'zs_session';

/** Only same-site paths may be a post-login destination, so the form cannot redirect off-site. */
export function safeNext(locale: string, next: unknown): string {
  if (typeof next === 'string' && /^\/[a-z]{2}\//.test(next) && !next.startsWith('//')) return next;
  return `/${locale}/provider`;
}

export function registerAccountsRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; publicUrl: string; secureCookies: boolean; loginLimiter: RateLimiter },
): void {
  const { accounts, publicUrl } = deps;

  app.get<{ Params: { locale: string }; Querystring: { next?: string } }>('/:locale/login', async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    const form = emptyForm(ctx.t, { next: typeof request.query.next === 'string' ? request.query.next : '' });
    return reply.type('text/html').send(renderDocument(LoginPage({ ctx, form, failed: false })));
  });

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
    const session = await accounts.startSession(user.id);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      expires: session.expiresAt,
    });
    return reply.redirect(safeNext(request.locale, result.value.next), 303);
  });

  app.post<{ Params: { locale: string } }>('/:locale/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accounts.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/${request.locale}/`, 303);
  });
}
