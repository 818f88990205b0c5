import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { publicDirectory, type PublicDirectory } from '../../../test/support/public-directory.js';
import { offerInput, unwrap } from '../../../test/support/directory-fixtures.js';
import { parseHsds } from './hsds-import.js';
import { MEDNUM_COLUMNS } from './mednum-codes.js';

describeEachDialect('open-data API', (dialect) => {
  let app: TestApp;
  let data: PublicDirectory;
  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });

  before(async () => {
    app = await buildTestApp(dialect);
    data = await publicDirectory(app);
  });
  after(async () => app?.close());

  test('search answers with results, total and facets, open to any origin and without cookies', async () => {
    const response = await get('/api/v1/search?languages=pt');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    assert.equal(response.headers['set-cookie'], undefined);
    const body = response.json();
    assert.equal(body.total, 1);
    assert.equal(body.results[0].offer.id, data.helpdesk.id);
    assert.equal(body.results[0].organization.name, 'Digital Inclusion asbl');
    assert.match(body.results[0].url, new RegExp(`/offers/${data.helpdesk.id}$`));
    // Facets count each list as if its own filter were cleared: both offers have French helpers.
    assert.equal(body.facets.languages.fr, 1);
    assert.equal(body.facets.languages.pt, 1);
  });

  test('search takes repeated list parameters, places and pages', async () => {
    const both = (await get('/api/v1/search?types=course&types=helpdesk&sort=name&per_page=1&page=2')).json();
    assert.equal(both.total, 2);
    assert.equal(both.results.length, 1);
    assert.equal(both.perPage, 1);
    const near = (await get('/api/v1/search?near=Esch-sur-Alzette&radius=5')).json();
    assert.deepEqual(near.results.map((r: any) => r.offer.id), [data.course.id]);
    assert.ok(near.results[0].distanceKm < 5);
    const atPosition = (await get('/api/v1/search?lat=49.6112&lon=6.1297&radius=2')).json();
    assert.deepEqual(atPosition.results.map((r: any) => r.offer.id), [data.helpdesk.id]);
  });

  test('bad parameters are a 400 with a code and a message in the asked language, never a 5xx', async () => {
    const cases: [string, string][] = [
      ['/api/v1/search?per_page=101', 'bad_request'],
      ['/api/v1/search?types=pottery', 'bad_request'],
      ['/api/v1/search?page=0', 'bad_request'],
      ['/api/v1/search?lat=abc&lon=6', 'bad_request'],
      ['/api/v1/search?commune=atlantis', 'unknown_commune'],
      ['/api/v1/search?canton=atlantis', 'unknown_canton'],
      ['/api/v1/search?near=Paris', 'unknown_place'],
      ['/api/v1/search?lat=49.6', 'incomplete_position'],
      ['/api/v1/search?from=2026-02-31', 'invalid_date'],
      ['/api/v1/sessions?from=2026-05-10&to=2026-05-01', 'dates_reversed'],
      ['/api/v1/sessions?from=2026-01-01&to=2027-12-31', 'range_too_long'],
      [`/api/v1/offers/${'x'.repeat(101)}`, 'bad_request'],
    ];
    for (const [url, code] of cases) {
      const response = await get(url, { 'accept-language': 'en' });
      assert.equal(response.statusCode, 400, url);
      const body = response.json();
      assert.equal(body.error.code, code, url);
      assert.ok(body.error.message.length > 10, url);
    }
    const french = (await get('/api/v1/search?commune=atlantis', { 'accept-language': 'fr' })).json();
    assert.match(french.error.message, /Commune inconnue/);
  });

  test('an offer or organisation that is not public is a 404 JSON error', async () => {
    const provider = unwrap(
      await app.accounts.createUser({ email: 'untrusted@example.lu', password: 'correct horse battery', displayName: 'U', role: 'provider' }),
    );
    await app.accounts.grantOrganization(provider.id, data.organization.id, false);
    const author = { ...provider, organizationIds: [data.organization.id] };
    const draft = unwrap(await app.directory.createOffer(author, data.organization.id, offerInput({ name: [{ locale: 'fr', value: 'Brouillon' }] })));
    assert.equal(draft.state, 'awaiting_review');
    const newOrganization = unwrap(await app.directory.createOrganization(author, { name: 'Pending asbl', email: 'p@example.lu' }));
    for (const url of [`/api/v1/offers/${draft.value.id}`, `/api/v1/organizations/${newOrganization.value.id}`, '/api/v1/offers/no-such-offer']) {
      const response = await get(url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.code, 'not_found');
    }
  });

  test('an offer comes with its organisation, places and upcoming sessions', async () => {
    const body = (await get(`/api/v1/offers/${data.course.id}`)).json();
    assert.equal(body.offer.id, data.course.id);
    assert.deepEqual(body.offer.name.map((n: any) => n.locale).sort(), ['en', 'fr']);
    assert.equal(body.organization.id, data.organization.id);
    assert.deepEqual(body.locations.map((l: any) => l.id), [data.esch.id]);
    assert.deepEqual(body.sessions.map((s: any) => s.session.id), data.sessions.map((s) => s.id));
    assert.equal(body.sessions[0].placesLeft, 8);
  });

  test('an organisation lists its public offers and their places', async () => {
    const body = (await get(`/api/v1/organizations/${data.organization.id}`)).json();
    assert.deepEqual(body.offers.map((o: any) => o.id).sort(), [data.course.id, data.helpdesk.id].sort());
    assert.deepEqual(body.locations.map((l: any) => l.id).sort(), [data.esch.id, data.luxembourg.id].sort());
  });

  test('sessions are listed by date range and commune', async () => {
    const all = (await get('/api/v1/sessions')).json();
    assert.equal(all.sessions.length, 2);
    assert.equal(all.sessions[0].organization.id, data.organization.id);
    const elsewhere = (await get('/api/v1/sessions?commune=luxembourg')).json();
    assert.equal(elsewhere.sessions.length, 0);
    const firstDay = data.sessions[0]!.startsAt.slice(0, 10);
    const oneDay = (await get(`/api/v1/sessions?from=${firstDay}&to=${firstDay}&commune=esch-sur-alzette`)).json();
    assert.deepEqual(oneDay.sessions.map((s: any) => s.session.id), [data.sessions[0]!.id]);
  });

  test('communes and cantons come from the directory geography', async () => {
    const communes = (await get('/api/v1/communes')).json().communes;
    const cantons = (await get('/api/v1/cantons')).json().cantons;
    assert.equal(communes.length, 100);
    assert.equal(cantons.length, 12);
    const esch = communes.find((c: any) => c.id === 'esch-sur-alzette');
    assert.ok(esch.postalCodes.includes('4010'));
    assert.ok(cantons.find((c: any) => c.id === esch.cantonId).communeIds.includes('esch-sur-alzette'));
  });

  test('the HSDS export holds exactly what the public sees, and reads back without a problem', async () => {
    const hidden = unwrap(
      await app.accounts.createUser({ email: 'new@example.lu', password: 'correct horse battery', displayName: 'New', role: 'provider' }),
    );
    await app.directory.createOrganization(hidden, { name: 'Not yet approved asbl', email: 'x@example.lu' });
    const response = await get('/api/v1/export/hsds.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="zesummen-hsds\.json"/);
    const document = response.json();
    assert.deepEqual(document.organizations.map((o: any) => o.name), ['Digital Inclusion asbl']);
    const services = document.organizations[0].services;
    assert.deepEqual(services.map((s: any) => s.id).sort(), [data.course.id, data.helpdesk.id].sort());
    assert.ok(services.every((s: any) => s.lu_is_demo === false && s.lu_moderation_status === 'approved'));
    const read = parseHsds(response.rawPayload, { defaultLocale: 'fr', now: new Date().toISOString() });
    assert.ok(read.ok, JSON.stringify(!read.ok && read.error));
    assert.equal(read.value.sessions.length, 2);
  });

  test('the mednum CSV export has the standard columns and one row per offer and place', async () => {
    const response = await get('/api/v1/export/mednum.csv');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const [header, ...rows] = parse(response.body) as string[][];
    assert.deepEqual(header, [...MEDNUM_COLUMNS]);
    assert.deepEqual(rows.map((r) => r[0]).sort(), [`${data.course.id}@${data.esch.id}`, `${data.helpdesk.id}@${data.luxembourg.id}`].sort());
  });
});

test('an empty directory exports a valid, empty HSDS document and a CSV with only its header', async () => {
  const app = await buildTestApp('sqlite');
  try {
    const hsds = await app.http.inject({ url: '/api/v1/export/hsds.json' });
    assert.deepEqual(hsds.json().organizations, []);
    const csv = await app.http.inject({ url: '/api/v1/export/mednum.csv' });
    assert.equal(csv.body, `${MEDNUM_COLUMNS.join(',')}\n`);
  } finally {
    await app.close();
  }
});
