import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { publicDirectory, type PublicDirectory } from '../../../test/support/public-directory.js';
import { locationInput, offerInput, published, unwrap } from '../../../test/support/directory-fixtures.js';
import { LOCALES } from '../../platform/i18n/locales.js';

const CSS = readFileSync(new URL('../../../public/css/site.css', import.meta.url));
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** What a person reads: tags dropped, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ');

describeEachDialect('public directory pages', (dialect) => {
  let app: TestApp;
  let data: PublicDirectory;
  let browser: TestBrowser;
  before(async () => {
    app = await buildTestApp(dialect);
    data = await publicDirectory(app);
    browser = new TestBrowser(app.http);
  });
  after(async () => app?.close());

  test('every page type answers in all five languages within the 30 KB budget', async () => {
    const paths = [
      '/',
      '/search',
      '/search?near=Luxembourg&radius=50',
      `/offers/${data.course.id}`,
      `/offers/${data.course.id}/print`,
      `/organizations/${data.organization.id}`,
      '/calendar',
      '/about/data',
    ];
    for (const locale of LOCALES) {
      for (const path of paths) {
        const response = await browser.get(`/${locale}${path}`);
        assert.equal(response.statusCode, 200, `/${locale}${path}`);
        assert.match(response.body, new RegExp(`<html lang="${locale}"`));
        const size = gzipSync(Buffer.concat([Buffer.from(response.body), CSS])).length;
        assert.ok(size <= 30_000, `/${locale}${path} is ${size} bytes gzipped with the CSS`);
      }
    }
  });

  test('an unknown language or id is the 404 page', async () => {
    for (const url of ['/xx/search', '/zz/', `/en/offers/not-an-offer`, `/en/offers/not-an-offer/print`, `/en/offers/nope/calendar.ics`, '/en/organizations/nope']) {
      const response = await browser.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.headers['content-type'] as string, /text\/html/);
    }
  });

  test('the home page asks three questions and sends the answers to the search', async () => {
    const response = await browser.get('/fr/');
    assert.match(response.body, /<form method="get" action="\/fr\/search"/);
    assert.match(text(response.body), /Pour quoi avez-vous besoin d'aide/);
    assert.match(response.body, /<optgroup label="Canton d[^"]*Esch-sur-Alzette">/);
    assert.match(response.body, /name="near"/);
    assert.match(response.body, /<select id="language" name="language"/);
    assert.match(response.body, /href="\/fr\/calendar"/);
  });

  test('a search finds offers by kind and place, with counts, facets and distance', async () => {
    const response = await browser.get('/en/search?type=course&near=L-4010&radius=50');
    assert.equal(response.statusCode, 200);
    const page = text(response.body);
    assert.match(page, /1 offer found/);
    assert.match(page, /Smartphone café/);
    assert.doesNotMatch(page, /Computer-Hëllef/);
    assert.match(page, /km away/);
    assert.match(page, /Drop-in help desk \(1\)/, 'facet counts ignore the list’s own selection');
    assert.match(page, /Information checked on/);
    assert.match(response.body, /<option value="distance" selected>/);
    assert.match(response.body, /href="\/en\/search\.ics\?type=course&amp;near=L-4010&amp;radius=50"/);

    const none = await browser.get('/en/search?q=nothingmatchesthis');
    assert.match(text(none.body), /No offers found/);
  });

  test('a result name in another language carries its lang attribute', async () => {
    const response = await browser.get('/en/search?q=Bibliotheik');
    assert.match(response.body, /<a href="\/en\/offers\/[^"]+" lang="lb">Computer-Hëllef an der Bibliothéik<\/a>/);
  });

  test('invalid filters re-render the form with 422, the values kept and messages beside the fields', async () => {
    const long = 'x'.repeat(201);
    const response = await browser.get(`/de/search?q=${long}&type=bogus&from=2026-02-31&near=Atlantis&sort=random&page=0`);
    assert.equal(response.statusCode, 422);
    const body = response.body;
    assert.match(body, /class="error-summary"/);
    assert.match(body, new RegExp(`id="q"[^>]*value="${long}"`));
    assert.match(body, /id="near"[^>]*value="Atlantis"/);
    assert.match(body, /<p class="field-error" id="q-error">/);
    assert.match(body, /<p class="field-error" id="type-error">/);
    assert.match(body, /<p class="field-error" id="from-error">/);
    assert.match(body, /<p class="field-error" id="near-error">/);
    assert.match(text(body), /Diesen Ort kennen wir nicht/);

    const reversed = await browser.get('/en/search?from=2026-05-02&to=2026-05-01');
    assert.equal(reversed.statusCode, 422);
    assert.match(text(reversed.body), /The end date must be on or after the start date/);

    const calendar = await browser.get('/en/calendar?commune=atlantis&to=someday');
    assert.equal(calendar.statusCode, 422);
    assert.match(calendar.body, /id="commune-error"/);
    assert.match(calendar.body, /id="to-error"/);

    const abroad = await browser.get('/en/search?lat=48.85&lon=2.35');
    assert.equal(abroad.statusCode, 422);
    assert.match(abroad.body, /<p class="field-error" id="near-error">/);
    assert.match(text(abroad.body), /This position is outside Luxembourg/);
    assert.match(abroad.body, /<input type="hidden" name="lat" value="">/);

    const ics = await browser.get('/en/search.ics?type=bogus');
    assert.equal(ics.statusCode, 422);
  });

  test('the offer page shows details, hours, sessions with places, links and JSON-LD', async () => {
    const response = await browser.get(`/en/offers/${data.course.id}`);
    const body = response.body;
    const page = text(body);
    assert.match(page, /Smartphone café/);
    assert.match(page, /This text was translated by a computer/);
    assert.match(page, /Opening hours at Centre culturel for the next 7 days/);
    assert.match(page, /8 places left/);
    assert.match(body, new RegExp(`href="/en/sessions/${data.sessions[0]?.id}/register"`));
    assert.match(body, new RegExp(`href="/en/offers/${data.course.id}/report"`));
    assert.match(body, new RegExp(`href="/en/offers/${data.course.id}/print"`));
    assert.match(body, new RegExp(`href="/en/offers/${data.course.id}/calendar.ics"`));
    assert.match(body, /href="https:\/\/di\.example\.lu\/book"/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(body)?.[1] ?? '{}');
    assert.equal(jsonLd['@type'], 'Course');
    assert.equal(jsonLd.hasCourseInstance.length, 2);
    assert.equal(jsonLd.provider.name, 'Digital Inclusion asbl');
  });

  test('the offer page falls back to the provider’s language and offers the Easy Language version', async () => {
    const lb = await browser.get(`/lb/offers/${data.course.id}`);
    assert.match(lb.body, /<div class="prose" lang="fr">/);
    assert.match(text(lb.body), /Dësen Text gëtt et net an Ärer Sprooch/);

    const de = await browser.get(`/de/offers/${data.course.id}`);
    assert.match(de.body, new RegExp(`href="/de/offers/${data.course.id}\\?easy=1"`));
    const easy = await browser.get(`/de/offers/${data.course.id}?easy=1`);
    assert.match(text(easy.body), /Sie lernen das Handy/);
    assert.match(easy.body, new RegExp(`href="/de/offers/${data.course.id}"`));
  });

  test('the organisation page lists its offers with JSON-LD', async () => {
    const response = await browser.get(`/pt/organizations/${data.organization.id}`);
    const page = text(response.body);
    assert.match(page, /2 ofertas/);
    assert.match(page, /Café smartphone/);
    assert.match(page, /Computer-Hëllef an der Bibliothéik/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(response.body)?.[1] ?? '{}');
    assert.equal(jsonLd['@type'], 'Organization');
    assert.equal(jsonLd.email, 'info@di.lu');
  });

  test('the print sheet is bare and carries a QR code to the offer page', async () => {
    const response = await browser.get(`/fr/offers/${data.course.id}/print`);
    assert.doesNotMatch(response.body, /class="site-header"/);
    assert.match(response.body, /<svg class="qr"[^>]*role="img" aria-label="Code QR qui ouvre cette offre sur Zesummen"/);
    assert.match(text(response.body), new RegExp(`/fr/offers/${data.course.id}`));
  });

  test('the calendar lists upcoming sessions by day and filters them', async () => {
    const all = await browser.get('/en/calendar');
    assert.equal((all.body.match(/class="calendar-day"/g) ?? []).length, 2);
    assert.match(text(all.body), /8 places left/);
    const elsewhere = await browser.get('/en/calendar?commune=clervaux');
    assert.match(text(elsewhere.body), /No dates found/);
    const otherKind = await browser.get('/en/calendar?type=coding');
    assert.match(text(otherKind.body), /No dates found/);
    const canton = await browser.get('/en/calendar?canton=esch-sur-alzette&language=fr');
    assert.equal((canton.body.match(/class="calendar-day"/g) ?? []).length, 2);
  });

  test('iCalendar files hold the sessions of an offer and of a search', async () => {
    const offer = await browser.get(`/en/offers/${data.course.id}/calendar.ics`);
    assert.equal(offer.statusCode, 200);
    assert.match(offer.headers['content-type'] as string, /^text\/calendar/);
    assert.equal((offer.body.match(/BEGIN:VEVENT/g) ?? []).length, 2);
    assert.match(offer.body, new RegExp(`UID:${data.sessions[0]?.id}@`));
    const search = await browser.get('/en/search.ics?type=helpdesk');
    assert.equal((search.body.match(/BEGIN:VEVENT/g) ?? []).length, 0, 'the help desk has no sessions');
    const courses = await browser.get('/en/search.ics?type=course');
    assert.equal((courses.body.match(/BEGIN:VEVENT/g) ?? []).length, 2);
  });

  test('the data page names the sources and licences', async () => {
    const response = await browser.get('/en/about/data');
    const page = text(response.body);
    assert.match(page, /Administration du cadastre et de la topographie/);
    assert.match(page, /CC0/);
    assert.match(page, /Data from Who's On First/);
    assert.match(response.body, /href="\/api\/openapi\.json"/);
  });

  test('the base map is a cacheable SVG of the communes', async () => {
    const response = await browser.get('/maps/lu-communes.svg');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /image\/svg\+xml/);
    assert.match(response.headers['cache-control'] as string, /max-age=604800/);
    assert.equal((response.body.match(/<path /g) ?? []).length, 100);
  });
});

describeEachDialect('public search paging', (dialect) => {
  let app: TestApp;
  let browser: TestBrowser;
  before(async () => {
    app = await buildTestApp(dialect);
    const data = await publicDirectory(app);
    const place = unwrap(await app.directory.createLocation(data.moderator, data.organization.id, locationInput({ latitude: 49.5, longitude: 5.99 })));
    for (let i = 1; i <= 45; i += 1) {
      published(
        unwrap(
          await app.directory.createOffer(
            data.moderator,
            data.organization.id,
            offerInput({ name: [{ locale: 'fr', value: `Atelier tablette ${String(i).padStart(2, '0')}` }], locationIds: [place.id] }),
          ),
        ),
      );
    }
    browser = new TestBrowser(app.http);
  });
  after(async () => app?.close());

  test('results come 20 to a page with numbered links that keep the query', async () => {
    const first = await browser.get('/en/search?q=tablette&sort=name');
    assert.match(text(first.body), /45 offers found/);
    assert.equal((first.body.match(/<article class="card offer-card">/g) ?? []).length, 20);
    assert.match(first.body, /<a href="\/en\/search\?q=tablette&amp;sort=name&amp;page=1" aria-current="page"/);
    assert.match(first.body, /<a href="\/en\/search\?q=tablette&amp;sort=name&amp;page=2" rel="next">Next page<\/a>/);
    const third = await browser.get('/en/search?q=tablette&sort=name&page=3');
    assert.equal((third.body.match(/<article class="card offer-card">/g) ?? []).length, 5);
    assert.match(text(third.body), /Atelier tablette 45/);
    assert.match(third.body, /rel="prev"/);
    assert.doesNotMatch(third.body, /rel="next"/);
  });

  test('a full page of results with its map stays within 30 KB gzipped with the CSS', async () => {
    const response = await browser.get('/lb/search?near=Esch-sur-Alzette&radius=50');
    assert.match(response.body, /<svg class="results-map"/);
    const size = gzipSync(Buffer.concat([Buffer.from(response.body), CSS])).length;
    assert.ok(size <= 30_000, `${size} bytes`);
  });
});
