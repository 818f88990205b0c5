import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  COMMUNES_GEOJSON_PATH,
  cantonName,
  communeName,
  communesForPostalCode,
  communesInCanton,
  distanceKm,
  getCanton,
  getCommune,
  listCantons,
  listCommunes,
  listCommunesByName,
  resolvePlace,
} from './geography.js';

const ids = (list: readonly { id: string }[]): string[] => list.map((c) => c.id).sort();

test('all 100 communes and 12 cantons are there, each commune in its canton', () => {
  assert.equal(listCommunes().length, 100);
  assert.equal(listCantons().length, 12);
  assert.equal(new Set(listCommunes().map((c) => c.id)).size, 100);
  for (const commune of listCommunes()) {
    const canton = getCanton(commune.cantonId);
    assert.ok(canton, `canton of ${commune.id}`);
    assert.ok(canton.communeIds.includes(commune.id));
  }
  assert.equal(listCantons().reduce((sum, c) => sum + c.communeIds.length, 0), 100);
  assert.equal(communesInCanton('vianden').length, 3);
  assert.deepEqual(communesInCanton('nowhere'), []);
});

test('communes are found by id', () => {
  const esch = getCommune('esch-sur-alzette');
  assert.ok(esch);
  assert.equal(esch.name, 'Esch-sur-Alzette');
  assert.equal(esch.cantonId, 'esch-sur-alzette');
  assert.equal(getCommune('atlantis'), undefined);
  assert.equal(getCanton('clervaux')?.iso3166_2, 'LU-CL');
});

test('a postal code can belong to several communes', () => {
  assert.deepEqual(ids(communesForPostalCode('4010')), ['esch-sur-alzette']);
  assert.deepEqual(ids(communesForPostalCode('L-4010')), ['esch-sur-alzette']);
  const shared = listCommunes()
    .flatMap((c) => c.postalCodes)
    .find((code) => communesForPostalCode(code).length > 1);
  assert.ok(shared, 'the data has codes shared by several communes');
  assert.ok(communesForPostalCode(shared).length > 1);
  assert.deepEqual(communesForPostalCode('0000'), []);
  assert.deepEqual(communesForPostalCode('1009'), [], 'special codes with no street are not listed');
  assert.deepEqual(communesForPostalCode('12345'), []);
  assert.deepEqual(communesForPostalCode('abcd'), []);
});

test('names follow the reader: Luxembourgish, German, otherwise the official name', () => {
  const lux = getCommune('luxembourg')!;
  assert.equal(communeName(lux, 'lb'), 'Lëtzebuerg');
  assert.equal(communeName(lux, 'de'), 'Luxemburg');
  assert.equal(communeName(lux, 'fr'), 'Luxembourg');
  assert.equal(communeName(lux, 'en'), 'Luxembourg');
  assert.equal(communeName(lux, 'pt'), 'Luxembourg');
  // Schifflange has no sourced German name: the official one stands in.
  assert.equal(communeName(getCommune('schifflange')!, 'de'), 'Schifflange');
  assert.equal(cantonName(getCanton('capellen')!, 'lb'), 'Kapellen');
  assert.equal(cantonName(getCanton('capellen')!, 'en'), 'Capellen');
});

test('communes can be listed alphabetically in the reader’s names', () => {
  const lb = listCommunesByName('lb').map((c) => communeName(c, 'lb'));
  assert.equal(lb.length, 100);
  assert.deepEqual(lb, [...lb].sort(new Intl.Collator('lb').compare));
  assert.equal(listCommunesByName('fr')[0]?.name, 'Beaufort');
});

test('haversine distance in kilometres', () => {
  const luxembourg = { lat: 49.6116, lon: 6.1319 };
  const esch = { lat: 49.4958, lon: 5.9806 };
  assert.ok(Math.abs(distanceKm(luxembourg, esch) - 16.9) < 0.5);
  assert.equal(distanceKm(esch, esch), 0);
  assert.ok(Math.abs(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 }) - 20015) < 2);
  assert.equal(distanceKm(luxembourg, esch), distanceKm(esch, luxembourg));
});

test('a place is resolved from a commune id, any of its names, accent- and case-insensitively', () => {
  for (const query of ['luxembourg', 'Luxembourg', 'Lëtzebuerg', 'LETZEBUERG', 'luxemburg', '  Luxemburg  ']) {
    const found = resolvePlace(query);
    assert.ok(found, query);
    assert.equal(found.matchedBy, 'commune');
    assert.deepEqual(ids(found.communes), ['luxembourg']);
    assert.deepEqual(found.point, getCommune('luxembourg')!.labelPoint);
  }
  assert.deepEqual(ids(resolvePlace('Esch-Uelzecht')!.communes), ['esch-sur-alzette']);
  assert.deepEqual(ids(resolvePlace('esch sur alzette')!.communes), ['esch-sur-alzette']);
  assert.deepEqual(ids(resolvePlace("Vallée de l'Ernz")!.communes), ['vallee-de-l-ernz']);
  assert.deepEqual(ids(resolvePlace('redange/attert')!.communes), ['redange-attert']);
});

test('a locality resolves to its commune; commune names win over localities', () => {
  const belvaux = resolvePlace('belvaux');
  assert.equal(belvaux?.matchedBy, 'locality');
  assert.deepEqual(ids(belvaux!.communes), ['sanem']);
  assert.deepEqual(belvaux!.point, getCommune('sanem')!.labelPoint);
  // "Fischbach" is a commune and also a village in Clervaux.
  assert.deepEqual(ids(resolvePlace('Fischbach')!.communes), ['fischbach']);
  // "Hostert" is a village in two communes: both are returned.
  const hostert = resolvePlace('hostert');
  assert.equal(hostert?.matchedBy, 'locality');
  assert.ok(hostert!.communes.length >= 2);
});

test('a postal code resolves to the mean point of its communes', () => {
  const one = resolvePlace('4010');
  assert.equal(one?.matchedBy, 'postal_code');
  assert.deepEqual(one!.point, getCommune('esch-sur-alzette')!.labelPoint);
  const code = listCommunes()
    .flatMap((c) => c.postalCodes)
    .find((c) => communesForPostalCode(c).length === 2)!;
  const [a, b] = communesForPostalCode(code);
  const two = resolvePlace(code)!;
  assert.equal(two.communes.length, 2);
  assert.ok(Math.abs(two.point.lat - (a!.labelPoint.lat + b!.labelPoint.lat) / 2) < 1e-9);
  assert.ok(Math.abs(two.point.lon - (a!.labelPoint.lon + b!.labelPoint.lon) / 2) < 1e-9);
});

test('unknown places resolve to null', () => {
  assert.equal(resolvePlace(''), null);
  assert.equal(resolvePlace('   '), null);
  assert.equal(resolvePlace('Atlantis'), null);
  assert.equal(resolvePlace('1009'), null);
  assert.equal(resolvePlace('--'), null);
});

test('the commune polygons ship with the product', () => {
  assert.ok(existsSync(COMMUNES_GEOJSON_PATH));
  const geojson = JSON.parse(readFileSync(COMMUNES_GEOJSON_PATH, 'utf8')) as { features: { properties: { id: string } }[] };
  assert.deepEqual(geojson.features.map((f) => f.properties.id).sort(), ids(listCommunes()));
});
