/**
 * The brand list people are tricked into trusting: the default list shipped with the code, and the
 * rules a moderator's edit must pass, so the checker never works from a broken domain or number.
 */
import { domainToASCII } from 'node:url';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Brand } from './analysis/analysis.types.js';
import type { BrandInput, BrandProblems } from './checker.model.js';

export const BRAND_LIMITS = { name: 80, domains: 30, phones: 20, keywords: 30, keyword: 40 } as const;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * "https://www.Post.lu/", "post.lu." and "pöst.lu" all name a domain; the checker compares ASCII
 * lower case (IDNA), so that is what is kept. Null when it is not a domain at all.
 */
export function normalizeDomain(typed: string): string | null {
  let text = typed.trim().toLowerCase();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/\.$/, '');
  if (text === '' || text.includes('@') || text.includes(':')) return null;
  const ascii = domainToASCII(text);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  return TOP_LEVEL.test(labels[labels.length - 1] ?? '') ? ascii : null;
}

/** Phone numbers as people write them ("+352 2424-1", "8002 1234"): 3 to 15 digits with spacing marks. */
export function normalizePhone(typed: string): string | null {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (!/^\+?[0-9 ()./-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 3 && digits.length <= 15 ? text : null;
}

/** The id a new brand gets from its name: "Spuerkeess (BCEE)" → "spuerkeess-bcee". */
export function brandIdOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** A moderator's edit (or the default list) checked and normalised, or what is wrong with each field. */
export function validateBrand(input: BrandInput): Result<Omit<Brand, 'id'>, BrandProblems> {
  const problems: BrandProblems = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') problems.name = { problem: 'required' };
  else if (name.length > BRAND_LIMITS.name) problems.name = { problem: 'too_long' };
  else if (brandIdOf(name) === '') problems.name = { problem: 'invalid_name', value: name };

  const lines = (list: readonly string[]) => [...new Set(list.map((l) => l.trim()).filter((l) => l !== ''))];

  const domains: string[] = [];
  const typedDomains = lines(input.domains);
  if (typedDomains.length === 0) problems.domains = { problem: 'required' };
  else if (typedDomains.length > BRAND_LIMITS.domains) problems.domains = { problem: 'too_many' };
  else {
    for (const typed of typedDomains) {
      const domain = normalizeDomain(typed);
      if (!domain) {
        problems.domains = { problem: 'invalid_domain', value: typed };
        break;
      }
      if (!domains.includes(domain)) domains.push(domain);
    }
  }

  const phones: string[] = [];
  const typedPhones = lines(input.phones);
  if (typedPhones.length > BRAND_LIMITS.phones) problems.phones = { problem: 'too_many' };
  else {
    for (const typed of typedPhones) {
      const phone = normalizePhone(typed);
      if (!phone) {
        problems.phones = { problem: 'invalid_phone', value: typed };
        break;
      }
      phones.push(phone);
    }
  }

  const keywords: string[] = [];
  const typedKeywords = lines(input.keywords.map((k) => k.toLowerCase()));
  if (typedKeywords.length === 0) problems.keywords = { problem: 'required' };
  else if (typedKeywords.length > BRAND_LIMITS.keywords) problems.keywords = { problem: 'too_many' };
  else {
    for (const keyword of typedKeywords) {
      // A keyword of one letter would match nearly every message.
      if (keyword.length < 2 || keyword.length > BRAND_LIMITS.keyword || /[<>"]/.test(keyword)) {
        problems.keywords = { problem: 'invalid_keyword', value: keyword };
        break;
      }
      keywords.push(keyword);
    }
  }

  if (Object.keys(problems).length > 0) return fail(problems);
  return ok({ name, domains, phones, keywords });
}

/** The default list (data/brands.json), checked with the same rules as a moderator's edit: a broken entry stops the start. */
export function checkedBrands(list: readonly Brand[]): Brand[] {
  return list.map((entry, index) => {
    const checked = validateBrand(entry);
    if (!checked.ok || entry.id === '') {
      throw new Error(`Brand #${index + 1} (${entry.id}) of the default list is not valid: ${JSON.stringify(checked.ok ? 'empty id' : checked.error)}`);
    }
    return { id: entry.id, ...checked.value };
  });
}
