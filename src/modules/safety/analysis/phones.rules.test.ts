import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Brand } from './analysis.types.js';
import { checkPhones, findPhoneNumbers, normalizePhone } from './phones.rules.js';

const bank: Brand = { id: 'bank', name: 'Bank', domains: ['bank.example'], phones: ['+352 4015-1', '8002 1234'], keywords: ['bank'] };
const noNumbers: Brand = { id: 'shop', name: 'Shop', domains: ['shop.example'], phones: [], keywords: ['shop'] };

test('numbers are compared without spacing; numbers without country code are Luxembourg ones', () => {
  assert.equal(normalizePhone('(+352) 4015-1'), '+35240151');
  assert.equal(normalizePhone('00352 40 15 1'), '+35240151');
  assert.equal(normalizePhone('4015 1'), '+35240151');
  assert.equal(normalizePhone('113'), '113');
});

test('phone numbers are numbers with a country code or announced by a word such as "call"', () => {
  const found = findPhoneNumbers('Rufen Sie uns an: 691 234 567. Bestellung 2025-118-334. Uruff op +352 621 000 111 oder 00 33 6 12 34 56 78. Den 12.03.2025 um 14.30.');
  assert.deepEqual(
    found.map((n) => n.normalized),
    ['+352691234567', '+352621000111', '+33612345678'],
  );
  assert.deepEqual(
    findPhoneNumbers('', ['+352 4015 1']).map((n) => n.normalized),
    ['+35240151'],
  );
});

test('a brand’s message with a number that is not the brand’s is reported; its own numbers are not', () => {
  const numbers = findPhoneNumbers('Call us at +352 661 999 888 or on 8002 1234.');
  const reasons = checkPhones(numbers, [bank]);
  assert.deepEqual(
    reasons.map((r) => [r.rule, r.params.phone, r.params.brand]),
    [['unknown_phone_for_brand', '+352 661 999 888', 'Bank']],
  );
});

test('without a claimed brand, or a brand without known numbers, nothing can be judged', () => {
  const numbers = findPhoneNumbers('Call +352 661 999 888.');
  assert.deepEqual(checkPhones(numbers, []), []);
  assert.deepEqual(checkPhones(numbers, [noNumbers]), []);
});
