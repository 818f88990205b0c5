import type { Reason, RuleId, Verdict, WordingRule } from './analysis.types.js';

/**
 * How much each finding raises (or lowers) suspicion. Three points make "be careful", six "very
 * likely a scam": one strong sign alone (a disguised brand domain, a program attached) asks for
 * care; two independent signs, or a strong one with scam wording, make a scam very likely.
 * docs/decisions/0014-scam-analysis.md explains the choices.
 */
export const WEIGHTS = {
  display_name_mismatch: 3,
  brand_from_free_mail: 3,
  /** The brand is only mentioned in the text, not in the sender's name or subject. */
  brand_from_free_mail_in_text: 2,
  reply_to_differs: 2,
  /** The replies go to a free-mail address while the sender is not one. */
  reply_to_free_mail: 3,
  lookalike_domain: 4,
  /** The brand's own name under another ending (`luxtrust.net`): often the brand itself, sometimes not. */
  lookalike_same_name: 2,
  punycode_domain: 2,
  mixed_script_domain: 4,
  authentication_failed: 3,
  /** The address of a known brand that fails authentication: someone forged it. */
  authentication_failed_official: 5,
  authentication_missing: 1,
  authentication_passed_aligned: -1,
  /** Passing for a free-mail domain only proves the mail comes from one of its millions of mailboxes. */
  authentication_passed_free_mail: 0,
  link_text_mismatch: 3,
  ip_address_link: 3,
  shortened_link: 3,
  /** A message that speaks for a brand: brands link to their own sites, not through a shortener. */
  shortened_link_brand: 4,
  brand_in_subdomain: 4,
  at_sign_in_link: 3,
  plain_http_link: 1,
  dangerous_attachment: 4,
  dangerous_attachment_double_extension: 5,
  /** Office documents that may carry macros (docm, xlsm, old doc/xls…). */
  dangerous_attachment_macro: 3,
  qr_code_link: 1,
  unknown_phone_for_brand: 2,
  /** An e-mail from a brand's official domain that passed authentication aligned with it. */
  official_domain: -4,
  /** A web address on a brand's official domain. */
  official_domain_web_address: -2,
} as const;

export const WORDING_WEIGHTS: Readonly<Record<WordingRule, number>> = {
  urgency: 1,
  asks_for_codes: 3,
  payment_or_parcel_fee: 2,
  gift_cards_or_crypto: 3,
  new_iban: 3,
  sextortion: 4,
  fake_authority: 2,
};

export const BE_CAREFUL_FROM = 3;
export const VERY_LIKELY_SCAM_FROM = 6;

export function verdictFor(score: number): Verdict {
  if (score >= VERY_LIKELY_SCAM_FROM) return 'very_likely_scam';
  if (score >= BE_CAREFUL_FROM) return 'be_careful';
  return 'likely_safe';
}

/** The same domain or file named by several links or signals is shown once. */
const MAX_LISTED = 3;

/**
 * One reason per rule: a hundred plain-http links are one finding, not a hundred. The strongest
 * instance gives the weight; the values of up to three instances are listed in its params.
 */
export function mergeReasons(reasons: readonly Reason[]): Reason[] {
  const byRule = new Map<RuleId, Reason[]>();
  for (const reason of reasons) byRule.set(reason.rule, [...(byRule.get(reason.rule) ?? []), reason]);
  const merged: Reason[] = [];
  for (const [rule, group] of byRule) {
    const strongest = group.reduce((best, reason) => (Math.abs(reason.weight) > Math.abs(best.weight) ? reason : best));
    const params: Record<string, string | number> = { ...strongest.params };
    for (const key of Object.keys(params)) {
      const values = [...new Set(group.map((reason) => reason.params[key]).filter((value) => value !== undefined).map(String))];
      if (values.length > 1 && typeof params[key] === 'string') params[key] = values.slice(0, MAX_LISTED).join(', ');
    }
    merged.push({ rule, weight: strongest.weight, params });
  }
  return merged.sort((a, b) => b.weight - a.weight);
}

export function totalScore(reasons: readonly Reason[]): number {
  return reasons.reduce((sum, reason) => sum + reason.weight, 0);
}
