import type { Reason } from './analysis.types.js';
import { FREE_MAIL_DOMAINS } from './domain-lists.js';
import { organisationalDomain } from './domains.js';
import { WEIGHTS } from './scoring.js';

export interface MethodResult {
  readonly method: string;
  readonly result: string;
  /** Properties such as `header.d`, `smtp.mailfrom`, `header.from`, lower-cased keys. */
  readonly properties: Readonly<Record<string, string>>;
}

function withoutComments(value: string): string {
  let depth = 0;
  let quoted = false;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      if (depth === 0) out += char + value[i + 1];
      i++;
      continue;
    }
    if (char === '"' && depth === 0) quoted = !quoted;
    if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')' && depth > 0) {
      depth--;
      out += ' ';
      continue;
    }
    if (depth === 0) out += char;
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** Real headers are a few hundred characters; a forged giant one is cut rather than parsed for long. */
const MAX_HEADER_CHARS = 8192;
const RESULT = /^\s*([a-z0-9_-]+)(?:\/\d+)?\s*=\s*([a-z]+)/i;
const PROPERTY = /([a-z0-9_-]+)\.([a-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s;]+)/gi;

/** The method results of one Authentication-Results header value (RFC 8601), comments dropped. */
export function parseAuthenticationResults(value: string): MethodResult[] {
  const [, ...resinfos] = splitOutsideQuotes(withoutComments(value.slice(0, MAX_HEADER_CHARS)), ';');
  const results: MethodResult[] = [];
  for (const resinfo of resinfos) {
    const head = RESULT.exec(resinfo);
    if (!head) continue;
    const properties: Record<string, string> = {};
    for (const property of resinfo.slice(head[0].length).matchAll(PROPERTY)) {
      properties[`${property[1]!.toLowerCase()}.${property[2]!.toLowerCase()}`] = property[3]!.replace(/^"|"$/g, '').trim();
    }
    results.push({ method: head[1]!.toLowerCase(), result: head[2]!.toLowerCase(), properties });
  }
  return results;
}

export type AuthenticationOutcome = 'passed_aligned' | 'failed' | 'missing' | 'unaligned';

export interface AuthenticationCheck {
  readonly outcome: AuthenticationOutcome;
  readonly reasons: Reason[];
}

function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return organisationalDomain(value.replace(/^@/, ''));
}

/**
 * Compares the topmost Authentication-Results with the visible From domain. A pass only counts
 * when the authenticated domain has the From address's organisational domain (DMARC's relaxed
 * alignment): anyone can pass SPF for their own server while showing someone else's address.
 */
export function checkAuthentication(header: string | undefined, fromAddress: string | undefined, fromIsOfficial: boolean): AuthenticationCheck {
  const fromDomain = fromAddress ? organisationalDomain(fromAddress) : undefined;
  const domain = fromDomain ?? '';
  if (header === undefined) {
    return { outcome: 'missing', reasons: [{ rule: 'authentication_missing', weight: WEIGHTS.authentication_missing, params: { domain } }] };
  }
  const results = parseAuthenticationResults(header);
  const of = (method: string): MethodResult[] => results.filter((result) => result.method === method);
  const dmarc = of('dmarc');
  const dkim = of('dkim');
  const spf = of('spf');
  const arc = of('arc');

  const aligned = (value: string | undefined): boolean => fromDomain !== undefined && domainOf(value) === fromDomain;
  const dmarcPass = dmarc.some((r) => r.result === 'pass' && (r.properties['header.from'] === undefined || aligned(r.properties['header.from'])));
  const dkimPass = dkim.some((r) => r.result === 'pass' && aligned(r.properties['header.d'] ?? r.properties['header.i']));
  const spfPass = spf.some((r) => r.result === 'pass' && aligned(r.properties['smtp.mailfrom'] ?? r.properties['smtp.helo']));
  if (fromDomain && (dmarcPass || dkimPass || spfPass)) {
    const checks = [dmarcPass && 'DMARC', dkimPass && 'DKIM', spfPass && 'SPF'].filter(Boolean).join(', ');
    return {
      outcome: 'passed_aligned',
      reasons: [{ rule: 'authentication_passed_aligned', weight: FREE_MAIL_DOMAINS.has(domain) ? WEIGHTS.authentication_passed_free_mail : WEIGHTS.authentication_passed_aligned, params: { domain, checks } }],
    };
  }

  const failedChecks: string[] = [];
  if (dmarc.some((r) => r.result === 'fail')) failedChecks.push('DMARC');
  if (dkim.length > 0 && dkim.every((r) => r.result === 'fail')) failedChecks.push('DKIM');
  if (spf.some((r) => r.result === 'fail' || r.result === 'softfail')) failedChecks.push('SPF');
  if (failedChecks.length > 0) {
    const base = fromIsOfficial ? WEIGHTS.authentication_failed_official : WEIGHTS.authentication_failed;
    // A mailing list or forwarder that vouches for the original result (ARC) explains a DMARC failure.
    const weight = arc.some((r) => r.result === 'pass') ? base - 1 : base;
    return { outcome: 'failed', reasons: [{ rule: 'authentication_failed', weight, params: { domain, checks: failedChecks.join(', ') } }] };
  }

  const anyPass = results.some((r) => r.result === 'pass');
  if (!anyPass) {
    return { outcome: 'missing', reasons: [{ rule: 'authentication_missing', weight: WEIGHTS.authentication_missing, params: { domain } }] };
  }
  return { outcome: 'unaligned', reasons: [] };
}
