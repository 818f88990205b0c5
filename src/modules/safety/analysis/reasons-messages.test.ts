import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createTranslators, loadCatalogs } from '../../../platform/i18n/catalog.js';
import { LOCALES } from '../../../platform/i18n/locales.js';
import type { InputProblem, TechnicalRule } from './analysis.types.js';

/** The params each technical rule gives its message; a message may use fewer, never others. */
const RULE_PARAMS: Readonly<Record<TechnicalRule, readonly string[]>> = {
  display_name_mismatch: ['name', 'domain', 'shown'],
  brand_from_free_mail: ['brand', 'domain'],
  reply_to_differs: ['domain', 'from'],
  lookalike_domain: ['domain', 'brand'],
  punycode_domain: ['domain', 'ascii'],
  mixed_script_domain: ['domain', 'ascii'],
  authentication_failed: ['domain', 'checks'],
  authentication_missing: ['domain'],
  authentication_passed_aligned: ['domain', 'checks'],
  link_text_mismatch: ['shown', 'domain'],
  ip_address_link: ['domain'],
  shortened_link: ['domain'],
  brand_in_subdomain: ['domain', 'brand'],
  at_sign_in_link: ['domain', 'shown'],
  plain_http_link: ['domain'],
  dangerous_attachment: ['file'],
  qr_code_link: ['domain'],
  unknown_phone_for_brand: ['phone', 'brand'],
  official_domain: ['brand', 'domain'],
};
const PROBLEMS: readonly InputProblem[] = ['empty', 'too_large', 'unreadable', 'unsupported_file', 'no_qr_found', 'not_a_web_address'];

const catalogs = loadCatalogs([fileURLToPath(new URL('../messages/', import.meta.url))]);
const translators = createTranslators(catalogs, { strict: true });

test('every technical rule and input problem has a message in the five languages', () => {
  for (const locale of LOCALES) {
    const { t } = translators[locale];
    for (const [rule, params] of Object.entries(RULE_PARAMS)) {
      const values = Object.fromEntries(params.map((param) => [param, `<${param}>`]));
      const text = t(`safety.reason.${rule}`, values);
      assert.doesNotMatch(text, /[{}]/, `${locale} ${rule}: a placeholder was not filled`);
      assert.ok(text.length < 400, `${locale} ${rule}: keep it short`);
    }
    for (const problem of PROBLEMS) assert.ok(t(`safety.problem.${problem}`).length > 10, `${locale} ${problem}`);
  }
});

test('messages only use the params their rule gives', () => {
  for (const locale of LOCALES) {
    for (const [rule, params] of Object.entries(RULE_PARAMS)) {
      const source = catalogs[locale][`safety.reason.${rule}`] ?? '';
      const used = [...source.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      assert.deepEqual(
        used.filter((param) => !params.includes(param)),
        [],
        `${locale} ${rule}`,
      );
    }
  }
});
