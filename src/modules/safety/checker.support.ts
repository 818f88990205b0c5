import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { notFound } from '../../platform/http/app-error.js';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { Translator } from '../../platform/i18n/catalog.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { CheckerService } from './checker.service.js';

export interface CheckerRouteDeps {
  readonly checker: CheckerService;
  readonly publicUrl: string;
  /** Anonymous checks and reports, per address. */
  readonly anonymousLimiter: RateLimiter;
  /** The API answers in the language it is asked for, whatever the request's own. */
  readonly translators: Readonly<Record<Locale, Translator>>;
}

/** A web address is short; anything longer than this is not one. */
export const MAX_URL_BYTES = 8 * 1024;

export type Localized = { Params: { locale: string } };

export function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  // Result pages hold the person's message, and every page a form token: keep them out of caches.
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

export function localizedContext(request: FastifyRequest<Localized>, publicUrl: string): PageContext {
  if (!isLocale(request.params.locale)) throw notFound();
  return pageContext(request, publicUrl);
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Counted before the body is read, so a client over its budget cannot make us parse 25 MB uploads. */
export const limited = (limiter: RateLimiter, bucket: string): { onRequest: onRequestAsyncHookHandler } => ({
  onRequest: async (request) => limiter.hit(request, bucket),
});
