import brandsFile from '../data/brands.json' with { type: 'json' };
import type { Brand } from './analysis.types.js';
import { deconfuse, editDistance, hostInfo, isWithin, labelTokens, skeleton, type HostInfo } from './domains.js';

/** The curated starting list (see src/modules/safety/data/README.md); moderators edit their own copy. */
export const defaultBrands: readonly Brand[] = brandsFile;

/** Brand-owned domains that anyone can send or host through, so they are neither official nor a look-alike. */
const SHARED_INFRASTRUCTURE = new Set([
  'amazonaws.com',
  'amazonses.com',
  'amazon-adsystem.com',
  'media-amazon.com',
  'ssl-images-amazon.com',
]);

/** Words scammers put around a short brand name in a domain (`dhl-track-lu.com`, `bil-secure.net`). */
const LURE_WORDS = new Set(
  (
    'lu lux luxembourg luxemburg letzebuerg secure security securite sicherheit login signin logon verify verification ' +
    'account accounts konto compte conta service services servico support help hilfe aide ajuda info online web app ' +
    'portal portail my mein mon ma meu update maj id auth client clients cliente customer kunden express delivery ' +
    'livraison lieferung entrega parcel paket colis encomenda track tracking suivi sendung pay payment paiement ' +
    'zahlung pagamento refund remboursement erstattung bank banque net mail center centre tax impots steuer fine ' +
    'amende news official team group de fr en pt eu www direct mobile digital access acces zugang'
  ).split(' '),
);

/** Keywords of four letters or fewer are only brand names in running text when written in capitals (UPS, BIL, CNS). */
const SHORT_KEYWORD = 4;
/** Labels from five letters on are distinctive enough to be found inside a longer domain label. */
const LONG_LABEL = 5;

export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(words: readonly string[], flags: string): RegExp | undefined {
  if (words.length === 0) return undefined;
  const alternatives = [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, `gu${flags}`);
}

interface BrandLabel {
  readonly brand: Brand;
  /** Skeleton of the name as it appears in domains (`luxtrust`, `spuerkeess`, `dhl`). */
  readonly label: string;
  /** The label as written, to tell "same name, other ending" from a disguised name. */
  readonly plain: string;
}

export interface BrandMatch {
  readonly brand: Brand;
  /** True when the name is the brand's own under another ending (`luxtrust.net`): a weaker sign. */
  readonly sameNameOtherEnding: boolean;
}

/** Everything the rules ask about a brand list, prepared once per analysis. */
export class BrandIndex {
  private readonly longKeywords = new Map<string, Brand>();
  private readonly shortKeywords = new Map<string, Brand>();
  private readonly longPattern: RegExp | undefined;
  private readonly shortPattern: RegExp | undefined;
  private readonly labels: BrandLabel[] = [];

  constructor(readonly brands: readonly Brand[]) {
    for (const brand of brands) {
      for (const raw of brand.keywords) {
        const keyword = normalizeText(raw).trim();
        if (keyword === '') continue;
        if (keyword.length <= SHORT_KEYWORD && /^[a-z0-9]+$/.test(keyword)) this.shortKeywords.set(keyword.toUpperCase(), brand);
        else this.longKeywords.set(keyword, brand);
      }
    }
    this.longPattern = wordPattern([...this.longKeywords.keys()], 'i');
    this.shortPattern = wordPattern([...this.shortKeywords.keys()], '');

    const registrableOwners = new Map<string, Set<string>>();
    for (const brand of brands) {
      for (const domain of brand.domains) {
        const info = hostInfo(domain);
        if (!info) continue;
        const owners = registrableOwners.get(info.registrable) ?? new Set<string>();
        owners.add(brand.id);
        registrableOwners.set(info.registrable, owners);
      }
    }
    const seen = new Set<string>();
    const addLabel = (brand: Brand, plain: string): void => {
      const label = skeleton(plain);
      if (label.length < 3 || seen.has(`${brand.id} ${label}`)) return;
      seen.add(`${brand.id} ${label}`);
      this.labels.push({ brand, label, plain });
    };
    for (const brand of brands) {
      for (const domain of brand.domains) {
        const info = hostInfo(domain);
        if (!info || info.isIp) continue;
        // A registrable domain several brands live under (public.lu) says nothing about one of them:
        // its distinctive part is the first label (`police` of police.public.lu).
        if ((registrableOwners.get(info.registrable)?.size ?? 0) > 1) {
          if (info.subdomain !== '') addLabel(brand, info.subdomain.split('.')[0]!);
        } else {
          addLabel(brand, info.label);
        }
      }
      for (const raw of brand.keywords) {
        const keyword = normalizeText(raw).trim();
        if (/^[a-z]+$/.test(keyword)) addLabel(brand, keyword);
      }
    }
  }

  /** Every brand whose official domains include this host, the most specific first (cns.public.lu before public.lu). */
  officialBrandsOf(host: string): Brand[] {
    const info = hostInfo(host);
    if (!info) return [];
    const matches: { brand: Brand; length: number }[] = [];
    for (const brand of this.brands) {
      const lengths = brand.domains.map((domain) => domain.toLowerCase()).filter((domain) => isWithin(info.ascii, domain)).map((domain) => domain.length);
      if (lengths.length > 0) matches.push({ brand, length: Math.max(...lengths) });
    }
    return matches.sort((a, b) => b.length - a.length).map((match) => match.brand);
  }

  /** The brand this host most specifically belongs to. */
  officialBrandOf(host: string): Brand | undefined {
    return this.officialBrandsOf(host)[0];
  }

  /** Brands named in a text: long keywords in any case, short ones (UPS, BIL) only in capitals unless `anyCase`. */
  namedIn(text: string, anyCase = false): Brand[] {
    const found = new Map<string, Brand>();
    if (this.longPattern) {
      for (const match of normalizeText(text).matchAll(this.longPattern)) {
        const brand = this.longKeywords.get(match[0].toLowerCase());
        if (brand) found.set(brand.id, brand);
      }
    }
    if (this.shortPattern) {
      const source = anyCase ? text.toUpperCase() : text;
      for (const match of source.matchAll(this.shortPattern)) {
        const brand = this.shortKeywords.get(match[0]);
        if (brand) found.set(brand.id, brand);
      }
    }
    return [...found.values()];
  }

  /** Brand names hidden in a word such as an address's local part (`luxtrust-support`). */
  namedInWord(word: string): Brand[] {
    const plain = deconfuse(word);
    const tokens = labelTokens(plain);
    const disguised = skeleton(word);
    const found = new Map<string, Brand>();
    for (const { brand, label } of this.labels) if (labelMatches(label, disguised, tokens)) found.set(brand.id, brand);
    return [...found.values()];
  }

  /**
   * The brand a registrable domain imitates: the same name under another ending, the name written
   * with look-alike letters or digits, one or two letters off, or the name with extra words around it.
   */
  lookalikeOf(info: HostInfo): BrandMatch | undefined {
    if (info.isIp || SHARED_INFRASTRUCTURE.has(info.registrable) || this.officialBrandOf(info.ascii)) return undefined;
    const disguised = skeleton(info.unicodeLabel);
    const tokens = labelTokens(deconfuse(info.unicodeLabel));
    for (const candidate of this.labels) {
      if (disguised === candidate.label) return { brand: candidate.brand, sameNameOtherEnding: info.unicodeLabel === candidate.plain };
    }
    for (const candidate of this.labels) {
      if (labelMatches(candidate.label, disguised, tokens)) return { brand: candidate.brand, sameNameOtherEnding: false };
      if (candidate.label.length > LONG_LABEL) {
        const allowed = candidate.label.length >= 9 ? 2 : 1;
        if (editDistance(disguised, candidate.label, allowed) <= allowed) return { brand: candidate.brand, sameNameOtherEnding: false };
      }
    }
    return undefined;
  }

  /** A brand named in the subdomain part of a host that does not belong to it (`luxtrust.login-check.com`). */
  inSubdomain(info: HostInfo): Brand | undefined {
    if (info.isIp || info.subdomain === '' || this.officialBrandOf(info.ascii)) return undefined;
    const subdomain = info.subdomain;
    // A full brand domain inside the subdomain (`cns.public.lu.refund.com`): the most specific one names the brand.
    let written: { brand: Brand; length: number } | undefined;
    for (const brand of this.brands) {
      for (const domain of brand.domains.map((d) => d.toLowerCase())) {
        if (`.${subdomain}.`.includes(`.${domain}.`) && domain.length > (written?.length ?? 0)) written = { brand, length: domain.length };
      }
    }
    if (written) return written.brand;
    const unicodeParts = info.unicode.split('.').slice(0, subdomain.split('.').length);
    for (const part of unicodeParts) {
      const tokens = labelTokens(deconfuse(part));
      const disguised = skeleton(part);
      for (const { brand, label } of this.labels) if (labelMatches(label, disguised, tokens)) return brand;
    }
    return undefined;
  }
}

/**
 * Whether a brand's label hides in a domain label: long names anywhere inside it, short names
 * only as a word of their own surrounded by words scammers typically add.
 */
function labelMatches(brandLabel: string, disguisedLabel: string, plainTokens: readonly string[]): boolean {
  if (brandLabel.length >= LONG_LABEL) return disguisedLabel.includes(brandLabel);
  if (!plainTokens.some((token) => skeleton(token) === brandLabel)) return false;
  return plainTokens.every((token) => skeleton(token) === brandLabel || token.length <= 2 || LURE_WORDS.has(token));
}
