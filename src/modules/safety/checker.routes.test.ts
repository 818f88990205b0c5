import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { unwrap } from '../../../test/support/directory-fixtures.js';
import { loadAllCatalogs } from '../../app.js';
import { createTranslators } from '../../platform/i18n/catalog.js';
import type { CurrentUser } from '../../platform/auth/roles.js';

const translators = createTranslators(loadAllCatalogs(), { strict: true });
const MB = 1024 * 1024;

const SCAM_SMS = 'Spuerkeess: your account is blocked. Confirm your LuxTrust code now at http://spuerkeess-secure.com/login within 24 hours.';
const SCAM_MAIL = [
  'From: "Spuerkeess" <alerte@gmail.com>',
  'To: anna@example.lu',
  'Subject: Urgent: compte bloque',
  'Message-ID: <1@gmail.com>',
  'Date: Mon, 2 Mar 2026 09:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Bonjour Anna Muller,',
  'Votre compte est bloque. Confirmez votre code LuxTrust ici: http://spuerkeess-secure.com/login avant 24 heures.',
  '',
].join('\r\n');

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

interface FilePart {
  readonly name: string;
  readonly content: string | Buffer;
  readonly type?: string;
}

/** A multipart/form-data body the way a browser sends the checker's forms. */
function multipart(fields: Record<string, string>, ...files: FilePart[]) {
  const boundary = `----zesummen${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

let addresses = 0;

/** A browser stand-in from its own address (rate limits are per address), keeping cookies and the last form token. */
class Visitor {
  private readonly cookies = new Map<string, string>();
  private readonly ip = `203.0.113.${(addresses += 1)}`;
  csrf = '';

  constructor(private readonly app: TestApp) {}

  async send(options: { method?: 'GET' | 'POST'; url: string; payload?: string | Buffer; contentType?: string; headers?: Record<string, string> }) {
    const response = await this.app.http.inject({
      method: options.method ?? 'GET',
      url: options.url,
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-forwarded-for': this.ip,
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
        ...options.headers,
      },
    });
    const set = response.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  get(url: string) {
    return this.send({ url });
  }

  post(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}) {
    const params = new URLSearchParams(options.csrf === false ? fields : { _csrf: this.csrf, ...fields });
    return this.send({ method: 'POST', url, payload: params.toString(), contentType: 'application/x-www-form-urlencoded' });
  }

  /** Opens the checker (for its form token) and sends one of its three forms. */
  async check(fields: Record<string, string>, file?: FilePart, options: { locale?: string; csrf?: boolean } = {}) {
    const locale = options.locale ?? 'en';
    await this.get(`/${locale}/safety`);
    const body = multipart(options.csrf === false ? fields : { _csrf: this.csrf, ...fields }, ...(file ? [file] : []));
    return this.send({ method: 'POST', url: `/${locale}/safety/check`, payload: body.payload, contentType: body.contentType });
  }

  async signIn(email: string) {
    await this.get('/en/login');
    const response = await this.post('/en/login', { email, password: 'correct horse battery' });
    assert.equal(response.statusCode, 303);
    return this;
  }
}

const reportTokenOf = (html: string) => /name="report" value="([^"]+)"/.exec(html)?.[1] ?? '';

describeEachDialect('the scam checker pages', (dialect) => {
  let app: TestApp;
  let moderator: CurrentUser;

  before(async () => {
    app = await buildTestApp(dialect);
    const user = async (email: string, role: CurrentUser['role']) =>
      unwrap(await app.accounts.createUser({ email, password: 'correct horse battery', displayName: email, role }));
    moderator = await user('moderator@example.lu', 'moderator');
    await user('provider@example.lu', 'provider');
    await user('anna@example.lu', 'person');
  });
  after(async () => app?.close());

  const openReports = async () => unwrap(await app.checker.reportQueue(moderator)).openCount;

  test('the checker offers three ways without script, and a pasted scam SMS gets its verdict in words, reasons and steps', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/en/safety');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal([...page.body.matchAll(/<form method="post" action="\/en\/safety\/check" enctype="multipart\/form-data"/g)].length, 3);
    for (const form of ['message', 'file', 'url']) assert.match(page.body, new RegExp(`<input type="hidden" name="form" value="${form}">`));
    assert.match(page.body, /<a href="\/en\/safety\/already-clicked">/);
    assert.doesNotMatch(page.body, /<script/);

    const result = await visitor.check({ form: 'message', message: SCAM_SMS });
    assert.equal(result.statusCode, 200);
    assert.equal(result.headers['cache-control'], 'no-store');
    const body = text(result.body);
    assert.match(body, /Our answer: Very likely a scam/);
    assert.match(result.body, /<div class="verdict verdict--very_likely_scam"><svg class="verdict-icon"[^>]*aria-hidden="true"/, 'a shape beside the words');
    const reasons = [...result.body.matchAll(/<li class="reason">/g)];
    assert.ok(reasons.length >= 3, result.body);
    assert.ok(body.includes(translators.en.t('safety.reason.asks_for_codes', { match: 'Confirm your LuxTrust', language: 'en' })));
    assert.match(body, /What to do now Do not click on the links/);
    assert.match(result.body, /<a class="button button--secondary" href="\/en\/safety\/already-clicked">/);
    assert.match(result.body, /<code class="break">http:\/\/spuerkeess-secure\.com\/login<\/code>/);
    assert.doesNotMatch(result.body, /href="http:\/\/spuerkeess-secure/, 'the scam link is never clickable');
    assert.ok(reportTokenOf(result.body).length > 100);
    assert.equal(await openReports(), 0, 'nothing is stored by a check');
  });

  test('a forwarded .eml, a screenshot with a QR code and a web address get a result', async () => {
    const visitor = new Visitor(app);
    const mail = await visitor.check({ form: 'file' }, { name: 'bank.eml', content: SCAM_MAIL, type: 'message/rfc822' });
    assert.equal(mail.statusCode, 200);
    assert.match(text(mail.body), /Very likely a scam/);
    assert.match(text(mail.body), /Sender "?Spuerkeess"? <alerte@gmail\.com>/);

    const qr = await QRCode.toBuffer('http://post-lu-delivery.com/pay', { width: 300 });
    const photo = await visitor.check({ form: 'file' }, { name: 'letter.png', content: qr, type: 'image/png' });
    assert.equal(photo.statusCode, 200);
    assert.match(photo.body, /<code class="break">http:\/\/post-lu-delivery\.com\/pay<\/code>/);

    const address = await visitor.check({ form: 'url', url: 'www.post.lu' });
    assert.equal(address.statusCode, 200);
    assert.match(text(address.body), /Our answer: Probably safe/);
  });

  test('unusable input re-renders the form with 422, what was typed kept, the message beside the field, in the person’s language', async () => {
    const visitor = new Visitor(app);
    const fieldError = (html: string) => text(/<p class="field-error" id="[a-z]+-error">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '').trim();

    const empty = await visitor.check({ form: 'message', message: '  ' }, undefined, { locale: 'fr' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<div class="error-summary" role="alert"/);
    assert.match(empty.body, /<a href="#message">Le message: /);
    assert.ok(fieldError(empty.body).includes(translators.fr.t('safety.checker.errors.empty_message')));

    const notAnAddress = await visitor.check({ form: 'url', url: 'call me maybe' }, undefined, { locale: 'de' });
    assert.equal(notAnAddress.statusCode, 422);
    assert.match(notAnAddress.body, /id="url" name="url"[^>]*aria-invalid="true"[^>]*value="call me maybe"/);
    assert.ok(text(notAnAddress.body).includes(translators.de.t('safety.problem.not_a_web_address')), fieldError(notAnAddress.body));

    const noFile = await visitor.check({ form: 'file' });
    assert.equal(noFile.statusCode, 422);
    assert.ok(text(noFile.body).includes(translators.en.t('safety.checker.errors.empty_file')), fieldError(noFile.body));

    const huge = await visitor.check({ form: 'file' }, { name: 'huge.eml', content: Buffer.alloc(25 * MB + 10, 0x61) });
    assert.equal(huge.statusCode, 422);
    assert.ok(text(huge.body).includes('This file is too large. It may be at most 25 MB.'), fieldError(huge.body));

    const longPaste = await visitor.check({ form: 'message', message: 'a'.repeat(5 * MB + 10) });
    assert.equal(longPaste.statusCode, 422);
    assert.ok(text(longPaste.body).includes(translators.en.t('safety.checker.errors.paste_too_large')), fieldError(longPaste.body));
    assert.ok(longPaste.body.length < 100_000, 'the text is not sent back');

    const pdf = await visitor.check({ form: 'file' }, { name: 'invoice.eml', content: '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n' });
    assert.equal(pdf.statusCode, 422);
    assert.ok(text(pdf.body).includes(translators.en.t('safety.problem.unsupported_file')), fieldError(pdf.body));

    const garbage = await visitor.check({ form: 'file' }, { name: 'mail.eml', content: randomBytes(4096) });
    assert.equal(garbage.statusCode, 422);
    assert.ok(text(garbage.body).includes(translators.en.t('safety.problem.unreadable')), fieldError(garbage.body));

    const blank = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const noQr = await visitor.check({ form: 'file' }, { name: 'photo.png', content: blank });
    assert.equal(noQr.statusCode, 422);
    assert.match(noQr.body, /<input id="file" name="file" type="file"[^>]*aria-invalid="true" aria-describedby="file-hint file-error"/);
  });

  test('malformed or forged posts get a clear 4xx, never a 5xx', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/en/safety');
    const whole = multipart({ _csrf: visitor.csrf, form: 'message', message: SCAM_SMS });
    const cut = await visitor.send({ method: 'POST', url: '/en/safety/check', payload: whole.payload.subarray(0, whole.payload.length - 40), contentType: whole.contentType });
    assert.equal(cut.statusCode, 400);
    assert.ok(text(cut.body).includes(translators.en.t('safety.checker.errors.unreadable_upload')));

    const noBoundary = await visitor.send({ method: 'POST', url: '/en/safety/check', payload: 'hello', contentType: 'multipart/form-data' });
    assert.ok(noBoundary.statusCode >= 400 && noBoundary.statusCode < 500, String(noBoundary.statusCode));

    const twoFiles = multipart({ _csrf: visitor.csrf, form: 'file' }, { name: 'a.eml', content: SCAM_MAIL }, { name: 'b.eml', content: SCAM_MAIL });
    const many = await visitor.send({ method: 'POST', url: '/en/safety/check', payload: twoFiles.payload, contentType: twoFiles.contentType });
    assert.equal(many.statusCode, 413);

    assert.equal((await visitor.check({ message: SCAM_SMS })).statusCode, 400, 'which form was used is missing');
    assert.equal((await visitor.check({ form: 'message', message: SCAM_SMS }, undefined, { csrf: false })).statusCode, 403);
    assert.equal((await visitor.get('/xx/safety')).statusCode, 404);
  });

  test('a report is stored only when the person sends it, once; forged tokens store nothing; only moderators see it', async () => {
    const visitor = new Visitor(app);
    const result = await visitor.check({ form: 'message', message: `Hello Anna Muller, ${SCAM_SMS}` });
    const token = reportTokenOf(result.body);
    const before = await openReports();

    const sent = await visitor.post('/en/safety/report', { report: token });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/en/safety?reported=1');
    assert.match(text((await visitor.get('/en/safety?reported=1')).body), /Thank you\. Our team has received the message\./);
    assert.equal(await openReports(), before + 1);

    assert.equal((await visitor.post('/en/safety/report', { report: token })).statusCode, 303);
    assert.equal(await openReports(), before + 1, 'sending the same result twice stores it once');

    const [data = '', signature = ''] = token.split('.');
    const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, nonce: 'fresh', redacted: 'Cheap watches!' })).toString('base64url')}.${signature}`;
    const refused = await visitor.post('/en/safety/report', { report: forged });
    assert.equal(refused.statusCode, 400);
    assert.ok(text(refused.body).includes(translators.en.t('safety.checker.errors.report_invalid')));
    assert.equal((await visitor.post('/en/safety/report', { report: token }, { csrf: false })).statusCode, 403);
    assert.equal(await openReports(), before + 1);

    assert.equal((await new Visitor(app).get('/en/moderation/safety')).statusCode, 401);
    for (const email of ['provider@example.lu', 'anna@example.lu']) {
      const someone = await new Visitor(app).signIn(email);
      assert.equal((await someone.get('/en/moderation/safety')).statusCode, 403);
      assert.equal((await someone.get('/en/moderation/safety/brands')).statusCode, 403);
    }

    const mod = await new Visitor(app).signIn('moderator@example.lu');
    const queue = await mod.get('/en/moderation/safety');
    assert.equal(queue.statusCode, 200);
    const page = text(queue.body);
    assert.match(page, /Hello •••, Spuerkeess: your account is blocked/);
    assert.doesNotMatch(page, /Anna Muller/);
    assert.match(page, /Spuerkeess \(BCEE\) \d+/, 'this week’s trends name the imitated brand');
    const id = /action="\/en\/moderation\/safety\/reports\/([^/]+)\/handled"/.exec(queue.body)?.[1] ?? '';

    const provider = await new Visitor(app).signIn('provider@example.lu');
    await provider.get('/en/safety');
    assert.equal((await provider.post(`/en/moderation/safety/reports/${id}/handled`, {})).statusCode, 403);

    const handled = await mod.post(`/en/moderation/safety/reports/${id}/handled`, {});
    assert.equal(handled.headers.location, '/en/moderation/safety?done=handled');
    assert.equal(await openReports(), before);
    assert.equal((await mod.post(`/en/moderation/safety/reports/${id}/handled`, {})).statusCode, 404);
  });

  test('moderators publish a warning that shows on the checker in its language, and take it down', async () => {
    const mod = await new Visitor(app).signIn('moderator@example.lu');
    await mod.get('/en/moderation/safety');
    const missing = await mod.post('/en/moderation/safety/warnings', { title: '', body: 'Ne payez pas.', lang: 'fr' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /<a href="#title">Title: /);
    assert.match(missing.body, />Ne payez pas\.<\/textarea>/);

    const published = await mod.post('/en/moderation/safety/warnings', { title: 'Faux SMS de la POST', body: 'Ne payez pas les frais.\n\nSupprimez le SMS.', lang: 'fr' });
    assert.equal(published.headers.location, '/en/moderation/safety?done=published');
    const shown = await new Visitor(app).get('/de/safety');
    assert.match(shown.body, /<article class="notice notice--warning" lang="fr"><h3>Faux SMS de la POST<\/h3><div><p>Ne payez pas les frais\.<\/p><p>Supprimez le SMS\.<\/p><\/div>/);

    const page = await mod.get('/en/moderation/safety');
    const id = /action="\/en\/moderation\/safety\/warnings\/([^/]+)\/unpublish"/.exec(page.body)?.[1] ?? '';
    assert.equal((await mod.post(`/en/moderation/safety/warnings/${id}/unpublish`, {})).statusCode, 303);
    assert.doesNotMatch((await new Visitor(app).get('/de/safety')).body, /Faux SMS/);
    assert.equal((await mod.post(`/en/moderation/safety/warnings/${id}/delete`, {})).statusCode, 303);
    assert.equal((await mod.post(`/en/moderation/safety/warnings/${id}/publish`, {})).statusCode, 404);
  });

  test('moderators edit the brand list, with clear messages, and the checker uses it', async () => {
    const mod = await new Visitor(app).signIn('moderator@example.lu');
    const list = await mod.get('/en/moderation/safety/brands');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<a href="\/en\/moderation\/safety\/brands\/spuerkeess">Edit Spuerkeess \(BCEE\)<\/a>/);

    const bad = await mod.post('/en/moderation/safety/brands', { name: 'Kleng Bank', domains: 'klengbank.lu\nhttps://kleng bank', phones: '', keywords: 'kleng bank' });
    assert.equal(bad.statusCode, 422);
    assert.match(text(bad.body), /"https:\/\/kleng bank" is not a domain\. Write it like post\.lu\./);
    assert.match(bad.body, /klengbank\.lu\nhttps:\/\/kleng bank<\/textarea>/);

    const added = await mod.post('/en/moderation/safety/brands', { name: 'Kleng Bank', domains: 'klengbank.lu', phones: '+352 12 34 56', keywords: 'kleng bank' });
    assert.equal(added.headers.location, '/en/moderation/safety/brands?done=added');
    const result = await new Visitor(app).check({ form: 'message', message: 'Kleng Bank: your account is blocked, confirm at https://klengbank-secure.com/login' });
    assert.match(text(result.body), /Kleng Bank/);

    const edit = await mod.get('/en/moderation/safety/brands/kleng-bank');
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<textarea id="phones" name="phones"[^>]*>\+352 12 34 56<\/textarea>/);
    const badPhone = await mod.post('/en/moderation/safety/brands/kleng-bank', { name: 'Kleng Bank', domains: 'klengbank.lu', phones: 'ring us', keywords: 'kleng bank' });
    assert.equal(badPhone.statusCode, 422);
    assert.match(text(badPhone.body), /"ring us" is not a phone number/);
    const saved = await mod.post('/en/moderation/safety/brands/kleng-bank', { name: 'Kleng Bank', domains: 'klengbank.lu\nkleng.lu', phones: '', keywords: 'kleng bank' });
    assert.equal(saved.headers.location, '/en/moderation/safety/brands?done=saved');
    assert.deepEqual((await app.checker.brand('kleng-bank'))?.domains, ['klengbank.lu', 'kleng.lu']);
    assert.equal((await mod.post('/en/moderation/safety/brands/kleng-bank/delete', {})).headers.location, '/en/moderation/safety/brands?done=deleted');
    assert.equal((await mod.get('/en/moderation/safety/brands/kleng-bank')).statusCode, 404);
  });

  test('the "already clicked" page gives concrete steps and official contacts', async () => {
    const page = await new Visitor(app).get('/pt/safety/already-clicked');
    assert.equal(page.statusCode, 200);
    for (const id of ['link', 'password', 'code', 'paid', 'installed', 'everyone']) assert.match(page.body, new RegExp(`<h2 id="${id}">`));
    assert.match(page.body, /<a href="https:\/\/www\.luxtrust\.lu">luxtrust\.lu<\/a>/);
    assert.match(page.body, /<a href="https:\/\/police\.public\.lu">police\.public\.lu<\/a>/);
    assert.match(page.body, /<a href="tel:\+35280021234">8002-1234<\/a>/);
    assert.match(page.body, /<th scope="row">Spuerkeess \(BCEE\)<\/th><td>spuerkeess\.lu<\/td>/);
  });

  test('checks and reports from one address are rate-limited; others are not held up', async () => {
    const busy = new Visitor(app);
    await busy.get('/en/safety');
    let status = 0;
    for (let i = 0; i < 31 && status !== 429; i += 1) {
      const body = multipart({ _csrf: busy.csrf, form: 'url', url: 'www.post.lu' });
      status = (await busy.send({ method: 'POST', url: '/en/safety/check', payload: body.payload, contentType: body.contentType })).statusCode;
    }
    assert.equal(status, 429);
    const api = await busy.send({ method: 'POST', url: '/api/v1/safety/check', payload: JSON.stringify({ kind: 'url', url: 'www.post.lu' }), contentType: 'application/json' });
    assert.equal(api.statusCode, 429, 'the API shares the budget');
    assert.ok(Number(api.headers['retry-after']) > 0);
    assert.equal((await new Visitor(app).check({ form: 'url', url: 'www.post.lu' })).statusCode, 200);

    let reportStatus = 0;
    for (let i = 0; i < 31 && reportStatus !== 429; i += 1) reportStatus = (await busy.post('/en/safety/report', { report: 'x' })).statusCode;
    assert.equal(reportStatus, 429);
  });
});

describe('the scam checker API', () => {
  let app: TestApp;
  before(async () => {
    app = await buildTestApp('sqlite');
  });
  after(async () => app?.close());

  const call = (payload: unknown, options: { query?: string; headers?: Record<string, string>; contentType?: string } = {}) =>
    app.http.inject({
      method: 'POST',
      url: `/api/v1/safety/check${options.query ?? ''}`,
      payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
      headers: { 'content-type': options.contentType ?? 'application/json', 'x-forwarded-for': `198.51.100.${(addresses += 1) % 250}`, ...options.headers },
    });

  test('answers the verdict with reasons in the language asked for', async () => {
    const french = await call({ kind: 'text', text: SCAM_SMS }, { query: '?lang=fr', headers: { 'accept-language': 'de' } });
    assert.equal(french.statusCode, 200);
    assert.equal(french.headers['content-language'], 'fr');
    assert.equal(french.headers['cache-control'], 'no-store');
    const body = french.json();
    assert.equal(body.verdict, 'very_likely_scam');
    assert.equal(body.lang, 'fr');
    const codes = body.reasons.find((r: { rule: string }) => r.rule === 'asks_for_codes');
    assert.equal(codes.message, translators.fr.t('safety.reason.asks_for_codes', codes.params));
    assert.deepEqual(body.summary.links, ['http://spuerkeess-secure.com/login']);

    const german = await call({ kind: 'email_source', source: SCAM_MAIL }, { headers: { 'accept-language': 'de-LU,de;q=0.9' } });
    assert.equal(german.json().lang, 'de');
    assert.equal(german.json().summary.subject, 'Urgent: compte bloque');
    assert.equal((await call({ kind: 'url', url: 'https://www.guichet.lu' })).json().verdict, 'likely_safe');

    const file = multipart({}, { name: 'bank.eml', content: SCAM_MAIL });
    const uploaded = await call(file.payload, { contentType: file.contentType, query: '?lang=en' });
    assert.equal(uploaded.statusCode, 200);
    assert.equal(uploaded.json().verdict, 'very_likely_scam');
  });

  test('bad input gets 400, 413 or 422 with a message, never a 5xx', async () => {
    const expect = async (response: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json().error.code, code);
      assert.ok(response.json().error.message.length > 10);
    };
    await expect(await call('{"kind": "text", ', {}), 400, 'invalid_json');
    await expect(await call([1, 2]), 400, 'bad_request');
    await expect(await call({ kind: 'fax', text: 'x' }), 400, 'bad_request');
    await expect(await call({ kind: 'text', source: 'x' }), 400, 'bad_request');
    await expect(await call({ kind: 'text', text: '' }), 422, 'empty');
    await expect(await call({ kind: 'url', url: 'not an address' }), 422, 'not_a_web_address');
    await expect(await call({ kind: 'text', text: 'a'.repeat(25 * MB + 1) }), 413, 'too_large');
    await expect(await call(`{"kind":"text","text":"${'a'.repeat(26 * MB)}"}`), 413, 'too_large');
    const garbage = multipart({}, { name: 'x.msg', content: randomBytes(2048) });
    await expect(await call(garbage.payload, { contentType: garbage.contentType }), 422, 'unreadable');
    const cut = multipart({}, { name: 'x.eml', content: SCAM_MAIL });
    const broken = await call(cut.payload.subarray(0, cut.payload.length - 30), { contentType: cut.contentType });
    assert.equal(broken.statusCode, 400);
    assert.equal((await call('kind=text&text=hello', { contentType: 'text/plain' })).statusCode, 415);
  });

  test('is described in the OpenAPI document, and its answers match the description', async () => {
    const document = (await app.http.inject({ url: '/api/openapi.json' })).json();
    const operation = document.paths['/api/v1/safety/check'].post;
    assert.deepEqual(Object.keys(operation.requestBody.content).sort(), ['application/json', 'multipart/form-data']);
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    const ok = ajv.compile({ $ref: 'openapi.json#/paths/~1api~1v1~1safety~1check/post/responses/200/content/application~1json/schema' });
    const answer = (await call({ kind: 'email_source', source: SCAM_MAIL })).json() as Record<string, unknown>;
    assert.ok(ok(answer), JSON.stringify(ok.errors));
    assert.equal(ok({ ...answer, verdict: 'maybe' }), false);
    const error = ajv.compile({ $ref: 'openapi.json#/components/schemas/Error' });
    assert.ok(error((await call({ kind: 'text', text: '' })).json()));
    const request = ajv.compile({ $ref: 'openapi.json#/paths/~1api~1v1~1safety~1check/post/requestBody/content/application~1json/schema' });
    assert.ok(request({ kind: 'url', url: 'www.post.lu' }));
    assert.equal(request({ kind: 'url', text: 'www.post.lu' }), false);
  });
});
