import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, locationInput, manualClock, offerInput, published, sessionInput, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';
import type { Offer } from './directory.model.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

async function signIn(app: TestApp, email: string): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  const response = await browser.post('/en/login', { email, password: 'correct horse battery' });
  assert.equal(response.statusCode, 303);
  return browser;
}

/** The offer form as a browser would send it back unchanged, with some fields replaced. */
function offerFields(offer: Offer, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    defaultLocale: offer.defaultLocale,
    offerTypes: [...offer.offerTypes],
    audiences: [...offer.audiences],
    languages: [...offer.languages],
    accessibility: [...offer.accessibility],
    modes: [...offer.modes],
    cost: offer.cost,
    locationIds: [...offer.locationIds],
    active: '1',
  };
  for (const t of offer.name) fields[`name_${t.locale.replace('-', '_')}`] = t.value;
  for (const t of offer.description) fields[`description_${t.locale.replace('-', '_')}`] = t.value;
  return { ...fields, ...overrides };
}

describeEachDialect('the provider area', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let cast: Cast;
  let offer: Offer;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
    const place = unwrap(await app.directory.createLocation(cast.moderator, cast.organization.id, locationInput()));
    offer = published(
      unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput({ locationIds: [place.id], offerTypes: ['course'] }))),
    );
  });
  after(async () => app?.close());

  test('signing in is required, and a provider cannot reach moderation', async () => {
    const anonymous = new TestBrowser(app.http);
    assert.equal((await anonymous.get('/en/provider')).statusCode, 401);
    const provider = await signIn(app, 'trusted@example.lu');
    assert.equal((await provider.get('/en/moderation')).statusCode, 403);
    const page = await provider.get('/en/provider');
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Digital Inclusion asbl/);
    assert.match(text(page.body), /Café smartphone/);
    assert.match(page.body, /action="\/en\/logout"/);
  });

  test('the dashboard leads to the file import for the provider’s organisation', async () => {
    const provider = await signIn(app, 'trusted@example.lu');
    const page = await provider.get('/fr/provider');
    assert.match(page.body, /<a href="\/fr\/provider\/import">Importer des lieux et des offres depuis un fichier<\/a>/);
    const upload = await provider.get('/fr/provider/import');
    assert.equal(upload.statusCode, 200);
    assert.match(text(upload.body), /Digital Inclusion asbl/);

    const stranger = await signIn(app, 'stranger@example.lu');
    assert.doesNotMatch((await stranger.get('/en/provider')).body, /provider\/import/, 'no organisation to import into');
  });

  test('a trusted provider’s edit is public at once', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    const form = await browser.get(`/en/provider/offers/${offer.id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Café smartphone"/);
    const saved = await browser.post(`/en/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: 'Café smartphone du lundi', name_de_easy: 'Handy-Café', source_de_easy: 'reviewed' }));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/en/provider?saved=published');
    const dashboard = await browser.get('/en/provider?saved=published');
    assert.match(text(dashboard.body), /The changes are public now/);
    const publicOffer = await app.directory.getOffer(offer.id);
    assert.equal(publicOffer?.name.find((t) => t.locale === 'fr')?.value, 'Café smartphone du lundi');
    assert.deepEqual(publicOffer?.name.find((t) => t.locale === 'de-easy'), { locale: 'de-easy', value: 'Handy-Café', source: 'reviewed' });
    offer = publicOffer!;
  });

  test('an untrusted provider’s edit waits; the moderator rejects with a reason the provider reads, then approves', async () => {
    const provider = await signIn(app, 'untrusted@example.lu');
    await provider.get(`/en/provider/offers/${offer.id}/edit`);
    const saved = await provider.post(`/en/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: 'Café tablette' }));
    assert.equal(saved.headers.location, '/en/provider?saved=review');
    const dashboard = await provider.get('/en/provider');
    assert.match(text(dashboard.body), /Your change is waiting for a moderator/);
    assert.equal((await app.directory.getOffer(offer.id))?.name.find((t) => t.locale === 'fr')?.value, 'Café smartphone du lundi');
    // Editing again continues from the proposal, not from the public version.
    assert.match((await provider.get(`/en/provider/offers/${offer.id}/edit`)).body, /value="Café tablette"/);

    const moderator = await signIn(app, 'moderator@example.lu');
    const queue = await moderator.get('/en/moderation');
    assert.equal(queue.statusCode, 200);
    const link = /href="(\/en\/moderation\/change\/[^"]+)"/.exec(queue.body)?.[1];
    assert.ok(link, 'the queue links to the change');
    const review = await moderator.get(link);
    assert.match(text(review.body), /Café smartphone du lundi/);
    assert.match(text(review.body), /Café tablette/);
    assert.doesNotMatch(text(review.body), /Description \(Français\)/, 'unchanged fields are left out');

    const noReason = await moderator.post(`${link}/reject`, { reason: '  ' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /id="reason-error"/);
    const rejected = await moderator.post(`${link}/reject`, { reason: 'Please keep the word smartphone in the name.' });
    assert.equal(rejected.statusCode, 303);

    const afterReject = await provider.get('/en/provider');
    assert.match(text(afterReject.body), /did not accept your last change/);
    assert.match(text(afterReject.body), /Please keep the word smartphone in the name\./);

    await provider.get(`/en/provider/offers/${offer.id}/edit`);
    await provider.post(`/en/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: 'Café smartphone et tablette' }));
    const next = /href="(\/en\/moderation\/change\/[^"]+)"/.exec((await moderator.get('/en/moderation')).body)?.[1];
    assert.ok(next);
    await moderator.get(next);
    const approved = await moderator.post(`${next}/approve`, {});
    assert.equal(approved.headers.location, '/en/moderation?done=approved');
    assert.equal((await app.directory.getOffer(offer.id))?.name.find((t) => t.locale === 'fr')?.value, 'Café smartphone et tablette');
    assert.doesNotMatch(text((await provider.get('/en/provider')).body), /waiting for a moderator|did not accept/);
    offer = (await app.directory.getOffer(offer.id))!;
  });

  test('a provider cannot read or change another organisation’s offer', async () => {
    const stranger = await signIn(app, 'stranger@example.lu');
    assert.equal((await stranger.get(`/en/provider/offers/${offer.id}/edit`)).statusCode, 403);
    await stranger.get('/en/provider');
    assert.equal((await stranger.post(`/en/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: 'Hacked' }))).statusCode, 403);
    assert.equal((await stranger.post(`/en/provider/offers/${offer.id}/checked`, {})).statusCode, 403);
    assert.equal((await stranger.get(`/en/provider/organizations/${cast.organization.id}/offers/new`)).statusCode, 403);
    const session = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput()));
    assert.equal((await stranger.get(`/en/provider/sessions/${session.id}/registrations`)).statusCode, 403);
    assert.notEqual((await app.directory.getOffer(offer.id))?.name.find((t) => t.locale === 'fr')?.value, 'Hacked');
  });

  test('failed offer forms answer 422 with the values kept and each error in the page language', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    await browser.get(`/de/provider/offers/${offer.id}/edit`);
    const unknownCode = await browser.post(`/de/provider/offers/${offer.id}/edit`, offerFields(offer, { offerTypes: ['course', 'flying'], name_fr: 'Neu' }));
    assert.equal(unknownCode.statusCode, 422);
    assert.match(unknownCode.body, /class="error-summary"/);
    assert.match(unknownCode.body, /id="offerTypes-error"/);
    assert.match(text(unknownCode.body), /Bitte wählen Sie eine der Möglichkeiten/);
    assert.match(unknownCode.body, /value="Neu"/);

    const hours = await browser.post(`/de/provider/offers/${offer.id}/edit`, offerFields(offer, { openingHours: 'mornings, mostly' }));
    assert.equal(hours.statusCode, 422);
    assert.match(text(hours.body), /Wir können diese Öffnungszeiten nicht lesen/);
    assert.match(hours.body, /value="mornings, mostly"/);

    const long = await browser.post(`/de/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: 'x'.repeat(201) }));
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /id="name_fr-error"/);

    const noName = await browser.post(`/de/provider/offers/${offer.id}/edit`, offerFields(offer, { name_fr: '' }));
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /id="name_fr-error"/, 'the missing main-language name is flagged beside its box');

    const unknownCost = await browser.post(`/de/provider/offers/${offer.id}/edit`, offerFields(offer, { cost: 'cheap' }));
    assert.equal(unknownCost.statusCode, 422);
    assert.match(unknownCost.body, /id="cost-error"/);
  });

  test('sessions: impossible dates are refused, a new session shows with its registration count', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    const path = `/en/provider/offers/${offer.id}/sessions/new`;
    await browser.get(path);
    const badDay = await browser.post(path, { date: '2026-02-30', startTime: '14:00', endTime: '16:00', capacity: '8' });
    assert.equal(badDay.statusCode, 422);
    assert.match(badDay.body, /id="date-error"/);
    const reversed = await browser.post(path, { date: '2026-05-04', startTime: '16:00', endTime: '14:00', capacity: '8' });
    assert.equal(reversed.statusCode, 422);
    assert.match(text(reversed.body), /The end must be after the start/);
    const badTime = await browser.post(path, { date: '2026-05-04', startTime: '25:00', endTime: '26:00', capacity: 'many' });
    assert.equal(badTime.statusCode, 422);
    assert.match(badTime.body, /id="startTime-error"/);
    assert.match(badTime.body, /id="capacity-error"/);

    const created = await browser.post(path, { date: '2026-05-04', startTime: '14:00', endTime: '16:00', capacity: '8', title_en: 'Smartphone basics' });
    assert.equal(created.statusCode, 303);
    const sessions = await app.directory.listSessionsOfOffer(offer.id);
    const mine = sessions.find((s) => s.startsAt === '2026-05-04T12:00:00.000Z');
    assert.ok(mine, 'Luxembourg summer time 14:00 is 12:00 UTC');
    await app.directory.register(mine.id, { name: 'Ana', contact: 'ana@example.lu', needs: 'Large print, please' });
    const dashboard = await browser.get('/en/provider');
    assert.match(text(dashboard.body), /1 of 8 places taken, 0 on the waiting list/);
    const list = await browser.get(`/en/provider/sessions/${mine.id}/registrations`);
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /Ana ana@example\.lu Large print, please Confirmed/);
    const edit = await browser.get(`/en/provider/sessions/${mine.id}/edit`);
    assert.match(edit.body, /value="14:00"/);
    assert.match(edit.body, /value="Smartphone basics"/);
  });

  test('places: the postal code chooses the commune, malformed opening hours are explained', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    const path = `/en/provider/organizations/${cast.organization.id}/locations/new`;
    await browser.get(path);
    const bad = await browser.post(path, { name: 'Library', locationType: 'physical', postalCode: '4001', openingHours: 'Mo-Fr 25:00-26:00' });
    assert.match(text(bad.body), /We do not know this postal code/);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="openingHours-error"/);
    const saved = await browser.post(path, { name: 'Library', locationType: 'physical', postalCode: 'L-4010', openingHours: 'Mo-Fr 9-12' });
    assert.equal(saved.statusCode, 303, text(saved.body).slice(0, 2000));
    const library = (await app.directory.listLocations(cast.organization.id)).find((l) => l.name === 'Library');
    assert.equal(library?.communeId, 'esch-sur-alzette');
    assert.equal(library?.openingHours, 'Mo-Fr 09:00-12:00');
  });

  test('an offer not confirmed for months is flagged until the provider confirms it', async () => {
    clock.advanceDays(200);
    try {
      const browser = await signIn(app, 'trusted@example.lu');
      const stale = await browser.get('/en/provider');
      assert.match(text(stale.body), /Needs checking/);
      const confirmed = await browser.post(`/en/provider/offers/${offer.id}/checked`, {});
      assert.equal(confirmed.headers.location, '/en/provider?saved=checked');
      const fresh = await browser.get('/en/provider?saved=checked');
      assert.doesNotMatch(text(fresh.body), /Needs checking/);
      assert.match(text(fresh.body), /marked as checked today/);
    } finally {
      clock.set('2026-03-02T09:00:00.000Z');
    }
  });
});
