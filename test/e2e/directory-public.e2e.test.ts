import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { publicDirectory, type PublicDirectory } from '../support/public-directory.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';

let site: RunningSite;
let data: PublicDirectory;
before(async () => {
  site = await startSite({
    prepare: async (app) => {
      data = await publicDirectory(app);
    },
  });
});
after(async () => site?.close());

test('every public page type has no axe violations in any language', async () => {
  const context = await site.newContext({ width: 360 });
  const page = await context.newPage();
  const paths = [
    '/',
    '/search?near=Luxembourg&radius=50',
    '/search?from=2026-02-31&type=bogus',
    `/offers/${data.course.id}`,
    `/offers/${data.helpdesk.id}`,
    `/offers/${data.course.id}/print`,
    `/organizations/${data.organization.id}`,
    '/calendar',
    '/about/data',
  ];
  for (const locale of LOCALES) {
    for (const path of paths) {
      await page.goto(`${site.baseUrl}/${locale}${path}`);
      assert.equal(await page.getAttribute('html', 'lang'), locale);
      await assertAccessible(page, `/${locale}${path}`);
    }
  }
  // The map and the filters are closed at first: check them open too.
  await page.goto(`${site.baseUrl}/en/search?near=Luxembourg&radius=50&cost=free`);
  await page.click('.map-details summary');
  await assertAccessible(page, '/en/search with the map and filters open');
  await context.close();
});

test('the guided path works with the keyboard alone and JavaScript off', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/`);
  // The first answer ("not sure") is chosen; arrow keys move through the kinds of help.
  await tabTo(page, '#type-0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#type-1'), true, 'the arrow key chose "Course or workshop"');
  await tabTo(page, '#commune');
  await page.keyboard.type('Esch-sur-A');
  await tabTo(page, '#language');
  await page.keyboard.type('French');
  await tabTo(page, 'form.guided button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/en\/search\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('type'), 'course');
  assert.equal(url.searchParams.get('commune'), 'esch-sur-alzette');
  assert.equal(url.searchParams.get('language'), 'fr');
  assert.match(await page.textContent('#results-heading') ?? '', /1 offer found/);
  assert.match(await page.textContent('.result-list') ?? '', /Smartphone café/);
  await context.close();
});

test('a search with filters works with the keyboard alone and JavaScript off', async () => {
  const context = await site.newContext({ javaScript: false, width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/search`);
  await tabTo(page, '#q');
  await page.keyboard.type('MyGuichet');
  await tabTo(page, '.filters > summary');
  await page.keyboard.press('Enter');
  await tabTo(page, '#language-pt');
  await page.keyboard.press('Space');
  await tabTo(page, '.filters button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/language=pt/);
  assert.match(await page.textContent('#results-heading') ?? '', /1 offer found/);
  assert.match(await page.textContent('.result-list') ?? '', /Computer-Hëllef an der Bibliothéik/);

  // A place we do not know comes back with the message beside the field, and the query kept.
  await tabTo(page, '#near');
  await page.keyboard.type('Atlantis');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('#near-error') ?? '', /We do not know this place/);
  assert.equal(await page.inputValue('#q'), 'MyGuichet');
  assert.equal(await page.isChecked('#language-pt'), true);
  await context.close();
});

test('with JavaScript, "Use my location" searches near the person', async () => {
  const context = await site.browser.newContext({
    viewport: { width: 360, height: 900 },
    geolocation: { latitude: 49.6116, longitude: 6.1319 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/search`);
  await page.click('.geolocate button');
  await page.waitForFunction(() => (document.querySelector('input[name="lat"]') as HTMLInputElement).value !== '');
  await page.click('.search-main button[type=submit]');
  await page.waitForURL(/lat=49\.612/);
  assert.match(await page.textContent('.result-list') ?? '', /0\.\d km away/);
  await context.close();
});
