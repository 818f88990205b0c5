import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConfigError } from '../../config/config.js';
import { AppError } from '../../platform/http/app-error.js';
import { pageContext } from '../../platform/http/context.js';
import type { FormValues } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form-components.js';
import { OpeningHoursTable, validateOpeningHours } from '../directory/index.js';
import { registerStoplineAnalystRoutes } from './stopline-analysts.routes.js';
import { fieldValues, sendPage, type StoplineRouteDeps } from './stopline.support.js';
import { HelplinePage } from './views/helpline-page.js';
import { StoplineReportPage } from './views/stopline-report-page.js';
import { StoplineSentPage } from './views/stopline-sent-page.js';
import { StoplineStatusPage } from './views/stopline-status-page.js';

/** Files never reach a report: anything but a plain form is turned away before its body is read. */
async function plainFormsOnly(request: FastifyRequest): Promise<void> {
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('unsupported_media_type', 415);
  }
}

/*
 * Reporters are anonymous: these routes log only warnings and errors, so no request line with an
 * address and a time that matches a report's ever reaches the server log.
 */
const ANONYMOUS = { logLevel: 'warn' } as const;
const ANONYMOUS_POST = { ...ANONYMOUS, onRequest: plainFormsOnly };

const REPORT_FIELDS = ['url', 'category', 'whereFound', 'context', 'contact'] as const;

export function registerStoplineRoutes(app: FastifyInstance, deps: StoplineRouteDeps): void {
  const { stopline, publicUrl } = deps;
  const hours = validateOpeningHours(deps.helpline.hours);
  if (!hours.ok) throw new ConfigError(`HELPLINE_HOURS must be opening hours like "Mo-Fr 08:00-18:00; PH off", got "${deps.helpline.hours}"`);

  // GET /:locale/report-illegal-content — the anonymous form, web address first
  app.get<{ Params: { locale: string } }>('/:locale/report-illegal-content', ANONYMOUS, async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    return sendPage(reply, StoplineReportPage({ ctx, form: emptyForm(ctx.t) }));
  });

  // POST /:locale/report-illegal-content — stores the report and shows its tracking code once
  app.post<{ Params: { locale: string } }>('/:locale/report-illegal-content', ANONYMOUS_POST, async (request, reply) => {
    deps.anonymousLimiter.hit(request, 'stopline-report');
    const ctx = pageContext(request, publicUrl);
    const values = fieldValues(request.body, REPORT_FIELDS);
    const result = await stopline.submit(values as Record<(typeof REPORT_FIELDS)[number], string>);
    if (!result.ok) return sendPage(reply, StoplineReportPage({ ctx, form: { t: ctx.t, values: values as FormValues, errors: result.error } }), 422);
    return sendPage(reply, StoplineSentPage({ ctx, submitted: result.value }));
  });

  // GET /:locale/report-illegal-content/status — where the reporter types the tracking code
  app.get<{ Params: { locale: string } }>('/:locale/report-illegal-content/status', ANONYMOUS, async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    return sendPage(reply, StoplineStatusPage({ ctx, form: emptyForm(ctx.t), view: null }));
  });

  // POST /:locale/report-illegal-content/status — the code stays in the body, never in an address or a log
  app.post<{ Params: { locale: string } }>('/:locale/report-illegal-content/status', ANONYMOUS_POST, async (request, reply) => {
    deps.anonymousLimiter.hit(request, 'stopline-status');
    const ctx = pageContext(request, publicUrl);
    const { code } = fieldValues(request.body, ['code']);
    const typed = code ?? '';
    const result = typed.trim() === '' ? null : await stopline.statusOf(typed);
    if (!result?.ok) {
      const key = !result ? 'errors.field.required' : result.error === 'format' ? 'safety.stopline.check.errors.format' : 'safety.stopline.check.errors.not_found';
      return sendPage(reply, StoplineStatusPage({ ctx, form: { t: ctx.t, values: { code: typed }, errors: { code: { key } } }, view: null }), 422);
    }
    return sendPage(reply, StoplineStatusPage({ ctx, form: emptyForm(ctx.t), view: result.value }));
  });

  // GET /:locale/helpline — the free advice line, its hours for the coming week
  app.get<{ Params: { locale: string } }>('/:locale/helpline', async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    const table = OpeningHoursTable({ ctx, hours: hours.value, now: deps.clock.now(), caption: ctx.t('safety.helpline.hours_caption') });
    return sendPage(reply, HelplinePage({ ctx, helpline: { phone: deps.helpline.phone, hours: table } }));
  });

  registerStoplineAnalystRoutes(app, deps);
}
