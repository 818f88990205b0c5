import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAllCatalogs } from '../../app.js';
import { LOCALES } from './locales.js';
import { IntlMessageFormat } from 'intl-messageformat';
import { createTranslators } from './catalog.js';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const catalogs = loadAllCatalogs();

test('every UI language has exactly the same message keys as English', () => {
  const english = Object.keys(catalogs.en).sort();
  assert.ok(english.length > 20);
  for (const locale of LOCALES) {
    const keys = Object.keys(catalogs[locale]).sort();
    const missing = english.filter((k) => !(k in catalogs[locale]));
    const extra = keys.filter((k) => !(k in catalogs.en));
    assert.deepEqual({ locale, missing, extra }, { locale, missing: [], extra: [] });
  }
});

test('every message key written literally in the code exists in the catalogs', () => {
  const used = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) used.add(match[1] as string);
    for (const match of text.matchAll(/new AppError\(\s*'([a-z0-9_]+)'/g)) used.add(`errors.${match[1]}`);
    for (const match of text.matchAll(/\bkey: '([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) used.add(match[1] as string);
  }
  const missing = [...used].filter((key) => !(key in catalogs.en)).sort();
  assert.deepEqual(missing, []);
});

test('every message is valid ICU MessageFormat', () => {
  for (const locale of LOCALES) {
    for (const [key, message] of Object.entries(catalogs[locale])) {
      assert.doesNotThrow(() => new IntlMessageFormat(message, locale), `${locale} ${key}`);
    }
  }
});

test('a missing key throws in strict mode and falls back to English otherwise', () => {
  const strict = createTranslators(catalogs, { strict: true });
  assert.throws(() => strict.de.t('no.such.key'));
  const lenient = createTranslators({ ...catalogs, de: {} }, { strict: false });
  assert.equal(lenient.de.t('errors.not_found'), catalogs.en['errors.not_found']);
});
