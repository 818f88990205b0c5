import type { Brand, Reason } from './analysis.types.js';
import { WEIGHTS } from './scoring.js';

/** Digits with the separators people write in phone numbers; a leading + or 00 for other countries. */
const NUMBER = /(?<![\p{L}\p{N}+])(?:\(?\+\d{1,3}\)?|00\d{2,3})?[\s./-]{0,3}\(?\d[\d\s./()-]{3,18}\d(?![\p{N}])/gu;
/** Words that announce a phone number in the five languages, within a few words before it. */
const PHONE_CONTEXT =
  /(?<!\p{L})(?:t[eé]l[eé]?(?:phone|fon|fone)?|tel\.|phone|call|ruf|anruf|appel|appelez|rappel|uruff|urufft|nummer|number|num[eé]ro|n[uú]mero|hotline|whatsapp|sms|ligue|liga|contact|kontakt|contacte|contato|service\s*client|kundenservice|helpdesk)[^\n\d+]{0,30}$/iu;
const DATE_OR_TIME = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[.:]\d{2}$/;

export interface PhoneNumber {
  /** As written in the message. */
  readonly shown: string;
  /** Comparable form: `+352…` for Luxembourg numbers written without a country code. */
  readonly normalized: string;
}

/** Luxembourg numbers have no trunk prefix: a number without a country code is a Luxembourg one. */
export function normalizePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (/^\(?\+/.test(trimmed)) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.length <= 4) return digits;
  return `+352${digits}`;
}

/**
 * Phone numbers in a text: written with a country code, or announced by a word such as "call",
 * "Tel." or "uruff" just before them, so that order and reference numbers are not taken for phones.
 */
export function findPhoneNumbers(text: string, extra: readonly string[] = []): PhoneNumber[] {
  const found = new Map<string, PhoneNumber>();
  for (const match of text.matchAll(NUMBER)) {
    const shown = match[0].trim().replace(/[\s./-]+$/, '');
    const digits = shown.replace(/\D/g, '');
    if (digits.length < 5 || digits.length > 15 || DATE_OR_TIME.test(shown)) continue;
    const international = /^\(?\+|^00/.test(shown);
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if (!international && !PHONE_CONTEXT.test(before)) continue;
    const normalized = normalizePhone(shown);
    if (!found.has(normalized)) found.set(normalized, { shown, normalized });
  }
  for (const raw of extra) {
    const normalized = normalizePhone(raw);
    if (normalized.replace(/\D/g, '').length >= 3 && !found.has(normalized)) found.set(normalized, { shown: raw, normalized });
  }
  return [...found.values()];
}

/**
 * A message that claims to come from a brand but gives a number that is not one of the brand's:
 * scammers want the call to reach them. Brands without known numbers cannot be judged.
 */
export function checkPhones(numbers: readonly PhoneNumber[], claimed: readonly Brand[]): Reason[] {
  const withNumbers = claimed.filter((brand) => brand.phones.length > 0);
  if (withNumbers.length === 0) return [];
  const known = new Set(withNumbers.flatMap((brand) => brand.phones.map(normalizePhone)));
  const reasons: Reason[] = [];
  for (const number of numbers) {
    if (known.has(number.normalized)) continue;
    reasons.push({ rule: 'unknown_phone_for_brand', weight: WEIGHTS.unknown_phone_for_brand, params: { phone: number.shown, brand: withNumbers[0]!.name } });
  }
  return reasons;
}
