export interface MandatesTable {
  id: string;
  principal_user_id: string;
  agent_kind: string;
  agent_user_id: string | null;
  agent_organization_id: string | null;
  /** Stored: pending_consent, pending_acceptance, active, expired, revoked. */
  status: string;
  duration: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  created_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  renewal_of: string | null;
}

export interface MandateScopesTable {
  mandate_id: string;
  category: string;
  /** JSON list of actions. */
  actions: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface MandateConsentsTable {
  mandate_id: string;
  method: string;
  text_version: string;
  locale: string;
  easy_language: number;
  text: string;
  text_sha256: string;
  consented_at: string;
  helper_user_id: string | null;
  helper_declaration: string | null;
}

/** The latest printed consent form of a mandate still waiting for consent. */
export interface MandatePaperFormsTable {
  mandate_id: string;
  code_hash: string;
  text_version: string;
  locale: string;
  easy_language: number;
  text: string;
  text_sha256: string;
  printed_by: string;
  printed_at: string;
}

export interface MandateAccreditationsTable {
  organization_id: string;
  valid_from: string;
  valid_until: string;
  accredited_by: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface MandateAccessCodesTable {
  code_hash: string;
  mandate_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
}

export interface MandateServicesTable {
  client_id: string;
  name: string;
  redirect_uri: string;
  secret_hash: string;
  created_at: string;
}

export interface MandateDelegationCodesTable {
  code_hash: string;
  mandate_id: string;
  agent_user_id: string;
  organization_id: string | null;
  session_id: string | null;
  client_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MandateSigningKeysTable {
  kid: string;
  private_pkcs8: string;
  public_jwk: string;
  created_at: string;
}

export interface MandateRemindersTable {
  mandate_id: string;
  days_before: number;
  sent_at: string;
}

export interface MandateJournalTable {
  seq: number;
  at: string;
  kind: string;
  mandate_id: string | null;
  actor: string;
  /** Canonical JSON of the entry's details. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface MandatesTables {
  mandates: MandatesTable;
  mandate_scopes: MandateScopesTable;
  mandate_consents: MandateConsentsTable;
  mandate_paper_forms: MandatePaperFormsTable;
  mandate_accreditations: MandateAccreditationsTable;
  mandate_access_codes: MandateAccessCodesTable;
  mandate_services: MandateServicesTable;
  mandate_delegation_codes: MandateDelegationCodesTable;
  mandate_signing_keys: MandateSigningKeysTable;
  mandate_reminders: MandateRemindersTable;
  mandate_journal: MandateJournalTable;
}
