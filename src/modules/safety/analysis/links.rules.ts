import type { Brand, Reason } from './analysis.types.js';
import type { BrandIndex } from './brands.js';
import { checkDomain } from './domain.rules.js';
import { SHORTENER_DOMAINS } from './domain-lists.js';
import { hostInfo, type HostInfo } from './domains.js';
import type { FoundLink } from './message.js';
import { WEIGHTS } from './scoring.js';
import { linksInText, toUrl } from './text-links.js';

export interface LinkFindings {
  readonly reasons: Reason[];
  readonly imitated: Brand[];
  /** The web addresses found, as shown to the person (unicode host). */
  readonly addresses: string[];
  /** Brands whose official site a link points to. */
  readonly officialTargets: Brand[];
}

/** Enough for the summary a person reads; every link is still checked. */
const MAX_ADDRESSES = 50;

/** The domain a link's visible text announces, when the text itself looks like an address. */
function shownHost(shownText: string | undefined): HostInfo | undefined {
  if (!shownText) return undefined;
  const shown = linksInText(shownText, 1)[0];
  if (!shown) return undefined;
  const url = toUrl(shown.href);
  return url ? hostInfo(url.hostname) : undefined;
}

/**
 * Where each link really leads, and what about it is a known trick. `trusted` is the brand that
 * provably sent the message (authenticated official address): it vouches for the sites it links
 * to, such as its own other domains, so those are not judged as look-alikes.
 */
export function checkLinks(links: readonly FoundLink[], index: BrandIndex, speaksForBrand: boolean, trusted?: Brand): LinkFindings {
  const reasons: Reason[] = [];
  const imitated: Brand[] = [];
  const addresses: string[] = [];
  const officialTargets: Brand[] = [];
  const checkedHosts = new Set<string>();
  for (const link of links) {
    const url = toUrl(link.href);
    if (!url) continue;
    const info = hostInfo(url.hostname);
    if (!info) continue;
    const domain = info.unicode;
    if (addresses.length < MAX_ADDRESSES) addresses.push(url.href.replace(url.hostname, domain));
    if (link.fromQrCode) reasons.push({ rule: 'qr_code_link', weight: WEIGHTS.qr_code_link, params: { domain } });
    if (info.isIp) reasons.push({ rule: 'ip_address_link', weight: WEIGHTS.ip_address_link, params: { domain } });
    if (url.username !== '' || url.password !== '') {
      reasons.push({ rule: 'at_sign_in_link', weight: WEIGHTS.at_sign_in_link, params: { domain, shown: decodeURIComponentSafe(url.username) } });
    }
    if (/^\s*http:\/\//i.test(link.href)) reasons.push({ rule: 'plain_http_link', weight: WEIGHTS.plain_http_link, params: { domain } });
    if (SHORTENER_DOMAINS.has(info.ascii) || SHORTENER_DOMAINS.has(info.registrable)) {
      reasons.push({ rule: 'shortened_link', weight: speaksForBrand ? WEIGHTS.shortened_link_brand : WEIGHTS.shortened_link, params: { domain } });
    }
    const shown = shownHost(link.shownText);
    if (shown && shown.registrable !== info.registrable) {
      reasons.push({ rule: 'link_text_mismatch', weight: WEIGHTS.link_text_mismatch, params: { shown: shown.unicode, domain } });
    }
    const official = index.officialBrandOf(info.ascii);
    if (official) officialTargets.push(official);
    if (checkedHosts.has(info.ascii)) continue;
    checkedHosts.add(info.ascii);
    const findings = checkDomain(info, index);
    if (trusted) {
      reasons.push(...findings.reasons.filter((reason) => reason.rule !== 'lookalike_domain' && reason.rule !== 'brand_in_subdomain'));
    } else {
      reasons.push(...findings.reasons);
      imitated.push(...findings.brands);
    }
  }
  return { reasons, imitated, addresses, officialTargets };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
