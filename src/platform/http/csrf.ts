import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

export const CSRF_COOKIE = 'zs_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Double-submit with a signed token: every browser gets a random cookie, forms carry an HMAC of
 * it. A forged cross-site post has neither; a cookie planted from a sibling domain has no valid
 * signature. Only JSON APIs under /api/, /_matrix/ and /_synapse/ are exempt: they use no cookies.
 */
export function registerCsrf(app: FastifyInstance, options: { secret: string; secureCookies: boolean }): void {
  const sign = (value: string) => createHmac('sha256', options.secret).update(value).digest('base64url');

  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request, reply) => {
    if (isExempt(request)) return;
    let cookie = request.cookies[CSRF_COOKIE];
    if (!cookie || !/^[A-Za-z0-9_-]{20,64}$/.test(cookie)) {
      cookie = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
      });
    }
    request.csrfToken = sign(cookie);
  });

  app.addHook('preHandler', async (request) => {
    if (!isUnsafe(request) || isExempt(request)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = body?.[CSRF_FIELD];
    if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) {
      throw new AppError('csrf_failed', 403);
    }
  });
}

function isUnsafe(request: FastifyRequest): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
}

function isExempt(request: FastifyRequest): boolean {
  return (
    request.url.startsWith('/api/') ||
    request.url.startsWith('/_matrix/') ||
    request.url.startsWith('/_synapse/') ||
    request.url.startsWith('/.well-known/')
  );
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
