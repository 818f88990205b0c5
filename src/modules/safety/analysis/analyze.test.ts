import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { Analysis, CheckInput, InputProblem } from './analysis.types.js';
import { analyzeMessage, MAX_INPUT_BYTES } from './analyze.js';
import { defaultBrands } from './brands.js';
import { buildMsg } from './msg-fixture.support.js';

async function analysis(input: CheckInput): Promise<Analysis> {
  const result = await analyzeMessage(input, defaultBrands);
  assert.ok(result.ok, `expected an analysis, got ${result.ok ? '' : result.error}`);
  return result.value;
}

async function problem(input: CheckInput): Promise<InputProblem> {
  const result = await analyzeMessage(input, defaultBrands);
  assert.ok(!result.ok, `expected a problem, got ${result.ok ? result.value.verdict : ''}`);
  return result.error;
}

const eml = (lines: readonly string[]): CheckInput => ({ kind: 'email_file', filename: 'mail.eml', bytes: Buffer.from(lines.join('\r\n'), 'utf8') });
const rules = (result: Analysis): string[] => result.reasons.map((reason) => reason.rule).sort();

const OFFICIAL_POST = [
  'Authentication-Results: mx.pt.lu; spf=pass smtp.mailfrom=bounce@news.post.lu; dkim=pass header.d=post.lu; dmarc=pass header.from=post.lu',
  'Authentication-Results: relay.example; dmarc=fail header.from=post.lu',
  'From: POST Luxembourg <noreply@post.lu>',
  'To: Anna Weber <anna.weber@pt.lu>',
  'Subject: Ihr Paket',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Moien Anna Weber,</p><p>Äre Pak ass an der Pick-up Station. <a href="https://www.post.lu/paket">www.post.lu/paket</a></p>',
];

test('an authenticated mail from a brand’s own domain is likely safe, judged by the topmost Authentication-Results', async () => {
  const result = await analysis(eml(OFFICIAL_POST));
  assert.equal(result.verdict, 'likely_safe');
  assert.deepEqual(rules(result), ['authentication_passed_aligned', 'official_domain']);
  assert.deepEqual(result.imitatedBrands, []);
  assert.deepEqual(result.summary, {
    from: 'POST Luxembourg <noreply@post.lu>',
    subject: 'Ihr Paket',
    links: ['https://www.post.lu/paket'],
    attachments: [],
  });
  assert.equal(result.inputKind, 'email_file');
  assert.match(result.redacted, /^From: POST Luxembourg <•••@post\.lu>\nSubject: Ihr Paket\n\nMoien •••,/);
  assert.doesNotMatch(result.redacted, /anna/i);
});

test('a forged brand address with scam links is very likely a scam', async () => {
  const result = await analysis(
    eml([
      'Authentication-Results: mx.pt.lu; spf=fail smtp.mailfrom=x@198.51.100.9; dkim=none; dmarc=fail header.from=post.lu',
      'From: "POST Luxembourg" <noreply@post.lu>',
      'Reply-To: post.douane@gmail.com',
      'Subject: Frais de douane',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Bonjour, votre colis attend.</p><a href="http://198.51.100.9/pay">www.post.lu/douane</a>',
    ]),
  );
  assert.equal(result.verdict, 'very_likely_scam');
  for (const rule of ['authentication_failed', 'reply_to_differs', 'link_text_mismatch', 'ip_address_link', 'plain_http_link']) {
    assert.ok(rules(result).includes(rule), rule);
  }
  assert.ok(!rules(result).includes('official_domain'));
  assert.deepEqual(result.imitatedBrands, ['post']);
});

test('pasted mail source is parsed as a mail; pasted text without headers as a text message', async () => {
  const source = await analysis({ kind: 'email_source', source: OFFICIAL_POST.join('\n') });
  assert.equal(source.verdict, 'likely_safe');
  assert.equal(source.summary.from, 'POST Luxembourg <noreply@post.lu>');
  const sms = await analysis({ kind: 'email_source', source: 'DHL: your parcel waits, pay 1.99 EUR at https://dhl-paket-lu.com/pay' });
  assert.equal(sms.summary.from, undefined);
  assert.ok(rules(sms).includes('lookalike_domain'));
  const pastedMail = await analysis({ kind: 'text', text: OFFICIAL_POST.join('\n') });
  assert.equal(pastedMail.summary.subject, 'Ihr Paket');
});

test('a text message claiming a brand with a number that is not the brand’s', async () => {
  const result = await analysis({ kind: 'text', text: 'LuxTrust: Äre Certificat ass gespaart. Rufft eis direkt un op +352 691 000 111.' });
  assert.ok(rules(result).includes('unknown_phone_for_brand'));
  assert.equal(result.reasons.find((r) => r.rule === 'unknown_phone_for_brand')?.params.brand, 'LuxTrust');
  assert.match(result.redacted, /\+352 •••/);
});

test('a web address on its own: official, or checked by the link rules', async () => {
  const official = await analysis({ kind: 'url', url: 'https://guichet.public.lu/fr/citoyens.html' });
  assert.equal(official.verdict, 'likely_safe');
  assert.deepEqual(rules(official), ['official_domain']);
  const trap = await analysis({ kind: 'url', url: 'https://www.luxtrust.lu@login-luxtrust.top/' });
  assert.equal(trap.verdict, 'very_likely_scam');
  assert.deepEqual(rules(trap), ['at_sign_in_link', 'lookalike_domain']);
  for (const url of ['', '   ']) assert.equal(await problem({ kind: 'url', url }), 'empty');
  for (const url of ['hello world', 'javascript:alert(1)', 'justoneword', 'mailto:a@b.lu']) assert.equal(await problem({ kind: 'url', url }), 'not_a_web_address', url);
});

test('a picture with a QR code: its target goes through the link rules', async () => {
  const png = await QRCode.toBuffer('https://luxtrust-token.example/scan', { type: 'png', scale: 6 });
  const result = await analysis({ kind: 'image', filename: 'scan.png', bytes: png });
  assert.equal(result.verdict, 'be_careful');
  assert.deepEqual(rules(result), ['lookalike_domain', 'qr_code_link']);
  assert.deepEqual(result.summary.links, ['https://luxtrust-token.example/scan']);
  const payment = await QRCode.toBuffer('BCD\n002\n1\nSCT\nBCEELULL\nMax Muster\nLU280019400644750000\nEUR49.00', { type: 'png', scale: 4 });
  const order = await analysis({ kind: 'image', bytes: payment });
  assert.match(order.redacted, /LU•••/);
  const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ffffff' } }).png().toBuffer();
  assert.equal(await problem({ kind: 'image', bytes: blank }), 'no_qr_found');
  assert.equal(await problem({ kind: 'image', bytes: Buffer.from('GIF89a....') }), 'unsupported_file');
  assert.equal(await problem({ kind: 'image', bytes: new Uint8Array() }), 'empty');
});

test('a QR code in a picture attached to a mail is checked too', async () => {
  const png = await QRCode.toBuffer('https://luxtrust-token.example/scan', { type: 'png', scale: 6 });
  const result = await analysis(
    eml([
      'From: Info <info@shop.example>',
      'Subject: Scan',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Scannt de Code.',
      '--b',
      'Content-Type: image/png; name="code.png"',
      'Content-Disposition: attachment; filename="code.png"',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      '--b--',
    ]),
  );
  assert.ok(rules(result).includes('qr_code_link'));
  assert.ok(rules(result).includes('lookalike_domain'));
  assert.deepEqual(result.summary.attachments, ['code.png']);
});

test('an Outlook .msg file is read with its transport headers and attachments', async () => {
  const bytes = buildMsg({
    subject: 'Votre colis',
    senderName: 'DHL Express',
    senderEmail: 'info@dhl-paket-lu.com',
    body: 'Bonjour Marie Schmit,\nPayez 1,99 EUR: https://dhl-paket-lu.com/pay',
    headers: 'Authentication-Results: mx.pt.lu; spf=fail smtp.mailfrom=x@dhl-paket-lu.com\r\nFrom: DHL Express <info@dhl-paket-lu.com>\r\nSubject: Votre colis\r\n',
    attachments: [{ filename: 'facture.pdf.exe', content: new Uint8Array([0x4d, 0x5a]) }],
  });
  const result = await analysis({ kind: 'email_file', filename: 'colis.msg', bytes });
  assert.equal(result.verdict, 'very_likely_scam');
  for (const rule of ['authentication_failed', 'lookalike_domain', 'dangerous_attachment']) assert.ok(rules(result).includes(rule), rule);
  assert.equal(result.summary.from, 'DHL Express <info@dhl-paket-lu.com>');
  assert.deepEqual(result.summary.attachments, ['facture.pdf.exe']);
  const withoutHeaders = await analysis({ kind: 'email_file', filename: 'x.msg', bytes: buildMsg({ senderName: 'Anna', senderEmail: 'anna@example.lu', body: 'Moien!' }) });
  assert.deepEqual(rules(withoutHeaders), ['authentication_missing']);
});

test('malformed input: a clear problem or a best-effort analysis, never an exception', async () => {
  const truncated = buildMsg({ subject: 'x', senderEmail: 'a@b.lu', body: 'Hello '.repeat(2000) }).subarray(0, 1500);
  assert.equal(await problem({ kind: 'email_file', filename: 'cut.msg', bytes: truncated }), 'unreadable');
  assert.equal(await problem({ kind: 'email_file', filename: 'fake.msg', bytes: Buffer.from('not an outlook file') }), 'unreadable');
  assert.equal(await problem({ kind: 'email_file', filename: 'noise.eml', bytes: randomBytes(50_000) }), 'unreadable');
  assert.equal(await problem({ kind: 'email_file', filename: 'empty.eml', bytes: new Uint8Array() }), 'empty');
  assert.equal(await problem({ kind: 'email_file', filename: 'blank.eml', bytes: Buffer.from('   \r\n\r\n ') }), 'empty');
  assert.equal(await problem({ kind: 'email_file', filename: 'doc.pdf', bytes: Buffer.from('%PDF-1.7\n...') }), 'unsupported_file');
  assert.equal(await problem({ kind: 'text', text: '' }), 'empty');

  const brokenMime = await analysis(
    eml([
      'From: Shop <info@shop.example>',
      'Subject: =?utf-8?B?broken?= =?unknown-charset?Q?x?=',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      '@@@ this is not base64 @@@',
      '--never-closed',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="Rechnung.pdf.js"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=ZZ=4',
    ]),
  );
  assert.ok(rules(brokenMime).includes('dangerous_attachment'));

  const wrongCharset = await analysis({
    kind: 'email_file',
    filename: 'latin.eml',
    bytes: Buffer.concat([
      Buffer.from('From: Caf\xe9 <cafe@shop.example>\r\nSubject: Caf\xe9\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\n', 'latin1'),
      Buffer.from('Bonjour, caf\xe9 cr\xe8me, LuxTrust code\r\n', 'latin1'),
    ]),
  });
  assert.match(wrongCharset.redacted, /Bonjour/);
  const declaredUtf8 = await analysis({
    kind: 'email_file',
    filename: 'mislabelled.eml',
    bytes: Buffer.from('From: a@shop.example\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nM\xfcller \xe0 Luxembourg\r\n', 'latin1'),
  });
  assert.match(declaredUtf8.redacted, /Luxembourg/);
});

test('inputs above 25 MB are refused before parsing', async () => {
  const big = Buffer.alloc(30 * 1024 * 1024, 0x61);
  assert.ok(big.length > MAX_INPUT_BYTES);
  assert.equal(await problem({ kind: 'email_file', filename: 'big.eml', bytes: big }), 'too_large');
  assert.equal(await problem({ kind: 'image', bytes: big }), 'too_large');
  assert.equal(await problem({ kind: 'text', text: big.toString('latin1') }), 'too_large');
  assert.equal(await problem({ kind: 'email_source', source: big.toString('latin1') }), 'too_large');
});

test('hostile text shapes do not make the rules slow (no pattern backtracks over the whole text)', { timeout: 30_000 }, async () => {
  const shapes = [
    'a'.repeat(150_000),
    `http://${'.'.repeat(150_000)}x`,
    `Dear ${'ABCDEFGH'.repeat(20_000)}`,
    `Call ${'.'.repeat(150_000)}1`,
    `${'x'.repeat(150_000)}@`,
    'a.'.repeat(75_000),
    `Tel ${'1 '.repeat(75_000)}`,
  ];
  for (const text of shapes) {
    const started = Date.now();
    await analysis({ kind: 'text', text });
    assert.ok(Date.now() - started < 5000, `${text.slice(0, 20)}… took ${Date.now() - started} ms`);
  }
  const longHeader = await analysis(
    eml([`Authentication-Results: mx; ${'a'.repeat(200_000)}`, `From: "${'b'.repeat(200_000)}" <x@shop.example>`, 'Subject: x', '', 'Hello']),
  );
  assert.ok((longHeader.summary.from ?? '').length < 400);
});
