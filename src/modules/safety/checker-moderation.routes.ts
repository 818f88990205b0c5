/** The moderators' side of the checker: reported messages, the week's trends, public warnings, the brand list. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import type { PageContext } from '../../platform/http/context.js';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { requireModerator, type CurrentUser } from '../../platform/auth/roles.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import type { Result } from '../../shared/result.js';
import { BRAND_LIMITS } from './checker.brands.js';
import type { BrandInput, BrandProblems, ModerationRefusal } from './checker.model.js';
import { BrandForm, WarningForm } from './checker.schema.js';
import { localizedContext, send, type CheckerRouteDeps, type Localized } from './checker.support.js';
import { BRAND_NOTICES, brandFormValues, CheckerBrandEditPage, CheckerBrandsPage, type BrandNotice } from './views/checker-brands-page.js';
import { CheckerModerationPage, MODERATION_NOTICES, type ModerationNotice } from './views/checker-moderation-page.js';

type WithId = { Params: { locale: string; id: string } };

const BASE = '/moderation/safety';

/** Moderation pages only show what a moderator may see; a refusal here is a defect, not a form error. */
function value<T>(result: Result<T, string | BrandProblems>): T {
  if (result.ok) return result.value;
  throw result.error === 'not_found' ? notFound() : forbidden();
}

const lines = (typed: string | undefined): string[] => (typed ?? '').split(/[\r\n,]+/);

function brandErrors(problems: BrandProblems): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, found] of Object.entries(problems)) {
    if (!found) continue;
    const max = BRAND_LIMITS[field as keyof typeof BRAND_LIMITS];
    errors[field] = { key: `safety.brands.errors.${found.problem}`, values: { value: found.value ?? '', max } };
  }
  return errors;
}

export function registerCheckerModeration(app: FastifyInstance, deps: CheckerRouteDeps): void {
  const { checker, publicUrl } = deps;

  function moderator(request: FastifyRequest<Localized>): { user: CurrentUser; ctx: PageContext } {
    const ctx = localizedContext(request, publicUrl);
    return { user: requireModerator(request.user), ctx };
  }

  async function moderationPage(reply: FastifyReply, ctx: PageContext, user: CurrentUser, options: { form?: FormState; status?: number; done?: string } = {}) {
    const [queue, trends, warnings, brands] = await Promise.all([
      checker.reportQueue(user),
      checker.trends(user),
      checker.warnings(user),
      checker.brands(),
    ]);
    const done = MODERATION_NOTICES.find((n) => n === options.done) ?? null;
    const page = CheckerModerationPage({
      ctx,
      queue: value(queue),
      trends: value(trends),
      warnings: value(warnings),
      brandNames: new Map(brands.map((b) => [b.id, b.name])),
      form: options.form ?? emptyForm(ctx.t, { lang: ctx.locale }),
      done,
    });
    return send(reply, page, options.status ?? 200);
  }

  const redirect = (reply: FastifyReply, ctx: PageContext, path: string, done: ModerationNotice | BrandNotice) =>
    reply.redirect(`/${ctx.locale}${path}?done=${done}`, 303);

  // GET /:locale/moderation/safety — trends of the week, reported messages, public warnings.
  app.get<Localized & { Querystring: { done?: string } }>(`/:locale${BASE}`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    return moderationPage(reply, ctx, user, { done: request.query.done });
  });

  // POST /:locale/moderation/safety/reports/:id/handled — the report leaves the queue; it still counts in the trends.
  app.post<WithId>(`/:locale${BASE}/reports/:id/handled`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    value(await checker.markReportHandled(user, request.params.id));
    return redirect(reply, ctx, BASE, 'handled');
  });

  // POST /:locale/moderation/safety/warnings — publish a new warning on the checker page.
  app.post<Localized>(`/:locale${BASE}/warnings`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    const parsed = validateForm(WarningForm, request.body as FormBody);
    if (!parsed.ok) return moderationPage(reply, ctx, user, { form: { t: ctx.t, values: parsed.values, errors: parsed.errors }, status: 422 });
    value(await checker.publishWarning(user, parsed.value));
    return redirect(reply, ctx, BASE, 'published');
  });

  const warningAction = (verb: 'publish' | 'unpublish' | 'delete', run: (user: CurrentUser, id: string) => Promise<Result<void, ModerationRefusal>>, done: ModerationNotice) => {
    // POST /:locale/moderation/safety/warnings/:id/{publish,unpublish,delete}
    app.post<WithId>(`/:locale${BASE}/warnings/:id/${verb}`, async (request, reply) => {
      const { user, ctx } = moderator(request);
      value(await run(user, request.params.id));
      return redirect(reply, ctx, BASE, done);
    });
  };
  warningAction('publish', (user, id) => checker.setWarningShown(user, id, true), 'published');
  warningAction('unpublish', (user, id) => checker.setWarningShown(user, id, false), 'unpublished');
  warningAction('delete', (user, id) => checker.deleteWarning(user, id), 'deleted');

  async function brandsPage(reply: FastifyReply, ctx: PageContext, options: { form?: FormState; status?: number; done?: string } = {}) {
    const done = BRAND_NOTICES.find((n) => n === options.done) ?? null;
    const page = CheckerBrandsPage({ ctx, brands: await checker.brands(), form: options.form ?? emptyForm(ctx.t), done });
    return send(reply, page, options.status ?? 200);
  }

  /** The brand form checked for shape, then split into lines for the service to check each entry. */
  function brandInput(ctx: PageContext, body: FormBody): { input: BrandInput; values: FormValues } | { form: FormState } {
    const parsed = validateForm(BrandForm, body);
    if (!parsed.ok) return { form: { t: ctx.t, values: parsed.values, errors: parsed.errors } };
    const { name, domains, phones, keywords } = parsed.value;
    return {
      input: { name, domains: lines(domains), phones: lines(phones), keywords: lines(keywords) },
      values: { name, domains, phones: phones ?? '', keywords },
    };
  }

  // GET /:locale/moderation/safety/brands — the organisations the checker knows, and a form to add one.
  app.get<Localized & { Querystring: { done?: string } }>(`/:locale${BASE}/brands`, async (request, reply) => {
    const { ctx } = moderator(request);
    return brandsPage(reply, ctx, { done: request.query.done });
  });

  // POST /:locale/moderation/safety/brands — add an organisation.
  app.post<Localized>(`/:locale${BASE}/brands`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    const typed = brandInput(ctx, request.body as FormBody);
    if ('form' in typed) return brandsPage(reply, ctx, { form: typed.form, status: 422 });
    const result = await checker.addBrand(user, typed.input);
    if (result.ok) return redirect(reply, ctx, `${BASE}/brands`, 'added');
    if (result.error === 'forbidden') throw forbidden();
    return brandsPage(reply, ctx, { form: { t: ctx.t, values: typed.values, errors: brandErrors(result.error) }, status: 422 });
  });

  // GET /:locale/moderation/safety/brands/:id — edit one organisation.
  app.get<WithId>(`/:locale${BASE}/brands/:id`, async (request, reply) => {
    const { ctx } = moderator(request);
    const brand = await checker.brand(request.params.id);
    if (!brand) throw notFound();
    return send(reply, CheckerBrandEditPage({ ctx, brand, form: emptyForm(ctx.t, brandFormValues(brand)) }));
  });

  // POST /:locale/moderation/safety/brands/:id — save the organisation's domains, numbers and words.
  app.post<WithId>(`/:locale${BASE}/brands/:id`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    const brand = await checker.brand(request.params.id);
    if (!brand) throw notFound();
    const typed = brandInput(ctx, request.body as FormBody);
    if ('form' in typed) return send(reply, CheckerBrandEditPage({ ctx, brand, form: typed.form }), 422);
    const result = await checker.updateBrand(user, brand.id, typed.input);
    if (result.ok) return redirect(reply, ctx, `${BASE}/brands`, 'saved');
    if (typeof result.error === 'string') throw result.error === 'not_found' ? notFound() : forbidden();
    return send(reply, CheckerBrandEditPage({ ctx, brand, form: { t: ctx.t, values: typed.values, errors: brandErrors(result.error) } }), 422);
  });

  // POST /:locale/moderation/safety/brands/:id/delete — the checker stops knowing this organisation.
  app.post<WithId>(`/:locale${BASE}/brands/:id/delete`, async (request, reply) => {
    const { user, ctx } = moderator(request);
    value(await checker.deleteBrand(user, request.params.id));
    return redirect(reply, ctx, `${BASE}/brands`, 'deleted');
  });
}
