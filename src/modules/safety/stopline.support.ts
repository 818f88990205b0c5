import type { FastifyReply } from 'fastify';
import type { HelplineConfig } from '../../config/config.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { Clock } from '../../shared/clock.js';
import type { StoplineService } from './stopline.service.js';

export interface StoplineRouteDeps {
  readonly stopline: StoplineService;
  readonly publicUrl: string;
  readonly clock: Clock;
  /** The two anonymous forms (report, status) are rate-limited per address. */
  readonly anonymousLimiter: RateLimiter;
  readonly helpline: HelplineConfig;
}

/** Report pages hold tracking codes and reports: never kept in a cache. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** The strings of the named fields, as typed: a failed form shows them again exactly. */
export function fieldValues(body: unknown, names: readonly string[]): Record<string, string> {
  const form = (body ?? {}) as FormBody;
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form[name];
    values[name] = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return values;
}
