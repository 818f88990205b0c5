import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createTranslators, loadCatalogs } from '../../platform/i18n/catalog.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { describeIssue } from './issue-text.js';
import { ISSUE_KEYS } from './opendata.model.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const translators = createTranslators(loadCatalogs([`${here}messages`]), { strict: true });

const SAMPLE_VALUES = {
  max: 5,
  min: 1,
  line: 3,
  first: 2,
  found: 31,
  expected: 'string',
  value: 'x',
  commune: 'Belvaux',
  postalCode: '4010',
  missing: 'pivot',
  missingCount: 1,
  unexpected: 'remarques',
  unexpectedCount: 2,
};

test('every problem the readers report has a message in all five languages', () => {
  for (const locale of LOCALES) {
    for (const key of ISSUE_KEYS) {
      assert.ok(translators[locale].has(`opendata.errors.${key}`), `${locale}: opendata.errors.${key}`);
      const text = translators[locale].t(`opendata.errors.${key}`, SAMPLE_VALUES);
      assert.ok(!/[{}]/.test(text), `${locale}: ${key} left a placeholder: ${text}`);
    }
  }
});

test('problems read as sentences that say where they are', () => {
  const t = translators.en.t;
  assert.equal(
    describeIssue(t, { row: 4, column: 'courriels', key: 'invalid_email', values: { value: 'aide(at)digital.lu' } }),
    'Row 4, column “courriels”: “aide(at)digital.lu” is not an e-mail address. Write it like name@example.lu.',
  );
  assert.equal(
    describeIssue(t, { row: 1, column: null, key: 'wrong_header', values: { missing: 'pivot', missingCount: 1, unexpected: '', unexpectedCount: 0 } }),
    'Row 1: The first row must hold the column names of the standard, exactly as written in it. Missing column: pivot.',
  );
  assert.equal(
    describeIssue(translators.fr.t, { path: '/organizations/0/name', field: 'name', key: 'wrong_type', values: { expected: 'string' } }),
    'À l’emplacement /organizations/0/name : Il faut ici du texte.',
  );
});
