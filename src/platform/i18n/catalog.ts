import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, type Locale } from './locales.js';

export type Messages = Record<string, string>;
export type Catalogs = Record<Locale, Messages>;

function flatten(prefix: string, value: unknown, out: Messages, file: string): void {
  if (typeof value === 'string') {
    out[prefix] = value;
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, child, out, file);
    return;
  }
  throw new Error(`${file}: message "${prefix}" must be a string or an object`);
}

/**
 * Reads every `messages/<lang>.json` and `messages/<area>.<lang>.json` of the given folders.
 * Files hold nested objects; keys are flattened to "module.screen.element".
 */
export function loadCatalogs(messageDirs: readonly string[]): Catalogs {
  const catalogs = Object.fromEntries(LOCALES.map((l) => [l, {} as Messages])) as Catalogs;
  for (const dir of messageDirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      const match = /^(?:[a-z0-9-]+\.)?([a-z]{2})\.json$/.exec(file);
      const locale = match?.[1] as Locale | undefined;
      if (!locale || !LOCALES.includes(locale)) continue;
      const path = join(dir, file);
      const flat: Messages = {};
      flatten('', JSON.parse(readFileSync(path, 'utf8')), flat, path);
      for (const [key, message] of Object.entries(flat)) {
        if (key in catalogs[locale]) throw new Error(`${path}: message "${key}" is defined twice`);
        catalogs[locale][key] = message;
      }
    }
  }
  return catalogs;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface Translator {
  readonly locale: Locale;
  readonly t: Translate;
  has(key: string): boolean;
}

export class MissingMessageError extends Error {}

/**
 * Formats ICU messages for one locale. A missing key is a defect: in strict mode (tests) it
 * throws; otherwise it falls back to English and then to the key, so a page still renders.
 */
export function createTranslators(catalogs: Catalogs, options: { strict: boolean }): Record<Locale, Translator> {
  const cache = new Map<string, IntlMessageFormat>();
  const make = (locale: Locale): Translator => ({
    locale,
    has: (key) => key in catalogs[locale],
    t(key, values) {
      let source = catalogs[locale][key];
      let sourceLocale: Locale = locale;
      if (source === undefined) {
        if (options.strict) throw new MissingMessageError(`Missing message "${key}" for locale ${locale}`);
        source = catalogs.en[key] ?? key;
        sourceLocale = 'en';
      }
      // Plain text, the most common kind of message, needs no formatting at all.
      if (values === undefined && !/[{}'<#]/.test(source)) return source;
      const cacheKey = `${sourceLocale}\u0000${key}`;
      let format = cache.get(cacheKey);
      if (!format) {
        format = new IntlMessageFormat(source, sourceLocale);
        cache.set(cacheKey, format);
      }
      return String(format.format(values as Record<string, string>));
    },
  });
  return Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, Translator>;
}
