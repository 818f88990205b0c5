import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupedSecret, newTotpSecret, normalizeCode, totpStep, totpUri } from './totp.js';
import { base32Decode, hotp, totpAt } from '../../../test/support/totp.js';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890": the last six digits of each 8-digit value.
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1_111_111_109, '081804'],
  [1_111_111_111, '050471'],
  [1_234_567_890, '005924'],
  [2_000_000_000, '279037'],
  [20_000_000_000, '353130'],
];

test('the test generator reproduces the RFC 6238 vectors', () => {
  assert.equal(base32Decode(RFC_SEED_BASE32).toString('ascii'), '12345678901234567890');
  for (const [seconds, code] of RFC_VECTORS) {
    assert.equal(hotp(base32Decode(RFC_SEED_BASE32), Math.floor(seconds / 30)), code, `T=${seconds}`);
  }
});

test('a code of the RFC vectors is accepted, and names its time step', () => {
  for (const [seconds, code] of RFC_VECTORS) {
    assert.equal(totpStep(RFC_SEED_BASE32, code, new Date(seconds * 1000)), Math.floor(seconds / 30), `T=${seconds}`);
  }
});

test('codes one step off are accepted for clock drift, two steps off are not', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-02T09:00:10.000Z');
  const step = Math.floor(now.getTime() / 30_000);
  assert.equal(totpStep(secret, totpAt(secret, now, -1), now), step - 1);
  assert.equal(totpStep(secret, totpAt(secret, now, 1), now), step + 1);
  assert.equal(totpStep(secret, totpAt(secret, now, 2), now), null);
  assert.equal(totpStep(secret, totpAt(secret, now, -2), now), null);
  assert.equal(totpStep(secret, ` ${totpAt(secret, now).slice(0, 3)} ${totpAt(secret, now).slice(3)} `, now), step, 'spaces are ignored');
  assert.equal(totpStep(secret, 'abcdef', now), null);
  assert.equal(totpStep(secret, '1234567', now), null);
});

test('secrets are 160 bits of base32; the link and the grouping are what code apps expect', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.equal(base32Decode(secret).length, 20);
  assert.notEqual(newTotpSecret(), secret);
  assert.equal(groupedSecret('ABCDEFGHIJKL'), 'ABCD EFGH IJKL');
  const uri = new URL(totpUri(secret, 'Zesummen', 'anna@example.lu'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/Zesummen:anna@example.lu');
  assert.equal(uri.searchParams.get('secret'), secret);
  assert.equal(uri.searchParams.get('issuer'), 'Zesummen');
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
  assert.equal(normalizeCode('123-456'), '123456');
  assert.equal(normalizeCode('12345'), null);
});
