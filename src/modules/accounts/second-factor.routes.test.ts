import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { manualClock } from '../../../test/support/directory-fixtures.js';
import { totpAt, wrongCode } from '../../../test/support/totp.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const PASSWORD = 'a long enough password';

/** The key shown for typing by hand, without its spaces. */
function shownSecret(html: string): string {
  const grouped = /class="secret-key"[^>]*>([^<]+)</.exec(html)?.[1];
  assert.ok(grouped, 'the page shows the key');
  assert.match(grouped, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/, 'in groups of four');
  return grouped.replace(/ /g, '');
}

// Page behaviour only: storage is proven on both dialects in accounts.service.test.ts.
const clock = manualClock('2026-03-02T09:00:10.000Z');
let app: TestApp;
before(async () => {
  app = await buildTestApp('sqlite', { clock });
});
after(async () => app?.close());

const advanceSeconds = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000).toISOString());

async function signedIn(email: string, locale = 'en'): Promise<TestBrowser> {
  if (!(await app.accounts.findByEmail(email))) {
    await app.accounts.createUser({ email, password: PASSWORD, displayName: email, role: 'provider' });
  }
  const browser = new TestBrowser(app.http);
  await browser.get(`/${locale}/login`);
  assert.equal((await browser.post(`/${locale}/login`, { email, password: PASSWORD })).statusCode, 303);
  return browser;
}

test('signing in is required', async () => {
  const anonymous = new TestBrowser(app.http);
  assert.equal((await anonymous.get('/en/account/second-factor')).statusCode, 401);
  assert.equal((await anonymous.get('/en/account/second-factor/verify')).statusCode, 401);
});

test('setting up a code app: QR code, key by hand, a first code; the session is then verified', async () => {
  const browser = await signedIn('helper@example.lu');
  const page = await browser.get('/fr/account/second-factor?next=%2Ffr%2Fmandates');
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['cache-control'] as string, /no-store/);
  assert.match(page.body, /<svg class="qr"[^>]*role="img" aria-label="Code QR à scanner avec votre application de codes"/);
  assert.match(page.body, /autocomplete="one-time-code"/);
  assert.match(page.body, /inputmode="numeric"/);
  const secret = shownSecret(page.body);
  assert.equal(shownSecret((await browser.get('/fr/account/second-factor')).body), secret, 'a reload shows the same key');

  const format = await browser.post('/fr/account/second-factor', { code: '12ab', next: '/fr/mandates' });
  assert.equal(format.statusCode, 422);
  assert.match(text(format.body), /Tapez les 6 chiffres affichés par l'application/);
  const wrong = await browser.post('/fr/account/second-factor', { code: wrongCode(secret, clock.now()), next: '/fr/mandates' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /id="code-error"[^>]*>[\s\S]*Ce code n&#39;est pas le bon/);
  assert.equal(shownSecret(wrong.body), secret, 'the same key to try again');
  assert.match(wrong.body, /<input type="hidden" name="next" value="\/fr\/mandates"/);

  const done = await browser.post('/fr/account/second-factor', { code: totpAt(secret, clock.now()), next: '/fr/mandates' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/fr/mandates');
  const status = await browser.get('/fr/account/second-factor');
  assert.match(text(status.body), /Votre application de codes est prête/);
  assert.match(text(status.body), /Vous avez déjà tapé un code depuis votre connexion/);
  assert.doesNotMatch(status.body, /secret-key/, 'the key is never shown again');
  assert.equal((await browser.get('/fr/account/second-factor/verify?next=%2Ffr%2Fmandates')).headers.location, '/fr/mandates');
});

test('in a new session the code is asked again, once per code, and leads back to the page asked for', async () => {
  const first = await signedIn('volunteer@example.lu');
  const secret = shownSecret((await first.get('/en/account/second-factor')).body);
  await first.post('/en/account/second-factor', { code: totpAt(secret, clock.now()) });

  const browser = await signedIn('volunteer@example.lu', 'de');
  const status = await browser.get('/de/account/second-factor?next=%2Fde%2Fmandates%2Fm1');
  assert.match(status.body, /href="\/de\/account\/second-factor\/verify\?next=%2Fde%2Fmandates%2Fm1"/);
  const page = await browser.get('/de/account/second-factor/verify?next=%2Fde%2Fmandates%2Fm1');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Geben Sie den Code von Ihrem Handy ein/);

  const reused = await browser.post('/de/account/second-factor/verify', { code: totpAt(secret, clock.now()), next: '/de/mandates/m1' });
  assert.equal(reused.statusCode, 422);
  assert.match(text(reused.body), /Dieser Code wurde schon benutzt/);
  advanceSeconds(30);
  const verified = await browser.post('/de/account/second-factor/verify', { code: totpAt(secret, clock.now()), next: '/de/mandates/m1' });
  assert.equal(verified.statusCode, 303);
  assert.equal(verified.headers.location, '/de/mandates/m1');

  const hostile = await signedIn('volunteer@example.lu');
  await hostile.get('/en/account/second-factor/verify');
  advanceSeconds(30);
  const away = await hostile.post('/en/account/second-factor/verify', { code: totpAt(secret, clock.now()), next: 'https://evil.example/' });
  assert.equal(away.headers.location, '/en/provider');

  await browser.post('/de/logout', {});
  assert.equal((await browser.get('/de/account/second-factor/verify')).statusCode, 401);
});

test('without a code app, the verify page sends people to set one up first', async () => {
  const browser = await signedIn('newcomer@example.lu');
  const response = await browser.get('/en/account/second-factor/verify?next=%2Fen%2Fmandates');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/en/account/second-factor?next=%2Fen%2Fmandates');
  const posted = await browser.post('/en/account/second-factor/verify', { code: '123456', next: '/en/mandates' });
  assert.equal(posted.headers.location, '/en/account/second-factor?next=%2Fen%2Fmandates');
});

test('after five codes in 15 minutes, an account pauses, whatever the session; others do not', async () => {
  const first = await signedIn('tries@example.lu');
  const secret = shownSecret((await first.get('/en/account/second-factor')).body);
  await first.post('/en/account/second-factor', { code: totpAt(secret, clock.now()) });
  const browser = await signedIn('tries@example.lu', 'lb');
  await browser.get('/lb/account/second-factor/verify');
  for (let i = 0; i < 6; i += 1) {
    assert.equal((await browser.post('/lb/account/second-factor/verify', { code: '12 34' })).statusCode, 422, 'not six digits: not counted');
  }
  for (let i = 0; i < 4; i += 1) {
    assert.equal((await browser.post('/lb/account/second-factor/verify', { code: wrongCode(secret, clock.now()) })).statusCode, 422);
  }
  const other = await signedIn('tries@example.lu', 'pt');
  await other.get('/pt/account/second-factor/verify');
  const paused = await other.post('/pt/account/second-factor/verify', { code: totpAt(secret, clock.now(), 1) });
  assert.equal(paused.statusCode, 429);
  assert.equal(paused.headers['retry-after'], '900');
  assert.match(text(paused.body), /Aguarde alguns minutos/);
  assert.match(text(paused.body), /pode tentar de novo dentro de 15 minutos/);
  assert.equal((await other.get('/pt/account/second-factor/verify')).statusCode, 200, 'the valid code was not even checked');

  const bystander = await signedIn('bystander@example.lu');
  assert.equal((await bystander.get('/en/account/second-factor')).statusCode, 200);
  assert.equal((await bystander.post('/en/account/second-factor', { code: '000000' })).statusCode, 422, 'another account is not paused');

  clock.set(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
  await browser.get('/lb/account/second-factor/verify');
  assert.equal((await browser.post('/lb/account/second-factor/verify', { code: totpAt(secret, clock.now()) })).statusCode, 303, 'after the pause');
});
