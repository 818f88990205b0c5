import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import type { FieldErrors, FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { canEditOrganization, requireModerator, requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import { checkOrganization, isEmail, type OrganizationInput } from './directory.inputs.js';
import type { Organization } from './directory.model.js';
import type { DirectoryService } from './directory.service.js';
import type { DirectoryError } from './directory.types.js';
import { NewOrganizationForm, OrganizationForm, organizationErrorsForForm, organizationInput, organizationValues } from './organization.schema.js';
import { parseForm } from './provider.schema.js';
import { NewOrganizationPage } from './views/moderation/new-organization-page.js';
import { OrganizationFormPage } from './views/provider/organization-form-page.js';
import { changeStateOf } from './views/provider/overview.js';

export interface OrganizationRouteDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  /** A provider account (not a moderator's) by its e-mail address, from accounts. */
  readonly findProviderByEmail: (email: string) => Promise<{ readonly id: string } | null>;
  /** Lets the account edit the organisation; trusted, its edits publish without review. */
  readonly grantOrganization: (userId: string, organizationId: string, trusted: boolean) => Promise<void>;
}

type Id = { Params: { locale: string; id: string } };

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

function refuse(error: DirectoryError): never {
  throw error.code === 'forbidden' ? forbidden() : notFound();
}

const failed = (ctx: PageContext, values: FormValues, errors: FieldErrors): FormState => ({ t: ctx.t, values, errors });

interface NewOrganization {
  readonly organization: OrganizationInput;
  readonly member: { readonly email: string; readonly trusted: boolean } | null;
}

function newOrganizationInput(form: NewOrganizationForm): { input: NewOrganization; errors: FieldErrors } {
  const email = form.memberEmail ?? null;
  const member = email === null ? null : { email, trusted: form.memberTrusted === '1' };
  return { input: { organization: organizationInput(form).input, member }, errors: {} };
}

/** Organisations: their providers edit the details; moderators create them and attach providers. */
export function registerOrganizationRoutes(app: FastifyInstance, deps: OrganizationRouteDeps): void {
  const { directory, publicUrl, findProviderByEmail, grantOrganization } = deps;

  async function ownOrganization(request: FastifyRequest, id: string): Promise<{ user: CurrentUser; ctx: PageContext; organization: Organization }> {
    const user = requireUser(request.user);
    if (!canEditOrganization(user, id)) throw forbidden();
    const organization = await directory.getOrganization(id, user);
    if (!organization) throw notFound();
    return { user, ctx: pageContext(request, publicUrl), organization };
  }

  // GET /:locale/provider/organizations/:id/edit — the waiting proposal, if any, is what the provider continues
  app.get<Id>('/:locale/provider/organizations/:id/edit', async (request, reply) => {
    const { user, ctx, organization } = await ownOrganization(request, request.params.id);
    const changes = await directory.listChanges(user, organization.id);
    const change = changeStateOf(changes.ok ? changes.value : [], 'organization', organization.id);
    const values = organizationValues((change.pending?.proposed as Organization | undefined) ?? organization);
    const rejectedReason = organization.moderationStatus === 'rejected' ? organization.moderationReason : null;
    return send(reply, OrganizationFormPage({ ctx, organization, form: emptyForm(ctx.t, values), change, rejectedReason }));
  });

  // POST /:locale/provider/organizations/:id/edit
  app.post<Id>('/:locale/provider/organizations/:id/edit', async (request, reply) => {
    const { user, ctx, organization } = await ownOrganization(request, request.params.id);
    const rerender = (form: FormState) => send(reply, OrganizationFormPage({ ctx, organization, form }), 422);
    const parsed = parseForm(OrganizationForm, request.body as FormBody, organizationInput);
    if (!parsed.ok) return rerender(failed(ctx, parsed.values, parsed.errors));
    const result = await directory.updateOrganization(user, organization.id, parsed.input);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(failed(ctx, request.body as FormValues, organizationErrorsForForm(result.error.fields, ctx.locale)));
    }
    return reply.redirect(`/${ctx.locale}/provider?saved=${result.value.state === 'published' ? 'published' : 'review'}`, 303);
  });

  // GET /:locale/moderation/organizations/new
  app.get<{ Params: { locale: string } }>('/:locale/moderation/organizations/new', async (request, reply) => {
    requireModerator(request.user);
    const ctx = pageContext(request, publicUrl);
    return send(reply, NewOrganizationPage({ ctx, form: emptyForm(ctx.t) }));
  });

  // POST /:locale/moderation/organizations/new — public at once, with the named provider account as a member
  app.post<{ Params: { locale: string } }>('/:locale/moderation/organizations/new', async (request, reply) => {
    const user = requireModerator(request.user);
    const ctx = pageContext(request, publicUrl);
    const rerender = (errors: FieldErrors) =>
      send(reply, NewOrganizationPage({ ctx, form: failed(ctx, request.body as FormValues, organizationErrorsForForm(errors, ctx.locale)) }), 422);
    const parsed = parseForm(NewOrganizationForm, request.body as FormBody, newOrganizationInput);
    if (!parsed.ok) return send(reply, NewOrganizationPage({ ctx, form: failed(ctx, parsed.values, parsed.errors) }), 422);
    const { organization, member } = parsed.input;
    const provider = member && isEmail(member.email) ? await findProviderByEmail(member.email) : null;
    if (member && !provider) {
      // Checked before creating anything, with the organisation's own problems too, so one round fixes all.
      const checked = checkOrganization(organization);
      const key = isEmail(member.email) ? 'directory.moderation.new_organization.errors.no_provider' : 'errors.field.invalid_email';
      return rerender({ ...(checked.ok ? {} : checked.fields), memberEmail: { key } });
    }
    const result = await directory.createOrganization(user, organization);
    if (!result.ok) {
      if (result.error.code !== 'invalid') refuse(result.error);
      return rerender(result.error.fields);
    }
    if (member && provider) await grantOrganization(provider.id, result.value.value.id, member.trusted);
    return reply.redirect(`/${ctx.locale}/moderation?done=organization_created`, 303);
  });
}
