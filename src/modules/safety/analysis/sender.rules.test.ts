import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrandIndex, defaultBrands } from './brands.js';
import type { MessageParts } from './message.js';
import { checkSender } from './sender.rules.js';

const index = new BrandIndex(defaultBrands);

function mail(overrides: Partial<MessageParts>): MessageParts {
  return { isEmail: true, replyTo: [], text: '', links: [], attachments: [], ...overrides };
}

function rules(parts: MessageParts): string[] {
  return checkSender(parts, index).reasons.map((reason) => reason.rule);
}

test('a display name showing another address than the real one', () => {
  const findings = checkSender(mail({ from: { name: 'service@bgl.lu', address: 'alert@secure-mail.example.ru' } }), index);
  const reason = findings.reasons.find((r) => r.rule === 'display_name_mismatch');
  assert.equal(reason?.params.shown, 'bgl.lu');
  assert.equal(reason?.params.domain, 'secure-mail.example.ru');
});

test('a display name naming a brand on an unrelated address', () => {
  const findings = checkSender(mail({ from: { name: 'LuxTrust Support', address: 'news@shop-example.com' } }), index);
  assert.deepEqual(
    findings.reasons.map((r) => r.rule),
    ['display_name_mismatch'],
  );
  assert.deepEqual(
    findings.imitated.map((b) => b.id),
    ['luxtrust'],
  );
});

test('a brand’s own name and service names are no mismatch', () => {
  assert.deepEqual(rules(mail({ from: { name: 'POST Luxembourg', address: 'noreply@post.lu' } })), []);
  assert.deepEqual(rules(mail({ from: { name: 'MyGuichet.lu', address: 'noreply@guichet.lu' } })), []);
  assert.deepEqual(rules(mail({ from: { name: 'CNS', address: 'no-reply@cns.public.lu' } })), []);
  assert.deepEqual(rules(mail({ from: { name: 'Anna Weber', address: 'anna.weber@example.lu' } })), []);
});

test('a brand writing from a free-mail address: stronger in the name or subject than in the text', () => {
  const inName = checkSender(mail({ from: { name: 'Spuerkeess Service', address: 'spuerkeess.service@gmail.com' } }), index).reasons;
  assert.equal(inName[0]?.rule, 'brand_from_free_mail');
  assert.equal(inName[0]?.params.brand, 'Spuerkeess (BCEE)');
  assert.equal(inName[0]?.params.domain, 'gmail.com');
  const inText = checkSender(mail({ from: { name: 'M. Muller', address: 'm.muller@hotmail.com' }, text: 'Your LuxTrust certificate expires.' }), index).reasons;
  assert.equal(inText[0]?.rule, 'brand_from_free_mail');
  assert.ok(inText[0]!.weight < inName[0]!.weight);
  assert.deepEqual(rules(mail({ from: { name: 'Jang', address: 'jang@gmail.com' }, text: 'Moien, wéi geet et?' })), []);
});

test('replies going elsewhere than the sender, to a free-mail address counting more', () => {
  const other = checkSender(mail({ from: { name: 'Shop', address: 'news@shop.example' }, replyTo: [{ name: '', address: 'help@support.example' }] }), index).reasons;
  assert.equal(other[0]?.rule, 'reply_to_differs');
  assert.equal(other[0]?.params.domain, 'support.example');
  const freeMail = checkSender(mail({ from: { name: 'Shop', address: 'news@shop.example' }, replyTo: [{ name: '', address: 'shop.help@gmail.com' }] }), index).reasons;
  assert.ok(freeMail[0]!.weight > other[0]!.weight);
  assert.deepEqual(rules(mail({ from: { name: 'Shop', address: 'news@shop.example' }, replyTo: [{ name: '', address: 'help@service.shop.example' }] })), []);
});

test('look-alike, punycode and mixed-script sender domains', () => {
  assert.deepEqual(rules(mail({ from: { name: 'Info', address: 'info@luxtrust-securite.com' } })), ['lookalike_domain']);
  assert.deepEqual(rules(mail({ from: { name: 'Info', address: 'info@spüerkeess.lu' } })).sort(), ['lookalike_domain', 'punycode_domain']);
  assert.deepEqual(rules(mail({ from: { name: 'Info', address: 'info@pоst.lu' } })).sort(), ['lookalike_domain', 'mixed_script_domain', 'punycode_domain']);
  assert.deepEqual(rules(mail({ from: { name: 'Info', address: 'info@luxtrust.mail-check.com' } })), ['brand_in_subdomain']);
});

test('brands named anywhere are claimed, for the phone rule and the trends', () => {
  const findings = checkSender(mail({ from: { name: 'Info', address: 'info@shop.example' }, subject: 'Your DHL parcel', text: 'Pay with PayPal.' }), index);
  assert.deepEqual(findings.claimed.map((b) => b.id).sort(), ['dhl', 'paypal']);
  const sms = checkSender({ isEmail: false, replyTo: [], text: 'POST: your parcel is waiting', links: [], attachments: [] }, index);
  assert.deepEqual(
    sms.claimed.map((b) => b.id),
    ['post'],
  );
});
