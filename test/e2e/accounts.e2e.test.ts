import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';

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
