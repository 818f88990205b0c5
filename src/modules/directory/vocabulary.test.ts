import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadCatalogs, createTranslators } from '../../platform/i18n/catalog.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import {
  ACCESSIBILITY,
  AUDIENCES,
  COSTS,
  LANGUAGES,
  MEDNUM_BY_ACCESSIBILITY,
  MEDNUM_BY_AUDIENCE,
  MEDNUM_BY_COST,
  MEDNUM_BY_MODE,
  MEDNUM_BY_OFFER_TYPE,
  MEDNUM_VALUES,
  MODES,
  OFFER_TYPES,
  TRANSLATION_SOURCES,
  allKnown,
  isKnown,
  mednumColumns,
  type MednumColumn,
  type MednumMapping,
} from './vocabulary.js';

const LISTS = {
  offer_type: OFFER_TYPES,
  audience: AUDIENCES,
  accessibility: ACCESSIBILITY,
  cost: COSTS,
  mode: MODES,
  language: LANGUAGES,
  translation_source: TRANSLATION_SOURCES,
} as const;

const translators = createTranslators(loadCatalogs([fileURLToPath(new URL('./messages/', import.meta.url))]), { strict: true });

test('every code has a label in all five languages, and no label is left without a code', () => {
  for (const locale of LOCALES) {
    const { t } = translators[locale];
    for (const [list, codes] of Object.entries(LISTS)) {
      for (const code of codes) {
        const label = t(`directory.vocab.${list}.${code}`);
        assert.ok(label.trim().length > 0, `${locale} ${list}.${code}`);
      }
    }
  }
  const catalogs = loadCatalogs([fileURLToPath(new URL('./messages/', import.meta.url))]);
  const expected = Object.entries(LISTS).flatMap(([list, codes]) => codes.map((code) => `directory.vocab.${list}.${code}`));
  for (const locale of LOCALES) {
    const keys = Object.keys(catalogs[locale]).filter((key) => key.startsWith('directory.vocab.'));
    assert.deepEqual(keys.sort(), [...expected].sort(), locale);
  }
});

test('labels within a list are distinct, so no two choices look alike', () => {
  for (const locale of LOCALES) {
    for (const [list, codes] of Object.entries(LISTS)) {
      const labels = codes.map((code) => translators[locale].t(`directory.vocab.${list}.${code}`));
      assert.equal(new Set(labels).size, labels.length, `${locale} ${list}`);
    }
  }
});

test('languages are named in the reader’s language', () => {
  assert.equal(translators.lb.t('directory.vocab.language.lb'), 'Lëtzebuergesch');
  assert.equal(translators.fr.t('directory.vocab.language.de'), 'Allemand');
  assert.equal(translators.de.t('directory.vocab.language.fr'), 'Französisch');
  assert.equal(translators.pt.t('directory.vocab.language.pt'), 'Português');
  assert.equal(translators.en.t('directory.vocab.language.uk'), 'Ukrainian');
});

test('codes are unique and look like codes; languages are ISO 639-1', () => {
  for (const [list, codes] of Object.entries(LISTS)) {
    assert.equal(new Set(codes).size, codes.length, list);
    for (const code of codes) assert.match(code, /^[a-z][a-z_]*$/, `${list}.${code}`);
  }
  for (const code of LANGUAGES) assert.match(code, /^[a-z]{2}$/);
  for (const code of ['lb', 'fr', 'de', 'en', 'pt']) assert.ok(isKnown(LANGUAGES, code));
});

test('isKnown and allKnown accept only codes of the list', () => {
  assert.equal(isKnown(OFFER_TYPES, 'e_banking'), true);
  assert.equal(isKnown(OFFER_TYPES, 'E_BANKING'), false);
  assert.equal(isKnown(OFFER_TYPES, 'toString'), false);
  assert.equal(isKnown(COSTS, 42), false);
  assert.equal(isKnown(COSTS, undefined), false);
  assert.equal(allKnown(AUDIENCES, ['seniors', 'families']), true);
  assert.equal(allKnown(AUDIENCES, ['seniors', 'aliens']), false);
  assert.equal(allKnown(AUDIENCES, []), true);
});

test('every code maps to valid mednum values, and every list code has a mapping', () => {
  const check = (name: string, codes: readonly string[], mappings: Readonly<Record<string, MednumMapping>>): void => {
    assert.deepEqual(Object.keys(mappings).sort(), [...codes].sort(), name);
    for (const [code, mapping] of Object.entries(mappings)) {
      for (const [column, values] of Object.entries(mapping) as [MednumColumn, readonly string[]][]) {
        assert.ok(column in MEDNUM_VALUES, `${name}.${code}: column ${column}`);
        for (const value of values) assert.ok((MEDNUM_VALUES[column] as readonly string[]).includes(value), `${name}.${code}: ${value}`);
      }
    }
  };
  check('offer_type', OFFER_TYPES, MEDNUM_BY_OFFER_TYPE);
  check('audience', AUDIENCES, MEDNUM_BY_AUDIENCE);
  check('accessibility', ACCESSIBILITY, MEDNUM_BY_ACCESSIBILITY);
  check('cost', COSTS, MEDNUM_BY_COST);
  check('mode', MODES, MEDNUM_BY_MODE);
});

test('every mednum service is reachable from at least one offer type', () => {
  const used = new Set(Object.values(MEDNUM_BY_OFFER_TYPE).flatMap((m) => m.services ?? []));
  assert.deepEqual([...used].sort(), [...MEDNUM_VALUES.services].sort());
});

test('an offer becomes mednum columns, de-duplicated and in schema order', () => {
  const columns = mednumColumns({
    offerTypes: ['online_safety', 'e_banking', 'smartphone_tablet', 'course', 'not_a_code'],
    audiences: ['seniors', 'low_income', 'families'],
    accessibility: ['sign_language', 'hearing_loop', 'wheelchair'],
    cost: 'free_conditions',
    modes: ['in_person', 'remote'],
    languages: ['lb', 'fr', 'en'],
  });
  assert.deepEqual(columns, {
    services: ['Maîtrise des outils numériques du quotidien', 'Utilisation sécurisée du numérique'],
    publics_specifiquement_adresses: ['Familles et/ou enfants', 'Seniors'],
    prise_en_charge_specifique: ['Surdité', 'Handicaps moteurs', 'Langues étrangères (anglais)', 'Langues étrangères (autres)'],
    frais_a_charge: ['Gratuit sous condition'],
    modalites_acces: [],
    modalites_accompagnement: ['Dans un atelier collectif', 'À distance'],
  });
});

test('French-only help is not flagged as foreign-language support', () => {
  const columns = mednumColumns({ offerTypes: ['helpdesk'], audiences: [], accessibility: [], cost: 'free', modes: [], languages: ['fr'] });
  assert.deepEqual(columns.prise_en_charge_specifique, []);
  assert.deepEqual(columns.modalites_acces, ['Se présenter']);
  assert.deepEqual(columns.frais_a_charge, ['Gratuit']);
});
