import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, inflateSync } from 'node:zlib';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, locationInput, manualClock, offerInput, published, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// Search answers are kept for a while (src/platform/http/response-cache.ts); these are the ways a
// person could catch a kept answer being wrong.
describeEachDialect('search results from the response cache', (dialect) => {
  // Monday 7 January 2030, 11:59:30 in Luxembourg: half a minute before the place closes at noon.
  const clock = manualClock('2030-01-07T10:59:30.000Z');
  let app: TestApp;
  let cast: Cast;
  let placeId: string;
  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
    placeId = unwrap(
      await app.directory.createLocation(cast.moderator, cast.organization.id, locationInput({ openingHours: 'Mo-Fr 09:00-12:00' })),
    ).id;
    published(
      unwrap(
        await app.directory.createOffer(
          cast.trusted,
          cast.organization.id,
          offerInput({ name: [{ locale: 'fr', value: 'Permanence numérique' }], offerTypes: ['helpdesk'], locationIds: [placeId] }),
        ),
      ),
    );
  });
  after(async () => app?.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });

  test('a new offer is found at once, by the same search asked a moment before', async () => {
    const url = '/en/search?q=tablette';
    const apiUrl = '/api/v1/search?q=tablette';
    assert.doesNotMatch(text((await get(url)).body), /Atelier tablette/);
    assert.equal((await get(apiUrl)).json().total, 0);

    published(
      unwrap(await app.directory.createOffer(cast.trusted, cast.organization.id, offerInput({ name: [{ locale: 'fr', value: 'Atelier tablette' }] }))),
    );
    assert.match(text((await get(url)).body), /Atelier tablette/);
    assert.equal((await get(apiUrl)).json().total, 1);
  });

  test('an approved change to an offer shows in search as soon as it is approved', async () => {
    const offer = published(
      unwrap(await app.directory.createOffer(cast.trusted, cast.organization.id, offerInput({ name: [{ locale: 'fr', value: 'Cours internet' }] }))),
    );
    const url = '/fr/search?q=internet';
    assert.match(text((await get(url)).body), /Cours internet/);

    const proposal = unwrap(
      await app.directory.updateOffer(cast.untrusted, offer.id, offerInput({ name: [{ locale: 'fr', value: 'Cours internet pour seniors' }] })),
    );
    assert.ok(proposal.state === 'awaiting_review' && proposal.changeId);
    assert.doesNotMatch(text((await get(url)).body), /Cours internet pour seniors/, 'not before the moderator approves');

    unwrap(await app.directory.approve(cast.moderator, { kind: 'change', id: proposal.changeId }));
    assert.match(text((await get(url)).body), /Cours internet pour seniors/);
    const api = (await get('/api/v1/search?q=internet')).json();
    assert.deepEqual(api.results[0].offer.name, [{ locale: 'fr', value: 'Cours internet pour seniors', source: 'author' }]);
  });

  test("a new name of the organisation shows on the result cards at once", async () => {
    const url = '/de/search?q=numerique';
    assert.match(text((await get(url)).body), /Digital Inclusion asbl/);
    published(unwrap(await app.directory.updateOrganization(cast.moderator, cast.organization.id, { name: 'Digital Inclusion Lëtzebuerg', email: 'info@di.lu' })));
    assert.match(text((await get(url)).body), /Digital Inclusion Lëtzebuerg/);
  });

  test('a signed-in provider gets their own header, and anonymous visitors never get it', async () => {
    const url = '/en/search?type=helpdesk';
    const anonymous = await get(url);
    assert.match(anonymous.body, /href="\/en\/login"/);

    const provider = new TestBrowser(app.http);
    await provider.get('/en/login');
    assert.equal((await provider.post('/en/login', { email: 'trusted@example.lu', password: 'correct horse battery' })).statusCode, 303);
    const signedIn = await provider.get(url);
    assert.match(signedIn.body, /href="\/en\/provider"/);
    assert.doesNotMatch(signedIn.body, /href="\/en\/login"/);

    const signedInFirst = await provider.get('/en/search?type=helpdesk&cost=free');
    assert.match(signedInFirst.body, /href="\/en\/provider"/);
    const anonymousAfter = await get('/en/search?type=helpdesk&cost=free');
    assert.match(anonymousAfter.body, /href="\/en\/login"/);
    assert.doesNotMatch(anonymousAfter.body, /href="\/en\/provider"/);
  });

  test('the same page arrives intact gzipped, deflated and uncompressed, kept or not', async () => {
    const url = '/fr/search?type=helpdesk&audience=seniors';
    const gzipped = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(gzipped.statusCode, 200);
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.match(String(gzipped.headers.vary), /accept-encoding/i);
    assert.match(String(gzipped.headers['content-type']), /^text\/html; charset=utf-8/);
    const page = gunzipSync(gzipped.rawPayload).toString('utf8');
    assert.match(page, /Permanence numérique/);

    const plain = await get(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, page);
    const refused = await get(url, { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.body, page);
    const deflated = await get(url, { 'accept-encoding': 'deflate' });
    assert.equal(deflated.headers['content-encoding'], 'deflate');
    assert.equal(inflateSync(deflated.rawPayload).toString('utf8'), page);

    const apiPlain = await get('/api/v1/search?types=helpdesk');
    const apiGzipped = await get('/api/v1/search?types=helpdesk', { 'accept-encoding': 'gzip' });
    assert.equal(apiGzipped.headers['content-encoding'], 'gzip');
    assert.match(String(apiGzipped.headers['content-type']), /^application\/json; charset=utf-8/);
    assert.deepEqual(JSON.parse(gunzipSync(apiGzipped.rawPayload).toString('utf8')), apiPlain.json());
  });

  test('API links follow the language asked for, whatever was asked before', async () => {
    const inFrench = (await get('/api/v1/search?q=permanence', { 'accept-language': 'fr' })).json();
    const inGerman = (await get('/api/v1/search?q=permanence', { 'accept-language': 'de' })).json();
    assert.match(inFrench.results[0].url, /\/fr\/offers\//);
    assert.match(inGerman.results[0].url, /\/de\/offers\//);
  });

  test('"open now" is never more than a minute behind the clock', async () => {
    clock.set('2030-01-07T10:59:30.000Z');
    const url = '/en/search?q=permanence';
    assert.match(text((await get(url)).body), /Permanence numérique .* Open now/);
    assert.match(text((await get('/en/search?open=1')).body), /Permanence numérique/);
    assert.equal((await get('/api/v1/search?q=permanence&open_now=true')).json().total, 1);

    // It closed at noon; a minute after the pages above were made, they say so.
    clock.set('2030-01-07T11:00:31.000Z');
    assert.match(text((await get(url)).body), /Permanence numérique .* Closed now/);
    assert.doesNotMatch(text((await get('/en/search?open=1')).body), /Permanence numérique/);
    assert.equal((await get('/api/v1/search?q=permanence&open_now=true')).json().total, 0);
  });
});
