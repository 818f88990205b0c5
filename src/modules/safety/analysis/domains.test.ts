import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, hasMixedScriptLabel, hostInfo, organisationalDomain, skeleton } from './domains.js';

test('hostInfo gives the registrable domain, the subdomain and both spellings', () => {
  const info = hostInfo('WWW.Post.lu.');
  assert.deepEqual(
    { ascii: info?.ascii, registrable: info?.registrable, subdomain: info?.subdomain, label: info?.label },
    { ascii: 'www.post.lu', registrable: 'post.lu', subdomain: 'www', label: 'post' },
  );
  assert.equal(hostInfo('shop.example.co.uk')?.registrable, 'example.co.uk');
  const idn = hostInfo('xn--sperkeess-r9a.lu');
  assert.equal(idn?.unicode, 'spüerkeess.lu');
  assert.equal(idn?.unicodeLabel, 'spüerkeess');
  assert.equal(hostInfo('spüerkeess.lu')?.ascii, 'xn--sperkeess-r9a.lu');
});

test('hostInfo recognises IP addresses, also in the integer and hex spellings browsers accept', () => {
  for (const host of ['192.0.2.10', '3221225994', '0xC0.0x00.0x02.0x0A', '[2001:db8::1]']) assert.equal(hostInfo(host)?.isIp, true, host);
  assert.equal(hostInfo('post.lu')?.isIp, false);
});

test('hostInfo refuses what is no host name', () => {
  for (const host of ['', 'localhost', 'exa mple.com', 'a_b.com']) assert.equal(hostInfo(host), undefined, host);
});

test('organisationalDomain reads addresses and hosts', () => {
  assert.equal(organisationalDomain('bounce@news.post.lu'), 'post.lu');
  assert.equal(organisationalDomain('mail.cns.public.lu'), 'public.lu');
});

test('a label mixing Latin and Cyrillic letters is mixed-script; one script, or Japanese, is not', () => {
  assert.equal(hasMixedScriptLabel('pоst.lu'), true, 'Cyrillic о in a Latin word');
  assert.equal(hasMixedScriptLabel('аррӏе.com'), false, 'all Cyrillic: a whole-script look-alike, caught by the skeleton');
  assert.equal(hasMixedScriptLabel('bücher.de'), false);
  assert.equal(hasMixedScriptLabel('日本のウェブ.jp'), false);
});

test('the skeleton reads disguised letters and digits as the letters they imitate', () => {
  assert.equal(skeleton('раураl'), skeleton('paypal'));
  assert.equal(skeleton('1uxtrust'), skeleton('luxtrust'));
  assert.equal(skeleton('spuerk3ess'), skeleton('spuerkeess'));
  assert.equal(skeleton('arnazon'), skeleton('amazon'));
  assert.equal(skeleton('spüerkeess'), skeleton('spuerkeess'));
  assert.notEqual(skeleton('post'), skeleton('most'));
});

test('editDistance counts an adjacent swap once and stops past the limit', () => {
  assert.equal(editDistance('luxtrust', 'luxturst', 2), 1);
  assert.equal(editDistance('luxtrust', 'luxtrusts', 2), 1);
  assert.equal(editDistance('raiffeisen', 'raifeisen', 2), 1);
  assert.equal(editDistance('abc', 'abcdefgh', 2), 3);
});
