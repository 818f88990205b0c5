import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { pageText, signedInBrowser, TestBrowser } from '../../../test/support/http.js';
import { manualClock, published, unwrap } from '../../../test/support/directory-fixtures.js';
import { MANDATE_CAST_PASSWORD, mandateCastOf, type MandateCast } from '../../../test/support/mandate-fixtures.js';

const text = pageText;

describeEachDialect('the accreditation page of moderators', (dialect) => {
  const clock = manualClock('2026-03-03T13:05:00.000Z');
  let app: TestApp;
  let cast: MandateCast;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await mandateCastOf(app);
  });
  after(async () => app?.close());

  const signIn = (email: string): Promise<TestBrowser> => signedInBrowser(app.http, email, MANDATE_CAST_PASSWORD);

  test('only moderators and admins reach it', async () => {
    assert.equal((await new TestBrowser(app.http).get('/en/moderation/accreditations')).statusCode, 401);
    const helper = await signIn(cast.helper.email);
    assert.equal((await helper.get('/en/moderation/accreditations')).statusCode, 403);
    const maria = await signIn(cast.principal.email);
    assert.equal((await maria.get('/en/moderation/accreditations')).statusCode, 403);
  });

  test('a moderator accredits an organisation until a day, and withdraws it; the propose form follows', async () => {
    const newcomer = published(unwrap(await app.directory.createOrganization(cast.moderator, { name: 'Digital Help asbl', email: 'help@example.lu' })));
    const maria = await signIn(cast.principal.email);
    assert.doesNotMatch((await maria.get('/en/mandates/new')).body, /Digital Help asbl/, 'not accredited: not offered');

    const moderator = await signIn(cast.moderator.email);
    const page = await moderator.get('/en/moderation/accreditations');
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Helpdesk Esch from March 3, 2026 to January 1, 2031 Accredited/);
    assert.match(page.body, new RegExp(`<option value="${newcomer.id}">Digital Help asbl</option>`), 'every organisation may be accredited');

    const empty = await moderator.post('/en/moderation/accreditations', {});
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<a href="#organizationId">Organisation: /);
    assert.match(empty.body, /<a href="#validUntil">Accredited until: /);
    const impossible = await moderator.post('/en/moderation/accreditations', { organizationId: newcomer.id, validUntil: '2027-02-30' });
    assert.equal(impossible.statusCode, 422);
    assert.match(impossible.body, /id="validUntil-error">[\s\S]*Please enter a date like 2026-12-31\./);
    const past = await moderator.post('/en/moderation/accreditations', { organizationId: newcomer.id, validUntil: '2026-01-31' });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /id="validUntil-error">[\s\S]*Please choose a day in the future\./);
    assert.match(past.body, new RegExp(`<option value="${newcomer.id}" selected>`));
    const unknown = await moderator.post('/en/moderation/accreditations', { organizationId: 'nope', validUntil: '2027-12-31' });
    assert.match(unknown.body, /id="organizationId-error">[\s\S]*Please choose an organisation from the list\./);

    const accredited = await moderator.post('/en/moderation/accreditations', { organizationId: newcomer.id, validUntil: '2027-12-31' });
    assert.equal(accredited.statusCode, 303);
    assert.equal(accredited.headers.location, '/en/moderation/accreditations?done=accredited');
    const listed = await moderator.get('/en/moderation/accreditations?done=accredited');
    assert.match(text(listed.body), /The organisation is accredited\./);
    assert.match(text(listed.body), /Digital Help asbl from March 3, 2026 to December 31, 2027 Accredited/);
    const accreditation = (await app.mandates.listAccreditations()).find((a) => a.organizationId === newcomer.id);
    assert.equal(accreditation?.validUntil, '2027-12-31T22:59:59.000Z', 'the end of that day in Luxembourg');
    assert.match((await maria.get('/en/mandates/new')).body, new RegExp(`<option value="${newcomer.id}">Digital Help asbl</option>`));

    const withdrawn = await moderator.post('/en/moderation/accreditations/withdraw', { organizationId: newcomer.id });
    assert.equal(withdrawn.headers.location, '/en/moderation/accreditations?done=withdrawn');
    const after = text((await moderator.get('/en/moderation/accreditations?done=withdrawn')).body);
    assert.match(after, /The accreditation is withdrawn\./);
    assert.match(after, /Digital Help asbl from March 3, 2026 to December 31, 2027 Withdrawn on March 3, 2026/);
    assert.doesNotMatch((await maria.get('/en/mandates/new')).body, /Digital Help asbl/);
    const twice = await moderator.post('/en/moderation/accreditations/withdraw', { organizationId: newcomer.id });
    assert.equal(twice.statusCode, 409);
    assert.match(text(twice.body), /This organisation is not accredited, or its accreditation has ended\./);
  });
});
