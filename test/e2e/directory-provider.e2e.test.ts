import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import type { CourseSession, Location, Offer } from '../../src/modules/directory/index.js';
import { castOf, locationInput, offerInput, published, sessionInput, unwrap, type Cast } from '../support/directory-fixtures.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';

const DAY = 86_400_000;
let site: RunningSite;
let cast: Cast;
let place: Location;
let offer: Offer;
let session: CourseSession;
let fullSession: CourseSession;

before(async () => {
  site = await startSite({
    prepare: async (app) => {
      cast = await castOf(app);
      place = unwrap(await app.directory.createLocation(cast.moderator, cast.organization.id, locationInput()));
      offer = published(
        unwrap(
          await app.directory.createOffer(
            cast.moderator,
            cast.organization.id,
            offerInput({ offerTypes: ['course'], locationIds: [place.id], name: [{ locale: 'fr', value: 'Café smartphone' }, { locale: 'de-easy', value: 'Handy-Café', source: 'reviewed' }] }),
          ),
        ),
      );
      const start = new Date(Date.now() + 7 * DAY);
      const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
      session = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput({ startsAt: at(0), endsAt: at(2), capacity: 500, locationId: place.id })));
      fullSession = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput({ startsAt: at(24), endsAt: at(26), capacity: 1 })));
      await app.directory.register(fullSession.id, { name: 'Ana', contact: 'ana@example.lu', needs: 'Help with German' });
      await app.directory.reportOffer(offer.id, { kind: 'wrong_information', message: 'The phone number changed' });
      // A change waiting for a moderator, so the queue and its review page have something to show.
      await app.directory.updateOffer(cast.untrusted, offer.id, { ...offerInput({ offerTypes: ['course'], locationIds: [place.id] }), name: [{ locale: 'fr', value: 'Café tablette' }] });
    },
  });
});
after(async () => site?.close());

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${site.baseUrl}/en/login`);
  await page.fill('#email', email);
  await page.fill('#password', 'correct horse battery');
  await page.click('form button[type=submit]');
  await page.waitForURL(/\/provider$/);
}

async function check(page: Page, path: string, locale: string): Promise<void> {
  const response = await page.goto(`${site.baseUrl}/${locale}${path}`);
  assert.ok(response && response.status() < 400, `${path} answered ${response?.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), locale);
  await assertAccessible(page, `/${locale}${path}`);
}

/** Sends the current page's form (the one holding `selector`) and checks the failed state. */
async function checkFailed(page: Page, selector: string, label: string): Promise<void> {
  await page.click(selector);
  await page.waitForSelector('.error-summary');
  await assertAccessible(page, `${label} with errors`);
}

test('registration, cancel and report pages have no axe violations in any language, failed forms included', async () => {
  const context = await site.newContext({ width: 360 });
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await check(page, `/sessions/${session.id}/register`, locale);
    await checkFailed(page, 'main form button[type=submit]', `/${locale} registration`);
    await check(page, `/sessions/${fullSession.id}/register`, locale);

    await page.goto(`${site.baseUrl}/${locale}/sessions/${session.id}/register`);
    await page.fill('#name', `Person ${locale}`);
    await page.fill('#contact', `${locale}@example.lu`);
    await page.check('#consent-yes');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.cancel-link a');
    await assertAccessible(page, `/${locale} registration confirmed`);
    const cancel = await page.getAttribute('.cancel-link a', 'href');
    assert.ok(cancel);
    // The link is built from the public address; the test server listens elsewhere.
    await page.goto(`${site.baseUrl}${new URL(cancel).pathname}`);
    await assertAccessible(page, `/${locale} cancel page`);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.notice--success');
    await assertAccessible(page, `/${locale} cancelled`);

    await check(page, `/offers/${offer.id}/report`, locale);
    await checkFailed(page, 'main form button[type=submit]', `/${locale} report`);
    await page.check('#kind-0');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/report\/thanks$/);
    await assertAccessible(page, `/${locale} report thanks`);
  }
  await context.close();
});

test('provider pages have no axe violations in any language, failed forms included', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await signIn(page, 'trusted@example.lu');
  const org = cast.organization.id;
  for (const locale of LOCALES) {
    await check(page, '/provider', locale);
    await check(page, `/provider/organizations/${org}/offers/new`, locale);
    await checkFailed(page, 'main form button[type=submit]', `/${locale} new offer`);
    await check(page, `/provider/offers/${offer.id}/edit`, locale);
    await check(page, `/provider/organizations/${org}/locations/new`, locale);
    await checkFailed(page, 'main form button[type=submit]', `/${locale} new place`);
    await check(page, `/provider/locations/${place.id}/edit`, locale);
    await check(page, `/provider/offers/${offer.id}/sessions/new`, locale);
    await checkFailed(page, 'main form button[type=submit]', `/${locale} new date`);
    await check(page, `/provider/sessions/${session.id}/edit`, locale);
    await check(page, `/provider/sessions/${fullSession.id}/registrations`, locale);
    await check(page, `/provider/organizations/${org}/edit`, locale);
    await page.fill('#name', '');
    await checkFailed(page, 'main form button[type=submit]', `/${locale} organisation`);
  }
  // The offer form with every language version open.
  await page.goto(`${site.baseUrl}/en/provider/offers/${offer.id}/edit`);
  const closed = page.locator('details.language-version:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  await assertAccessible(page, '/en offer form with all languages open');
  await context.close();
});

test('moderation pages have no axe violations in any language, failed reject included', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await signIn(page, 'moderator@example.lu');
  for (const locale of LOCALES) {
    await check(page, '/moderation', locale);
    const review = await page.getAttribute('a[href*="/moderation/change/"]', 'href');
    assert.ok(review, 'the queue lists the waiting change');
    await page.goto(`${site.baseUrl}${review}`);
    await assertAccessible(page, `${review}`);
    await checkFailed(page, 'form[action$="/reject"] button[type=submit]', `${review} reject`);
    await check(page, '/moderation/organizations/new', locale);
    await page.fill('#memberEmail', 'nobody@example.lu');
    await checkFailed(page, 'main form button[type=submit]', `/${locale} new organisation`);
  }
  await context.close();
});

test('a person registers for a course with the keyboard alone and JavaScript off', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/lb/sessions/${session.id}/register`);
  await tabTo(page, '#name');
  await page.keyboard.type('Jos Schmit');
  await page.keyboard.press('Tab');
  await page.keyboard.type('+352 621 123 456');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ech brauch Hëllef mam Däitschen');
  await tabTo(page, '#consent-yes');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.cancel-link a');
  assert.match((await page.textContent('h1')) ?? '', /Dir sidd ugemellt/);
  const list = unwrap(await site.app.directory.listRegistrations(cast.moderator, session.id));
  assert.ok(list.confirmed.some((r) => r.name === 'Jos Schmit' && r.contact === '+352 621 123 456'));
  await context.close();
});

test('a provider edits an offer with the keyboard alone and JavaScript off', async () => {
  const context = await site.newContext({ javaScript: false });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/login`);
  await tabTo(page, '#email');
  await page.keyboard.type('trusted@example.lu');
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/provider$/);
  await tabTo(page, `a[href="/en/provider/offers/${offer.id}/edit"]`, 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/edit$/);
  await tabTo(page, '#openingHours', 200);
  await page.keyboard.type('Mo-Fr 09:00-12:00');
  await tabTo(page, 'main form button[type=submit]', 200);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/provider\?saved=published$/);
  assert.match((await page.textContent('.notice--success')) ?? '', /public now/);
  assert.equal((await site.app.directory.getOffer(offer.id))?.openingHours, 'Mo-Fr 09:00-12:00');
  await context.close();
});
