import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../platform/i18n/locales.js';
import {
  ACCESSIBILITY,
  AUDIENCES,
  COSTS,
  LANGUAGES,
  listCommunes,
  MODES,
  OFFER_TYPES,
  TRANSLATION_SOURCES,
  validateOpeningHours,
} from '../directory/index.js';
import { generateDemoDirectory } from './demo-directory.js';

const now = new Date('2025-03-20T10:00:00Z');
const demo = generateDemoDirectory({ now });
const DAY = 86_400_000;

test('the same seed and date give the same directory, another seed a different one', () => {
  assert.deepEqual(generateDemoDirectory({ now }), demo);
  const other = generateDemoDirectory({ now, seed: 'another' });
  assert.notDeepEqual(other.offers.map((o) => o.languages), demo.offers.map((o) => o.languages));
});

test('it has the size the demo promises, with places in many communes', () => {
  assert.ok(demo.organizations.length >= 35 && demo.organizations.length <= 45, `${demo.organizations.length} organisations`);
  assert.ok(demo.locations.length >= 110 && demo.locations.length <= 140, `${demo.locations.length} places`);
  assert.ok(demo.offers.length >= 230 && demo.offers.length <= 270, `${demo.offers.length} offers`);
  const communes = new Set(demo.locations.map((l) => l.communeId).filter((id) => id !== null));
  assert.ok(communes.size >= 50, `${communes.size} communes`);
});

test('everything invented is marked as demo and named so', () => {
  assert.ok(demo.organizations.every((o) => o.isDemo && o.name.endsWith('(Demo)')));
  assert.ok(demo.offers.every((o) => o.isDemo));
  assert.ok(demo.locations.every((l) => l.name.endsWith('(Demo)')));
  for (const offer of demo.offers) {
    for (const version of offer.description) assert.match(version.value, /demo|fictíci|fictive|erfonnt|erfunden|Beispiel|exemple/i);
  }
});

test('every code of every list is used by at least one offer', () => {
  const used = (pick: (o: (typeof demo.offers)[number]) => readonly string[]) => new Set(demo.offers.flatMap(pick));
  for (const code of OFFER_TYPES) assert.ok(used((o) => o.offerTypes).has(code), code);
  for (const code of AUDIENCES) assert.ok(used((o) => o.audiences).has(code), code);
  for (const code of ACCESSIBILITY) assert.ok(used((o) => o.accessibility).has(code), code);
  for (const code of MODES) assert.ok(used((o) => o.modes).has(code), code);
  for (const code of LANGUAGES) assert.ok(used((o) => o.languages).has(code), code);
  for (const code of COSTS) assert.ok(used((o) => [o.cost]).has(code), code);
  for (const source of TRANSLATION_SOURCES) assert.ok(used((o) => o.name.map((t) => t.source)).has(source), source);
});

test('texts exist in the default language, in other UI languages, and in Easy Language for easy-language offers', () => {
  for (const offer of demo.offers) {
    const own = offer.name.find((t) => t.locale === offer.defaultLocale);
    assert.equal(own?.source, 'author', offer.id);
    assert.equal(offer.description.some((t) => t.locale.endsWith('-easy')), offer.accessibility.includes('easy_language'), offer.id);
  }
  for (const locale of LOCALES) assert.ok(demo.offers.some((o) => o.defaultLocale === locale), locale);
  assert.ok(demo.offers.some((o) => o.name.length === LOCALES.length), 'some offers are in all five languages');
  assert.ok(demo.offers.some((o) => o.name.length === 1), 'some offers are in one language only');
});

test('opening hours are valid OSM syntax', () => {
  const hours = [...demo.offers.map((o) => o.openingHours), ...demo.locations.map((l) => l.openingHours)];
  for (const text of hours) if (text !== null) assert.ok(validateOpeningHours(text).ok, text);
  assert.ok(hours.some((h) => h !== null));
});

test('places sit near the label point of their commune', () => {
  const communes = new Map(listCommunes().map((c) => [c.id, c]));
  for (const place of demo.locations) {
    if (place.locationType === 'virtual') continue;
    const commune = communes.get(place.communeId ?? '');
    assert.ok(commune, place.id);
    assert.ok(commune.postalCodes.includes(place.postalCode ?? commune.postalCodes[0]!), place.id);
    // 0.005° is about 550 m north–south and 360 m east–west at Luxembourg's latitude.
    assert.ok(Math.abs(place.latitude! - commune.labelPoint.lat) <= 0.005, place.id);
    assert.ok(Math.abs(place.longitude! - commune.labelPoint.lon) <= 0.005, place.id);
  }
});

test('sessions run over the next eight weeks, a few in the past, each with a capacity', () => {
  const starts = demo.sessions.map((s) => Date.parse(s.startsAt));
  assert.ok(demo.sessions.length >= 200, `${demo.sessions.length} sessions`);
  assert.ok(starts.some((t) => t < now.getTime()), 'some sessions are past');
  assert.ok(starts.filter((t) => t >= now.getTime()).length > starts.filter((t) => t < now.getTime()).length * 3);
  assert.ok(starts.every((t) => t <= now.getTime() + 56 * DAY && t >= now.getTime() - 21 * DAY));
  assert.ok(demo.sessions.every((s) => s.capacity > 0 && Date.parse(s.endsAt) > Date.parse(s.startsAt)));
  const offerIds = new Set(demo.offers.map((o) => o.id));
  assert.ok(demo.sessions.every((s) => offerIds.has(s.offerId)));
});

test('some offers were last checked more than six months ago', () => {
  const stale = demo.offers.filter((o) => Date.parse(o.checkedAt) < now.getTime() - 183 * DAY);
  assert.ok(stale.length >= 10 && stale.length <= 60, `${stale.length} stale offers`);
});

test('sessions start at the planned Luxembourg time in summer and in winter', () => {
  const summer = generateDemoDirectory({ now: new Date('2025-07-01T10:00:00Z') });
  const localHours = (sessions: typeof demo.sessions) =>
    new Set(
      sessions.map((s) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', hour: '2-digit', minute: '2-digit' }).format(
          new Date(s.startsAt),
        ),
      ),
    );
  for (const set of [localHours(demo.sessions), localHours(summer.sessions)]) {
    assert.deepEqual([...set].sort(), ['09:00', '09:30', '14:00', '14:30', '18:00', '18:30']);
  }
});
