import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { requireSecondFactor } from '../../platform/auth/second-factor.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import type { MandatesPluginDeps } from './index.js';
import { parseProposal, proposalErrorField } from './mandates.schema.js';
import { isHelper, refusalStatus, secondFactorDetour, send } from './mandates-pages.support.js';
import { registerAccreditationPages } from './accreditation.routes.js';
import { registerMandateCheckPages } from './mandate-check.routes.js';
import { registerMandateDetailPages } from './mandate-detail.routes.js';
import { ListPage } from './views/list-page.js';
import { ProposePage, type OrganizationChoice } from './views/propose-page.js';

/** Every portal page of the mandates module; the token API is registered apart. */
export function registerMandatesPages(app: FastifyInstance, deps: MandatesPluginDeps): void {
  registerMandateListPages(app, deps);
  registerMandateDetailPages(app, deps);
  registerMandateCheckPages(app, deps);
  registerAccreditationPages(app, deps);
}

function registerMandateListPages(app: FastifyInstance, deps: MandatesPluginDeps): void {
  const { mandates, publicUrl } = deps;

  function signedIn(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    return { user: requireUser(request.user), ctx: pageContext(request, publicUrl) };
  }

  /** Only organisations accredited now: a mandate for any other could never be accepted. */
  async function accreditedOrganizations(): Promise<OrganizationChoice[]> {
    const [organizations, accreditations] = await Promise.all([deps.listOrganizations(), mandates.listAccreditations()]);
    const current = new Set(accreditations.filter((a) => a.current).map((a) => a.organizationId));
    return organizations.filter((o) => current.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }

  async function proposePage(reply: FastifyReply, ctx: PageContext, user: CurrentUser, form: FormState, status = 200, refusal: string | null = null) {
    const organizations = await accreditedOrganizations();
    return send(reply, ProposePage({ ctx, form, organizations, assisted: isHelper(user), refusal }), status);
  }

  // GET /:locale/mandates — "Who can act for me" and "I can act for"
  app.get<{ Params: { locale: string } }>('/:locale/mandates', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const [asPrincipal, asAgent] = await Promise.all([mandates.listAsPrincipal(user), mandates.listAsAgent(user)]);
    return send(reply, ListPage({ ctx, asPrincipal, asAgent, assisted: isHelper(user) }));
  });

  // GET /:locale/mandates/new — a principal proposes, or a helper prepares one at the help desk
  app.get<{ Params: { locale: string } }>('/:locale/mandates/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const detour = secondFactorDetour(ctx.locale, user, request.url);
    if (detour) return reply.redirect(detour, 303);
    if (!isHelper(user)) return proposePage(reply, ctx, user, emptyForm(ctx.t));
    // At the help desk the agent is usually the helper's own organisation.
    const own = (await accreditedOrganizations()).find((o) => user.organizationIds.includes(o.id));
    return proposePage(reply, ctx, user, emptyForm(ctx.t, { agentKind: 'organization', organizationId: own?.id ?? '' }));
  });

  // POST /:locale/mandates/new
  app.post<{ Params: { locale: string } }>('/:locale/mandates/new', async (request, reply) => {
    const { user, ctx } = signedIn(request);
    const detour = secondFactorDetour(ctx.locale, user, `/${ctx.locale}/mandates/new`);
    if (detour) return reply.redirect(detour, 303);
    const body = request.body as FormBody;
    const parsed = parseProposal(body, { assisted: isHelper(user) });
    if (!parsed.ok) return proposePage(reply, ctx, user, { t: ctx.t, values: parsed.values, errors: parsed.errors }, 422);
    const result = await mandates.propose(user, parsed.input);
    if (result.ok) return reply.redirect(`/${ctx.locale}/mandates/${result.value.id}?done=proposed`, 303);
    const detourAfter = result.error === 'second_factor_required' ? requireSecondFactor(user, ctx.locale, `/${ctx.locale}/mandates/new`) : null;
    if (detourAfter) return reply.redirect(detourAfter, 303);
    const { _csrf: _, ...values } = body;
    const field = proposalErrorField(result.error, parsed.input.agent.kind);
    if (field) {
      const form = { t: ctx.t, values, errors: { [field]: { key: `mandates.errors.${result.error}` } } };
      return proposePage(reply, ctx, user, form, 422);
    }
    return proposePage(reply, ctx, user, { t: ctx.t, values, errors: {} }, refusalStatus(result.error), result.error);
  });
}
