import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import {
  castOf,
  locationInput,
  manualClock,
  offerInput,
  published,
  sessionInput,
  unwrap,
  type Cast,
} from '../../../test/support/directory-fixtures.js';

describeEachDialect('directory search', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  const clock = manualClock('2026-03-02T09:00:00.000Z');

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
  });
  after(async () => app.close());

  const idsFor = async (text: string) => (await app.directory.search({ text })).offers.map((card) => card.offer.id);

  test('search finds what was just published, with its organisation, places and next sessions', async () => {
    const { directory } = app;
    const place = unwrap(await directory.createLocation(cast.trusted, cast.organization.id, locationInput()));
    const offer = published(
      unwrap(
        await directory.createOffer(
          cast.trusted,
          cast.organization.id,
          offerInput({ name: [{ locale: 'fr', value: 'Atelier tablette' }], locationIds: [place.id] }),
        ),
      ),
    );
    for (const day of ['05', '03', '04', '06']) {
      unwrap(await directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: `2026-04-${day}T14:00:00Z`, endsAt: `2026-04-${day}T16:00:00Z` })));
    }
    unwrap(await directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: '2026-04-02T14:00:00Z', endsAt: '2026-04-02T16:00:00Z', cancelled: true })));

    const page = await directory.search({ text: 'tablette', communeId: 'esch-sur-alzette' });
    assert.equal(page.total, 1);
    const card = page.offers[0]!;
    assert.equal(card.offer.id, offer.id);
    assert.equal(card.organization.name, 'Digital Inclusion asbl');
    assert.deepEqual(card.locations.map((l) => l.id), [place.id]);
    assert.deepEqual(card.nextSessions.map((s) => s.startsAt.slice(0, 10)), ['2026-04-03', '2026-04-04', '2026-04-05']);
    assert.equal(page.facets.offerTypes.smartphone_tablet, 1);
    assert.deepEqual(await idsFor('digital inclusion'), [offer.id], 'the organisation name is searchable');
    assert.equal((await directory.getOfferCard(offer.id))?.nextSessions.length, 3);
  });

  test('edits, deactivation and pending organisations show in search at once', async () => {
    const { directory } = app;
    const offer = published(
      unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput({ name: [{ locale: 'fr', value: 'Permanence banque en ligne' }] }))),
    );
    assert.deepEqual(await idsFor('banque'), [offer.id]);

    published(unwrap(await directory.updateOffer(cast.trusted, offer.id, offerInput({ name: [{ locale: 'fr', value: 'Permanence e-banking' }] }))));
    assert.deepEqual(await idsFor('banque'), []);
    assert.deepEqual(await idsFor('e-banking'), [offer.id]);

    // An untrusted proposal is not searchable until approved.
    const proposal = unwrap(await directory.updateOffer(cast.untrusted, offer.id, offerInput({ name: [{ locale: 'fr', value: 'Permanence guichet.lu' }] })));
    assert.ok(proposal.state === 'awaiting_review' && proposal.changeId);
    assert.deepEqual(await idsFor('guichet'), []);
    unwrap(await directory.approve(cast.moderator, { kind: 'change', id: proposal.changeId }));
    assert.deepEqual(await idsFor('guichet'), [offer.id]);

    published(unwrap(await directory.updateOffer(cast.trusted, offer.id, offerInput({ name: [{ locale: 'fr', value: 'Permanence guichet.lu' }], active: false }))));
    assert.deepEqual(await idsFor('guichet'), []);

    const club = unwrap(await directory.createOrganization(cast.stranger, { name: 'Club Zebra' }));
    const clubOffer = published(unwrap(await directory.createOffer(cast.moderator, club.value.id, offerInput())));
    assert.equal((await idsFor('zebra')).includes(clubOffer.id), false);
    unwrap(await directory.approve(cast.moderator, { kind: 'organization', id: club.value.id }));
    assert.deepEqual(await idsFor('zebra'), [clubOffer.id]);
  });

  test('a place moved to another commune moves its offers in search', async () => {
    const { directory } = app;
    const place = unwrap(await directory.createLocation(cast.trusted, cast.organization.id, locationInput({ name: 'Bibliothèque' })));
    const offer = published(
      unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput({ name: [{ locale: 'fr', value: 'Wifi public' }], locationIds: [place.id] }))),
    );
    const inCommune = async (communeId: string) =>
      (await directory.search({ text: 'wifi', communeId })).offers.map((card) => card.offer.id);
    assert.deepEqual(await inCommune('esch-sur-alzette'), [offer.id]);
    published(unwrap(await directory.updateLocation(cast.trusted, place.id, locationInput({ name: 'Bibliothèque', communeId: 'differdange', postalCode: '4501' }))));
    assert.deepEqual(await inCommune('esch-sur-alzette'), []);
    assert.deepEqual(await inCommune('differdange'), [offer.id]);
  });

  test('the calendar lists public sessions in a period with places left', async () => {
    const { directory } = app;
    const place = unwrap(await directory.createLocation(cast.trusted, cast.organization.id, locationInput({ communeId: 'wiltz', postalCode: '9501' })));
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput({ locationIds: [place.id] }))));
    const may = unwrap(await directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: '2026-05-04T09:00:00Z', endsAt: '2026-05-04T11:00:00Z', capacity: 3 })));
    unwrap(await directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: '2026-06-04T09:00:00Z', endsAt: '2026-06-04T11:00:00Z' })));
    unwrap(await directory.register(may.id, { name: 'Jo', contact: 'jo@example.lu' }));

    const entries = await directory.listSessions({ from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z', communeId: 'wiltz' });
    assert.deepEqual(entries.map((e) => e.session.id), [may.id]);
    assert.equal(entries[0]?.placesLeft, 2);
    assert.equal(entries[0]?.offer.id, offer.id);
    assert.equal(entries[0]?.organization.id, cast.organization.id);
    assert.deepEqual(await directory.listSessions({ from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z', communeId: 'clervaux' }), []);

    const hidden = unwrap(await directory.createOffer(cast.untrusted, cast.organization.id, offerInput()));
    unwrap(await directory.createSession(cast.untrusted, hidden.value.id, sessionInput({ startsAt: '2026-05-05T09:00:00Z', endsAt: '2026-05-05T11:00:00Z' })));
    const all = await directory.listSessions({ from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' });
    assert.equal(all.some((e) => e.offer.id === hidden.value.id), false);
  });

  test('the index is rebuilt from the database when the app starts', async () => {
    const second = await buildApp(app.config, { clock, strictMessages: true });
    try {
      const page = await second.directory.search({ text: 'tablette' });
      assert.equal(page.total, 1);
      assert.equal(page.offers[0]?.nextSessions.length, 3);
      assert.deepEqual(
        (await second.directory.search({ text: 'zebra' })).offers.map((c) => c.organization.name),
        ['Club Zebra'],
      );
    } finally {
      await second.close();
    }
  });

  test('results show an edit right after it is saved: offer, organisation, place and sessions', async () => {
    const { directory } = app;
    const browser = new TestBrowser(app.http);
    const resultsPage = async () => (await browser.get('/fr/search?q=courriel')).body;
    const apiResult = async () => (JSON.parse((await browser.get('/api/v1/search?q=courriel')).body) as { results: { offer: { description: { value: string }[] }; nextSessions: { startsAt: string }[] }[] }).results[0];
    const place = unwrap(await directory.createLocation(cast.trusted, cast.organization.id, locationInput({ name: 'Maison des jeunes' })));
    const edit = (overrides: Parameters<typeof offerInput>[0]) =>
      offerInput({ name: [{ locale: 'fr', value: 'Atelier courriel' }], locationIds: [place.id], ...overrides });
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, edit({}))));
    assert.match(await resultsPage(), /Atelier courriel</);
    assert.match(await resultsPage(), /Digital Inclusion asbl · Esch-sur-Alzette/);

    published(
      unwrap(
        await directory.updateOffer(
          cast.trusted,
          offer.id,
          edit({ name: [{ locale: 'fr', value: 'Atelier courriel et agenda' }], description: [{ locale: 'fr', value: 'Écrire et classer ses courriels.' }] }),
        ),
      ),
    );
    assert.match(await resultsPage(), /Atelier courriel et agenda</);
    assert.deepEqual((await apiResult())?.offer.description.map((d) => d.value), ['Écrire et classer ses courriels.']);

    const organizationName = cast.organization.name;
    published(unwrap(await directory.updateOrganization(cast.trusted, cast.organization.id, { name: 'Inclusion numérique Sud' })));
    assert.match(await resultsPage(), /Inclusion numérique Sud · Esch-sur-Alzette/);
    published(unwrap(await directory.updateLocation(cast.trusted, place.id, locationInput({ name: 'Maison des jeunes', communeId: 'differdange', postalCode: '4501' }))));
    assert.match(await resultsPage(), /Inclusion numérique Sud · Differdange/);

    // Sessions: a new one shows at once; once the kept ones have started, the later ones follow.
    for (const day of ['10', '11', '12', '13', '14']) {
      unwrap(await directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: `2026-03-${day}T14:00:00Z`, endsAt: `2026-03-${day}T16:00:00Z` })));
    }
    assert.deepEqual((await apiResult())?.nextSessions.map((s) => s.startsAt.slice(0, 10)), ['2026-03-10', '2026-03-11', '2026-03-12']);
    const started = clock.now().toISOString();
    clock.set('2026-03-11T15:00:00.000Z');
    try {
      assert.deepEqual((await apiResult())?.nextSessions.map((s) => s.startsAt.slice(0, 10)), ['2026-03-12']);
      let next: string[] = [];
      for (let attempt = 0; attempt < 100 && next.length < 3; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        next = ((await apiResult())?.nextSessions ?? []).map((s) => s.startsAt.slice(0, 10));
      }
      assert.deepEqual(next, ['2026-03-12', '2026-03-13', '2026-03-14']);
    } finally {
      clock.set(started);
      published(unwrap(await directory.updateOrganization(cast.trusted, cast.organization.id, { name: organizationName })));
    }
  });
});
