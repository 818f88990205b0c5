import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { LOCALES } from '../../src/platform/i18n/locales.js';
import { assertAccessible, startSite, tabTo, type RunningSite } from './support/browser.js';
import { activePersonMandate, mandateCastOf, type MandateCast } from '../support/mandate-fixtures.js';
import { oneTimeCodeOf } from '../support/pdf-text.js';
import { totpAt } from '../support/totp.js';

const PASSWORD = 'correct horse battery';
let site: RunningSite;
let cast: MandateCast;

before(async () => {
  site = await startSite({
    prepare: async (app) => {
      cast = await mandateCastOf(app);
    },
  });
});
after(async () => site?.close());

/** Tab to the control, press the key, and check the page it leads to with axe. */
async function activate(page: Page, selector: string, leadsTo: RegExp, key = 'Enter'): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press(key);
  await page.waitForURL(leadsTo);
  await assertAccessible(page, page.url());
}

async function signInWithKeyboard(page: Page, email: string, home: RegExp): Promise<void> {
  await page.goto(`${site.baseUrl}/en/login`);
  await assertAccessible(page, 'sign-in');
  await tabTo(page, '#email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(home);
  await assertAccessible(page, page.url());
}

test('at a help desk, with the keyboard alone: a helper prepares a mandate, prints the form, records the signed paper and accepts; the principal ends it and keeps the receipt', async () => {
  const desk = await site.newContext();
  const helper = await desk.newPage();
  await signInWithKeyboard(helper, cast.helper.email, /\/en\/provider$/);
  await activate(helper, 'header a[href="/en/mandates"]', /\/en\/mandates$/);

  // Preparing a mandate needs the second factor: the helper sets up a code app and comes back.
  await activate(helper, 'main a[href="/en/mandates/new"]', /\/en\/account\/second-factor\?next=/);
  const secret = (await helper.textContent('.secret-key'))!.replace(/\s/g, '');
  await tabTo(helper, '#code');
  await helper.keyboard.type(totpAt(secret, new Date()));
  await helper.keyboard.press('Enter');
  await helper.waitForURL(/\/en\/mandates\/new$/);
  await assertAccessible(helper, 'propose form of a helper');
  assert.equal(await helper.inputValue('#organizationId'), cast.helpdesk.id, 'the helper’s own organisation is the agent');
  assert.ok(await helper.isChecked('input[name="agentKind"][value="organization"]'));

  await tabTo(helper, '#principalEmail');
  await helper.keyboard.type(cast.principal.email);
  await tabTo(helper, '#scope-social_security_health-view');
  await helper.keyboard.press('Space');
  await tabTo(helper, '#scope-taxes_money-view');
  await helper.keyboard.press('Space');
  await helper.keyboard.press('Tab');
  await helper.keyboard.press('Space');
  assert.ok(await helper.isChecked('#scope-taxes_money-submit'));
  await tabTo(helper, '#duration-0');
  await helper.keyboard.press('ArrowDown');
  assert.ok(await helper.isChecked('#duration-1'), 'one month');
  await activate(helper, 'main form[action="/en/mandates/new"] button[type="submit"]', /\/en\/mandates\/[^/?]+\?done=proposed$/);
  const mandatePath = new URL(helper.url()).pathname;

  // The form opens in a new tab, so the mandate stays open for typing the code from the signed paper.
  // Chromium shows the PDF in its viewer: the bytes are read on their way there, from the one request made.
  let printed: Buffer | null = null;
  await desk.route('**/consent-form.pdf*', async (route) => {
    const response = await route.fetch();
    assert.equal(response.headers()['content-type'], 'application/pdf');
    printed = await response.body();
    await route.fulfill({ response });
  });
  const printTab = desk.waitForEvent('page');
  await tabTo(helper, 'form[action$="/consent-form.pdf"] button[type="submit"]');
  await helper.keyboard.press('Enter');
  const tab = await printTab;
  await tab.waitForLoadState();
  assert.ok(printed, 'the consent form was printed');
  const code = await oneTimeCodeOf(printed);
  await tab.close();

  await tabTo(helper, '#oneTimeCode');
  await helper.keyboard.type(code);
  await tabTo(helper, '#declaration-yes');
  await helper.keyboard.press('Space');
  await activate(helper, 'form[action$="/paper-consent"] button[type="submit"]', /\?done=paper_consented$/);
  await activate(helper, 'form[action$="/accept"] button[type="submit"]', /\?done=accepted$/);
  assert.match((await helper.textContent('.summary-list'))!, /Active/);
  await desk.close();

  const home = await site.newContext();
  const maria = await home.newPage();
  await signInWithKeyboard(maria, cast.principal.email, /\/en\/mandates$/);
  assert.match((await maria.textContent('main'))!, /Who can act for me\s*Mandate for Helpdesk Esch \(help organisation\)/);
  await activate(maria, `main a[href="${mandatePath}"]`, new RegExp(`${mandatePath}$`));
  const history = (await maria.textContent('.history'))!;
  assert.match(history, /a helper of Helpdesk Esch recorded the consent form that Maria Ferreira signed on paper\./);
  await activate(maria, `main a[href="${mandatePath}/revoke"]`, /\/revoke$/);
  await activate(maria, `form[action="${mandatePath}/revoke"] button[type="submit"]`, /\/receipt\/\d+\?done=1$/);
  assert.match((await maria.textContent('h1'))!, /Receipt: the mandate has ended/);
  await maria.emulateMedia({ media: 'print' });
  assert.equal(await maria.isVisible('.site-header'), false, 'the printed receipt leaves out the site navigation');
  assert.equal(await maria.isVisible('main .no-print >> nth=0'), false);
  assert.equal(await maria.isVisible('.fingerprint'), true);
  await home.close();
});

test('the main mandate pages have no axe violations in any language', async () => {
  const proposed = await site.app.mandates.propose(cast.principal, {
    agent: { kind: 'person', email: cast.relative.email },
    scopes: [{ category: 'family', actions: ['view', 'receive_mail'] }],
    duration: '1y',
  });
  assert.ok(proposed.ok);
  const context = await site.newContext();
  const page = await context.newPage();
  await signInWithKeyboard(page, cast.principal.email, /\/en\/mandates$/);
  const moderation = await site.newContext();
  const moderator = await moderation.newPage();
  await signInWithKeyboard(moderator, cast.moderator.email, /\/en\/provider$/);
  for (const locale of LOCALES) {
    for (const path of ['/mandates', `/mandates/${proposed.value.id}`, '/mandates/new', '/mandate-check']) {
      await page.goto(`${site.baseUrl}/${locale}${path}`);
      assert.equal(await page.getAttribute('html', 'lang'), locale);
      await assertAccessible(page, `/${locale}${path}`);
      // Error states differ only in their words: one language is enough to check their structure.
      if (locale === 'lb' && (path === '/mandates/new' || path === '/mandate-check')) {
        await page.click('main button[type=submit]');
        await page.waitForSelector('.error-summary');
        await assertAccessible(page, `/${locale}${path} with errors`);
      }
    }
    await moderator.goto(`${site.baseUrl}/${locale}/moderation/accreditations`);
    await assertAccessible(moderator, `/${locale}/moderation/accreditations`);
  }
  await moderation.close();

  // The pages that show a code once and the clerk's read-only view, in one language.
  const active = await activePersonMandate(site.app, cast);
  await page.goto(`${site.baseUrl}/en/mandates/${active.id}`);
  await page.click(`form[action="/en/mandates/${active.id}/access-code"] button`);
  await page.waitForSelector('.access-code');
  await assertAccessible(page, 'a new access code');
  const code = (await page.textContent('.access-code code'))!;
  await page.goto(`${site.baseUrl}/en/mandate-check`);
  await page.fill('#code', code);
  await page.click('main button[type=submit]');
  await page.waitForSelector('#result-title');
  await assertAccessible(page, 'the mandate seen with an access code');
  await context.close();
});
