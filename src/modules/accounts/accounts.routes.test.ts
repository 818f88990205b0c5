import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, type Cast } from '../../../test/support/directory-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const PASSWORD = 'a long enough password';

function signUp(browser: TestBrowser, locale: string, fields: Record<string, string>) {
  return browser.post(`/${locale}/register`, {
    displayName: 'Anna Muller',
    email: 'anna@example.lu',
    password: PASSWORD,
    passwordRepeat: PASSWORD,
    ...fields,
  });
}

// Page behaviour only: storage is proven on both dialects in accounts.service.test.ts.
let app: TestApp;
let cast: Cast;
before(async () => {
  app = await buildTestApp('sqlite');
  cast = await castOf(app);
});
after(async () => app?.close());

test('the sign-in page links to sign-up, carrying the destination along', async () => {
  const browser = new TestBrowser(app.http);
  const login = await browser.get('/fr/login?next=%2Ffr%2Fmandates%2Fm1');
  assert.match(login.body, /<a href="\/fr\/register\?next=%2Ffr%2Fmandates%2Fm1">Créer un compte<\/a>/);
  const register = await browser.get('/fr/register?next=%2Ffr%2Fmandates%2Fm1');
  assert.equal(register.statusCode, 200);
  assert.match(register.body, /<input type="hidden" name="next" value="\/fr\/mandates\/m1"/);
  for (const name of ['displayName', 'email', 'password', 'passwordRepeat']) assert.match(register.body, new RegExp(`id="${name}"`));
  assert.match(register.body, /autocomplete="new-password"/);
  assert.match(register.body, /<a href="\/fr\/login\?next=%2Ffr%2Fmandates%2Fm1">Se connecter<\/a>/);
});

test('a failed sign-up keeps what was typed except the passwords, with each error beside its field', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/de/register');
  const empty = await browser.post('/de/register', {});
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /class="error-summary"/);
  assert.match(text(empty.body), /Ihr Name: Bitte füllen Sie dieses Feld aus\./);

  const mismatch = await signUp(browser, 'de', { passwordRepeat: 'another long password' });
  assert.equal(mismatch.statusCode, 422);
  assert.match(mismatch.body, /value="Anna Muller"/);
  assert.match(mismatch.body, /value="anna@example.lu"/);
  assert.doesNotMatch(mismatch.body, new RegExp(PASSWORD));
  assert.doesNotMatch(mismatch.body, /another long password/);
  assert.match(mismatch.body, /id="passwordRepeat-error"[^>]*>[\s\S]*Die beiden Passwörter sind nicht gleich/);
  assert.match(mismatch.body, /aria-invalid="true" aria-describedby="passwordRepeat-hint passwordRepeat-error"/);

  const short = await signUp(browser, 'en', { password: 'short', passwordRepeat: 'short' });
  assert.equal(short.statusCode, 422);
  assert.match(text(short.body), /Password: At least 12 characters\./);

  const badEmail = await signUp(browser, 'en', { email: 'not-an-address' });
  assert.match(text(badEmail.body), /Please enter an e-mail address like name@example\.lu\./);

  const taken = await signUp(browser, 'fr', { email: 'Trusted@Example.lu' });
  assert.equal(taken.statusCode, 422);
  assert.match(text(taken.body), /Il existe déjà un compte avec cette adresse e-mail\. Connectez-vous, ou utilisez une autre adresse\./);
  assert.match(taken.body, /value="Trusted@Example.lu"/);
});

test('after sign-up the person is signed in and lands on their mandates', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/register');
  const created = await signUp(browser, 'en', { email: 'bea@example.lu', displayName: 'Bea' });
  assert.equal(created.statusCode, 303);
  assert.equal(created.headers.location, '/en/mandates');
  assert.match(String(created.headers['set-cookie']), /zs_session=[^;]+; .*HttpOnly/);
  const bea = await app.accounts.findByEmail('bea@example.lu');
  assert.equal(bea?.role, 'person');
  assert.equal(bea?.displayName, 'Bea');
  const page = await browser.get('/en/account/second-factor');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<a href="\/en\/mandates">My area<\/a>/, 'the menu leads a person to their mandates');
  assert.equal((await browser.get('/en/register')).headers.location, '/en/mandates', 'signed in already');

  const withNext = new TestBrowser(app.http);
  await withNext.get('/pt/register');
  const response = await signUp(withNext, 'pt', { email: 'caio@example.lu', next: '/pt/mandates/new' });
  assert.equal(response.headers.location, '/pt/mandates/new');
  const hostile = new TestBrowser(app.http);
  await hostile.get('/pt/register');
  assert.equal((await signUp(hostile, 'pt', { email: 'dina@example.lu', next: '//evil.example/' })).headers.location, '/pt/mandates');
});

test('sign-up needs the form’s CSRF token', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/register');
  const response = await browser.post('/en/register', { displayName: 'X', email: 'x@example.lu', password: PASSWORD, passwordRepeat: PASSWORD }, { csrf: false });
  assert.equal(response.statusCode, 403);
  assert.equal(await app.accounts.findByEmail('x@example.lu'), null);
});

test('signing in: persons go to their mandates, providers to the provider area, a destination wins', async () => {
  await app.accounts.createUser({ email: 'emma@example.lu', password: PASSWORD, displayName: 'Emma', role: 'person' });
  const person = new TestBrowser(app.http);
  await person.get('/lb/login');
  assert.equal((await person.post('/lb/login', { email: 'emma@example.lu', password: PASSWORD })).headers.location, '/lb/mandates');
  const provider = new TestBrowser(app.http);
  await provider.get('/lb/login');
  assert.equal((await provider.post('/lb/login', { email: 'trusted@example.lu', password: 'correct horse battery' })).headers.location, '/lb/provider');
  const returning = new TestBrowser(app.http);
  await returning.get('/lb/login');
  const response = await returning.post('/lb/login', { email: 'emma@example.lu', password: PASSWORD, next: '/mandates/m1' });
  assert.equal(response.headers.location, '/lb/mandates/m1', 'the error page’s link has no language: the current one is added');
});

test('a person cannot reach the provider or moderation pages', async () => {
  await app.accounts.createUser({ email: 'finn@example.lu', password: PASSWORD, displayName: 'Finn', role: 'person' });
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  await browser.post('/en/login', { email: 'finn@example.lu', password: PASSWORD });
  const id = cast.organization.id;
  for (const url of [`/en/provider/organizations/${id}/offers/new`, `/en/provider/organizations/${id}/edit`, '/en/moderation']) {
    assert.equal((await browser.get(url)).statusCode, 403, url);
  }
  const dashboard = await browser.get('/en/provider');
  assert.doesNotMatch(text(dashboard.body), /Digital Inclusion asbl/);
  assert.doesNotMatch(dashboard.body, /provider\/import/);
  const offer = await browser.post(`/en/provider/organizations/${id}/offers/new`, { defaultLocale: 'en' });
  assert.equal(offer.statusCode, 403);
});

test('sign-up attempts are limited per address like sign-in', async () => {
  // A fresh server: the other tests' attempts count against this address too.
  const fresh = await buildTestApp('sqlite');
  try {
    const browser = new TestBrowser(fresh.http);
    await browser.get('/en/register');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await browser.post('/en/register', {})).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(422), 429]);
    assert.match(text(browser.lastHtml), /Too many attempts in a short time/);
  } finally {
    await fresh.close();
  }
});
