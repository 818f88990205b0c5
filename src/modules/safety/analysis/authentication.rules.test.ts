import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAuthentication, parseAuthenticationResults } from './authentication.rules.js';

test('parses RFC 8601 results with comments, quoted values and versions', () => {
  const results = parseAuthenticationResults(
    'mx.pt.lu 1; spf=pass (sender IP is 192.0.2.1; "quoted") smtp.mailfrom=bounce@news.post.lu; ' +
      'dkim=pass (2048-bit key) header.d=post.lu header.s=s1 header.b="Ab+c/d=="; dmarc/1=pass (p=REJECT) header.from=post.lu; arc=none',
  );
  assert.deepEqual(
    results.map((r) => [r.method, r.result]),
    [
      ['spf', 'pass'],
      ['dkim', 'pass'],
      ['dmarc', 'pass'],
      ['arc', 'none'],
    ],
  );
  assert.equal(results[0]!.properties['smtp.mailfrom'], 'bounce@news.post.lu');
  assert.equal(results[1]!.properties['header.b'], 'Ab+c/d==');
  assert.deepEqual(parseAuthenticationResults('mx.example.lu; none'), []);
});

test('an aligned pass of DMARC, DKIM or SPF counts, and says which', () => {
  const dmarc = checkAuthentication('mx; dmarc=pass header.from=post.lu', 'info@post.lu', true);
  assert.equal(dmarc.outcome, 'passed_aligned');
  assert.equal(dmarc.reasons[0]!.rule, 'authentication_passed_aligned');
  assert.equal(dmarc.reasons[0]!.params.checks, 'DMARC');
  assert.equal(checkAuthentication('mx; dkim=pass header.d=mail.post.lu', 'info@post.lu', true).outcome, 'passed_aligned', 'relaxed alignment: same organisational domain');
  assert.equal(checkAuthentication('mx; dkim=pass header.i=@post.lu', 'info@post.lu', true).outcome, 'passed_aligned');
  assert.equal(checkAuthentication('mx; spf=pass smtp.mailfrom=bounce@news.post.lu', 'info@post.lu', true).outcome, 'passed_aligned');
});

test('a pass for another domain than the From address is no proof', () => {
  const check = checkAuthentication('mx; spf=pass smtp.mailfrom=x@mailer.example.com; dkim=pass header.d=mailer.example.com', 'info@post.lu', true);
  assert.equal(check.outcome, 'unaligned');
  assert.deepEqual(check.reasons, []);
  assert.equal(checkAuthentication('mx; dmarc=pass header.from=evil.example', 'info@post.lu', true).outcome, 'unaligned');
});

test('failures are reported, more strongly for a brand’s own address, less when ARC vouches', () => {
  const forged = checkAuthentication('mx; spf=fail smtp.mailfrom=x@evil.example; dkim=none; dmarc=fail header.from=post.lu', 'info@post.lu', true);
  assert.equal(forged.outcome, 'failed');
  assert.equal(forged.reasons[0]!.rule, 'authentication_failed');
  assert.equal(forged.reasons[0]!.params.checks, 'DMARC, SPF');
  const ordinary = checkAuthentication('mx; dmarc=fail header.from=shop.example', 'info@shop.example', false);
  assert.ok(forged.reasons[0]!.weight > ordinary.reasons[0]!.weight);
  const forwarded = checkAuthentication('mx; dmarc=fail header.from=shop.example; arc=pass', 'info@shop.example', false);
  assert.ok(forwarded.reasons[0]!.weight < ordinary.reasons[0]!.weight);
  assert.equal(checkAuthentication('mx; spf=softfail smtp.mailfrom=a@shop.example', 'a@shop.example', false).outcome, 'failed');
  assert.equal(checkAuthentication('mx; dkim=fail header.d=shop.example', 'a@shop.example', false).outcome, 'failed');
});

test('no header, or nothing checked, is "missing"', () => {
  assert.equal(checkAuthentication(undefined, 'a@shop.example', false).reasons[0]!.rule, 'authentication_missing');
  assert.equal(checkAuthentication('mx; none', 'a@shop.example', false).outcome, 'missing');
  assert.equal(checkAuthentication('mx; spf=none; dkim=none; dmarc=none', 'a@shop.example', false).outcome, 'missing');
});

test('a pass for a free-mail address proves nothing about who writes, so it weighs nothing', () => {
  const check = checkAuthentication('mx; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com', 'someone@gmail.com', false);
  assert.equal(check.outcome, 'passed_aligned');
  assert.equal(check.reasons[0]!.weight, 0);
});
