import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox } from './secret-box.js';

const MASTER = 'a-server-secret-of-at-least-32-characters';

test('a sealed secret opens with the same key and context only', () => {
  const box = createSecretBox(MASTER, 'second-factor');
  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
  assert.match(sealed, /^v1\.[A-Za-z0-9_-]+$/);
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXP', 'user-1'), sealed, 'a fresh nonce every time');
  assert.equal(box.open(sealed, 'user-1'), 'JBSWY3DPEHPK3PXP');
  assert.equal(box.open(sealed, 'user-2'), null, 'moved to another account');
  assert.equal(createSecretBox(MASTER, 'other-purpose').open(sealed, 'user-1'), null, 'another purpose derives another key');
  assert.equal(createSecretBox(`${MASTER}!`, 'second-factor').open(sealed, 'user-1'), null, 'another master secret');
});

test('altered or malformed values do not open', () => {
  const box = createSecretBox(MASTER, 'second-factor');
  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  for (const index of [0, 12, bytes.length - 1]) {
    const altered = Buffer.from(bytes);
    altered[index] = altered[index]! ^ 1;
    assert.equal(box.open(`v1.${altered.toString('base64url')}`, 'user-1'), null, `byte ${index}`);
  }
  assert.equal(box.open('v2.' + sealed.slice(3), 'user-1'), null);
  assert.equal(box.open('v1.', 'user-1'), null);
  assert.equal(box.open('v1.AAAA', 'user-1'), null);
  assert.equal(box.open('garbage', 'user-1'), null);
});
