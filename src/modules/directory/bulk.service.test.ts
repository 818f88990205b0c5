import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { castOf, manualClock, offerInput, unwrap } from '../../../test/support/directory-fixtures.js';
import type { DirectoryData, DirectoryService, ImportData } from './index.js';

const T = '2026-01-15T10:00:00.000Z';

function sample(): ImportData {
  return {
    organizations: [
      { id: 'org-a', name: 'Alpha asbl', description: [{ locale: 'fr', value: 'Association', source: 'author' }], email: 'a@alpha.lu', phone: null, website: 'https://alpha.lu/' },
      { id: 'org-b', name: 'Beta', description: [], email: null, phone: '+352 12 34 56', website: null, isDemo: true },
    ],
    locations: [
      {
        id: 'loc-1', organizationId: 'org-a', name: 'Siège', locationType: 'physical', address: '2, place Guillaume', postalCode: '1648',
        locality: 'Luxembourg', communeId: 'luxembourg', latitude: 49.6106, longitude: 6.1319, accessibility: ['wheelchair'],
        openingHours: 'Mo-Fr 09:00-17:00', description: [{ locale: 'lb', value: 'Am Stadzentrum', source: 'author' }],
      },
      {
        id: 'loc-2', organizationId: 'org-b', name: 'Bus', locationType: 'mobile', address: null, postalCode: null, locality: null,
        communeId: 'clervaux', latitude: null, longitude: null, accessibility: [], openingHours: null, description: [],
      },
    ],
    offers: [
      {
        id: 'offer-1', organizationId: 'org-a', defaultLocale: 'fr',
        name: [{ locale: 'fr', value: 'Cours informatique', source: 'author' }, { locale: 'en', value: 'Computer course', source: 'machine' }],
        description: [{ locale: 'fr', value: 'Les bases.', source: 'author' }], offerTypes: ['course', 'computer_basics'], audiences: ['everyone'],
        languages: ['fr'], accessibility: [], cost: 'paid', costDetails: [{ locale: 'fr', value: '10 € par séance', source: 'author' }],
        modes: ['in_person'], openingHours: null, email: null, phone: null, website: null, bookingUrl: 'https://alpha.lu/book',
        locationIds: ['loc-1'], checkedAt: T,
      },
      {
        id: 'offer-2', organizationId: 'org-b', defaultLocale: 'lb', name: [{ locale: 'lb', value: 'Digibus', source: 'author' }],
        description: [{ locale: 'lb', value: 'Hëllef am Duerf.', source: 'author' }], offerTypes: ['device_help'], audiences: ['seniors'],
        languages: ['lb', 'de'], accessibility: ['easy_language'], cost: 'free', costDetails: [], modes: ['in_person', 'at_home'],
        openingHours: null, email: null, phone: null, website: null, bookingUrl: null, locationIds: ['loc-2'], checkedAt: T,
      },
      {
        id: 'offer-hidden', organizationId: 'org-b', defaultLocale: 'lb', name: [{ locale: 'lb', value: 'Geheim', source: 'author' }],
        description: [], offerTypes: ['course'], audiences: [], languages: [], accessibility: [], cost: 'free', costDetails: [],
        modes: [], openingHours: null, email: null, phone: null, website: null, bookingUrl: null, locationIds: [], checkedAt: T,
        moderationStatus: 'pending',
      },
    ],
    sessions: [
      { id: 'session-1', offerId: 'offer-1', locationId: 'loc-1', title: [{ locale: 'fr', value: 'Séance 1', source: 'author' }], startsAt: '2026-04-01T14:00:00.000Z', endsAt: '2026-04-01T16:00:00.000Z', capacity: 8 },
      { id: 'session-2', offerId: 'offer-1', locationId: null, title: [], startsAt: '2026-04-08T14:00:00.000Z', endsAt: '2026-04-08T16:00:00.000Z', capacity: 8, cancelled: true },
    ],
  };
}

async function exportAll(directory: DirectoryService, organizationsPerChunk: number): Promise<DirectoryData & { chunks: number }> {
  const all = { organizations: [] as unknown[], locations: [] as unknown[], offers: [] as unknown[], sessions: [] as unknown[], chunks: 0 };
  for await (const chunk of directory.exportDirectory({ organizationsPerChunk })) {
    all.chunks += 1;
    all.organizations.push(...chunk.organizations);
    all.locations.push(...chunk.locations);
    all.offers.push(...chunk.offers);
    all.sessions.push(...chunk.sessions);
  }
  return all as DirectoryData & { chunks: number };
}

/** Texts come back in storage order; compare them as sets. */
function normalized(data: DirectoryData) {
  const sortTexts = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortTexts).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'locationIds' ? v : sortTexts(v)]))
        : value;
  return sortTexts({ ...data, chunks: undefined });
}

describeEachDialect('directory import and export', (dialect) => {
  let app: TestApp;
  let copy: TestApp;
  const clock = manualClock('2026-03-02T09:00:00.000Z');

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    copy = await buildTestApp(dialect, { clock });
  });
  after(async () => {
    await app.close();
    await copy.close();
  });

  test('imported entries are public, searchable and exported again in self-contained chunks', async () => {
    const counts = await app.directory.importDirectory(sample());
    assert.deepEqual(counts, { organizations: 2, locations: 2, offers: 3, sessions: 2 });

    assert.equal((await app.directory.search({ text: 'computer' })).total, 1);
    assert.equal((await app.directory.search({ communeId: 'clervaux' })).offers[0]?.offer.id, 'offer-2');
    assert.equal(await app.directory.getOffer('offer-hidden'), null);
    assert.equal((await app.directory.getOrganization('org-b'))?.isDemo, true);

    const exported = await exportAll(app.directory, 1);
    assert.equal(exported.chunks, 2);
    assert.deepEqual(exported.offers.map((o) => o.id).sort(), ['offer-1', 'offer-2']);
    assert.deepEqual(exported.sessions.map((s) => s.id), ['session-1', 'session-2']);
    const offer = exported.offers.find((o) => o.id === 'offer-1');
    assert.equal(offer?.checkedAt, T);
    assert.deepEqual(offer?.costDetails, [{ locale: 'fr', value: '10 € par séance', source: 'author' }]);
    assert.equal(exported.locations.find((l) => l.id === 'loc-1')?.latitude, 49.6106);
  });

  test('what one instance exports, another imports to the same public directory', async () => {
    const exported = await exportAll(app.directory, 50);
    await copy.directory.importDirectory(exported);
    const again = await exportAll(copy.directory, 50);
    assert.deepEqual(normalized(again), normalized(exported));
    assert.equal((await copy.directory.search({ text: 'digibus' })).total, 1);
  });

  test('importing again overwrites by id; replace starts from an empty directory', async () => {
    const data = sample();
    const renamed: ImportData = {
      ...data,
      offers: data.offers.map((o) => (o.id === 'offer-1' ? { ...o, name: [{ locale: 'fr' as const, value: 'Initiation PC', source: 'author' as const }] } : o)),
    };
    await app.directory.importDirectory(renamed);
    assert.deepEqual((await app.directory.getOffer('offer-1'))?.name, [{ locale: 'fr', value: 'Initiation PC', source: 'author' }]);
    assert.equal((await app.directory.search({ text: 'computer' })).total, 0);
    assert.equal((await app.directory.search({ text: 'initiation' })).total, 1);

    const cast = await castOf(app);
    const own = unwrap(await app.directory.createOffer(cast.trusted, cast.organization.id, offerInput()));
    await app.directory.importDirectory({ ...data, organizations: data.organizations.slice(0, 1), locations: data.locations.slice(0, 1), offers: data.offers.slice(0, 1), sessions: [] }, { replace: true });
    assert.equal(await app.directory.getOffer(own.value.id), null);
    assert.equal(await app.directory.getOffer('offer-2'), null);
    assert.equal((await app.directory.search({})).total, 1);
  });
});
