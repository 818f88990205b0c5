import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';
import { totpAt } from '../support/totp.js';

let site: RunningSite;
before(async () => {
  site = await startSite({
    prepare: async (app) => {
      await app.accounts.createUser({
        email: 'provider@example.lu',
        password: 'a long enough password',
        displayName: 'Provider',
        role: 'provider',
      });
    },
  });
});
after(async () => site?.close());

test('the sign-in page and its error state have no axe violations in any language', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/login`);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    await assertAccessible(page, `/${locale}/login`);
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, `/${locale}/login with errors`);
  }
  await context.close();
});

test('a provider signs in with the keyboard alone and JavaScript off', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/login`);
  await tabTo(page, '#email');
  await page.keyboard.type('provider@example.lu');
  await page.keyboard.press('Tab');
  await page.keyboard.type('a long enough password');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/provider$/);
  const cookies = await context.cookies();
  assert.ok(cookies.some((c) => c.name === 'zs_session' && c.httpOnly));
  await context.close();
});

test('sign-up, setting up a code app and typing a code have no axe violations in any language', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/register`);
    await assertAccessible(page, `/${locale}/register`);
    await page.click('main button[type=submit]');
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, `/${locale}/register with errors`);
  }
  await page.fill('#displayName', 'Anna Muller');
  await page.fill('#email', 'anna@example.lu');
  await page.fill('#password', 'a long enough password');
  await page.fill('#passwordRepeat', 'a long enough password');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/pt\/mandates$/);

  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/account/second-factor`);
    await assertAccessible(page, `/${locale}/account/second-factor`);
    await page.click('main button[type=submit]');
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, `/${locale}/account/second-factor with errors`);
  }
  const secret = (await page.textContent('.secret-key'))!.replace(/\s/g, '');
  await page.fill('#code', totpAt(secret, new Date()));
  await page.click('main button[type=submit]');
  await page.waitForSelector('.notice--success');
  await assertAccessible(page, 'second factor set up');

  // A new session asks for a code again.
  const later = await site.newContext();
  const again = await later.newPage();
  await again.goto(`${site.baseUrl}/en/login`);
  await again.fill('#email', 'anna@example.lu');
  await again.fill('#password', 'a long enough password');
  await again.click('main button[type=submit]');
  await again.waitForURL(/\/en\/mandates$/);
  for (const locale of LOCALES) {
    await again.goto(`${site.baseUrl}/${locale}/account/second-factor/verify`);
    await assertAccessible(again, `/${locale}/account/second-factor/verify`);
    await again.click('main button[type=submit]');
    await again.waitForSelector('.error-summary');
    await assertAccessible(again, `/${locale}/account/second-factor/verify with errors`);
  }
  await later.close();
  await context.close();
});
