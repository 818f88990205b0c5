import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Result } from '../../shared/result.js';
import type {
  Accreditation,
  DurationPreset,
  JournalEntry,
  JournalVerification,
  Mandate,
  MandateAction,
  ProcedureCategory,
  RelyingService,
  ScopeRequest,
  ThirdPartyView,
} from './mandates.model.js';

/** Refusals a person can meet in the portal; each has a message `mandates.errors.<code>`. */
export type MandateError =
  | 'not_found'
  | 'forbidden'
  | 'wrong_state'
  | 'principal_not_found'
  | 'agent_not_found'
  | 'agent_is_principal'
  | 'no_scopes'
  | 'organization_not_accredited'
  | 'not_a_member'
  | 'second_factor_required'
  | 'consent_text_changed'
  | 'code_wrong'
  | 'declaration_required'
  | 'service_not_found';

export type AgentRequest = { readonly kind: 'person'; readonly email: string } | { readonly kind: 'organization'; readonly organizationId: string };

export interface ProposalInput {
  /** Absent when the principal proposes for themself; a helper at a helpdesk names the principal. */
  readonly principalEmail?: string;
  readonly agent: AgentRequest;
  readonly scopes: readonly ScopeRequest[];
  readonly duration: DurationPreset;
}

export interface ConsentTextChoice {
  readonly locale: string;
  readonly easyLanguage: boolean;
}

export interface RenderedConsent {
  readonly version: string;
  readonly locale: string;
  readonly easyLanguage: boolean;
  readonly text: string;
  readonly sha256: string;
}

export interface PaperConsentForm {
  readonly pdf: Uint8Array;
  /** Printed on the form only; the helper types it back from the signed paper. */
  readonly oneTimeCode: string;
}

export interface AccessCode {
  /** Shown once, grouped for typing: XXXX-XXXX-XXXX-XXXX. */
  readonly code: string;
  readonly expiresAt: string;
}

export interface DelegationCode {
  readonly code: string;
  readonly expiresAt: string;
  /** The service's redirect URI with `delegation_code` added: where the agent goes next. */
  readonly continueUrl: string;
}

/** RFC 8693 token exchange request, already authenticated by client credentials. */
export interface TokenExchangeRequest {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly grantType: string;
  readonly subjectToken: string;
  readonly subjectTokenType: string;
  /** Space-separated `category:action` pairs. */
  readonly scope: string;
}

export interface IssuedToken {
  readonly access_token: string;
  readonly issued_token_type: 'urn:ietf:params:oauth:token-type:jwt';
  readonly token_type: 'N_A';
  readonly expires_in: number;
  readonly scope: string;
}

/** Why the token endpoint said no; `error` is the OAuth code, `reason` ours for services to act on. */
export interface TokenRefusal {
  readonly status: 400 | 401;
  readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type';
  readonly reason:
    | 'bad_request'
    | 'unknown_client'
    | 'unknown_code'
    | 'code_expired'
    | 'code_used'
    | 'other_service'
    | 'mandate_not_active'
    | 'mandate_expired'
    | 'mandate_revoked'
    | 'out_of_scope'
    | 'scope_revoked'
    | 'wrong_organization'
    | 'organization_not_accredited'
    | 'second_factor_required';
  readonly description: string;
}

export interface MandatesService {
  propose(actor: CurrentUser, input: ProposalInput): Promise<Result<Mandate, MandateError>>;
  /** Mandates visible to the actor: as principal, as person agent, or as helper of the agent organisation. */
  get(actor: CurrentUser, mandateId: string): Promise<Result<Mandate, MandateError>>;
  listAsPrincipal(actor: CurrentUser): Promise<Mandate[]>;
  listAsAgent(actor: CurrentUser): Promise<Mandate[]>;
  history(actor: CurrentUser, mandateId: string): Promise<Result<JournalEntry[], MandateError>>;

  consentText(mandate: Mandate, choice: ConsentTextChoice): RenderedConsent;
  /** The principal, signed in, agrees to the text whose hash they were shown. */
  consentOnline(actor: CurrentUser, mandateId: string, choice: ConsentTextChoice & { readonly textSha256: string }): Promise<Result<Mandate, MandateError>>;
  /** A helper prints the consent form; a new one-time code replaces any earlier one. */
  printConsentForm(actor: CurrentUser, mandateId: string, choice: ConsentTextChoice): Promise<Result<PaperConsentForm, MandateError>>;
  recordPaperConsent(actor: CurrentUser, mandateId: string, input: { readonly oneTimeCode: string; readonly declaration: boolean }): Promise<Result<Mandate, MandateError>>;
  accept(actor: CurrentUser, mandateId: string): Promise<Result<Mandate, MandateError>>;
  /** Without a category the whole mandate; the principal or the agent side may revoke. */
  revoke(actor: CurrentUser, mandateId: string, category?: ProcedureCategory): Promise<Result<{ mandate: Mandate; receipt: JournalEntry }, MandateError>>;
  renew(actor: CurrentUser, mandateId: string, duration: DurationPreset): Promise<Result<Mandate, MandateError>>;

  createAccessCode(actor: CurrentUser, mandateId: string): Promise<Result<AccessCode, MandateError>>;
  viewWithAccessCode(code: string): Promise<ThirdPartyView | null>;

  createDelegationCode(actor: CurrentUser, mandateId: string, clientId: string): Promise<Result<DelegationCode, MandateError>>;
  exchangeToken(request: TokenExchangeRequest): Promise<Result<IssuedToken, TokenRefusal>>;
  jwks(): Promise<{ keys: JsonWebKeyWithId[] }>;

  accredit(actor: CurrentUser, organizationId: string, validUntil: string): Promise<Result<Accreditation, MandateError>>;
  withdrawAccreditation(actor: CurrentUser, organizationId: string): Promise<Result<Accreditation, MandateError>>;
  listAccreditations(): Promise<Accreditation[]>;

  registerService(input: { readonly name: string; readonly redirectUri: string }): Promise<RelyingService & { readonly clientSecret: string }>;
  listServices(): Promise<RelyingService[]>;

  /** Sends the 30- and 7-day expiry reminders that are due and not yet sent; returns how many. */
  sendExpiryReminders(): Promise<number>;
  verifyJournal(): Promise<JournalVerification>;
}

export interface JsonWebKeyWithId {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

export type { MandateAction, ProcedureCategory };
