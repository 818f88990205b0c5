import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { AppError } from './app-error.js';
import { parseUrlEncoded } from './urlencoded.js';
import { GZIP_LEVEL } from './response-cache.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerCsrf } from './csrf.js';
import { pageContext } from './context.js';
import { isLocale, negotiateLocale, type Locale } from '../i18n/locales.js';
import type { Translator } from '../i18n/catalog.js';
import type { CurrentUser } from '../auth/roles.js';
import { ErrorPage } from '../views/error-page.js';
import { renderDocument } from '../views/jsx.js';

export interface HttpServerOptions {
  readonly publicUrl: string;
  readonly sessionSecret: string;
  readonly secureCookies: boolean;
  readonly logLevel: string;
  readonly translators: Record<Locale, Translator>;
  /** Resolves the signed-in person from the session cookie, if any. */
  readonly resolveUser: (request: FastifyRequest) => Promise<CurrentUser | null>;
  readonly bodyLimitBytes?: number;
}

const STATIC_ROOT = fileURLToPath(new URL('../../../public/', import.meta.url));

export function localeFromUrl(url: string): Locale | undefined {
  const first = url.split(/[/?#]/)[1];
  return isLocale(first) ? first : undefined;
}

/** Builds the HTTP kernel that every module plugs into; listening is the caller's business. */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel },
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Long-polling clients keep connections open; shutting down must not wait for their keep-alive timeout.
    forceCloseConnections: true,
    // A URL that cannot be decoded never reaches a route; answer it in the caller's language of errors.
    frameworkErrors: (_error, request, reply) => {
      const body: Record<string, unknown> = /^\/_(matrix|synapse)\//.test(request.url)
        ? { errcode: 'M_INVALID_PARAM', error: 'Malformed URL' }
        : { error: { code: 'bad_request', message: 'Bad request' } };
      void (reply as unknown as FastifyReply).code(400).type('application/json').send(body);
    },
  });

  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseUrlEncoded(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  await app.register(cookie, { secret: options.sessionSecret });
  // Many people reach us over slow mobile lines; gzip is cheap and universally understood.
  await app.register(compress, { encodings: ['gzip', 'deflate'], threshold: 1024, zlibOptions: { level: GZIP_LEVEL } });
  registerSecurityHeaders(app, { hsts: options.secureCookies });

  app.decorateRequest('locale', 'lb');
  app.decorateRequest('t', () => '');
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const locale = localeFromUrl(request.url) ?? negotiateLocale(request.headers['accept-language']);
    request.locale = locale;
    request.t = options.translators[locale].t;
    // Assets and the cookie-less APIs never depend on who is signed in: spare them the session lookup.
    if (!isSessionFree(request.url)) request.user = await options.resolveUser(request);
  });
  registerCsrf(app, { secret: options.sessionSecret, secureCookies: options.secureCookies });

  await app.register(fastifyStatic, {
    root: STATIC_ROOT,
    prefix: '/static/',
    maxAge: '7d',
    index: false,
  });

  app.get('/', async (request, reply) => {
    reply.header('Vary', 'Accept-Language');
    return reply.redirect(`/${negotiateLocale(request.headers['accept-language'])}/`, 302);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('not_found', 404), options.publicUrl));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, appError, options.publicUrl);
  });
  return app;
}

function isSessionFree(url: string): boolean {
  return (
    url.startsWith('/static/') ||
    url.startsWith('/api/') ||
    url.startsWith('/maps/') ||
    url.startsWith('/_matrix/') ||
    url.startsWith('/_synapse/') ||
    url.startsWith('/.well-known/') ||
    url === '/healthz'
  );
}

/** Maps framework and parser errors to our codes; anything unknown becomes a 500 without details. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return new AppError('bad_request', 400);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('too_large', 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 415);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 400);
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(fastifyError.statusCode === 413 ? 'too_large' : 'bad_request', fastifyError.statusCode);
  }
  return new AppError('internal', 500);
}

function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError, publicUrl: string) {
  if (error.status === 429 && typeof error.details?.retryAfterSeconds === 'number') {
    reply.header('Retry-After', String(error.details.retryAfterSeconds));
  }
  reply.status(error.status);
  if (wantsJson(request)) {
    return reply.send({ error: { code: error.code, message: request.t(error.messageKey) } });
  }
  const ctx = pageContext(request, publicUrl);
  return reply.type('text/html; charset=utf-8').send(renderDocument(ErrorPage({ ctx, error })));
}
