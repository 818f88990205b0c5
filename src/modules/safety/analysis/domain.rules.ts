import type { Brand, Reason } from './analysis.types.js';
import type { BrandIndex } from './brands.js';
import { hasMixedScriptLabel, type HostInfo } from './domains.js';
import { WEIGHTS } from './scoring.js';

export interface DomainFindings {
  readonly reasons: Reason[];
  /** Brands the domain imitates. */
  readonly brands: Brand[];
}

/** What a domain name alone gives away: disguised international letters, look-alikes of known brands. */
export function checkDomain(info: HostInfo, index: BrandIndex): DomainFindings {
  const reasons: Reason[] = [];
  const brands: Brand[] = [];
  if (info.isIp) return { reasons, brands };
  const domain = info.unicode;
  if (info.ascii.split('.').some((label) => label.startsWith('xn--'))) {
    reasons.push({ rule: 'punycode_domain', weight: WEIGHTS.punycode_domain, params: { domain, ascii: info.ascii } });
  }
  if (hasMixedScriptLabel(info.unicode)) {
    reasons.push({ rule: 'mixed_script_domain', weight: WEIGHTS.mixed_script_domain, params: { domain, ascii: info.ascii } });
  }
  const lookalike = index.lookalikeOf(info);
  if (lookalike) {
    const weight = lookalike.sameNameOtherEnding ? WEIGHTS.lookalike_same_name : WEIGHTS.lookalike_domain;
    reasons.push({ rule: 'lookalike_domain', weight, params: { domain, brand: lookalike.brand.name } });
    brands.push(lookalike.brand);
  }
  const inSubdomain = index.inSubdomain(info);
  if (inSubdomain) {
    reasons.push({ rule: 'brand_in_subdomain', weight: WEIGHTS.brand_in_subdomain, params: { domain, brand: inSubdomain.name } });
    brands.push(inSubdomain);
  }
  return { reasons, brands };
}
