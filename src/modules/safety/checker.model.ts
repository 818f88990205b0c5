import type { Locale } from '../../platform/i18n/locales.js';
import type { Analysis, CheckInput, Reason, Verdict } from './analysis/analysis.types.js';

export const VERDICTS: readonly Verdict[] = ['very_likely_scam', 'be_careful', 'likely_safe'];

/** The largest file or pasted text the checker takes: a forwarded mail with its attachments. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** How long the "send it to our team" button of a result page stays valid. */
export const REPORT_TOKEN_HOURS = 24;

/** A report keeps at most this much of the redacted message: enough for moderators, small enough for a form field. */
export const REPORT_TEXT_MAX_CHARS = 20_000;

/** What the trends look back on. */
export const TREND_DAYS = 7;

/** The result page: the analysis and the signed token that lets the person send it to the moderators. */
export interface CheckOutcome {
  readonly analysis: Analysis;
  readonly reportToken: string;
}


export type ReportRefusal = 'invalid' | 'expired';

/** A reported message as moderators see it. */
export interface ReportedMessage {
  readonly id: string;
  readonly redactedText: string;
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  readonly imitatedBrands: readonly string[];
  readonly inputKind: CheckInput['kind'];
  readonly reportedAt: string;
}

export interface ReportQueue {
  readonly reports: readonly ReportedMessage[];
  /** All open reports, of which `reports` shows the newest. */
  readonly openCount: number;
}

export interface Trends {
  /** The start of the period looked at. */
  readonly since: string;
  /** Most imitated first. */
  readonly brands: ReadonlyArray<{ readonly id: string; readonly name: string; readonly count: number }>;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly total: number;
}

export interface Warning {
  readonly id: string;
  /** The language it is written in. */
  readonly lang: Locale;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly published: boolean;
}

export interface WarningInput {
  readonly lang: Locale;
  readonly title: string;
  readonly body: string;
}

/** A brand as a moderator types it: lists already split into lines. */
export interface BrandInput {
  readonly name: string;
  readonly domains: readonly string[];
  readonly phones: readonly string[];
  readonly keywords: readonly string[];
}

export type BrandField = 'name' | 'domains' | 'phones' | 'keywords';

/** Why a brand cannot be saved, per field; `value` names the line at fault. */
export type BrandProblems = Partial<Record<BrandField, { readonly problem: BrandProblem; readonly value?: string }>>;

export type BrandProblem = 'required' | 'too_long' | 'too_many' | 'invalid_name' | 'invalid_domain' | 'invalid_phone' | 'invalid_keyword' | 'name_taken';

export type ModerationRefusal = 'forbidden' | 'not_found';
