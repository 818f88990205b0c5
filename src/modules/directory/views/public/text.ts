import type { Locale } from '../../../../platform/i18n/locales.js';
import type { TranslatedText, Translation, TranslationSource } from '../../directory.model.js';

import { LUXEMBOURG_ZONE as ZONE } from '../../../../shared/luxembourg-time.js';

export interface PickedText {
  readonly value: string;
  /** BCP 47 tag for the `lang` attribute ("de" for an Easy German version). */
  readonly lang: string;
  readonly source: TranslationSource;
  /** True when the reader's language was not available and another one is shown. */
  readonly otherLanguage: boolean;
  readonly easy: boolean;
}

const baseLang = (locale: string): string => locale.replace(/-easy$/, '');

/**
 * The best version of a text for a reader: their language (the Easy Language version if they
 * asked for it and it exists), else the provider's own language, else whatever exists.
 */
export function pickText(
  text: TranslatedText,
  locale: Locale,
  options: { fallback: Locale; easy?: boolean },
): PickedText | null {
  const find = (wanted: string): Translation | undefined => text.find((t) => t.locale === wanted && t.value.trim() !== '');
  const chosen =
    (options.easy ? find(`${locale}-easy`) : undefined) ??
    find(locale) ??
    find(options.fallback) ??
    text.find((t) => !t.locale.endsWith('-easy') && t.value.trim() !== '') ??
    text.find((t) => t.value.trim() !== '');
  if (!chosen) return null;
  return {
    value: chosen.value,
    lang: baseLang(chosen.locale),
    source: chosen.source,
    otherLanguage: baseLang(chosen.locale) !== locale,
    easy: chosen.locale.endsWith('-easy'),
  };
}

export function hasEasyVersion(text: TranslatedText, locale: Locale): boolean {
  return text.some((t) => t.locale === `${locale}-easy` && t.value.trim() !== '');
}

/** The `lang` attribute a passage needs: only when it differs from the page's language. */
export function langIfOther(picked: PickedText | null, locale: Locale): string | undefined {
  return picked && picked.lang !== locale ? picked.lang : undefined;
}

/*
 * Building an Intl formatter costs far more than formatting with it, and a results page formats
 * dozens of dates; so one formatter per kind and locale is kept (a handful in all).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, { ...options, timeZone: ZONE })));
  return found;
}

// Luxembourg's offset from UTC is whole hours, so an instant's UTC hour fixes its calendar day
// there: dates are formatted once per locale and hour ("2026-03-02T09"), a few thousand at most.
const datesByHour = new Map<string, string>();

export function formatDate(iso: string, locale: Locale): string {
  const key = `${locale}:${iso.slice(0, 13)}`;
  let found = datesByHour.get(key);
  if (found === undefined) {
    if (datesByHour.size >= 10_000) datesByHour.clear();
    found = formatter('date', locale, { dateStyle: 'long' }).format(new Date(iso));
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:.*Z$/.test(iso)) datesByHour.set(key, found);
  }
  return found;
}

export function formatDay(iso: string, locale: Locale): string {
  return formatter('day', locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale): string {
  return formatter('time', locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return formatter('datetime', locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** The Luxembourg calendar day of an instant, "YYYY-MM-DD", for grouping sessions by day. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function luxembourgDay(iso: string | Date): string {
  return dayFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}

const kmFormats = new Map<string, Intl.NumberFormat>();

export function formatKm(km: number, locale: Locale): string {
  const digits = km < 10 ? 1 : 0;
  const key = `${locale}:${digits}`;
  let found = kmFormats.get(key);
  if (!found) kmFormats.set(key, (found = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return found.format(km);
}

