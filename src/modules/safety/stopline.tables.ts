export interface StoplineReportsTable {
  id: string;
  /** As parsed: http(s), host in punycode. */
  url: string;
  /** Host, path and sorted query without "www.", scheme or tracking parameters: equal for the same page. */
  normalized_url: string;
  host: string;
  /** csam, racism_hate, terrorism, other. */
  category: string;
  where_found: string | null;
  context: string | null;
  /** Only when the reporter wants an answer. */
  contact: string | null;
  /** SHA-256 of the tracking code; the code itself is never stored. */
  code_hash: string;
  /** received, being_assessed, out_of_scope, forwarded, closed. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** Every status a report went through, with the analyst's note; the service only ever adds rows. */
export interface StoplineStatusChangesTable {
  id: string;
  report_id: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  /** The analyst's user id; null for the anonymous submission. */
  changed_by: string | null;
  /** The analyst's e-mail at the time, so the history reads even after the account changes. */
  changed_by_email: string | null;
  changed_at: string;
}

/** Append-only: who opened or exported which report, when. The database refuses updates and deletes. */
export interface StoplineAccessJournalTable {
  id: string;
  at: string;
  actor_id: string;
  actor_email: string;
  actor_role: string;
  /** read, export. */
  action: string;
  report_id: string;
  /** The reports exported together share one id. */
  export_id: string | null;
  /** csv, json. */
  export_format: string | null;
}

export interface StoplineTables {
  stopline_reports: StoplineReportsTable;
  stopline_status_changes: StoplineStatusChangesTable;
  stopline_access_journal: StoplineAccessJournalTable;
}
