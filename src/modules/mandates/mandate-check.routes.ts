import type { FastifyInstance } from 'fastify';
import { pageContext } from '../../platform/http/context.js';
import { validateForm } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { emptyForm } from '../../platform/views/form-components.js';
import type { MandatesPluginDeps } from './index.js';
import { AccessCheckForm, normalizeAccessCode } from './mandates.schema.js';
import { send } from './mandates-pages.support.js';
import { CheckPage } from './views/check-page.js';

/** The third-party check: public, rate-limited, read-only, each look journalled by the service. */
export function registerMandateCheckPages(app: FastifyInstance, deps: MandatesPluginDeps): void {
  const { mandates, publicUrl } = deps;

  // GET /:locale/mandate-check — the form where a clerk types the principal's access code
  app.get<{ Params: { locale: string } }>('/:locale/mandate-check', async (request, reply) => {
    const ctx = pageContext(request, publicUrl);
    return send(reply, CheckPage({ ctx, form: emptyForm(ctx.t), view: null }));
  });

  // POST /:locale/mandate-check — the code stays in the body, never in an address or a log
  app.post<{ Params: { locale: string } }>('/:locale/mandate-check', async (request, reply) => {
    deps.accessCheckLimiter.hit(request, 'mandate-check');
    const ctx = pageContext(request, publicUrl);
    const parsed = validateForm(AccessCheckForm, request.body as FormBody);
    if (!parsed.ok) return send(reply, CheckPage({ ctx, form: { t: ctx.t, values: parsed.values, errors: parsed.errors }, view: null }), 422);
    const typed = parsed.value.code;
    const code = normalizeAccessCode(typed);
    const view = code ? await mandates.viewWithAccessCode(code) : null;
    if (!view) {
      const key = code ? 'mandates.check.errors.not_valid' : 'mandates.check.errors.format';
      return send(reply, CheckPage({ ctx, form: { t: ctx.t, values: { code: typed }, errors: { code: { key } } }, view: null }), 422);
    }
    return send(reply, CheckPage({ ctx, form: emptyForm(ctx.t), view }));
  });
}
