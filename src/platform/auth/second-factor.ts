import type { CurrentUser } from './roles.js';

export const SECOND_FACTOR_ENROL_PATH = '/account/second-factor';
export const SECOND_FACTOR_VERIFY_PATH = '/account/second-factor/verify';

/**
 * Where to send a signed-in user before a task that needs the second factor, or null when this
 * session has passed it. Users without a code app are sent to set one up first; both pages come
 * back to `currentUrl` (a same-site path with its locale) afterwards. Pass a page the user can
 * GET, not the URL of a form's POST.
 *
 *     const detour = requireSecondFactor(user, request.locale, request.url);
 *     if (detour) return reply.redirect(detour, 303);
 */
export function requireSecondFactor(user: CurrentUser, locale: string, currentUrl: string): string | null {
  if (user.secondFactorVerified) return null;
  const page = user.secondFactorEnrolled ? SECOND_FACTOR_VERIFY_PATH : SECOND_FACTOR_ENROL_PATH;
  return `/${locale}${page}?next=${encodeURIComponent(currentUrl)}`;
}
