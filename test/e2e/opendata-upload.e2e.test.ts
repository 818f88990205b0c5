import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { castOf } from '../support/directory-fixtures.js';
import { MEDNUM_COLUMNS, toMednumCsv } from '../../src/modules/opendata/index.js';
import { belvaux, digibus, helpdesk, organization } from '../support/opendata-fixtures.js';
import { assertAccessible, startSite, type RunningSite } from './support/browser.js';

const goodCsv = toMednumCsv({ organizations: [organization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });
const [row] = parse(goodCsv, { columns: true }) as Record<string, string>[];
const brokenCsv = stringify(
  [
    { ...row!, courriels: 'aide(at)digital.lu' },
    { ...row!, id: 'paris@x', latitude: '48.8566', longitude: '2.3522', code_postal: '75001' },
  ],
  { header: true, columns: [...MEDNUM_COLUMNS] },
);
const csvFile = (content: string) => ({ name: 'offers.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });

let site: RunningSite;
before(async () => {
  site = await startSite({ prepare: async (app) => void (await castOf(app)) });
});
after(async () => site?.close());

test('the upload page, its error page and its summary have no axe violations in any language', async () => {
  const context = await site.newContext({ width: 360 });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/en/login`);
  await page.fill('#email', 'untrusted@example.lu');
  await page.fill('#password', 'correct horse battery');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/en\/provider$/);
  for (const locale of LOCALES) {
    await page.goto(`${site.baseUrl}/${locale}/provider/import`);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    await assertAccessible(page, `/${locale}/provider/import`);

    await page.setInputFiles('#file', csvFile(brokenCsv));
    await page.click('form[enctype] button[type=submit]');
    await page.waitForSelector('.problem-list');
    assert.ok((await page.locator('.problem-list li').count()) >= 3);
    await assertAccessible(page, `/${locale}/provider/import with problems`);

    await page.setInputFiles('#file', csvFile(goodCsv));
    await page.click('form[enctype] button[type=submit]');
    await page.waitForSelector('[role=status]');
    await assertAccessible(page, `/${locale}/provider/import done`);
  }
  await context.close();
});
