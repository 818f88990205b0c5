/** What a person hands to the checker; files arrive as bytes, never as a path. */
export type CheckInput =
  | { readonly kind: 'email_file'; readonly filename: string; readonly bytes: Uint8Array }
  | { readonly kind: 'email_source'; readonly source: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'image'; readonly bytes: Uint8Array; readonly filename?: string };

/** Why the input could not be analysed; each has a message `safety.problem.<problem>`. */
export type InputProblem = 'empty' | 'too_large' | 'unreadable' | 'unsupported_file' | 'no_qr_found' | 'not_a_web_address';

export type Verdict = 'likely_safe' | 'be_careful' | 'very_likely_scam';

export type WordingRule =
  | 'urgency'
  | 'asks_for_codes'
  | 'payment_or_parcel_fee'
  | 'gift_cards_or_crypto'
  | 'new_iban'
  | 'sextortion'
  | 'fake_authority';

export type TechnicalRule =
  | 'display_name_mismatch'
  | 'brand_from_free_mail'
  | 'reply_to_differs'
  | 'lookalike_domain'
  | 'punycode_domain'
  | 'mixed_script_domain'
  | 'authentication_failed'
  | 'authentication_missing'
  | 'authentication_passed_aligned'
  | 'link_text_mismatch'
  | 'ip_address_link'
  | 'shortened_link'
  | 'brand_in_subdomain'
  | 'at_sign_in_link'
  | 'plain_http_link'
  | 'dangerous_attachment'
  | 'qr_code_link'
  | 'unknown_phone_for_brand'
  | 'official_domain';

export type RuleId = WordingRule | TechnicalRule;

export interface Reason {
  readonly rule: RuleId;
  /** Positive raises suspicion; negative (e.g. aligned authentication of an official domain) lowers it. */
  readonly weight: number;
  /** Values for the message `safety.reason.<rule>`: domains, brand names, file names… */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface WordingSignal {
  readonly rule: WordingRule;
  /** The lexicon language that matched (lb, fr, de, en, pt). */
  readonly language: string;
  /** The words that matched, as written in the message (short). */
  readonly match: string;
}

/** One organisation people are tricked into trusting: its real domains and phone numbers. */
export interface Brand {
  readonly id: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly phones: readonly string[];
  /** Words that name the brand in a message or a domain (lower case, e.g. "luxtrust", "spuerkeess"). */
  readonly keywords: readonly string[];
}

export interface Analysis {
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  readonly inputKind: CheckInput['kind'];
  /** Brands the message claims to come from or imitates (ids), for the moderators' trends. */
  readonly imitatedBrands: readonly string[];
  readonly summary: {
    readonly from?: string;
    readonly subject?: string;
    readonly links: readonly string[];
    readonly attachments: readonly string[];
  };
  /** The message with e-mail addresses, phone numbers, IBANs, names after greetings and codes masked, for a report. */
  readonly redacted: string;
}
