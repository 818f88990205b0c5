import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Reason } from './analysis.types.js';
import { BE_CAREFUL_FROM, mergeReasons, totalScore, verdictFor, VERY_LIKELY_SCAM_FROM } from './scoring.js';

test('the verdict follows the documented thresholds', () => {
  assert.equal(verdictFor(BE_CAREFUL_FROM - 1), 'likely_safe');
  assert.equal(verdictFor(BE_CAREFUL_FROM), 'be_careful');
  assert.equal(verdictFor(VERY_LIKELY_SCAM_FROM - 1), 'be_careful');
  assert.equal(verdictFor(VERY_LIKELY_SCAM_FROM), 'very_likely_scam');
  assert.equal(verdictFor(-5), 'likely_safe');
});

test('one reason per rule: the strongest weight, up to three values listed', () => {
  const reasons: Reason[] = [
    { rule: 'plain_http_link', weight: 1, params: { domain: 'a.example' } },
    { rule: 'plain_http_link', weight: 1, params: { domain: 'b.example' } },
    { rule: 'plain_http_link', weight: 1, params: { domain: 'a.example' } },
    { rule: 'plain_http_link', weight: 1, params: { domain: 'c.example' } },
    { rule: 'plain_http_link', weight: 1, params: { domain: 'd.example' } },
    { rule: 'lookalike_domain', weight: 2, params: { domain: 'luxtrust.net', brand: 'LuxTrust' } },
    { rule: 'lookalike_domain', weight: 4, params: { domain: 'luxtrust-login.com', brand: 'LuxTrust' } },
    { rule: 'official_domain', weight: -4, params: { domain: 'post.lu', brand: 'POST' } },
  ];
  const merged = mergeReasons(reasons);
  assert.deepEqual(merged, [
    { rule: 'lookalike_domain', weight: 4, params: { domain: 'luxtrust.net, luxtrust-login.com', brand: 'LuxTrust' } },
    { rule: 'plain_http_link', weight: 1, params: { domain: 'a.example, b.example, c.example' } },
    { rule: 'official_domain', weight: -4, params: { domain: 'post.lu', brand: 'POST' } },
  ]);
  assert.equal(totalScore(merged), 1);
});
