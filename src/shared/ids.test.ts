import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSecret, newId, newSecret } from './ids.js';

test('ids made in a burst sort in the order they were made', () => {
  const ids = Array.from({ length: 2000 }, () => newId());
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.match(ids[0] as string, /^[0-9a-z]{13}[A-Za-z0-9_-]{11}$/);
});

test('secrets are long and random, and only their hash is kept', () => {
  const secret = newSecret();
  assert.ok(secret.length >= 32);
  assert.notEqual(newSecret(), secret);
  assert.equal(hashSecret(secret), hashSecret(secret));
  assert.notEqual(hashSecret(secret), secret);
});
