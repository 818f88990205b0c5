import { createHash } from 'node:crypto';
import { canModerate, type CurrentUser } from '../../platform/auth/roles.js';
import { DEFAULT_LOCALE, isLocale } from '../../platform/i18n/locales.js';
import { newId } from '../../shared/ids.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { hashSecret } from '../../shared/ids.js';
import { renderConsentText } from './consent/consent-text.js';
import { renderConsentFormPdf } from './consent/consent-form.pdf.js';
import { randomCode, normalizeCode } from './codes.js';
import {
  DURATION_PRESETS,
  MANDATE_ACTIONS,
  PROCEDURE_CATEGORIES,
  type Accreditation,
  type DurationPreset,
  type JournalEntry,
  type Mandate,
  type ProcedureCategory,
  type ScopeRequest,
} from './mandates.model.js';
import type { ConsentTextChoice, MandateError, MandatesService, PaperConsentForm, ProposalInput, RenderedConsent } from './mandates.types.js';
import {
  deletePaperForm,
  findAccreditations,
  findPaperForm,
  insertConsent,
  insertMandate,
  mandateIdsOfAgent,
  mandateIdsOfPrincipal,
  revokeScope,
  savePaperForm,
  updateMandate,
  upsertAccreditation,
  withdrawAccreditation as storeWithdrawAccreditation,
} from './mandates.store.js';
import { endOf, isAgentSide, toAccreditation } from './mandate-rows.js';
import type { MandatesContext } from './mandates.context.js';

type Outcome<T> = Promise<Result<T, MandateError>>;

const agentOrganizationOf = (mandate: Mandate) => (mandate.agent.kind === 'organization' ? mandate.agent.organizationId : null);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const PAPER_CODE_LENGTH = 8;

function validScopes(scopes: readonly ScopeRequest[]): ScopeRequest[] | null {
  const byCategory = new Map<ProcedureCategory, Set<ScopeRequest['actions'][number]>>();
  for (const scope of scopes) {
    if (!PROCEDURE_CATEGORIES.includes(scope.category)) return null;
    if (scope.actions.some((a) => !MANDATE_ACTIONS.includes(a))) return null;
    const actions = byCategory.get(scope.category) ?? new Set();
    for (const action of scope.actions) actions.add(action);
    byCategory.set(scope.category, actions);
  }
  const result = [...byCategory].filter(([, actions]) => actions.size > 0);
  if (result.length === 0) return null;
  return result.map(([category, actions]) => ({ category, actions: MANDATE_ACTIONS.filter((a) => actions.has(a)) }));
}

const scopeList = (scopes: readonly ScopeRequest[]) => scopes.flatMap((s) => s.actions.map((a) => `${s.category}:${a}`));

export type LifecycleService = Pick<
  MandatesService,
  | 'propose'
  | 'get'
  | 'listAsPrincipal'
  | 'listAsAgent'
  | 'history'
  | 'consentText'
  | 'consentOnline'
  | 'printConsentForm'
  | 'recordPaperConsent'
  | 'accept'
  | 'revoke'
  | 'renew'
  | 'accredit'
  | 'withdrawAccreditation'
  | 'listAccreditations'
>;

export function createLifecycleService(ctx: MandatesContext): LifecycleService {
  const { db, clock, journal, people } = ctx;

  /** A helper assisting at a helpdesk: for the agent organisation if they belong to it, else for any of theirs. */
  async function assistingRefusal(actor: CurrentUser, agentOrganizationId: string | null): Promise<MandateError | null> {
    const organizations =
      agentOrganizationId !== null && actor.organizationIds.includes(agentOrganizationId) ? [agentOrganizationId] : actor.organizationIds;
    if (organizations.length === 0) return 'forbidden';
    let refusal: MandateError | null = 'forbidden';
    for (const organizationId of organizations) {
      refusal = await ctx.helperRefusal(actor, organizationId);
      if (refusal === null) return null;
    }
    return refusal;
  }

  function consentText(mandate: Mandate, choice: ConsentTextChoice): RenderedConsent {
    const locale = isLocale(choice.locale) ? choice.locale : DEFAULT_LOCALE;
    const rendered = renderConsentText(
      {
        mandateId: mandate.id,
        principalName: mandate.principal.displayName,
        agent: mandate.agent,
        scopes: mandate.scopes.filter((s) => s.revokedAt === null),
        startsAt: mandate.startsAt,
        endsAt: mandate.endsAt,
      },
      { locale, easyLanguage: choice.easyLanguage },
      ctx.translators[locale].t,
    );
    return { ...rendered, sha256: sha256(rendered.text) };
  }

  async function reload(id: string): Promise<Mandate> {
    const [mandate] = await ctx.load([id]);
    if (!mandate) throw new Error(`Mandate ${id} vanished while it was being changed`);
    return mandate;
  }

  async function createMandate(
    actor: CurrentUser,
    fields: { principalUserId: string; agent: Mandate['agent'] | { kind: 'person'; userId: string } | { kind: 'organization'; organizationId: string }; scopes: ScopeRequest[]; duration: DurationPreset; renewalOf: string | null },
    extra: Record<string, string | boolean | readonly string[]>,
  ): Promise<Mandate> {
    const now = clock.now();
    const id = newId();
    await journal.write(async (tx, append) => {
      await insertMandate(
        tx,
        {
          id,
          principal_user_id: fields.principalUserId,
          agent_kind: fields.agent.kind,
          agent_user_id: fields.agent.kind === 'person' ? fields.agent.userId : null,
          agent_organization_id: fields.agent.kind === 'organization' ? fields.agent.organizationId : null,
          status: 'pending_consent',
          duration: fields.duration,
          starts_at: now.toISOString(),
          ends_at: endOf(now, fields.duration).toISOString(),
          created_by: actor.id,
          created_at: now.toISOString(),
          accepted_at: null,
          accepted_by: null,
          revoked_at: null,
          revoked_by: null,
          renewal_of: fields.renewalOf,
        },
        fields.scopes.map((s) => ({ mandate_id: id, category: s.category, actions: JSON.stringify(s.actions), revoked_at: null, revoked_by: null })),
      );
      await append({
        kind: 'mandate_proposed',
        mandateId: id,
        actor: actor.id,
        details: {
          agent_kind: fields.agent.kind,
          agent: fields.agent.kind === 'person' ? fields.agent.userId : fields.agent.organizationId,
          scopes: scopeList(fields.scopes),
          duration: fields.duration,
          ...extra,
        },
      });
    });
    return reload(id);
  }

  return {
    async propose(actor, input: ProposalInput) {
      const scopes = validScopes(input.scopes);
      if (!scopes) return fail('no_scopes');
      if (!DURATION_PRESETS.includes(input.duration)) return fail('wrong_state');

      const assisted = input.principalEmail !== undefined && !sameEmail(input.principalEmail, actor.email);
      let principalUserId = actor.id;
      if (assisted) {
        const refusal = await assistingRefusal(actor, input.agent.kind === 'organization' ? input.agent.organizationId : null);
        if (refusal) return fail(refusal);
        const principal = await people.findUserByEmail(input.principalEmail ?? '');
        if (!principal || principal.role !== 'person') return fail('principal_not_found');
        principalUserId = principal.id;
      } else if (actor.role !== 'person') {
        return fail('forbidden');
      }

      let agent: { kind: 'person'; userId: string } | { kind: 'organization'; organizationId: string };
      if (input.agent.kind === 'person') {
        const person = await people.findUserByEmail(input.agent.email);
        if (!person || person.role !== 'person') return fail('agent_not_found');
        if (person.id === principalUserId) return fail('agent_is_principal');
        agent = { kind: 'person', userId: person.id };
      } else {
        const organizations = await people.organizationsByIds([input.agent.organizationId]);
        if (!organizations.has(input.agent.organizationId)) return fail('agent_not_found');
        if (!(await ctx.isAccredited(input.agent.organizationId))) return fail('organization_not_accredited');
        agent = { kind: 'organization', organizationId: input.agent.organizationId };
      }
      return ok(await createMandate(actor, { principalUserId, agent, scopes, duration: input.duration, renewalOf: null }, { assisted }));
    },

    async get(actor, mandateId) {
      const mandate = await ctx.visible(actor, mandateId);
      return mandate ? ok(mandate) : fail('not_found');
    },

    async listAsPrincipal(actor) {
      return ctx.load(await mandateIdsOfPrincipal(db, actor.id));
    },

    async listAsAgent(actor) {
      return ctx.load(await mandateIdsOfAgent(db, actor.id, actor.organizationIds));
    },

    async history(actor, mandateId) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      return ok(await journal.entriesOf(mandateId));
    },

    consentText,

    async consentOnline(actor, mandateId, choice) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (mandate.principal.userId !== actor.id) return fail('forbidden');
      if (mandate.status !== 'pending_consent') return fail('wrong_state');
      const rendered = consentText(mandate, choice);
      if (rendered.sha256 !== choice.textSha256) return fail('consent_text_changed');
      const at = clock.now().toISOString();
      await journal.write(async (tx, append) => {
        await insertConsent(tx, {
          mandate_id: mandateId,
          method: 'online',
          text_version: rendered.version,
          locale: rendered.locale,
          easy_language: rendered.easyLanguage ? 1 : 0,
          text: rendered.text,
          text_sha256: rendered.sha256,
          consented_at: at,
          helper_user_id: null,
          helper_declaration: null,
        });
        await updateMandate(tx, mandateId, { status: 'pending_acceptance' });
        await append({
          kind: 'consent_given',
          mandateId,
          actor: actor.id,
          details: { method: 'online', text_version: rendered.version, locale: rendered.locale, easy_language: rendered.easyLanguage, text_sha256: rendered.sha256 },
        });
      });
      return ok(await reload(mandateId));
    },

    async printConsentForm(actor, mandateId, choice): Promise<Result<PaperConsentForm, MandateError>> {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (mandate.status !== 'pending_consent') return fail('wrong_state');
      const refusal = await assistingRefusal(actor, agentOrganizationOf(mandate));
      if (refusal) return fail(refusal);
      const rendered = consentText(mandate, choice);
      const oneTimeCode = randomCode(PAPER_CODE_LENGTH);
      await journal.write(async (tx, append) => {
        await savePaperForm(tx, {
          mandate_id: mandateId,
          code_hash: hashSecret(oneTimeCode),
          text_version: rendered.version,
          locale: rendered.locale,
          easy_language: rendered.easyLanguage ? 1 : 0,
          text: rendered.text,
          text_sha256: rendered.sha256,
          printed_by: actor.id,
          printed_at: clock.now().toISOString(),
        });
        await append({
          kind: 'consent_form_printed',
          mandateId,
          actor: actor.id,
          details: { text_version: rendered.version, locale: rendered.locale, easy_language: rendered.easyLanguage, text_sha256: rendered.sha256 },
        });
      });
      const locale = isLocale(rendered.locale) ? rendered.locale : DEFAULT_LOCALE;
      const pdf = await renderConsentFormPdf({
        text: rendered.text,
        version: rendered.version,
        locale,
        easyLanguage: rendered.easyLanguage,
        mandateId,
        oneTimeCode,
        t: ctx.translators[locale].t,
      });
      return ok({ pdf, oneTimeCode });
    },

    async recordPaperConsent(actor, mandateId, input) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (mandate.status !== 'pending_consent') return fail('wrong_state');
      const refusal = await assistingRefusal(actor, agentOrganizationOf(mandate));
      if (refusal) return fail(refusal);
      if (!input.declaration) return fail('declaration_required');
      const form = await findPaperForm(db, mandateId);
      if (!form || form.code_hash !== hashSecret(normalizeCode(input.oneTimeCode))) return fail('code_wrong');
      const current = consentText(mandate, { locale: form.locale, easyLanguage: form.easy_language === 1 });
      if (current.sha256 !== form.text_sha256) return fail('consent_text_changed');
      const locale = isLocale(form.locale) ? form.locale : DEFAULT_LOCALE;
      const declaration = ctx.translators[locale].t('mandates.declaration.text');
      await journal.write(async (tx, append) => {
        await insertConsent(tx, {
          mandate_id: mandateId,
          method: 'paper',
          text_version: form.text_version,
          locale: form.locale,
          easy_language: form.easy_language,
          text: form.text,
          text_sha256: form.text_sha256,
          consented_at: clock.now().toISOString(),
          helper_user_id: actor.id,
          helper_declaration: declaration,
        });
        await deletePaperForm(tx, mandateId);
        await updateMandate(tx, mandateId, { status: 'pending_acceptance' });
        await append({
          kind: 'consent_given',
          mandateId,
          actor: actor.id,
          details: { method: 'paper', text_version: form.text_version, locale: form.locale, easy_language: form.easy_language === 1, text_sha256: form.text_sha256 },
        });
      });
      return ok(await reload(mandateId));
    },

    async accept(actor, mandateId) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (!isAgentSide(actor, mandate)) return fail('forbidden');
      if (mandate.status !== 'pending_acceptance') return fail('wrong_state');
      if (mandate.agent.kind === 'organization') {
        const refusal = await ctx.helperRefusal(actor, mandate.agent.organizationId);
        if (refusal) return fail(refusal);
      }
      const at = clock.now().toISOString();
      await journal.write(async (tx, append) => {
        await updateMandate(tx, mandateId, { status: 'active', accepted_at: at, accepted_by: actor.id });
        await append({
          kind: 'mandate_accepted',
          mandateId,
          actor: actor.id,
          details: mandate.agent.kind === 'organization' ? { organization: mandate.agent.organizationId } : {},
        });
      });
      return ok(await reload(mandateId));
    },

    async revoke(actor, mandateId, category) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      const isPrincipal = mandate.principal.userId === actor.id;
      if (!isPrincipal && (category !== undefined || !isAgentSide(actor, mandate))) return fail('forbidden');
      if (mandate.status === 'revoked' || mandate.status === 'expired') return fail('wrong_state');
      const remaining = mandate.scopes.filter((s) => s.revokedAt === null);
      if (category !== undefined && !remaining.some((s) => s.category === category)) return fail('wrong_state');
      const at = clock.now().toISOString();
      const receipt: JournalEntry = await journal.write(async (tx, append) => {
        if (category !== undefined) {
          await revokeScope(tx, mandateId, category, at, actor.id);
          const scopeEntry = await append({ kind: 'scope_revoked', mandateId, actor: actor.id, details: { category } });
          if (remaining.length > 1) return scopeEntry;
        }
        await updateMandate(tx, mandateId, { status: 'revoked', revoked_at: at, revoked_by: actor.id });
        return append({
          kind: 'mandate_revoked',
          mandateId,
          actor: actor.id,
          details: { by: isPrincipal ? 'principal' : 'agent', ...(category !== undefined ? { last_category: category } : {}) },
        });
      });
      return ok({ mandate: await reload(mandateId), receipt });
    },

    async renew(actor, mandateId, duration) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (mandate.principal.userId !== actor.id) return fail('forbidden');
      if (mandate.status !== 'active' && mandate.status !== 'expired') return fail('wrong_state');
      if (!DURATION_PRESETS.includes(duration)) return fail('wrong_state');
      const scopes = mandate.scopes.filter((s) => s.revokedAt === null).map((s) => ({ category: s.category, actions: s.actions }));
      if (scopes.length === 0) return fail('no_scopes');
      if (mandate.agent.kind === 'organization' && !(await ctx.isAccredited(mandate.agent.organizationId))) {
        return fail('organization_not_accredited');
      }
      const renewed = await createMandate(actor, { principalUserId: actor.id, agent: mandate.agent, scopes, duration, renewalOf: mandateId }, { renewal_of: mandateId });
      await journal.write((_tx, append) => append({ kind: 'mandate_renewed', mandateId, actor: actor.id, details: { renewed_by: renewed.id } }));
      return ok(renewed);
    },

    async accredit(actor, organizationId, validUntil): Promise<Result<Accreditation, MandateError>> {
      if (!canModerate(actor)) return fail('forbidden');
      const organizations = await people.organizationsByIds([organizationId]);
      const organization = organizations.get(organizationId);
      if (!organization) return fail('not_found');
      const now = clock.now();
      const until = new Date(validUntil);
      if (Number.isNaN(until.getTime()) || until <= now) return fail('wrong_state');
      const row = {
        organization_id: organizationId,
        valid_from: now.toISOString(),
        valid_until: until.toISOString(),
        accredited_by: actor.id,
        withdrawn_at: null,
        withdrawn_by: null,
      };
      await journal.write(async (tx, append) => {
        await upsertAccreditation(tx, row);
        await append({ kind: 'organization_accredited', mandateId: null, actor: actor.id, details: { organization: organizationId, valid_until: row.valid_until } });
      });
      return ok(toAccreditation(row, organization.name, now));
    },

    async withdrawAccreditation(actor, organizationId) {
      if (!canModerate(actor)) return fail('forbidden');
      const [row] = await findAccreditations(db, [organizationId]);
      if (!row || row.withdrawn_at !== null) return fail('not_found');
      const at = clock.now().toISOString();
      await journal.write(async (tx, append) => {
        await storeWithdrawAccreditation(tx, organizationId, at, actor.id);
        await append({ kind: 'accreditation_withdrawn', mandateId: null, actor: actor.id, details: { organization: organizationId } });
      });
      const names = await people.organizationsByIds([organizationId]);
      return ok(toAccreditation({ ...row, withdrawn_at: at, withdrawn_by: actor.id }, names.get(organizationId)?.name ?? '', clock.now()));
    },

    async listAccreditations() {
      const rows = await findAccreditations(db);
      const names = await people.organizationsByIds(rows.map((r) => r.organization_id));
      const now = clock.now();
      return rows.map((row) => toAccreditation(row, names.get(row.organization_id)?.name ?? '', now));
    },
  };
}
