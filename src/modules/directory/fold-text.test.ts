import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, foldedWords } from './fold-text.js';

test('accents and case do not matter', () => {
  assert.equal(foldText('Lëtzebuerg'), foldText('LETZEBUERG'));
  assert.equal(foldText('Vallée de l’Ernz'), 'vallee de l’ernz');
  assert.equal(foldText('Démarches ÉLECTRONIQUES'), 'demarches electroniques');
});

test('letters without a combining accent are spelled out', () => {
  assert.equal(foldText('Straße'), 'strasse');
  assert.equal(foldText('Œuvre'), 'oeuvre');
  assert.equal(foldText('Łódź'), 'lodz');
});

test('words are split on punctuation, hyphens and apostrophes', () => {
  assert.deepEqual(foldedWords("Esch-sur-Alzette: l'e-Banking, 24/7!"), ['esch', 'sur', 'alzette', 'l', 'e', 'banking', '24', '7']);
  assert.deepEqual(foldedWords('   '), []);
});

test('non-Latin scripts keep their letters', () => {
  assert.deepEqual(foldedWords('Українська мова'), ['украінська', 'мова']);
  assert.deepEqual(foldedWords('مساعدة رقمية'), ['مساعدة', 'رقمية']);
});
