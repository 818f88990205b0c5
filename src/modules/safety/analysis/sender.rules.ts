import type { Brand, Reason } from './analysis.types.js';
import type { BrandIndex } from './brands.js';
import { checkDomain } from './domain.rules.js';
import { FREE_MAIL_DOMAINS } from './domain-lists.js';
import { hostInfo } from './domains.js';
import type { Mailbox, MessageParts } from './message.js';
import { WEIGHTS } from './scoring.js';

export interface SenderFindings {
  readonly reasons: Reason[];
  /** Brands named by the sender's name or address, the subject or the text. */
  readonly claimed: Brand[];
  /** Brands the sender's or reply address imitates. */
  readonly imitated: Brand[];
}

const ADDRESS_IN_NAME = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@([\p{L}\p{N}.-]{1,253}\.[\p{L}]{2,24})/u;
const DOMAIN_IN_NAME = /(?:^|[\s(<"'[])((?:[\p{L}\p{N}-]{1,63}\.){1,10}[\p{L}]{2,24})(?=$|[\s)>"'\],;:])/u;

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function isFreeMail(registrable: string | undefined): boolean {
  return registrable !== undefined && FREE_MAIL_DOMAINS.has(registrable);
}

function unique(brands: readonly Brand[]): Brand[] {
  return [...new Map(brands.map((brand) => [brand.id, brand])).values()];
}

/**
 * What the display name shows that its address does not confirm: another address or domain. A
 * brand's own service name written like a domain ("MyGuichet.lu" from guichet.lu) is no mismatch.
 */
function nameShowsOtherDomain(from: Mailbox, fromRegistrable: string, index: BrandIndex, officials: readonly Brand[]): string | undefined {
  const shown = ADDRESS_IN_NAME.exec(from.name)?.[1] ?? DOMAIN_IN_NAME.exec(from.name)?.[1];
  if (!shown) return undefined;
  const info = hostInfo(shown);
  if (!info || info.registrable === fromRegistrable) return undefined;
  if (index.officialBrandsOf(info.ascii).some((brand) => officials.some((owner) => owner.id === brand.id))) return undefined;
  if (!ADDRESS_IN_NAME.test(from.name) && index.namedInWord(info.label).some((brand) => officials.some((owner) => owner.id === brand.id))) return undefined;
  return info.unicode;
}

/** The sender's name and addresses: who the mail says it is from, and where replies go. */
export function checkSender(parts: MessageParts, index: BrandIndex): SenderFindings {
  const reasons: Reason[] = [];
  const imitated: Brand[] = [];
  const from = parts.from;
  const subjectBrands = parts.subject ? index.namedIn(parts.subject) : [];
  const textBrands = index.namedIn(parts.text);
  if (!from) return { reasons, claimed: unique([...subjectBrands, ...textBrands]), imitated };

  const fromInfo = hostInfo(domainOf(from.address));
  const fromRegistrable = fromInfo?.registrable;
  const officials = index.officialBrandsOf(domainOf(from.address));
  const isOfficial = (brand: Brand): boolean => officials.some((owner) => owner.id === brand.id);
  const nameBrands = unique([...index.namedIn(from.name, true), ...index.namedInWord(from.address.slice(0, from.address.lastIndexOf('@')))]);
  const claimed = unique([...nameBrands, ...subjectBrands, ...textBrands]);
  const domain = fromInfo?.unicode ?? domainOf(from.address);

  if (fromInfo) {
    const findings = checkDomain(fromInfo, index);
    reasons.push(...findings.reasons);
    imitated.push(...findings.brands);
  }

  const freeMail = isFreeMail(fromRegistrable);
  if (freeMail) {
    const headline = unique([...nameBrands, ...subjectBrands]).filter((brand) => !isOfficial(brand));
    const mentioned = textBrands.filter((brand) => !isOfficial(brand));
    const brand = headline[0] ?? mentioned[0];
    if (brand) {
      const weight = headline.length > 0 ? WEIGHTS.brand_from_free_mail : WEIGHTS.brand_from_free_mail_in_text;
      reasons.push({ rule: 'brand_from_free_mail', weight, params: { brand: brand.name, domain } });
      imitated.push(brand);
    }
  }

  if (fromRegistrable) {
    const shownDomain = nameShowsOtherDomain(from, fromRegistrable, index, officials);
    // A brand already caught imitated by the address itself is not counted twice.
    const namedBrand = nameBrands.find((brand) => !isOfficial(brand) && !imitated.some((other) => other.id === brand.id));
    if (shownDomain) {
      reasons.push({ rule: 'display_name_mismatch', weight: WEIGHTS.display_name_mismatch, params: { name: from.name, domain, shown: shownDomain } });
    } else if (namedBrand && !freeMail) {
      reasons.push({ rule: 'display_name_mismatch', weight: WEIGHTS.display_name_mismatch, params: { name: from.name, domain, shown: namedBrand.name } });
      imitated.push(namedBrand);
    }
  }

  for (const reply of parts.replyTo) {
    const replyInfo = hostInfo(domainOf(reply.address));
    if (!replyInfo || replyInfo.registrable === fromRegistrable) continue;
    const toFreeMail = isFreeMail(replyInfo.registrable) && !freeMail;
    reasons.push({
      rule: 'reply_to_differs',
      weight: toFreeMail ? WEIGHTS.reply_to_free_mail : WEIGHTS.reply_to_differs,
      params: { domain: replyInfo.unicode, from: domain },
    });
    const findings = checkDomain(replyInfo, index);
    reasons.push(...findings.reasons);
    imitated.push(...findings.brands);
  }

  return { reasons, claimed, imitated: unique(imitated) };
}
