import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReportedUrl } from './stopline.url.js';
import { groupTrackingCode, hashTrackingCode, newTrackingCode, normalizeTrackingCode } from './stopline.code.js';

const normalized = (input: string) => {
  const parsed = parseReportedUrl(input);
  assert.ok(parsed.ok, `${input} should be accepted`);
  return parsed.value.normalized;
};

test('web addresses are taken as people paste them, only http and https with a real host', () => {
  assert.deepEqual(parseReportedUrl('  www.Example.COM/Page?a=1  '), {
    ok: true,
    value: { url: 'https://www.example.com/Page?a=1', normalized: 'example.com/Page?a=1', host: 'www.example.com' },
  });
  assert.equal(normalized('http://127.0.0.1:8080/x'), '127.0.0.1:8080/x');
  assert.equal(normalized('example.lu:8443/shop'), 'example.lu:8443/shop', 'a port is not a scheme');
  const idn = parseReportedUrl('https://bücher.example/');
  assert.ok(idn.ok);
  assert.equal(idn.value.host, 'xn--bcher-kva.example', 'lookalike letters show in punycode');
  for (const input of ['mailto:someone@example.lu', 'javascript:alert(1)', 'ftp://files.example.com/x', 'file:///etc/passwd', 'data:text/html,hi']) {
    assert.deepEqual(parseReportedUrl(input), { ok: false, error: 'not_web' }, input);
  }
  for (const input of ['http://', 'https://news', 'just some words', 'http://exa mple.com', 'https://[::1', '']) {
    assert.deepEqual(parseReportedUrl(input), { ok: false, error: 'invalid' }, input);
  }
});

test('the same page typed in different ways has one normalized address, a different page another', () => {
  const page = 'example.com/gallery/42?id=7&sort=new';
  for (const variant of [
    'https://www.example.com/gallery/42?sort=new&id=7',
    'http://EXAMPLE.com:80/gallery/42/?id=7&sort=new#top',
    'https://user:secret@example.com:443/gallery/42?utm_source=mail&id=7&fbclid=abc&sort=new',
    'example.com./gallery/42?id=7&sort=new',
  ]) {
    assert.equal(normalized(variant), page, variant);
  }
  assert.notEqual(normalized('https://example.com/Gallery/42?id=7&sort=new'), page, 'paths keep their case');
  assert.notEqual(normalized('https://example.com/gallery/42?id=8&sort=new'), page);
  assert.notEqual(normalized('https://other.example.com/gallery/42?id=7&sort=new'), page);
  assert.equal(normalized('https://example.com/'), 'example.com');
});

test('tracking codes are 16 random digits, shown in four groups, read back however they are typed, stored only as a hash', () => {
  const codes = new Set(Array.from({ length: 200 }, () => newTrackingCode()));
  assert.equal(codes.size, 200);
  for (const code of codes) assert.match(code, /^\d{16}$/);
  // Every digit turns up in every position: nothing is fixed or biased to one value.
  for (let position = 0; position < 16; position += 1) {
    assert.ok(new Set([...codes].map((c) => c[position])).size >= 8, `position ${position}`);
  }
  assert.equal(groupTrackingCode('1234567890123456'), '1234 5678 9012 3456');
  for (const typed of ['1234 5678 9012 3456', '1234-5678-9012-3456', ' 1234567890123456 ', '1234.5678.9O12.3456', 'l234 5678 9012 3456']) {
    assert.equal(normalizeTrackingCode(typed), '1234567890123456', typed);
  }
  for (const typed of ['1234 5678 9012 345', '1234 5678 9012 34567', 'ABCD-EFGH-JKMN-PQRS', '']) {
    assert.equal(normalizeTrackingCode(typed), null, typed);
  }
  assert.match(hashTrackingCode('1234567890123456'), /^[0-9a-f]{64}$/);
  assert.notEqual(hashTrackingCode('1234567890123456'), hashTrackingCode('1234567890123457'));
});
