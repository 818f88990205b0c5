import type { Locale } from '../../../platform/i18n/locales.js';
import { LUXEMBOURG_ZONE } from '../../../shared/luxembourg-time.js';

// One formatter per kind and locale: building them costs far more than using them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, { ...options, timeZone: LUXEMBOURG_ZONE })));
  return found;
}

/** "3 March 2026", in Luxembourg's calendar. */
export function formatDate(iso: string, locale: Locale): string {
  return formatter('date', locale, { dateStyle: 'long' }).format(new Date(iso));
}

/** "14:05", on Luxembourg's clocks. */
export function formatTime(iso: string, locale: Locale): string {
  return formatter('time', locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
