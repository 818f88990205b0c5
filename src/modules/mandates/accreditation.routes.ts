import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { badRequest, forbidden } from '../../platform/http/app-error.js';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import { requireModerator, type CurrentUser } from '../../platform/auth/roles.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { luxembourgInstant } from '../../shared/luxembourg-time.js';
import type { MandatesPluginDeps } from './index.js';
import type { MandateError } from './mandates.types.js';
import { AccreditForm, WithdrawForm } from './mandates.schema.js';
import { refusalStatus, send } from './mandates-pages.support.js';
import { AccreditationsPage, isAccreditationNotice } from './views/accreditations-page.js';

/** The last moment of a Luxembourg calendar day, or null for a day that does not exist (31 June). */
function endOfDay(day: string): string | null {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return luxembourgInstant({ year, month, day: date, hour: 23, minute: 59, second: 59 }).toISOString();
}

export function registerAccreditationPages(app: FastifyInstance, deps: MandatesPluginDeps): void {
  const { mandates, publicUrl } = deps;

  function moderator(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    return { user: requireModerator(request.user), ctx: pageContext(request, publicUrl) };
  }

  async function page(reply: FastifyReply, ctx: PageContext, options: { form?: FormState; status?: number; refusal?: MandateError; done?: string } = {}) {
    const [accreditations, organizations] = await Promise.all([mandates.listAccreditations(), deps.listOrganizations()]);
    const done = isAccreditationNotice(options.done) ? options.done : null;
    const form = options.form ?? emptyForm(ctx.t);
    return send(reply, AccreditationsPage({ ctx, accreditations, organizations, form, done, refusal: options.refusal ?? null }), options.status ?? 200);
  }

  const failedForm = (ctx: PageContext, values: FormValues, errors: FieldErrors): FormState => ({ t: ctx.t, values, errors });

  // GET /:locale/moderation/accreditations — which organisations' helpers may act for people
  app.get<{ Params: { locale: string }; Querystring: { done?: string } }>('/:locale/moderation/accreditations', async (request, reply) => {
    const { ctx } = moderator(request);
    return page(reply, ctx, { done: request.query.done });
  });

  // POST /:locale/moderation/accreditations — accredit an organisation until a chosen day
  app.post<{ Params: { locale: string } }>('/:locale/moderation/accreditations', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const parsed = validateForm(AccreditForm, request.body as FormBody);
    if (!parsed.ok) return page(reply, ctx, { form: failedForm(ctx, parsed.values, parsed.errors), status: 422 });
    const values = { organizationId: parsed.value.organizationId, validUntil: parsed.value.validUntil };
    const until = endOfDay(parsed.value.validUntil);
    if (!until) return page(reply, ctx, { form: failedForm(ctx, values, { validUntil: { key: 'errors.field.invalid_date' } }), status: 422 });
    const result = await mandates.accredit(user, parsed.value.organizationId, until);
    if (result.ok) return reply.redirect(`/${ctx.locale}/moderation/accreditations?done=accredited`, 303);
    if (result.error === 'forbidden') throw forbidden();
    // The service says `not_found` for an unknown organisation and `wrong_state` for a day already past.
    if (result.error === 'not_found') {
      return page(reply, ctx, { form: failedForm(ctx, values, { organizationId: { key: 'mandates.moderation.errors.organization' } }), status: 422 });
    }
    if (result.error === 'wrong_state') {
      return page(reply, ctx, { form: failedForm(ctx, values, { validUntil: { key: 'mandates.moderation.errors.past_date' } }), status: 422 });
    }
    return page(reply, ctx, { form: failedForm(ctx, values, {}), status: refusalStatus(result.error), refusal: result.error });
  });

  // POST /:locale/moderation/accreditations/withdraw — helpers of the organisation stop acting at once
  app.post<{ Params: { locale: string } }>('/:locale/moderation/accreditations/withdraw', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const parsed = validateForm(WithdrawForm, request.body as FormBody);
    if (!parsed.ok) throw badRequest();
    const result = await mandates.withdrawAccreditation(user, parsed.value.organizationId);
    if (result.ok) return reply.redirect(`/${ctx.locale}/moderation/accreditations?done=withdrawn`, 303);
    if (result.error === 'forbidden') throw forbidden();
    // `not_found` here means there is no accreditation left to withdraw, say withdrawn meanwhile in another tab.
    if (result.error === 'not_found') return page(reply, ctx, { status: 409, refusal: 'organization_not_accredited' });
    return page(reply, ctx, { status: refusalStatus(result.error), refusal: result.error });
  });
}
