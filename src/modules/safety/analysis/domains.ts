import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';

/** A host name seen in a message, in both spellings, with its registrable (organisational) domain. */
export interface HostInfo {
  /** Lower-case ASCII form, `xn--` labels for international names. */
  readonly ascii: string;
  /** The same name as people read it, international letters decoded. */
  readonly unicode: string;
  readonly isIp: boolean;
  /** e.g. `post.lu` for `www.post.lu`; the host itself when it has no known public suffix. */
  readonly registrable: string;
  /** Labels left of the registrable domain (`www` for `www.post.lu`), empty when none. */
  readonly subdomain: string;
  /** The registrable domain without its public suffix (`post` for `post.lu`). */
  readonly label: string;
  /** `label` as people read it (`pаypal` for `xn--pypal-4ve`). */
  readonly unicodeLabel: string;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Integer and hex spellings of IPv4 addresses that browsers still accept (http://3232235777/). */
const NUMERIC_HOST = /^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}$/i;

export function hostInfo(rawHost: string): HostInfo | undefined {
  let host = rawHost.trim().toLowerCase().replace(/\.$/, '');
  if (host === '') return undefined;
  if (host.startsWith('[') && host.endsWith(']')) {
    return { ascii: host, unicode: host, isIp: true, registrable: host, subdomain: '', label: host, unicodeLabel: host };
  }
  if (IPV4.test(host) || NUMERIC_HOST.test(host)) {
    return { ascii: host, unicode: host, isIp: true, registrable: host, subdomain: '', label: host, unicodeLabel: host };
  }
  const ascii = domainToASCII(host);
  if (ascii === '' || !/^[a-z0-9.-]+$/.test(ascii) || !ascii.includes('.')) return undefined;
  host = ascii;
  const parsed = parseDomain(host);
  const registrable = parsed.domain ?? host;
  const label = parsed.domainWithoutSuffix ?? registrable.split('.')[0] ?? registrable;
  return {
    ascii: host,
    unicode: domainToUnicode(host) || host,
    isIp: false,
    registrable,
    subdomain: parsed.domain ? (parsed.subdomain ?? '') : '',
    label,
    unicodeLabel: domainToUnicode(label) || label,
  };
}

/** Organisational domain of an address or host, used for DMARC-style relaxed alignment. */
export function organisationalDomain(hostOrAddress: string): string | undefined {
  const host = hostOrAddress.includes('@') ? hostOrAddress.slice(hostOrAddress.lastIndexOf('@') + 1) : hostOrAddress;
  return hostInfo(host)?.registrable;
}

/** True when `host` is `domain` or one of its subdomains. */
export function isWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

function scriptOf(char: string): string {
  for (const [name, pattern] of SCRIPT_PATTERNS) if (pattern.test(char)) return name;
  return 'Other';
}

/** Script sets that belong together in one writing system, so they are not a homograph trick. */
const COMPATIBLE = [new Set(['Han', 'Hiragana', 'Katakana']), new Set(['Han', 'Hangul'])];

/** A label that mixes letters of several scripts, like a Latin "paypal" with a Cyrillic "а". */
export function hasMixedScriptLabel(unicodeHost: string): boolean {
  for (const label of unicodeHost.split('.')) {
    const scripts = new Set<string>();
    for (const char of label) if (/\p{L}/u.test(char)) scripts.add(scriptOf(char));
    if (scripts.size < 2) continue;
    if (COMPATIBLE.some((group) => [...scripts].every((s) => group.has(s)))) continue;
    return true;
  }
  return false;
}

/** Letters of other scripts that look like Latin ones; the usual tools of homograph domains. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', һ: 'h', ɡ: 'g', ɩ: 'i', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ѵ: 'v', ո: 'n', ս: 'u', օ: 'o', ց: 'g', հ: 'h',
};

/** Digits and letter pairs swapped in for letters they resemble. */
const SWAPS: readonly (readonly [RegExp, string])[] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/0/g, 'o'],
  [/[1i|!]/g, 'l'],
  [/3/g, 'e'],
  [/4/g, 'a'],
  [/5/g, 's'],
  [/7/g, 't'],
  [/8/g, 'b'],
  [/9/g, 'g'],
];

/** A label with accents dropped and look-alike letters of other scripts replaced by Latin ones. */
export function deconfuse(label: string): string {
  let out = '';
  for (const char of label.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()) out += CONFUSABLES[char] ?? char;
  return out;
}

/** What a label looks like to a hurried reader: also digits and letter pairs read as the letters they imitate. */
export function skeleton(label: string): string {
  let out = deconfuse(label);
  for (const [pattern, replacement] of SWAPS) out = out.replace(pattern, replacement);
  return out;
}

/** Damerau–Levenshtein distance (adjacent swaps count once), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** Words of a label split on hyphens, digits and other non-letters. */
export function labelTokens(label: string): string[] {
  return label.split(/[^\p{L}]+/u).filter((token) => token !== '');
}
