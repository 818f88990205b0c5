import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { unwrap } from '../support/directory-fixtures.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';

const SCAM_SMS = 'Spuerkeess: your account is blocked. Confirm your LuxTrust code now at http://spuerkeess-secure.com/login within 24 hours.';
const SCAM_MAIL = [
  'From: "POST Luxembourg" <colis@post-lu-delivery.com>',
  'To: anna@example.lu',
  'Subject: Votre colis est en attente',
  'Date: Mon, 2 Mar 2026 09:00:00 +0100',
  'Message-ID: <42@post-lu-delivery.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Bonjour, votre colis ne peut pas être livré. Payez les frais de douane de 1,99 EUR ici : http://post-lu-delivery.com/pay avant 24 heures.',
  '',
].join('\r\n');

let site: RunningSite;
before(async () => {
  site = await startSite({
    prepare: async (app) => {
      unwrap(await app.accounts.createUser({ email: 'moderator@example.lu', password: 'correct horse battery', displayName: 'Moderator', role: 'moderator' }));
    },
  });
});
after(async () => site?.close());

test('with the keyboard alone and JavaScript off, a pasted scam SMS is "very likely a scam" with reasons, and can be sent to the team', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/`);
  await tabTo(page, 'header a[href="/en/safety"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/safety$/);

  await tabTo(page, '#message');
  await page.keyboard.type(SCAM_SMS);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/safety\/check$/);
  assert.equal((await page.textContent('.verdict__answer strong'))?.trim(), 'Very likely a scam');
  assert.ok((await page.locator('.reason-list li').count()) >= 3);

  await tabTo(page, 'form[action="/en/safety/report"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/safety\?reported=1$/);
  assert.match((await page.textContent('[role=status]')) ?? '', /Thank you/);

  await page.goto(`${site.baseUrl}/en/safety`);
  await page.setInputFiles('#file', { name: 'parcel.eml', mimeType: 'message/rfc822', buffer: Buffer.from(SCAM_MAIL) });
  await tabTo(page, '#file');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/safety\/check$/);
  assert.equal((await page.textContent('.verdict__answer strong'))?.trim(), 'Very likely a scam');
  assert.match((await page.textContent('.summary-list')) ?? '', /colis@post-lu-delivery\.com/);
  await context.close();
});

test('the form, its error state, the result and the "already clicked" page have no axe violations in any language', async () => {
  // axe runs as a script in the page; the pages themselves have none.
  const context = await site.newContext();
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/safety`);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    await assertAccessible(page, `/${locale}/safety`);

    await page.click('form:has(#url) button[type=submit]');
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, `/${locale}/safety with an error`);

    await page.fill('#message', SCAM_SMS);
    await page.click('form:has(#message) button[type=submit]');
    await page.waitForSelector('.verdict');
    await assertAccessible(page, `/${locale}/safety/check`);

    await page.goto(`${site.baseUrl}/${locale}/safety/already-clicked`);
    await assertAccessible(page, `/${locale}/safety/already-clicked`);
  }
  await context.close();
});

test('the moderators’ pages have no axe violations', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/login`);
  await page.fill('#email', 'moderator@example.lu');
  await page.fill('#password', 'correct horse battery');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/en\/provider$/);

  await page.goto(`${site.baseUrl}/en/moderation/safety`);
  assert.ok((await page.locator('.reported-text').count()) >= 1, 'the report sent in the first test is in the queue');
  await page.fill('#title', 'Fake parcel SMS');
  await page.fill('#body', 'Do not pay the fee.\n\nDelete the SMS.');
  await page.click('form[action="/en/moderation/safety/warnings"] button[type=submit]');
  await page.waitForURL(/done=published/);
  await assertAccessible(page, '/en/moderation/safety');

  await page.goto(`${site.baseUrl}/en/moderation/safety/brands`);
  await assertAccessible(page, '/en/moderation/safety/brands');
  await page.goto(`${site.baseUrl}/en/moderation/safety/brands/post`);
  await page.fill('#domains', 'not a domain');
  await page.click('form[action="/en/moderation/safety/brands/post"] button[type=submit]');
  await page.waitForSelector('.error-summary');
  await assertAccessible(page, '/en/moderation/safety/brands/post with an error');

  await page.goto(`${site.baseUrl}/fr/safety`);
  assert.match((await page.textContent('.safety-warnings')) ?? '', /Fake parcel SMS/);
  await assertAccessible(page, '/fr/safety with a warning');
  await context.close();
});
