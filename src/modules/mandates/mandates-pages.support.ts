import type { FastifyReply } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { requireSecondFactor } from '../../platform/auth/second-factor.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { MandateError } from './mandates.types.js';

export function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  // Mandate pages hold who acts for whom, consent texts and one-time codes: never keep them in a cache.
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** Helpers act for an organisation; persons, relatives, moderators act as themselves. */
export const isHelper = (user: CurrentUser) => user.role === 'provider';

/** Where a helper goes first when this session has not passed the second factor, or null. */
export function secondFactorDetour(locale: string, user: CurrentUser, next: string): string | null {
  return isHelper(user) ? requireSecondFactor(user, locale, next) : null;
}

/** Refusals that leave nothing to show: the mandate is not there for this person, or not theirs to touch. */
export function pageRefusal(error: MandateError): AppError | null {
  if (error === 'not_found') return new AppError('not_found', 404, 'mandates.errors.not_found');
  if (error === 'forbidden') return new AppError('forbidden', 403, 'mandates.errors.forbidden');
  return null;
}

/** The status of a page that shows a refusal beside the mandate. */
export function refusalStatus(error: MandateError): number {
  switch (error) {
    case 'forbidden':
    case 'not_a_member':
    case 'organization_not_accredited':
    case 'second_factor_required':
      return 403;
    case 'wrong_state':
      return 409;
    default:
      return 422;
  }
}
