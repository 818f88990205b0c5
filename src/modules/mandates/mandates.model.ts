/** Procedure categories a mandate can cover, after Aidants Connect's and Suomi.fi's themes. */
export const PROCEDURE_CATEGORIES = [
  'identity_documents',
  'family',
  'social_security_health',
  'work_unemployment',
  'housing',
  'transport_vehicles',
  'taxes_money',
  'justice',
  'residence_migration',
  'education',
  'leisure',
] as const;
export type ProcedureCategory = (typeof PROCEDURE_CATEGORIES)[number];

export const MANDATE_ACTIONS = ['view', 'submit', 'sign', 'receive_mail'] as const;
export type MandateAction = (typeof MANDATE_ACTIONS)[number];

/** Fixed durations only: a mandate is never unlimited. */
export const DURATION_PRESETS = ['1d', '1m', '6m', '1y'] as const;
export type DurationPreset = (typeof DURATION_PRESETS)[number];

export const MANDATE_STATUSES = ['pending_consent', 'pending_acceptance', 'active', 'expired', 'revoked'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

/** A relative or trusted person acts as themself; a helper acts for an accredited organisation. */
export type MandateAgent =
  | { readonly kind: 'person'; readonly userId: string; readonly displayName: string }
  | { readonly kind: 'organization'; readonly organizationId: string; readonly name: string };

export interface MandateScope {
  readonly category: ProcedureCategory;
  readonly actions: readonly MandateAction[];
  readonly revokedAt: string | null;
}

export type ConsentMethod = 'online' | 'paper';

/** What the principal agreed to, kept as evidence: the exact text, its SHA-256, how and when. */
export interface ConsentEvidence {
  readonly method: ConsentMethod;
  readonly textVersion: string;
  /** UI locale of the text; `easy` marks the Easy Language version of it. */
  readonly locale: string;
  readonly easyLanguage: boolean;
  readonly text: string;
  readonly textSha256: string;
  readonly consentedAt: string;
  /** Paper consent only: the helper who recorded it and the declaration they confirmed. */
  readonly helperUserId: string | null;
  readonly helperDeclaration: string | null;
}

export interface Mandate {
  readonly id: string;
  readonly principal: { readonly userId: string; readonly displayName: string };
  readonly agent: MandateAgent;
  /** Derived: an active mandate past its end is reported as expired. */
  readonly status: MandateStatus;
  readonly duration: DurationPreset;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly scopes: readonly MandateScope[];
  readonly consent: ConsentEvidence | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  /** The mandate this one renews; renewal always starts from new consent. */
  readonly renewalOf: string | null;
}

export interface ScopeRequest {
  readonly category: ProcedureCategory;
  readonly actions: readonly MandateAction[];
}

export type JournalEventKind =
  | 'mandate_proposed'
  | 'consent_form_printed'
  | 'consent_given'
  | 'mandate_accepted'
  | 'scope_revoked'
  | 'mandate_revoked'
  | 'mandate_expired'
  | 'mandate_renewed'
  | 'reminder_sent'
  | 'access_code_created'
  | 'access_code_viewed'
  | 'access_code_refused'
  | 'delegation_code_created'
  | 'delegation_refused'
  | 'token_issued'
  | 'token_refused'
  | 'organization_accredited'
  | 'accreditation_withdrawn';

/** One link of the hash chain. `details` holds ids and codes, never free text from the public. */
export interface JournalEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: JournalEventKind;
  readonly mandateId: string | null;
  /** Who did it: a user id, `service:<client id>`, `access-code` or `system`. */
  readonly actor: string;
  readonly details: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
  readonly prevHash: string;
  readonly hash: string;
}

export type JournalVerification =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' };

export interface Accreditation {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly accreditedBy: string;
  readonly withdrawnAt: string | null;
  /** Derived from the dates and withdrawal at the time of asking. */
  readonly current: boolean;
}

/** What a bank clerk or an office sees with a principal's access code: read-only, no history. */
export interface ThirdPartyView {
  readonly mandateId: string;
  readonly principalName: string;
  readonly agent: MandateAgent;
  readonly status: MandateStatus;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly scopes: readonly MandateScope[];
  readonly codeExpiresAt: string;
}

export interface RelyingService {
  readonly clientId: string;
  readonly name: string;
  readonly redirectUri: string;
  readonly createdAt: string;
}
