import type { Locale } from '../../../../platform/i18n/locales.js';
import type { TranslatedText, Translation, TranslationSource } from '../../directory.model.js';

export const ZONE = 'Europe/Luxembourg';

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

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ZONE }).format(new Date(iso));
}

export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }).format(
    new Date(iso),
  );
}

export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: ZONE }).format(
    new Date(iso),
  );
}

/** The Luxembourg calendar day of an instant, "YYYY-MM-DD", for grouping sessions by day. */
export function luxembourgDay(iso: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    typeof iso === 'string' ? new Date(iso) : iso,
  );
}

export function formatKm(km: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}

