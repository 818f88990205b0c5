import { timingSafeEqual } from 'node:crypto';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { hashSecret, newSecret } from '../../shared/ids.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { groupCode, normalizeCode, randomCode } from './codes.js';
import { MANDATE_ACTIONS, PROCEDURE_CATEGORIES, type Mandate, type MandateAction, type ProcedureCategory, type RelyingService } from './mandates.model.js';
import type { IssuedToken, MandateError, MandatesService, TokenExchangeRequest, TokenRefusal } from './mandates.types.js';
import {
  findAccessCode,
  findDelegationCode,
  findService,
  insertAccessCode,
  insertDelegationCode,
  insertService,
  listServices,
  useDelegationCode,
} from './mandates.store.js';
import type { MandateServicesTable } from './mandates.tables.js';
import { isAgentSide } from './mandate-rows.js';
import { createTokenSigner, TOKEN_LIFETIME_SECONDS } from './token-signer.js';
import type { MandatesContext } from './mandates.context.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const DELEGATION_CODE_TYPE = 'urn:zesummen:params:oauth:token-type:delegation-code';

const DAY_MS = 86_400_000;
const ACCESS_CODE_DAYS = 30;
const ACCESS_CODE_LENGTH = 16;
const DELEGATION_CODE_MS = 5 * 60_000;

const SERVICE_FIELDS = (row: MandateServicesTable): RelyingService => ({
  clientId: row.client_id,
  name: row.name,
  redirectUri: row.redirect_uri,
  createdAt: row.created_at,
});

function sameSecret(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

const REFUSALS: Record<TokenRefusal['reason'], Pick<TokenRefusal, 'status' | 'error' | 'description'>> = {
  bad_request: { status: 400, error: 'invalid_request', description: 'The request is missing a parameter or has one twice.' },
  unknown_client: { status: 401, error: 'invalid_client', description: 'Unknown client or wrong client secret.' },
  unknown_code: { status: 400, error: 'invalid_grant', description: 'The delegation code is not known.' },
  code_expired: { status: 400, error: 'invalid_grant', description: 'The delegation code has expired; the representative must start again.' },
  code_used: { status: 400, error: 'invalid_grant', description: 'The delegation code has already been used.' },
  other_service: { status: 400, error: 'invalid_grant', description: 'The delegation code was made for another service.' },
  mandate_not_active: { status: 400, error: 'invalid_grant', description: 'The mandate is not active yet.' },
  mandate_expired: { status: 400, error: 'invalid_grant', description: 'The mandate has expired.' },
  mandate_revoked: { status: 400, error: 'invalid_grant', description: 'The mandate has been revoked.' },
  out_of_scope: { status: 400, error: 'invalid_scope', description: 'The mandate does not cover the requested scope.' },
  scope_revoked: { status: 400, error: 'invalid_scope', description: 'The principal has revoked this part of the mandate.' },
  wrong_organization: { status: 400, error: 'invalid_grant', description: 'The representative no longer belongs to the organisation that holds the mandate.' },
  organization_not_accredited: { status: 400, error: 'invalid_grant', description: "The organisation's accreditation is not current." },
  second_factor_required: { status: 400, error: 'invalid_grant', description: "The helper's session has no second factor any more." },
};

const refusal = (reason: TokenRefusal['reason']): TokenRefusal => ({ reason, ...REFUSALS[reason] });

function parseScope(scope: string): Array<{ category: ProcedureCategory; action: MandateAction }> | null {
  const parts = scope.split(' ').filter((p) => p !== '');
  if (parts.length === 0) return null;
  const parsed = [];
  for (const part of parts) {
    const [category, action, extra] = part.split(':');
    if (extra !== undefined || !PROCEDURE_CATEGORIES.includes(category as ProcedureCategory) || !MANDATE_ACTIONS.includes(action as MandateAction)) {
      return null;
    }
    parsed.push({ category: category as ProcedureCategory, action: action as MandateAction });
  }
  return parsed;
}

function scopeRefusal(mandate: Mandate, requested: Array<{ category: ProcedureCategory; action: MandateAction }>): TokenRefusal['reason'] | null {
  for (const { category, action } of requested) {
    const scope = mandate.scopes.find((s) => s.category === category);
    if (!scope || !scope.actions.includes(action)) return 'out_of_scope';
    if (scope.revokedAt !== null) return 'scope_revoked';
  }
  return null;
}

export type AccessService = Pick<
  MandatesService,
  'createAccessCode' | 'viewWithAccessCode' | 'createDelegationCode' | 'exchangeToken' | 'jwks' | 'registerService' | 'listServices'
>;

export function createAccessService(ctx: MandatesContext): AccessService {
  const { db, clock, journal, people } = ctx;
  const signer = createTokenSigner({ db, clock, issuer: ctx.publicUrl });

  /** Refuses and journals the refusal against the mandate when one is known. */
  async function refuse(reason: TokenRefusal['reason'], clientId: string, mandateId: string | null, extra: Record<string, string> = {}) {
    await journal.write((_tx, append) =>
      append({ kind: 'token_refused', mandateId, actor: `service:${clientId}`, details: { reason, service: clientId, ...extra } }),
    );
    return fail(refusal(reason));
  }

  async function agentRefusal(mandate: Mandate, agentUserId: string, organizationId: string | null, sessionId: string | null): Promise<TokenRefusal['reason'] | null> {
    if (mandate.agent.kind === 'person') return mandate.agent.userId === agentUserId ? null : 'wrong_organization';
    if (organizationId !== mandate.agent.organizationId) return 'wrong_organization';
    if (!(await people.organizationsOfUser(agentUserId)).includes(organizationId)) return 'wrong_organization';
    if (!(await ctx.isAccredited(organizationId))) return 'organization_not_accredited';
    if (!sessionId || !(await people.isSessionVerified(sessionId))) return 'second_factor_required';
    return null;
  }

  return {
    async createAccessCode(actor, mandateId) {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (mandate.principal.userId !== actor.id) return fail('forbidden');
      if (mandate.status === 'revoked' || mandate.status === 'expired') return fail('wrong_state');
      const code = randomCode(ACCESS_CODE_LENGTH);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + ACCESS_CODE_DAYS * DAY_MS).toISOString();
      await journal.write(async (tx, append) => {
        await insertAccessCode(tx, { code_hash: hashSecret(code), mandate_id: mandateId, created_by: actor.id, created_at: now.toISOString(), expires_at: expiresAt });
        await append({ kind: 'access_code_created', mandateId, actor: actor.id, details: { expires_at: expiresAt, code_ends_with: code.slice(-4) } });
      });
      return ok({ code: groupCode(code), expiresAt });
    },

    async viewWithAccessCode(input) {
      const code = normalizeCode(input);
      if (code.length !== ACCESS_CODE_LENGTH) return null;
      const row = await findAccessCode(db, hashSecret(code));
      if (!row) return null;
      const now = clock.now().toISOString();
      if (row.expires_at <= now) {
        await journal.write((_tx, append) =>
          append({ kind: 'access_code_refused', mandateId: row.mandate_id, actor: 'access-code', details: { reason: 'code_expired', code_ends_with: code.slice(-4) } }),
        );
        return null;
      }
      const [mandate] = await ctx.load([row.mandate_id]);
      if (!mandate) return null;
      await journal.write((_tx, append) =>
        append({ kind: 'access_code_viewed', mandateId: mandate.id, actor: 'access-code', details: { code_ends_with: code.slice(-4) } }),
      );
      return {
        mandateId: mandate.id,
        principalName: mandate.principal.displayName,
        agent: mandate.agent,
        status: mandate.status,
        startsAt: mandate.startsAt,
        endsAt: mandate.endsAt,
        scopes: mandate.scopes,
        codeExpiresAt: row.expires_at,
      };
    },

    async createDelegationCode(actor: CurrentUser, mandateId, clientId): Promise<Result<{ code: string; expiresAt: string; continueUrl: string }, MandateError>> {
      const mandate = await ctx.visible(actor, mandateId);
      if (!mandate) return fail('not_found');
      if (!isAgentSide(actor, mandate)) return fail('forbidden');
      if (mandate.status !== 'active') return fail('wrong_state');
      const service = await findService(db, clientId);
      if (!service) return fail('service_not_found');
      const organizationId = mandate.agent.kind === 'organization' ? mandate.agent.organizationId : null;
      if (organizationId) {
        const helperRefusal = await ctx.helperRefusal(actor, organizationId);
        if (helperRefusal) {
          await journal.write((_tx, append) =>
            append({ kind: 'delegation_refused', mandateId, actor: actor.id, details: { reason: helperRefusal, service: clientId } }),
          );
          return fail(helperRefusal);
        }
      }
      const code = newSecret();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + DELEGATION_CODE_MS).toISOString();
      await journal.write(async (tx, append) => {
        await insertDelegationCode(tx, {
          code_hash: hashSecret(code),
          mandate_id: mandateId,
          agent_user_id: actor.id,
          organization_id: organizationId,
          session_id: actor.sessionId,
          client_id: clientId,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          used_at: null,
        });
        await append({
          kind: 'delegation_code_created',
          mandateId,
          actor: actor.id,
          details: { service: clientId, service_name: service.name, ...(organizationId ? { organization: organizationId } : {}) },
        });
      });
      const continueUrl = new URL(service.redirect_uri);
      continueUrl.searchParams.set('delegation_code', code);
      return ok({ code, expiresAt, continueUrl: continueUrl.toString() });
    },

    async exchangeToken(request: TokenExchangeRequest): Promise<Result<IssuedToken, TokenRefusal>> {
      const service = await findService(db, request.clientId);
      if (!service || !sameSecret(request.clientSecret, service.secret_hash)) return refuse('unknown_client', request.clientId.slice(0, 100), null);
      if (request.grantType !== TOKEN_EXCHANGE_GRANT) {
        return fail({ ...refusal('bad_request'), error: 'unsupported_grant_type', description: 'Only token exchange is supported.' });
      }
      if (request.subjectTokenType !== DELEGATION_CODE_TYPE || request.subjectToken === '') return refuse('bad_request', service.client_id, null);
      const requested = parseScope(request.scope);
      const codeHash = hashSecret(request.subjectToken);
      const code = await findDelegationCode(db, codeHash);
      if (!code) return refuse('unknown_code', service.client_id, null);
      if (!requested) return refuse('out_of_scope', service.client_id, code.mandate_id, { scope: request.scope.slice(0, 200) });
      if (code.client_id !== service.client_id) return refuse('other_service', service.client_id, code.mandate_id);
      const now = clock.now().toISOString();
      if (code.used_at !== null) return refuse('code_used', service.client_id, code.mandate_id);
      if (code.expires_at <= now) return refuse('code_expired', service.client_id, code.mandate_id);
      if (!(await useDelegationCode(db, codeHash, now))) return refuse('code_used', service.client_id, code.mandate_id);

      const [mandate] = await ctx.load([code.mandate_id]);
      if (!mandate) return refuse('unknown_code', service.client_id, null);
      const statusRefusal =
        mandate.status === 'revoked' ? 'mandate_revoked' : mandate.status === 'expired' ? 'mandate_expired' : mandate.status !== 'active' ? 'mandate_not_active' : null;
      if (statusRefusal) return refuse(statusRefusal, service.client_id, mandate.id);
      const agentProblem = await agentRefusal(mandate, code.agent_user_id, code.organization_id, code.session_id);
      if (agentProblem) return refuse(agentProblem, service.client_id, mandate.id);
      const scopeProblem = scopeRefusal(mandate, requested);
      if (scopeProblem) return refuse(scopeProblem, service.client_id, mandate.id, { scope: request.scope.slice(0, 200) });

      const scope = requested.map((r) => `${r.category}:${r.action}`).join(' ');
      const act = code.organization_id ? { sub: code.agent_user_id, org: code.organization_id } : { sub: code.agent_user_id };
      const { token, jti } = await signer.sign({ sub: mandate.principal.userId, aud: service.client_id, act, mandate_id: mandate.id, scope });
      await journal.write((_tx, append) =>
        append({
          kind: 'token_issued',
          mandateId: mandate.id,
          actor: `service:${service.client_id}`,
          details: { service: service.client_id, service_name: service.name, agent: code.agent_user_id, scope: scope.split(' '), jti, ...(code.organization_id ? { organization: code.organization_id } : {}) },
        }),
      );
      return ok({ access_token: token, issued_token_type: 'urn:ietf:params:oauth:token-type:jwt', token_type: 'N_A', expires_in: TOKEN_LIFETIME_SECONDS, scope });
    },

    jwks: () => signer.jwks(),

    async registerService(input) {
      const row: MandateServicesTable = {
        client_id: `svc_${randomCode(12).toLowerCase()}`,
        name: input.name,
        redirect_uri: new URL(input.redirectUri).toString(),
        secret_hash: '',
        created_at: clock.now().toISOString(),
      };
      const clientSecret = newSecret();
      await insertService(db, { ...row, secret_hash: hashSecret(clientSecret) });
      return { ...SERVICE_FIELDS(row), clientSecret };
    },

    async listServices() {
      return (await listServices(db)).map(SERVICE_FIELDS);
    },
  };
}
