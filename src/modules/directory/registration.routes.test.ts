import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, manualClock, offerInput, published, sessionInput, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';
import type { CourseSession, Offer } from './directory.model.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

function cancelPath(html: string): string {
  const match = /href="https?:\/\/[^"/]+(\/en\/registrations\/cancel\/[A-Za-z0-9_-]+)"/.exec(html);
  assert.ok(match?.[1], 'the confirmation shows a cancel link');
  return match[1];
}

describeEachDialect('registering for a session without an account', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let cast: Cast;
  let offer: Offer;
  let session: CourseSession;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
    offer = published(unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput({ offerTypes: ['course'] }))));
  });
  after(async () => app?.close());
  beforeEach(async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    session = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput({ capacity: 1 })));
  });

  const register = async (browser: TestBrowser, name: string, fields: Record<string, string> = {}) => {
    await browser.get(`/en/sessions/${session.id}/register`);
    return browser.post(`/en/sessions/${session.id}/register`, { name, contact: `${name.toLowerCase()}@example.lu`, consent: 'yes', ...fields });
  };

  test('the first person is confirmed, the next waitlisted, and a cancellation promotes the one waiting', async () => {
    const ana = new TestBrowser(app.http);
    const page = await ana.get(`/en/sessions/${session.id}/register`);
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /There is 1 place left/);
    assert.match(text(page.body), /We delete these details 30 days after the course\./);
    assert.match(text(page.body), /I agree that my details are kept until 30 days after the course\./);

    const confirmed = await register(ana, 'Ana', { needs: 'I need help with German' });
    assert.equal(confirmed.statusCode, 201);
    assert.match(text(confirmed.body), /You are registered/);
    assert.match(text(confirmed.body), /Your place is confirmed/);
    assert.match(confirmed.headers['cache-control'] as string, /no-store/);
    const anaCancel = cancelPath(confirmed.body);

    const ben = new TestBrowser(app.http);
    const full = await ben.get(`/en/sessions/${session.id}/register`);
    assert.match(text(full.body), /This course is full/);
    assert.match(text(full.body), /Put me on the waiting list/);
    const waitlisted = await register(ben, 'Ben');
    assert.equal(waitlisted.statusCode, 201);
    assert.match(text(waitlisted.body), /You are on the waiting list/);
    const benCancel = cancelPath(waitlisted.body);

    const confirm = await ana.get(anaCancel);
    assert.equal(confirm.statusCode, 200);
    assert.match(text(confirm.body), /do you want to give up your place/);
    const cancelled = await ana.post(anaCancel, {});
    assert.equal(cancelled.statusCode, 200);
    assert.match(text(cancelled.body), /Your registration is cancelled/);
    assert.doesNotMatch(cancelled.body, /Yes, cancel my registration/);

    const again = await ana.post(anaCancel, {});
    assert.match(text(again.body), /already cancelled/);

    // Ben now holds the place: his cancel page speaks of a place, not of the waiting list.
    const benPage = await ben.get(benCancel);
    assert.match(text(benPage.body), /Ben, do you want to give up your place/);

    const list = unwrap(await app.directory.listRegistrations(cast.moderator, session.id));
    assert.deepEqual(list.confirmed.map((r) => r.name), ['Ben']);
    assert.deepEqual(list.cancelled.map((r) => r.name), ['Ana']);
  });

  test('a failed form keeps what was typed and explains each problem in the page language', async () => {
    const browser = new TestBrowser(app.http);
    await browser.get(`/fr/sessions/${session.id}/register`);
    const response = await browser.post(`/fr/sessions/${session.id}/register`, {
      name: 'Chloé',
      contact: 'not a way to reach anyone',
      needs: 'x'.repeat(2001),
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /value="Chloé"/);
    assert.match(text(response.body), /Veuillez cocher la case/);
    assert.match(text(response.body), /2000/);
    assert.equal(unwrap(await app.directory.listRegistrations(cast.moderator, session.id)).confirmed.length, 0);

    const badContact = await browser.post(`/fr/sessions/${session.id}/register`, { name: 'Chloé', contact: 'nowhere', consent: 'yes' });
    assert.equal(badContact.statusCode, 422);
    assert.match(badContact.body, /id="contact-error"/);
    assert.match(badContact.body, /value="nowhere"/);
  });

  test('a phone number is a way to be reached too', async () => {
    const browser = new TestBrowser(app.http);
    const response = await register(browser, 'Dario', { contact: '+352 621 123 456' });
    assert.equal(response.statusCode, 201);
  });

  test('a past or cancelled session shows why, and no form', async () => {
    const browser = new TestBrowser(app.http);
    clock.set('2026-04-01T15:00:00.000Z');
    const past = await browser.get(`/en/sessions/${session.id}/register`);
    assert.equal(past.statusCode, 200);
    assert.match(text(past.body), /already started or is over/);
    assert.doesNotMatch(past.body, /name="consent"/);

    clock.set('2026-03-02T09:00:00.000Z');
    const csrfPage = await browser.get(`/en/sessions/${session.id}/register`);
    assert.match(csrfPage.body, /name="consent"/);
    await app.directory.updateSession(cast.moderator, session.id, sessionInput({ capacity: 1, cancelled: true }));
    const refused = await browser.post(`/en/sessions/${session.id}/register`, { name: 'Eve', contact: 'eve@example.lu', consent: 'yes' });
    assert.equal(refused.statusCode, 409);
    assert.match(text(refused.body), /has been cancelled/);
  });

  test('the cancel link still works once the offer is withdrawn from the public directory', async () => {
    const withdrawn = published(unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput({ offerTypes: ['course'] }))));
    const later = unwrap(await app.directory.createSession(cast.moderator, withdrawn.id, sessionInput({ capacity: 3 })));
    const browser = new TestBrowser(app.http);
    await browser.get(`/en/sessions/${later.id}/register`);
    const registered = await browser.post(`/en/sessions/${later.id}/register`, { name: 'Gil', contact: 'gil@example.lu', consent: 'yes' });
    const link = cancelPath(registered.body);
    await app.directory.updateOffer(cast.moderator, withdrawn.id, offerInput({ offerTypes: ['course'], active: false }));
    assert.equal((await browser.get(`/en/sessions/${later.id}/register`)).statusCode, 404, 'no longer offered to the public');

    const page = await browser.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Gil, do you want to give up your place/);
    const cancelled = await browser.post(link, {});
    assert.equal(cancelled.statusCode, 200);
    assert.match(text(cancelled.body), /Your registration is cancelled/);
    assert.deepEqual(unwrap(await app.directory.listRegistrations(cast.moderator, later.id)).cancelled.map((r) => r.name), ['Gil']);
  });

  test('an unknown session or cancel link is a 404', async () => {
    const browser = new TestBrowser(app.http);
    assert.equal((await browser.get('/en/sessions/nope/register')).statusCode, 404);
    assert.equal((await browser.get('/en/registrations/cancel/not-a-token')).statusCode, 404);
  });
});

describeEachDialect('anonymous posts are rate-limited', (dialect) => {
  let app: TestApp;
  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(async () => app?.close());

  test('the 21st registration attempt in ten minutes from one address is refused', async () => {
    const browser = new TestBrowser(app.http);
    await browser.get('/en/login');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await browser.post('/en/sessions/unknown/register', { name: 'x' })).statusCode);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(404));
    assert.equal(statuses[20], 429);
  });
});
