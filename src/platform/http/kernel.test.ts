import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';

let app: TestApp;
before(async () => {
  app = await buildTestApp('sqlite');
});
after(async () => app.close());

test('the root sends each person to their own language', async () => {
  const response = await app.http.inject({ url: '/', headers: { 'accept-language': 'pt-PT,pt;q=0.9,en;q=0.5' } });
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, '/pt/');
});

test('an unknown page answers 404 in the language of its URL, with no stack trace', async () => {
  const response = await app.http.inject({ url: '/de/gibt-es-nicht' });
  assert.equal(response.statusCode, 404);
  assert.match(response.body, /<html lang="de"/);
  assert.match(response.body, /Diese Seite gibt es nicht/);
  assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
});

test('every page carries a strict content security policy without inline script', async () => {
  const response = await app.http.inject({ url: '/en/login' });
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
});

test('a form posted without its CSRF token is refused', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  const response = await browser.post('/en/login', { email: 'a@b.lu', password: 'x' }, { csrf: false });
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /The form has expired/);
});

test('a form whose bytes are not UTF-8 gets a clear 400, never a 5xx', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/fr/login');
  const response = await app.http.inject({
    method: 'POST',
    url: '/fr/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe]),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /caractères illisibles/);
});

test('an oversized body is answered 413 with a message', async () => {
  const response = await app.http.inject({
    method: 'POST',
    url: '/en/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=${'a'.repeat(2_000_000)}`,
  });
  assert.equal(response.statusCode, 413);
  assert.match(response.body, /too large/);
});

test('a provider signs in, sees the session cookie, and a wrong password keeps the e-mail typed', async () => {
  const created = await app.accounts.createUser({
    email: 'helper@example.lu',
    password: 'correct horse battery',
    displayName: 'Helper',
    role: 'provider',
  });
  assert.ok(created.ok);
  const browser = new TestBrowser(app.http);
  await browser.get('/lb/login');
  const wrong = await browser.post('/lb/login', { email: 'helper@example.lu', password: 'wrong password!' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /value="helper@example.lu"/);
  assert.match(wrong.body, /Passwuert stëmmen net/);
  const right = await browser.post('/lb/login', { email: 'helper@example.lu', password: 'correct horse battery' });
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, '/lb/provider');
  assert.match(String(right.headers['set-cookie']), /zs_session=[^;]+; .*HttpOnly/i);
});

test('an empty sign-in form names each missing field', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  const response = await browser.post('/en/login', { email: '', password: '' });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /There are 2 problems/);
  assert.match(response.body, /href="#email"/);
});

test('sign-in attempts are rate limited per address', async () => {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  let last = 0;
  for (let i = 0; i < 12; i += 1) {
    last = (await browser.post('/en/login', { email: 'nobody@example.lu', password: 'nope nope nope' })).statusCode;
  }
  assert.equal(last, 429);
});

test('pages and the stylesheet are sent gzip-compressed to browsers that accept it', async () => {
  for (const url of ['/en/login', '/static/css/site.css']) {
    const response = await app.http.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(response.statusCode, 200, url);
    assert.equal(response.headers['content-encoding'], 'gzip', url);
  }
});

test('the JSON API sets no cookies, while pages give each browser its CSRF cookie', async () => {
  const api = await app.http.inject({ url: '/api/v1/communes' });
  assert.equal(api.statusCode, 200);
  assert.equal(api.headers['set-cookie'], undefined);
  const page = await app.http.inject({ url: '/en/login' });
  assert.match(String(page.headers['set-cookie']), /zs_csrf=/);
});
