import { isLocale } from '../i18n/locales.js';
import { homePathOf, type CurrentUser } from './roles.js';

/** A path on this site: one slash, then no second slash or backslash that would make it another host. */
const SAME_SITE_PATH = /^\/(?![/\\])[^\u0000-\u001f\\]*$/;

/**
 * Where to go after signing in or passing the second factor. Only same-site paths are allowed,
 * so a crafted link cannot send people off-site; a path without its language (as error pages
 * link) gets the current one; without a usable destination, people go to their own area.
 */
export function safeNext(locale: string, next: unknown, user: Pick<CurrentUser, 'role'> | null = null): string {
  if (typeof next === 'string' && SAME_SITE_PATH.test(next)) {
    return isLocale(next.split(/[/?#]/)[1]) ? next : `/${locale}${next}`;
  }
  return `/${locale}${homePathOf(user)}`;
}
