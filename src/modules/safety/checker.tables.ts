/** A message someone chose to send to the moderators: only its redacted text and what the checker found. */
export interface SafetyReportsTable {
  id: string;
  /** SHA-256 of the report token's nonce: the same result page cannot be sent twice. */
  token_digest: string;
  redacted_text: string;
  /** likely_safe, be_careful or very_likely_scam. */
  verdict: string;
  /** JSON list of { rule, weight, params }. */
  reasons: string;
  /** JSON list of brand ids. */
  imitated_brands: string;
  input_kind: string;
  reported_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

export interface SafetyReportBrandsTable {
  report_id: string;
  brand_id: string;
  reported_at: string;
}

/** A warning moderators show at the top of the checker, written in one language. */
export interface SafetyWarningsTable {
  id: string;
  lang: string;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
  published_at: string | null;
  unpublished_at: string | null;
}

export interface SafetyBrandsTable {
  id: string;
  name: string;
  /** JSON lists of strings. */
  domains: string;
  phones: string;
  keywords: string;
  updated_at: string;
  /** The moderator who last changed it; null for the default list. */
  updated_by: string | null;
}

export interface CheckerTables {
  safety_reports: SafetyReportsTable;
  safety_report_brands: SafetyReportBrandsTable;
  safety_warnings: SafetyWarningsTable;
  safety_brands: SafetyBrandsTable;
}
