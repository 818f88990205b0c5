import { fail, ok, type Result } from '../../shared/result.js';

export interface ReportedUrl {
  /** The address as the parser writes it (IDN hosts in punycode), for analysts to look up. */
  readonly url: string;
  /** The same page however it was typed: for finding reports of the same address. */
  readonly normalized: string;
  readonly host: string;
}

export type UrlProblem = 'not_web' | 'invalid';

/** Query parameters that only track where a click came from: two links to one page differ only in them. */
const TRACKING_PARAMETER = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_eid|igshid|ref_src)$/i;

/** A scheme such as "mailto:" or "javascript:"; "example.com:8080" is a host with a port, not a scheme. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * Reads a web address as people paste it: "www.example.com/x" without a scheme is taken as
 * https. Only http and https with a real host are accepted; nothing is ever fetched.
 */
export function parseReportedUrl(input: string): Result<ReportedUrl, UrlProblem> {
  const text = input.trim();
  if (/\s/.test(text)) return fail('invalid');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && OTHER_SCHEME.test(text)) return fail('not_web');
  const candidate = hasScheme ? text : `https://${text.replace(/^\/+/, '')}`;
  if (!URL.canParse(candidate)) return fail('invalid');
  const parsed = new URL(candidate);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail('not_web');
  const host = parsed.hostname;
  // A host needs a dot (example.lu) or to be an IPv6 literal; "http://news" is a typing slip, not a site.
  if (host === '' || (!host.includes('.') && !host.startsWith('['))) return fail('invalid');
  if (host.endsWith('.')) parsed.hostname = host.replace(/\.+$/, '');
  return ok({ url: parsed.href, normalized: normalizeUrl(parsed), host: parsed.hostname });
}

/**
 * Scheme, "www.", user info, default ports, fragments, trailing slashes, tracking parameters and
 * the order of parameters do not make another page; the path keeps its case, as servers may.
 */
export function normalizeUrl(url: URL): string {
  const host = url.hostname.replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  params.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}
