import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearchIndex, type IndexedOffer, type IndexedPoint, type SearchQuery, type SearchIndex } from './search-index.js';
import { distanceKm, getCommune } from './geography/geography.js';

function at(communeId: string): IndexedPoint {
  const commune = getCommune(communeId)!;
  return { ...commune.labelPoint, communeId, cantonId: commune.cantonId };
}

function offer(id: string, overrides: Partial<IndexedOffer> = {}): IndexedOffer {
  return {
    id,
    organizationId: 'org-1',
    organizationName: 'Digital Inclusion asbl',
    defaultLocale: 'fr',
    names: [{ locale: 'fr', value: `Offre ${id}` }],
    descriptions: [],
    offerTypes: ['helpdesk'],
    audiences: ['everyone'],
    languages: ['fr'],
    accessibility: [],
    cost: 'free',
    modes: ['in_person'],
    openingHours: null,
    points: [at('luxembourg')],
    sessionStarts: [],
    checkedAt: '2025-01-01T00:00:00.000Z',
    visible: true,
    ...overrides,
  };
}

function indexOf(...offers: IndexedOffer[]): SearchIndex {
  const index = createSearchIndex();
  for (const o of offers) index.upsert(o);
  return index;
}

const ids = (index: SearchIndex, query: SearchQuery): string[] => index.search({ limit: 1000, ...query }).hits.map((h) => h.id);
const sortedIds = (index: SearchIndex, query: SearchQuery): string[] => ids(index, query).sort();

test('an empty index finds nothing', () => {
  const result = createSearchIndex().search({ text: 'smartphone' });
  assert.deepEqual(result, {
    total: 0,
    hits: [],
    facets: { offerTypes: {}, audiences: {}, languages: {}, costs: {}, modes: {}, cantons: {} },
  });
});

test('text matches word prefixes, ignoring accents and case, and every word must match', () => {
  const index = indexOf(
    offer('a', { names: [{ locale: 'fr', value: 'Démarches en ligne' }] }),
    offer('b', { names: [{ locale: 'de', value: 'Smartphone-Kurs für Senioren' }] }),
    offer('c', { names: [{ locale: 'fr', value: 'Café numérique' }], descriptions: [{ locale: 'fr', value: 'Aide aux démarches et au smartphone' }] }),
  );
  assert.deepEqual(sortedIds(index, { text: 'DEMARCHES' }), ['a', 'c']);
  assert.deepEqual(sortedIds(index, { text: 'démar' }), ['a', 'c']);
  assert.deepEqual(sortedIds(index, { text: 'smart demarch' }), ['c']);
  assert.deepEqual(sortedIds(index, { text: 'kurs' }), ['b']);
  assert.deepEqual(sortedIds(index, { text: 'arches' }), [], 'only word starts match');
  assert.deepEqual(sortedIds(index, { text: 'smartphone zumba' }), []);
  assert.deepEqual(sortedIds(index, { text: '  ' }), ['a', 'b', 'c'], 'blank text is no filter');
  assert.deepEqual(sortedIds(index, { text: '!!' }), ['a', 'b', 'c']);
});

test('text searches every language version, descriptions and the organization name', () => {
  const index = indexOf(
    offer('a', {
      names: [
        { locale: 'fr', value: 'Atelier tablette' },
        { locale: 'lb', value: 'Tablet-Atelier' },
        { locale: 'de-easy', value: 'Lernen mit dem Tablet' },
      ],
      descriptions: [{ locale: 'pt', value: 'Aprender a usar o tablet' }],
    }),
    offer('b', { organizationName: 'Croix-Rouge luxembourgeoise' }),
  );
  assert.deepEqual(ids(index, { text: 'lernen' }), ['a']);
  assert.deepEqual(ids(index, { text: 'aprender' }), ['a']);
  assert.deepEqual(ids(index, { text: 'croix rouge' }), ['b']);
});

test('relevance: exact title words, then title prefixes, then descriptions', () => {
  const index = indexOf(
    offer('description', { names: [{ locale: 'en', value: 'Digital café' }], descriptions: [{ locale: 'en', value: 'We help with banking apps' }] }),
    offer('prefix', { names: [{ locale: 'en', value: 'Online bankingservice' }] }),
    offer('exact', { names: [{ locale: 'en', value: 'Banking made easy' }] }),
  );
  assert.deepEqual(ids(index, { text: 'banking' }), ['exact', 'prefix', 'description']);
});

test('without text, relevance puts recently checked offers first', () => {
  const index = indexOf(
    offer('old', { checkedAt: '2024-01-01T00:00:00Z' }),
    offer('new', { checkedAt: '2025-06-01T00:00:00Z' }),
    offer('mid', { checkedAt: '2025-01-01T00:00:00Z' }),
  );
  assert.deepEqual(ids(index, {}), ['new', 'mid', 'old']);
});

test('list filters: any chosen value matches within a list, all lists must match', () => {
  const index = indexOf(
    offer('a', { offerTypes: ['course', 'smartphone_tablet'], audiences: ['seniors'], languages: ['lb', 'de'], cost: 'free', modes: ['in_person'] }),
    offer('b', { offerTypes: ['helpdesk'], audiences: ['migrants_refugees'], languages: ['ar', 'fr'], cost: 'free_conditions', modes: ['remote'] }),
    offer('c', { offerTypes: ['course', 'coding'], audiences: ['young_people'], languages: ['en'], cost: 'paid', modes: ['in_person', 'at_home'] }),
  );
  assert.deepEqual(sortedIds(index, { offerTypes: ['course'] }), ['a', 'c']);
  assert.deepEqual(sortedIds(index, { offerTypes: ['coding', 'helpdesk'] }), ['b', 'c']);
  assert.deepEqual(sortedIds(index, { audiences: ['seniors', 'young_people'] }), ['a', 'c']);
  assert.deepEqual(sortedIds(index, { languages: ['fr', 'en'] }), ['b', 'c']);
  assert.deepEqual(sortedIds(index, { costs: ['free', 'free_conditions'] }), ['a', 'b']);
  assert.deepEqual(sortedIds(index, { modes: ['at_home'] }), ['c']);
  assert.deepEqual(sortedIds(index, { offerTypes: ['course'], languages: ['lb'] }), ['a']);
  assert.deepEqual(sortedIds(index, { offerTypes: ['course'], costs: ['free_conditions'] }), []);
  assert.deepEqual(sortedIds(index, { offerTypes: ['unknown_type'] }), []);
  assert.deepEqual(sortedIds(index, { offerTypes: [] }), ['a', 'b', 'c'], 'an empty list is no filter');
});

test('accessibility: every chosen feature is required', () => {
  const index = indexOf(
    offer('a', { accessibility: ['wheelchair', 'hearing_loop'] }),
    offer('b', { accessibility: ['wheelchair'] }),
    offer('c', { accessibility: [] }),
  );
  assert.deepEqual(sortedIds(index, { accessibility: ['wheelchair'] }), ['a', 'b']);
  assert.deepEqual(sortedIds(index, { accessibility: ['wheelchair', 'hearing_loop'] }), ['a']);
  assert.deepEqual(sortedIds(index, { accessibility: ['sign_language'] }), []);
});

test('commune and canton filters match any of the offer’s locations', () => {
  const index = indexOf(
    offer('city', { points: [at('luxembourg')] }),
    offer('esch', { points: [at('esch-sur-alzette')] }),
    offer('both', { points: [at('dudelange'), at('clervaux')] }),
    offer('online', { points: [], modes: ['remote'] }),
  );
  assert.deepEqual(sortedIds(index, { communeId: 'esch-sur-alzette' }), ['esch']);
  assert.deepEqual(sortedIds(index, { cantonId: 'esch-sur-alzette' }), ['both', 'esch']);
  assert.deepEqual(sortedIds(index, { cantonId: 'clervaux' }), ['both']);
  assert.deepEqual(sortedIds(index, { communeId: 'nowhere' }), []);
});

test('near a point: radius filter, distances and sorting by distance', () => {
  const index = indexOf(
    offer('city', { points: [at('luxembourg')] }),
    offer('strassen', { points: [at('strassen')] }),
    offer('esch', { points: [at('esch-sur-alzette')] }),
    offer('north', { points: [at('clervaux'), at('wiltz')] }),
    offer('online', { points: [], modes: ['remote'] }),
  );
  const city = getCommune('luxembourg')!.labelPoint;
  const result = index.search({ near: city, sort: 'distance' });
  assert.deepEqual(
    result.hits.map((h) => h.id),
    ['city', 'strassen', 'esch', 'north', 'online'],
  );
  assert.equal(result.hits[0]?.distanceKm, 0);
  assert.ok(result.hits[2]!.distanceKm! > 10 && result.hits[2]!.distanceKm! < 25);
  assert.equal(result.hits[4]?.distanceKm, null, 'no location, no distance');
  // The nearest of several locations counts.
  const wiltz = getCommune('wiltz')!.labelPoint;
  assert.deepEqual(ids(index, { near: wiltz, sort: 'distance' })[0], 'north');
  assert.equal(index.search({ near: wiltz, sort: 'distance' }).hits[0]?.distanceKm, 0);
  // Within a radius; offers without a location are left out.
  assert.deepEqual(sortedIds(index, { near: city, radiusKm: 8 }), ['city', 'strassen']);
  assert.deepEqual(sortedIds(index, { near: city, radiusKm: 0 }), ['city']);
  assert.deepEqual(sortedIds(index, { near: city, radiusKm: 500 }), ['city', 'esch', 'north', 'strassen']);
  // Without near, sorting by distance falls back to relevance and gives no distances.
  assert.ok(index.search({ sort: 'distance' }).hits.every((h) => h.distanceKm === null));
});

test('the radius edge is exact, not approximate', () => {
  const city = getCommune('luxembourg')!.labelPoint;
  const esch = getCommune('esch-sur-alzette')!;
  const index = indexOf(offer('esch', { points: [at('esch-sur-alzette')] }));
  const exact = index.search({ near: city, sort: 'distance' }).hits[0]!.distanceKm!;
  assert.ok(exact > 0);
  assert.deepEqual(ids(index, { near: city, radiusKm: exact + 0.001 }), ['esch']);
  assert.deepEqual(ids(index, { near: city, radiusKm: exact - 0.001 }), []);
  assert.equal(esch.id, 'esch-sur-alzette');
});

test('open now follows the opening hours at the given time', () => {
  const index = indexOf(
    offer('office', { openingHours: 'Mo-Fr 09:00-12:00,14:00-17:00' }),
    offer('evenings', { openingHours: 'Tu,Th 18:00-21:00; PH off' }),
    offer('always', { openingHours: '24/7' }),
    offer('unknown', { openingHours: null }),
    offer('broken', { openingHours: 'whenever' }),
  );
  // Tuesday 16 December 2025, 10:00 in Luxembourg.
  assert.deepEqual(sortedIds(index, { openNow: true, now: new Date('2025-12-16T09:00:00Z') }), ['always', 'office']);
  // Same day, 19:00.
  assert.deepEqual(sortedIds(index, { openNow: true, now: new Date('2025-12-16T18:00:00Z') }), ['always', 'evenings']);
  // Christmas Day is a Thursday and a public holiday.
  assert.deepEqual(sortedIds(index, { openNow: true, now: new Date('2025-12-25T18:00:00Z') }), ['always']);
  // Asking again at an earlier time gives the earlier answer (the cache is per instant range).
  assert.deepEqual(sortedIds(index, { openNow: true, now: new Date('2025-12-16T09:00:00Z') }), ['always', 'office']);
  assert.equal(index.search({ now: new Date('2025-12-16T18:00:00Z') }).total, 5, 'openNow off: no filter');
});

test('sessions: a session must start in the window; sort by next session', () => {
  const now = new Date('2025-03-01T12:00:00Z');
  const index = indexOf(
    offer('march', { sessionStarts: ['2025-03-10T09:00:00Z', '2025-04-20T09:00:00Z'] }),
    offer('april', { sessionStarts: ['2025-04-02T09:00:00Z'] }),
    offer('past', { sessionStarts: ['2025-02-01T09:00:00Z'] }),
    offer('none'),
  );
  assert.deepEqual(sortedIds(index, { now, sessionTo: new Date('2025-12-31T00:00:00Z') }), ['april', 'march'], 'past sessions do not count');
  assert.deepEqual(sortedIds(index, { now, sessionFrom: new Date('2025-04-01T00:00:00Z'), sessionTo: new Date('2025-04-15T00:00:00Z') }), ['april']);
  assert.deepEqual(sortedIds(index, { now, sessionFrom: new Date('2025-04-15T00:00:00Z') }), ['march']);
  assert.deepEqual(sortedIds(index, { now, sessionFrom: new Date('2025-01-01T00:00:00Z'), sessionTo: new Date('2025-02-15T00:00:00Z') }), ['past']);
  const order = ids(index, { now, sort: 'next_session' });
  assert.deepEqual(order.slice(0, 2), ['march', 'april']);
  assert.deepEqual(order.slice(2).sort(), ['none', 'past'], 'offers without an upcoming session come last');
  assert.deepEqual(ids(index, { now, sort: 'next_session', sessionFrom: new Date('2025-03-15T00:00:00Z') }), ['april', 'march']);
});

test('sort by name in the reader’s language, falling back to the offer’s own language', () => {
  const index = indexOf(
    offer('a', { defaultLocale: 'fr', names: [{ locale: 'fr', value: 'Zèbre numérique' }, { locale: 'lb', value: 'Aarbecht online' }] }),
    offer('b', { defaultLocale: 'fr', names: [{ locale: 'fr', value: 'Élan digital' }] }),
    offer('c', { defaultLocale: 'de', names: [{ locale: 'de', value: 'Mittagstreff' }, { locale: 'fr', value: 'Bistro' }] }),
  );
  assert.deepEqual(ids(index, { sort: 'name', locale: 'fr' }), ['c', 'b', 'a']);
  assert.deepEqual(ids(index, { sort: 'name', locale: 'lb' }), ['a', 'b', 'c']);
  assert.deepEqual(ids(index, { sort: 'name', locale: 'en' }), ['b', 'c', 'a']);
});

test('paging: offset and limit over a stable order, with the full total', () => {
  const offers = Array.from({ length: 45 }, (_, i) => offer(`o${String(i).padStart(2, '0')}`, { names: [{ locale: 'fr', value: `Offre ${String(i).padStart(2, '0')}` }] }));
  const index = indexOf(...offers);
  const first = index.search({ sort: 'name', locale: 'fr' });
  assert.equal(first.total, 45);
  assert.equal(first.hits.length, 20, 'default page size');
  const all = [0, 20, 40].flatMap((offset) => index.search({ sort: 'name', locale: 'fr', offset, limit: 20 }).hits.map((h) => h.id));
  assert.deepEqual(all, offers.map((o) => o.id));
  assert.deepEqual(index.search({ sort: 'name', offset: 100 }).hits, []);
  const counted = index.search({ limit: 0 });
  assert.equal(counted.total, 45);
  assert.deepEqual(counted.hits, []);
  assert.equal(index.search({ limit: Number.NaN }).hits.length, 20);
  assert.equal(index.search({ offset: -5, limit: 3 }).hits.length, 3);
  assert.equal(index.search({ sort: 'name', limit: 1e12 }).hits.length, 45, 'a huge limit is only as big as the result');
});

test('facets count matches per value, each list counted as if its own choice were cleared', () => {
  const index = indexOf(
    offer('a', { offerTypes: ['course'], languages: ['lb', 'fr'], cost: 'free', points: [at('luxembourg')] }),
    offer('b', { offerTypes: ['course', 'coding'], languages: ['en'], cost: 'paid', points: [at('esch-sur-alzette')] }),
    offer('c', { offerTypes: ['helpdesk'], languages: ['fr'], cost: 'free', points: [at('esch-sur-alzette'), at('luxembourg')] }),
    offer('d', { offerTypes: ['helpdesk'], languages: ['pt'], cost: 'free', points: [], modes: ['remote'] }),
  );
  const all = index.search({});
  assert.deepEqual(all.facets.offerTypes, { course: 2, coding: 1, helpdesk: 2 });
  assert.deepEqual(all.facets.languages, { lb: 1, fr: 2, en: 1, pt: 1 });
  assert.deepEqual(all.facets.costs, { free: 3, paid: 1 });
  assert.deepEqual(all.facets.modes, { in_person: 3, remote: 1 });
  assert.deepEqual(all.facets.cantons, { luxembourg: 2, 'esch-sur-alzette': 2 });
  assert.deepEqual(all.facets.audiences, { everyone: 4 });

  const courses = index.search({ offerTypes: ['course'] });
  assert.equal(courses.total, 2);
  assert.deepEqual(courses.facets.offerTypes, { course: 2, coding: 1, helpdesk: 2 }, 'own list ignores its own choice');
  assert.deepEqual(courses.facets.languages, { lb: 1, fr: 1, en: 1 }, 'other lists count within the courses');
  assert.deepEqual(courses.facets.costs, { free: 1, paid: 1 });

  const frenchCourses = index.search({ offerTypes: ['course'], languages: ['fr'] });
  assert.deepEqual(frenchCourses.facets.offerTypes, { course: 1, helpdesk: 1 });
  assert.deepEqual(frenchCourses.facets.languages, { lb: 1, fr: 1, en: 1 });

  const inEsch = index.search({ cantonId: 'esch-sur-alzette', text: 'offre' });
  assert.equal(inEsch.total, 2);
  assert.deepEqual(inEsch.facets.cantons, { luxembourg: 2, 'esch-sur-alzette': 2 });
  assert.deepEqual(inEsch.facets.offerTypes, { course: 1, coding: 1, helpdesk: 1 });
});

test('updates replace what an offer is found by; hidden and removed offers disappear', () => {
  const index = indexOf(
    offer('a', { names: [{ locale: 'fr', value: 'Atelier smartphone' }], offerTypes: ['course'] }),
    offer('b', { names: [{ locale: 'fr', value: 'Permanence' }] }),
  );
  assert.equal(index.size, 2);
  index.upsert(offer('a', { names: [{ locale: 'fr', value: 'Atelier ordinateur' }], offerTypes: ['computer_basics'] }));
  assert.equal(index.size, 2);
  assert.deepEqual(ids(index, { text: 'smartphone' }), []);
  assert.deepEqual(ids(index, { text: 'ordinateur' }), ['a']);
  assert.deepEqual(ids(index, { offerTypes: ['course'] }), []);
  assert.deepEqual(ids(index, { offerTypes: ['computer_basics'] }), ['a']);
  assert.deepEqual(index.search({}).facets.offerTypes, { computer_basics: 1, helpdesk: 1 });

  index.upsert(offer('b', { names: [{ locale: 'fr', value: 'Permanence' }], visible: false }));
  assert.equal(index.size, 1);
  assert.deepEqual(ids(index, { text: 'permanence' }), []);
  index.upsert(offer('b', { names: [{ locale: 'fr', value: 'Permanence' }] }));
  assert.deepEqual(ids(index, { text: 'permanence' }), ['b']);

  index.remove('a');
  index.remove('a');
  index.remove('never-there');
  assert.equal(index.size, 1);
  assert.deepEqual(ids(index, { text: 'atelier' }), []);
  assert.equal(index.search({}).total, 1);
});

test('many removals and re-additions leave no ghosts when slots are reused', () => {
  const index = createSearchIndex();
  for (let i = 0; i < 3000; i += 1) index.upsert(offer(`x${i}`, { names: [{ locale: 'en', value: `ghost number${i}` }], languages: ['en'] }));
  for (let i = 0; i < 2500; i += 1) index.remove(`x${i}`);
  for (let i = 0; i < 2500; i += 1) index.upsert(offer(`y${i}`, { names: [{ locale: 'en', value: `living being${i}` }], languages: ['de'] }));
  assert.equal(index.size, 3000);
  assert.equal(index.search({ text: 'ghost' }).total, 500);
  assert.equal(index.search({ text: 'living' }).total, 2500);
  assert.equal(index.search({ text: 'ghost living' }).total, 0);
  assert.deepEqual(index.search({}).facets.languages, { en: 500, de: 2500 });
  assert.deepEqual(ids(index, { text: 'number2999' }), ['x2999']);
  assert.deepEqual(ids(index, { text: 'number0' }), []);
  assert.deepEqual(ids(index, { text: 'being0' }), ['y0']);
  const city = getCommune('luxembourg')!.labelPoint;
  assert.equal(index.search({ near: city, radiusKm: 1 }).total, 3000);
  assert.equal(index.search({ near: city, radiusKm: 1, languages: ['en'] }).total, 500);
});

test('a repeated query sees changes made in between', () => {
  const index = indexOf(offer('a', { names: [{ locale: 'fr', value: 'Atelier tablette' }] }));
  const query = { text: 'tablette' };
  assert.deepEqual(ids(index, query), ['a']);
  index.upsert(offer('b', { names: [{ locale: 'fr', value: 'Tablette pour tous' }] }));
  assert.deepEqual(sortedIds(index, query), ['a', 'b']);
  index.remove('a');
  assert.deepEqual(ids(index, query), ['b']);
});

test('a repeated query follows the clock: sessions that have started drop out', () => {
  const index = indexOf(
    offer('soon', { sessionStarts: ['2025-03-02T09:00:00Z'] }),
    offer('later', { sessionStarts: ['2025-03-09T09:00:00Z'] }),
  );
  const window = { sessionTo: new Date('2025-04-01T00:00:00Z'), sort: 'next_session' as const };
  assert.deepEqual(ids(index, { ...window, now: new Date('2025-03-01T12:00:00Z') }), ['soon', 'later']);
  assert.deepEqual(ids(index, { ...window, now: new Date('2025-03-03T12:00:00Z') }), ['later']);
  assert.deepEqual(ids(index, { sort: 'next_session', now: new Date('2025-03-01T12:00:00Z') }), ['soon', 'later']);
  assert.deepEqual(ids(index, { sort: 'next_session', now: new Date('2025-03-03T12:00:00Z') }), ['later', 'soon']);
});

test('the index agrees with a plain filter over random offers', () => {
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(list: readonly T[], max: number): T[] => list.filter(() => random() < max / list.length);
  const communes = ['luxembourg', 'esch-sur-alzette', 'dudelange', 'wiltz', 'clervaux', 'mersch', 'remich'];
  const words = ['atelier', 'aide', 'smartphone', 'tablette', 'banque', 'sécurité', 'emploi', 'café'];
  const offers: IndexedOffer[] = Array.from({ length: 800 }, (_, i) =>
    offer(`r${i}`, {
      names: [{ locale: 'fr', value: pick(words, 2).join(' ') || 'rien' }],
      offerTypes: pick(['course', 'helpdesk', 'coding', 'e_banking'], 1.5),
      audiences: pick(['seniors', 'families', 'everyone'], 1.2),
      languages: pick(['lb', 'fr', 'de', 'en', 'pt'], 2),
      accessibility: pick(['wheelchair', 'hearing_loop', 'easy_language'], 1),
      cost: (['free', 'free_conditions', 'paid'] as const)[Math.floor(random() * 3)]!,
      modes: pick(['in_person', 'remote', 'at_home'], 1.3),
      points: pick(communes, 1.2).map(at),
      visible: random() > 0.1,
      checkedAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(random() * 30))).toISOString(),
    }),
  );
  const index = indexOf(...offers);
  const visible = offers.filter((o) => o.visible);
  const anyOf = (chosen: readonly string[] | undefined, have: readonly string[]): boolean => !chosen?.length || chosen.some((c) => have.includes(c));
  const plain = (q: SearchQuery, skip?: string): IndexedOffer[] =>
    visible.filter(
      (o) =>
        (q.text === undefined || q.text.split(' ').every((w) => o.names[0]!.value.normalize('NFD').replace(/\p{M}/gu, '').split(' ').some((n) => n.startsWith(w)))) &&
        (skip === 'offerTypes' || anyOf(q.offerTypes, o.offerTypes)) &&
        (skip === 'languages' || anyOf(q.languages, o.languages)) &&
        (skip === 'costs' || anyOf(q.costs, [o.cost])) &&
        (q.accessibility ?? []).every((a) => o.accessibility.includes(a)) &&
        (skip === 'cantons' || q.cantonId === undefined || o.points.some((p) => p.cantonId === q.cantonId)),
    );
  const tally = (list: IndexedOffer[], valuesOf: (o: IndexedOffer) => readonly string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const o of list) for (const v of new Set(valuesOf(o))) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };
  const totals = new Set<number>();
  for (let round = 0; round < 150; round += 1) {
    const q: SearchQuery = {
      text: random() < 0.5 ? pick(['ate', 'aide', 'smart', 'tab', 'banque', 'securite', 'emploi', 'caf'], 1.3).join(' ') || undefined : undefined,
      offerTypes: pick(['course', 'helpdesk', 'coding', 'e_banking'], 0.8),
      languages: pick(['lb', 'fr', 'de', 'en', 'pt'], 0.8),
      costs: pick(['free', 'free_conditions', 'paid'], 0.5),
      accessibility: pick(['wheelchair', 'hearing_loop', 'easy_language'], 0.5),
      cantonId: random() < 0.3 ? getCommune(communes[Math.floor(random() * communes.length)]!)!.cantonId : undefined,
    };
    const expected = plain(q);
    const result = index.search({ ...q, sort: 'name', locale: 'fr', limit: 10_000 });
    totals.add(result.total);
    assert.equal(result.total, expected.length, JSON.stringify(q));
    assert.deepEqual(result.hits.map((h) => h.id).sort(), expected.map((o) => o.id).sort(), JSON.stringify(q));
    assert.deepEqual(result.facets.offerTypes, tally(plain(q, 'offerTypes'), (o) => o.offerTypes), JSON.stringify(q));
    assert.deepEqual(result.facets.languages, tally(plain(q, 'languages'), (o) => o.languages), JSON.stringify(q));
    assert.deepEqual(result.facets.costs, tally(plain(q, 'costs'), (o) => [o.cost]), JSON.stringify(q));
    assert.deepEqual(result.facets.cantons, tally(plain(q, 'cantons'), (o) => o.points.flatMap((p) => (p.cantonId ? [p.cantonId] : []))), JSON.stringify(q));
    assert.deepEqual(result.facets.audiences, tally(expected, (o) => o.audiences), JSON.stringify(q));
    // A short page, however it is found, is the same slice of the whole ordered list.
    for (const sort of q.text === undefined ? (['name', 'relevance'] as const) : (['name'] as const)) {
      const all = ids(index, { ...q, sort, locale: 'fr', limit: 10_000 });
      const offset = Math.floor(random() * 12);
      assert.deepEqual(ids(index, { ...q, sort, locale: 'fr', offset, limit: 5 }), all.slice(offset, offset + 5), `${sort} ${JSON.stringify(q)}`);
    }
  }
  assert.ok(totals.size > 20, 'the random queries are varied enough to mean something');
});

test('distance order and radius agree with the exact distance over random locations', () => {
  let seed = 7;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const around = (communeId: string): IndexedPoint => {
    const p = at(communeId);
    return { ...p, lat: p.lat + (random() - 0.5) * 0.06, lon: p.lon + (random() - 0.5) * 0.06 };
  };
  const communes = ['luxembourg', 'esch-sur-alzette', 'dudelange', 'wiltz', 'clervaux', 'mersch', 'remich', 'echternach', 'redange-attert'];
  const offers = Array.from({ length: 700 }, (_, i) =>
    offer(`p${i}`, { points: communes.filter(() => random() < 0.15).map(around), languages: random() < 0.5 ? ['fr'] : ['de'] }),
  );
  const index = indexOf(...offers);
  const nearest = (o: IndexedOffer, from: { lat: number; lon: number }): number | null =>
    o.points.length === 0 ? null : Math.min(...o.points.map((p) => distanceKm(from, p)));
  for (let round = 0; round < 120; round += 1) {
    const near = around(communes[Math.floor(random() * communes.length)]!);
    const radiusKm = random() < 0.5 ? [2, 5, 12, 30][Math.floor(random() * 4)] : undefined;
    const languages = random() < 0.3 ? ['fr'] : undefined;
    const offset = Math.floor(random() * 40);
    const limit = 1 + Math.floor(random() * 15);
    const expected = offers
      .filter((o) => !languages || o.languages.includes('fr'))
      .map((o) => ({ id: o.id, d: nearest(o, near) }))
      .filter((o) => radiusKm === undefined || (o.d !== null && o.d <= radiusKm))
      .sort((a, b) => (a.d ?? Infinity) - (b.d ?? Infinity));
    for (const sort of ['distance', 'relevance'] as const) {
      const result = index.search({ near, radiusKm, languages, sort, offset, limit });
      const label = JSON.stringify({ round, sort, radiusKm, offset, limit });
      assert.equal(result.total, expected.length, label);
      const page = expected.slice(offset, offset + limit);
      assert.deepEqual(result.hits.map((h) => h.distanceKm), page.map((e) => e.d), label);
      const located = page.filter((e) => e.d !== null).map((e) => e.id);
      assert.deepEqual(result.hits.filter((h) => h.distanceKm !== null).map((h) => h.id), located, label);
    }
  }
});
