import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/locales.js';
import type { Translate } from '../i18n/catalog.js';
import type { CurrentUser } from '../auth/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    csrfToken: string;
    user: CurrentUser | null;
  }
}

/** Everything a view needs to know about the request it answers. */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** The path without its locale prefix, e.g. "/search", for language links and alternates. */
  readonly path: string;
  /** The query string including "?", or "". */
  readonly search: string;
  readonly user: CurrentUser | null;
  readonly csrfToken: string;
  readonly publicUrl: string;
}

export function stripLocale(url: string): { path: string; search: string } {
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 ? '' : url.slice(queryAt);
  const path = pathname.replace(/^\/(lb|fr|de|en|pt)(?=\/|$)/, '') || '/';
  return { path, search };
}

export function pageContext(request: FastifyRequest, publicUrl: string): PageContext {
  const { path, search } = stripLocale(request.url);
  return {
    locale: request.locale,
    t: request.t,
    path,
    search,
    user: request.user,
    csrfToken: request.csrfToken,
    publicUrl,
  };
}

/** A locale-prefixed link for the current page language. */
export function href(ctx: Pick<PageContext, 'locale'>, path: string): string {
  return `/${ctx.locale}${path === '/' ? '/' : path}`;
}
