import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrandIndex, defaultBrands } from './brands.js';
import { checkLinks } from './links.rules.js';
import type { FoundLink } from './message.js';

const index = new BrandIndex(defaultBrands);

function rules(links: FoundLink[], speaksForBrand = false): string[] {
  return checkLinks(links, index, speaksForBrand)
    .reasons.map((reason) => reason.rule)
    .sort();
}

test('a link whose text shows another domain than where it goes', () => {
  const findings = checkLinks([{ href: 'https://login.example-bank.ru/s-net', shownText: 'www.spuerkeess.lu' }], index, false);
  assert.deepEqual(
    findings.reasons.map((r) => [r.rule, r.params.shown, r.params.domain]),
    [['link_text_mismatch', 'www.spuerkeess.lu', 'login.example-bank.ru']],
  );
  assert.deepEqual(rules([{ href: 'https://www.post.lu/suivi', shownText: 'post.lu/suivi' }]), []);
  assert.deepEqual(rules([{ href: 'https://click.post.lu/l/1', shownText: 'www.post.lu' }]), [], 'same organisation');
  assert.deepEqual(rules([{ href: 'https://example.com/a', shownText: 'Click here' }]), [], 'text that is no address');
});

test('links to bare IP addresses, through shorteners, with @ and over plain http', () => {
  assert.deepEqual(rules([{ href: 'https://198.51.100.7/login' }]), ['ip_address_link']);
  assert.deepEqual(rules([{ href: 'http://[2001:db8::5]/' }]), ['ip_address_link', 'plain_http_link']);
  assert.deepEqual(rules([{ href: 'https://bit.ly/3xYz' }]), ['shortened_link']);
  assert.deepEqual(rules([{ href: 'https://l.ead.me/abc' }]), ['shortened_link']);
  const at = checkLinks([{ href: 'https://www.luxtrust.lu@login-check.example/' }], index, false).reasons;
  assert.deepEqual(
    at.map((r) => [r.rule, r.params.shown, r.params.domain]),
    [['at_sign_in_link', 'www.luxtrust.lu', 'login-check.example']],
  );
  assert.deepEqual(rules([{ href: 'http://www.example.com/' }]), ['plain_http_link']);
  assert.deepEqual(rules([{ href: 'www.example.com/page' }]), [], 'written without scheme: not a plain-http link');
});

test('a shortener in a message that speaks for a brand weighs more', () => {
  const plain = checkLinks([{ href: 'https://bit.ly/a' }], index, false).reasons[0]!;
  const forBrand = checkLinks([{ href: 'https://bit.ly/a' }], index, true).reasons[0]!;
  assert.ok(forBrand.weight > plain.weight);
});

test('look-alike hosts and brands in subdomains are found in links', () => {
  assert.deepEqual(rules([{ href: 'https://luxtrust-token.info/scan' }]), ['lookalike_domain']);
  assert.deepEqual(rules([{ href: 'https://impotsdirects.public.lu.erstattung-formular.com/' }]), ['brand_in_subdomain']);
  assert.deepEqual(rules([{ href: 'https://www.xn--pst-sed.lu/pay' }]), ['lookalike_domain', 'mixed_script_domain', 'punycode_domain']);
  const findings = checkLinks([{ href: 'https://guichet-lu.info/login' }], index, false);
  assert.deepEqual(
    findings.imitated.map((b) => b.id),
    ['guichet'],
  );
});

test('a brand that provably sent the message vouches for the sites it links to', () => {
  const luxtrust = defaultBrands.find((brand) => brand.id === 'luxtrust')!;
  assert.deepEqual(
    checkLinks([{ href: 'https://luxtrust-events.com/' }], index, false, luxtrust).reasons,
    [],
  );
  assert.deepEqual(
    checkLinks([{ href: 'https://198.51.100.7/' }], index, false, luxtrust).reasons.map((r) => r.rule),
    ['ip_address_link'],
  );
});

test('QR code targets are marked, links to official sites noted, and non-web links ignored', () => {
  const findings = checkLinks([{ href: 'https://www.guichet.lu/', fromQrCode: true }, { href: 'mailto:a@b.lu' }, { href: 'tel:+35212345' }], index, false);
  assert.deepEqual(
    findings.reasons.map((r) => [r.rule, r.params.domain]),
    [['qr_code_link', 'www.guichet.lu']],
  );
  assert.deepEqual(
    findings.officialTargets.map((b) => b.id),
    ['guichet'],
  );
  assert.deepEqual(findings.addresses, ['https://www.guichet.lu/']);
});
