import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Brand } from './analysis.types.js';
import { BrandIndex, defaultBrands } from './brands.js';
import { hostInfo } from './domains.js';

const index = new BrandIndex(defaultBrands);

function lookalike(host: string): string | undefined {
  return index.lookalikeOf(hostInfo(host)!)?.brand.id;
}

test('the default brand list has unique ids, valid domains and lower-case keywords', () => {
  const ids = defaultBrands.map((brand) => brand.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const brand of defaultBrands) {
    assert.ok(brand.domains.length > 0, brand.id);
    for (const domain of brand.domains) assert.equal(hostInfo(domain)?.ascii, domain, `${brand.id}: ${domain}`);
    for (const keyword of brand.keywords) assert.equal(keyword, keyword.toLowerCase(), `${brand.id}: ${keyword}`);
  }
  const required = ['guichet', 'cns', 'ccss', 'acd', 'post', 'luxtrust', 'spuerkeess', 'bgl', 'bil', 'raiffeisen', 'police', 'luxair', 'dhl', 'dpd', 'gls', 'ups', 'amazon'];
  assert.deepEqual(required.filter((id) => !ids.includes(id)), []);
});

test('a host belongs to the most specific brand that lists it', () => {
  assert.equal(index.officialBrandOf('www.cns.public.lu')?.id, 'cns');
  assert.equal(index.officialBrandOf('police.public.lu')?.id, 'police');
  assert.equal(index.officialBrandOf('www.gouvernement.lu')?.id, 'gouvernement');
  assert.equal(index.officialBrandOf('mail.spuerkeess.lu')?.id, 'spuerkeess');
  assert.equal(index.officialBrandOf('spuerkeess.lu.example.com'), undefined);
  assert.deepEqual(
    index.officialBrandsOf('cns.public.lu').map((brand) => brand.id),
    ['cns', 'gouvernement'],
  );
});

test('brand names are found in text; short names only in capitals', () => {
  const ids = (text: string, anyCase = false) => index.namedIn(text, anyCase).map((brand) => brand.id).sort();
  assert.deepEqual(ids('Ären LuxTrust Certificat leeft of'), ['luxtrust']);
  assert.deepEqual(ids('Votre colis UPS est arrivé'), ['ups']);
  assert.deepEqual(ids('ups, I forgot the keys'), []);
  assert.deepEqual(ids('Caisse Nationale de Santé: remboursement'), ['cns']);
  assert.deepEqual(ids('Banque et Caisse d’Épargne de l’État'), ['spuerkeess']);
  assert.deepEqual(ids('Bil Weber', true), ['bil']);
});

test('brand names hidden in an address local part are found', () => {
  assert.deepEqual(
    index.namedInWord('luxtrust-support').map((brand) => brand.id),
    ['luxtrust'],
  );
  assert.deepEqual(
    index.namedInWord('dhl.service').map((brand) => brand.id),
    ['dhl'],
  );
  assert.deepEqual(index.namedInWord('marie.schmit'), []);
});

test('look-alike domains: same name elsewhere, disguised letters, small typos, extra words', () => {
  assert.equal(lookalike('luxtrust-securite.com'), 'luxtrust');
  assert.equal(lookalike('spuerkeess-hellef.net'), 'spuerkeess');
  assert.equal(lookalike('1uxtrust.lu'), 'luxtrust');
  assert.equal(lookalike('luxtrsut.lu'), 'luxtrust');
  assert.equal(lookalike('xn--sperkeess-r9a.lu'), 'spuerkeess');
  assert.equal(lookalike('põst.lu'), 'post', 'accents are dropped');
  assert.equal(lookalike('pоst.lu'), 'post', 'a Cyrillic о reads as o');
  assert.equal(lookalike('pest.lu'), undefined, 'one letter off a four-letter name is another word');
  assert.equal(lookalike('dhl-paket-lu.com'), 'dhl');
  assert.equal(lookalike('police-lu.info'), 'police');
  assert.equal(lookalike('guichet-lu.info'), 'guichet');
  assert.equal(index.lookalikeOf(hostInfo('luxtrust.net')!)?.sameNameOtherEnding, true);
  assert.equal(index.lookalikeOf(hostInfo('luxtrust-login.net')!)?.sameNameOtherEnding, false);
});

test('ordinary domains and the brands own domains are not look-alikes', () => {
  for (const host of ['post.lu', 'www.luxtrust.com', 'example.com', 'blogpost.com', 'mobil-shop.de', 'upstream.io', 'postbank.de', 'amazonaws.com', 'cns.public.lu', 'bilan.lu', 'gmail.com']) {
    assert.equal(lookalike(host), undefined, host);
  }
});

test('a brand in the subdomain of someone else’s domain is found', () => {
  const subdomain = (host: string) => index.inSubdomain(hostInfo(host)!)?.id;
  assert.equal(subdomain('cns.public.lu.remboursement-assure.com'), 'cns');
  assert.equal(subdomain('luxtrust.login-check.com'), 'luxtrust');
  assert.equal(subdomain('secure-spuerkeess.web-app.net'), 'spuerkeess');
  assert.equal(subdomain('dhl.tracking-center.info'), 'dhl');
  assert.equal(subdomain('www.post.lu'), undefined);
  assert.equal(subdomain('mail.example.com'), undefined);
  assert.equal(subdomain('news.letter.example.com'), undefined);
});

test('an edited brand list is used as given', () => {
  const custom: Brand[] = [{ id: 'enovos', name: 'Enovos', domains: ['enovos.lu'], phones: [], keywords: ['enovos'] }];
  const own = new BrandIndex(custom);
  assert.equal(own.lookalikeOf(hostInfo('enovos-factures.com')!)?.brand.id, 'enovos');
  assert.equal(own.lookalikeOf(hostInfo('luxtrust-login.com')!), undefined);
});
