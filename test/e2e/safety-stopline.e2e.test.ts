import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';

let site: RunningSite;
before(async () => {
  site = await startSite();
});
after(async () => site?.close());

test('with the keyboard alone and JavaScript off: report an address, keep the code, check the status with it', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/report-illegal-content`);
  await tabTo(page, '#url');
  await page.keyboard.type('www.example.com/hate-page?id=3');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'category-0', 'the category comes right after the address');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.isChecked('#category-1'), 'racism, discrimination or hate');
  await tabTo(page, '#whereFound');
  await page.keyboard.type('A social network');
  await page.keyboard.press('Tab');
  await page.keyboard.type('A post calling for violence');
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#tracking-code');
  const code = (await page.textContent('#tracking-code'))!;
  assert.match(code, /^\d{4} \d{4} \d{4} \d{4}$/);

  await tabTo(page, 'main p a[href="/en/report-illegal-content/status"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/report-illegal-content\/status$/);
  assert.equal(await page.textContent('body').then((b) => b!.includes(code)), false, 'the code is shown once only');
  await tabTo(page, '#code');
  await page.keyboard.type(code.replace(/ /g, '-'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('#status-title');
  assert.equal(await page.textContent('#status-title'), 'Received');
  await context.close();
});

// axe runs inside the page, so this browser has JavaScript on; the pages themselves have no script.
test('the report form, its error state, the code, the status and the helpline have no axe violations in any language', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/report-illegal-content`);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    await assertAccessible(page, `/${locale}/report-illegal-content`);
    await page.fill('#url', 'mailto:someone@example.lu');
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, `/${locale}/report-illegal-content with errors`);

    await page.fill('#url', `https://example.com/${locale}`);
    await page.check('#category-3');
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('#tracking-code');
    await assertAccessible(page, `/${locale}/report-illegal-content code`);
    const code = (await page.textContent('#tracking-code'))!;

    await page.goto(`${site.baseUrl}/${locale}/report-illegal-content/status`);
    await page.fill('#code', code);
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('#status-title');
    await assertAccessible(page, `/${locale}/report-illegal-content/status`);

    await page.goto(`${site.baseUrl}/${locale}/helpline`);
    await assertAccessible(page, `/${locale}/helpline`);
  }
  await context.close();
});
