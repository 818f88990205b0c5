import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateScaleDirectory, type ScaleOptions } from './scale-directory.js';

const now = new Date('2025-03-20T10:00:00Z');

function collect(options: ScaleOptions) {
  const chunks = [...generateScaleDirectory(options)];
  return {
    chunks,
    organizations: chunks.flatMap((c) => c.organizations),
    locations: chunks.flatMap((c) => c.locations),
    offers: chunks.flatMap((c) => c.offers),
    sessions: chunks.flatMap((c) => c.sessions),
  };
}

test('it yields exactly the requested numbers of offers and sessions, in chunks', () => {
  const data = collect({ offers: 2_345, sessions: 7_001, seed: 7, now, chunkSize: 500 });
  assert.equal(data.offers.length, 2_345);
  assert.equal(data.sessions.length, 7_001);
  assert.equal(data.chunks.length, 1 + 5);
  assert.ok(data.chunks[0]!.organizations.length > 0 && data.chunks[0]!.offers.length === 0, 'places come first');
  assert.ok(data.chunks.slice(1).every((c) => c.offers.length <= 500 && c.organizations.length === 0));
  assert.equal(new Set(data.offers.map((o) => o.id)).size, data.offers.length);
  assert.equal(new Set(data.sessions.map((s) => s.id)).size, data.sessions.length);
});

test('every reference points to a record of an earlier or the same chunk', () => {
  const data = collect({ offers: 1_000, sessions: 3_000, seed: 3, now, chunkSize: 250 });
  const organizations = new Set(data.organizations.map((o) => o.id));
  const locations = new Set(data.locations.map((l) => l.id));
  const offers = new Set(data.offers.map((o) => o.id));
  assert.ok(data.locations.every((l) => organizations.has(l.organizationId)));
  assert.ok(data.offers.every((o) => organizations.has(o.organizationId) && o.locationIds.every((id) => locations.has(id))));
  assert.ok(data.sessions.every((s) => offers.has(s.offerId) && (s.locationId === null || locations.has(s.locationId))));
});

test('the same seed gives the same data; another seed other data', () => {
  const options = { offers: 300, sessions: 900, now, chunkSize: 100 };
  assert.deepEqual(collect({ ...options, seed: 1 }), collect({ ...options, seed: 1 }));
  assert.notDeepEqual(collect({ ...options, seed: 1 }).offers, collect({ ...options, seed: 2 }).offers);
});

test('places follow population, and sessions fall between four weeks ago and twelve weeks ahead', () => {
  const data = collect({ offers: 5_000, sessions: 15_000, seed: 5, now });
  const inCity = data.locations.filter((l) => l.communeId === 'luxembourg').length / data.locations.length;
  assert.ok(inCity > 0.08 && inCity < 0.35, `Luxembourg City holds ${(inCity * 100).toFixed(1)}% of places`);
  assert.ok(new Set(data.locations.map((l) => l.communeId)).size >= 60, 'places in most communes');
  const day = 86_400_000;
  for (const session of data.sessions) {
    const t = Date.parse(session.startsAt);
    assert.ok(t >= now.getTime() - 29 * day && t <= now.getTime() + 85 * day, session.startsAt);
  }
  assert.ok(data.offers.every((o) => o.isDemo));
});
