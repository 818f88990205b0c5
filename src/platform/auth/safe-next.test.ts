import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeNext } from './safe-next.js';

test('only same-site paths are followed; others lead to the person’s own area', () => {
  assert.equal(safeNext('fr', '/fr/mandates/abc?x=1'), '/fr/mandates/abc?x=1');
  assert.equal(safeNext('fr', '/de/provider'), '/de/provider', 'a chosen language stays');
  assert.equal(safeNext('fr', '/mandates/abc'), '/fr/mandates/abc', 'error pages link without the language');
  for (const hostile of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/fr/\r\nSet-Cookie: x=1', '', undefined, 42]) {
    assert.equal(safeNext('fr', hostile), '/fr/provider', String(hostile));
  }
  assert.equal(safeNext('en', undefined, { role: 'person' }), '/en/mandates');
  assert.equal(safeNext('en', undefined, { role: 'provider' }), '/en/provider');
  assert.equal(safeNext('en', undefined, { role: 'moderator' }), '/en/provider');
});
