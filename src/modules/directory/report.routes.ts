import type { FastifyInstance, FastifyReply } from 'fastify';
import { pageContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import type { FormValues } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { DirectoryService } from './directory.service.js';
import { parseReport } from './registration.schema.js';
import { ReportPage, ReportThanksPage } from './views/moderation/report-page.js';

export interface ReportRouteDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  readonly publicFormLimiter: RateLimiter;
}

type OfferParams = { Params: { locale: string; id: string } };

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const { directory, publicUrl } = deps;

  // GET /:locale/offers/:id/report — "closed" or "wrong information", and an optional message
  app.get<OfferParams>('/:locale/offers/:id/report', async (request, reply) => {
    const offer = await directory.getOffer(request.params.id);
    if (!offer) throw notFound();
    const ctx = pageContext(request, publicUrl);
    return send(reply, ReportPage({ ctx, offer, form: emptyForm(ctx.t) }));
  });

  // POST /:locale/offers/:id/report
  app.post<OfferParams>('/:locale/offers/:id/report', async (request, reply) => {
    deps.publicFormLimiter.hit(request, 'report');
    const offer = await directory.getOffer(request.params.id);
    if (!offer) throw notFound();
    const ctx = pageContext(request, publicUrl);
    const parsed = parseReport(request.body as FormBody);
    if (!parsed.ok) return send(reply, ReportPage({ ctx, offer, form: { t: ctx.t, values: parsed.values, errors: parsed.errors } }), 422);
    const result = await directory.reportOffer(offer.id, { kind: parsed.value.kind, message: parsed.value.message ?? null });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw notFound();
      return send(reply, ReportPage({ ctx, offer, form: { t: ctx.t, values: request.body as FormValues, errors: result.error.fields } }), 422);
    }
    return reply.redirect(`/${ctx.locale}/offers/${offer.id}/report/thanks`, 303);
  });

  // GET /:locale/offers/:id/report/thanks
  app.get<OfferParams>('/:locale/offers/:id/report/thanks', async (request, reply) => {
    const offer = await directory.getOffer(request.params.id);
    if (!offer) throw notFound();
    return send(reply, ReportThanksPage({ ctx: pageContext(request, publicUrl), offer }));
  });
}
