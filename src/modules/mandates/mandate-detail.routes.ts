import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { badRequest, notFound } from '../../platform/http/app-error.js';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import { requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { requireSecondFactor } from '../../platform/auth/second-factor.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { emptyForm } from '../../platform/views/form-components.js';
import type { MandatesPluginDeps } from './index.js';
import type { Mandate } from './mandates.model.js';
import type { ConsentTextChoice, MandateError } from './mandates.types.js';
import { AreaForm, ConsentForm, consentChoice, DurationForm, PaperConsentFields, UseForm } from './mandates.schema.js';
import { isHelper, pageRefusal, refusalStatus, secondFactorDetour, send } from './mandates-pages.support.js';
import { AccessCodePage } from './views/access-code-page.js';
import { ContinuePage } from './views/continue-page.js';
import { DetailPage, isDoneNotice, type DetailForms, type DoneNotice, type Viewer } from './views/detail-page.js';
import { ReceiptPage } from './views/receipt-page.js';
import { RevokeConfirmPage } from './views/revoke-page.js';

type Id = { Params: { locale: string; id: string } };

function viewerOf(user: CurrentUser, mandate: Mandate): Viewer {
  const principal = mandate.principal.userId === user.id;
  const agentSide =
    mandate.agent.kind === 'person' ? mandate.agent.userId === user.id : user.organizationIds.includes(mandate.agent.organizationId);
  return { principal, agentSide, helper: isHelper(user) && !principal && (agentSide || mandate.createdBy === user.id) };
}

/** What is left to render again after a refused action: the failed form, or a notice above the page. */
interface Rerender {
  readonly status: number;
  readonly refusal?: MandateError | null;
  readonly failed?: { readonly form: keyof DetailForms; readonly values: FormValues; readonly errors: FieldErrors };
}

export function registerMandateDetailPages(app: FastifyInstance, deps: MandatesPluginDeps): void {
  const { mandates, publicUrl } = deps;

  function signedIn(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    return { user: requireUser(request.user), ctx: pageContext(request, publicUrl) };
  }

  const detailUrl = (ctx: PageContext, id: string) => `/${ctx.locale}/mandates/${id}`;

  async function visible(user: CurrentUser, id: string): Promise<Mandate> {
    const result = await mandates.get(user, id);
    if (result.ok) return result.value;
    throw pageRefusal(result.error) ?? notFound();
  }

  async function detailPage(
    reply: FastifyReply,
    user: CurrentUser,
    ctx: PageContext,
    mandate: Mandate,
    options: { choice: ConsentTextChoice; done?: DoneNotice | null; rerender?: Rerender },
  ) {
    const viewer = viewerOf(user, mandate);
    const [history, services] = await Promise.all([mandates.history(user, mandate.id), mandates.listServices()]);
    if (!history.ok) throw pageRefusal(history.error) ?? notFound();
    const consent = viewer.principal && mandate.status === 'pending_consent' ? mandates.consentText(mandate, options.choice) : null;
    const failed = options.rerender?.failed;
    const form = (name: keyof DetailForms) => (failed?.form === name ? { t: ctx.t, values: failed.values, errors: failed.errors } : emptyForm(ctx.t));
    const page = DetailPage({
      ctx,
      mandate,
      history: history.value,
      viewer,
      services,
      consent,
      forms: { paper: form('paper'), renew: form('renew'), use: form('use') },
      done: options.done ?? null,
      refusal: options.rerender?.refusal ?? null,
    });
    return send(reply, page, options.rerender?.status ?? 200);
  }

  /** The mandate as it is now, with the refusal or the failed form of the action just tried. */
  async function showAgain(reply: FastifyReply, user: CurrentUser, ctx: PageContext, id: string, rerender: Rerender, choice?: ConsentTextChoice) {
    const mandate = await visible(user, id);
    return detailPage(reply, user, ctx, mandate, { rerender, choice: choice ?? { locale: ctx.locale, easyLanguage: false } });
  }

  /** A helper without the second factor goes to get it and comes back; other refusals are said above the mandate. */
  async function refused(reply: FastifyReply, user: CurrentUser, ctx: PageContext, id: string, error: MandateError) {
    const detour = error === 'second_factor_required' ? requireSecondFactor(user, ctx.locale, detailUrl(ctx, id)) : null;
    if (detour) return reply.redirect(detour, 303);
    return showAgain(reply, user, ctx, id, { status: refusalStatus(error), refusal: error });
  }

  const fieldError = (form: keyof DetailForms, values: FormValues, field: string, error: MandateError): Rerender => ({
    status: 422,
    failed: { form, values, errors: { [field]: { key: `mandates.errors.${error}` } } },
  });

  /** Helpers pass the second factor before they see or do anything with a mandate. */
  function detour(reply: FastifyReply, ctx: PageContext, user: CurrentUser, id: string): FastifyReply | null {
    const to = secondFactorDetour(ctx.locale, user, detailUrl(ctx, id));
    return to ? reply.redirect(to, 303) : null;
  }

  // GET /:locale/mandates/:id — the mandate, the next step for this person, and its history
  app.get<Id & { Querystring: { done?: string; lang?: string; easy?: string } }>('/:locale/mandates/:id', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const to = secondFactorDetour(ctx.locale, user, request.url);
    if (to) return reply.redirect(to, 303);
    const mandate = await visible(user, request.params.id);
    const done = isDoneNotice(request.query.done) ? request.query.done : null;
    return detailPage(reply, user, ctx, mandate, { done, choice: consentChoice(request.query, ctx.locale) });
  });

  // POST /:locale/mandates/:id/consent — the principal agrees to the text they were shown
  app.post<Id>('/:locale/mandates/:id/consent', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const parsed = validateForm(ConsentForm, request.body as FormBody);
    if (!parsed.ok) throw badRequest();
    const choice = { locale: parsed.value.textLocale, easyLanguage: parsed.value.easy === '1' };
    const result = await mandates.consentOnline(user, id, { ...choice, textSha256: parsed.value.textSha256 });
    if (result.ok) return reply.redirect(`${detailUrl(ctx, id)}?done=consented`, 303);
    if (result.error === 'consent_text_changed') {
      // Show the text as it is now, in the language they read, so they can read it again.
      return showAgain(reply, user, ctx, id, { status: 409, refusal: result.error }, choice);
    }
    return refused(reply, user, ctx, id, result.error);
  });

  // POST /:locale/mandates/:id/consent-form.pdf — a helper prints the form the principal signs.
  // A POST, not a GET: each print makes a new one-time code, which a prefetch or a link must not do.
  app.post<Id>('/:locale/mandates/:id/consent-form.pdf', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const away = detour(reply, ctx, user, id);
    if (away) return away;
    const result = await mandates.printConsentForm(user, id, consentChoice(request.body as FormBody, ctx.locale));
    if (!result.ok) return refused(reply, user, ctx, id, result.error);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `inline; filename="consent-form-${id}.pdf"`)
      .type('application/pdf')
      .send(Buffer.from(result.value.pdf));
  });

  // POST /:locale/mandates/:id/paper-consent — the helper types the code from the signed form
  app.post<Id>('/:locale/mandates/:id/paper-consent', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const away = detour(reply, ctx, user, id);
    if (away) return away;
    const parsed = validateForm(PaperConsentFields, request.body as FormBody);
    if (!parsed.ok) return showAgain(reply, user, ctx, id, { status: 422, failed: { form: 'paper', values: parsed.values, errors: parsed.errors } });
    const { oneTimeCode, declaration } = parsed.value;
    const result = await mandates.recordPaperConsent(user, id, { oneTimeCode, declaration: declaration === 'yes' });
    if (result.ok) return reply.redirect(`${detailUrl(ctx, id)}?done=paper_consented`, 303);
    const field = result.error === 'code_wrong' ? 'oneTimeCode' : result.error === 'declaration_required' ? 'declaration' : null;
    if (!field) return refused(reply, user, ctx, id, result.error);
    return showAgain(reply, user, ctx, id, fieldError('paper', { oneTimeCode, declaration: declaration ?? '' }, field, result.error));
  });

  // POST /:locale/mandates/:id/accept — the agent, or a helper of the agent organisation, accepts
  app.post<Id>('/:locale/mandates/:id/accept', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const result = await mandates.accept(user, id);
    if (result.ok) return reply.redirect(`${detailUrl(ctx, id)}?done=accepted`, 303);
    return refused(reply, user, ctx, id, result.error);
  });

  // POST /:locale/mandates/:id/revoke-area — one click ends one area; its receipt follows
  app.post<Id>('/:locale/mandates/:id/revoke-area', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const parsed = validateForm(AreaForm, request.body as FormBody);
    if (!parsed.ok) throw badRequest();
    const result = await mandates.revoke(user, id, parsed.value.category);
    if (result.ok) return reply.redirect(`${detailUrl(ctx, id)}/receipt/${result.value.receipt.seq}?done=1`, 303);
    return refused(reply, user, ctx, id, result.error);
  });

  // GET /:locale/mandates/:id/revoke — are you sure? (works without JavaScript)
  app.get<Id>('/:locale/mandates/:id/revoke', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const away = detour(reply, ctx, user, id);
    if (away) return away;
    const mandate = await visible(user, id);
    if (mandate.status === 'revoked' || mandate.status === 'expired') return refused(reply, user, ctx, id, 'wrong_state');
    return send(reply, RevokeConfirmPage({ ctx, mandate }));
  });

  // POST /:locale/mandates/:id/revoke — the whole mandate ends; its receipt follows
  app.post<Id>('/:locale/mandates/:id/revoke', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    if ((request.body as FormBody)?.confirm !== 'yes') return reply.redirect(`${detailUrl(ctx, id)}/revoke`, 303);
    const result = await mandates.revoke(user, id);
    if (result.ok) return reply.redirect(`${detailUrl(ctx, id)}/receipt/${result.value.receipt.seq}?done=1`, 303);
    return refused(reply, user, ctx, id, result.error);
  });

  // GET /:locale/mandates/:id/receipt/:seq — the printable revocation receipt
  app.get<{ Params: { locale: string; id: string; seq: string }; Querystring: { done?: string } }>(
    '/:locale/mandates/:id/receipt/:seq',
    async (request, reply) => {
      const { user, ctx } = signedIn(request);
      const { id, seq } = request.params;
      const history = await mandates.history(user, id);
      if (!history.ok) throw pageRefusal(history.error) ?? notFound();
      const entry = history.value.find((e) => String(e.seq) === seq && (e.kind === 'scope_revoked' || e.kind === 'mandate_revoked'));
      if (!entry) throw notFound();
      const [mandate, services] = await Promise.all([visible(user, id), mandates.listServices()]);
      const page = ReceiptPage({ ctx, mandate, entry, services: new Map(services.map((s) => [s.clientId, s])), fresh: request.query.done === '1' });
      return send(reply, page);
    },
  );

  // POST /:locale/mandates/:id/renew — a new mandate with the same people and areas, which needs consent again
  app.post<Id>('/:locale/mandates/:id/renew', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const parsed = validateForm(DurationForm, request.body as FormBody);
    if (!parsed.ok) {
      const errors = { duration: { key: 'mandates.form.errors.duration' } };
      return showAgain(reply, user, ctx, id, { status: 422, failed: { form: 'renew', values: parsed.values, errors } });
    }
    const result = await mandates.renew(user, id, parsed.value.duration);
    if (result.ok) return reply.redirect(`${detailUrl(ctx, result.value.id)}?done=renewed`, 303);
    return refused(reply, user, ctx, id, result.error);
  });

  // POST /:locale/mandates/:id/access-code — a code for a bank or an office, shown once
  app.post<Id>('/:locale/mandates/:id/access-code', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const result = await mandates.createAccessCode(user, id);
    if (!result.ok) return refused(reply, user, ctx, id, result.error);
    const mandate = await visible(user, id);
    return send(reply, AccessCodePage({ ctx, mandate, code: result.value }));
  });

  // POST /:locale/mandates/:id/use — the agent goes on to an online service with a delegation code
  app.post<Id>('/:locale/mandates/:id/use', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const id = request.params.id;
    const away = detour(reply, ctx, user, id);
    if (away) return away;
    const parsed = validateForm(UseForm, request.body as FormBody);
    if (!parsed.ok) return showAgain(reply, user, ctx, id, { status: 422, failed: { form: 'use', values: parsed.values, errors: { clientId: { key: 'mandates.use.errors.service' } } } });
    const clientId = parsed.value.clientId;
    const service = (await mandates.listServices()).find((s) => s.clientId === clientId);
    if (!service) return showAgain(reply, user, ctx, id, fieldError('use', { clientId }, 'clientId', 'service_not_found'));
    const result = await mandates.createDelegationCode(user, id, clientId);
    if (!result.ok) {
      if (result.error === 'service_not_found') return showAgain(reply, user, ctx, id, fieldError('use', { clientId }, 'clientId', result.error));
      return refused(reply, user, ctx, id, result.error);
    }
    const mandate = await visible(user, id);
    return send(reply, ContinuePage({ ctx, mandate, service, delegation: result.value }));
  });
}
