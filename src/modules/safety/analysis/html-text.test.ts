import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, readHtml, tidyText } from './html-text.js';
import { linksInText, toUrl } from './text-links.js';

test('HTML gives its visible text and its links with what they show', () => {
  const html =
    '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
    '<p>Bonjour&nbsp;Madame,</p><!-- <a href="https://hidden.example">x</a> --><script>var a = "<a href=x>";</script>' +
    '<p>Cliquez <A HREF="https://login.example.com/?a=1&amp;b=2"><b>www.post.lu</b></A> ou <a href=\'https://www.post.lu\'>ici</a>.</p>' +
    '<img src="x.png" alt="Logo POST"><p>5 &lt; 6 &#8364; &#x20AC;</p></body></html>';
  const { text, links } = readHtml(html, 10_000, 10);
  assert.equal(text, 'Bonjour Madame,\n\nCliquez www.post.lu ou ici.\nLogo POST\n5 < 6 € €');
  assert.deepEqual(links, [
    { href: 'https://login.example.com/?a=1&b=2', shownText: 'www.post.lu' },
    { href: 'https://www.post.lu', shownText: 'ici' },
  ]);
});

test('broken HTML still gives text: unclosed tags, stray brackets, unclosed head', () => {
  assert.equal(readHtml('<head><p>Hallo <b>Welt', 100, 10).text, 'Hallo Welt');
  assert.equal(readHtml('a < b and c > d <a href="https://x.example">link', 100, 10).text, 'a < b and c > d link');
  assert.deepEqual(readHtml('<a href="https://x.example">link', 100, 10).links, [{ href: 'https://x.example', shownText: 'link' }]);
  assert.equal(readHtml('<p>text<style>never closed', 100, 10).text, 'text');
});

test('past the text budget only links are collected, and at most the link budget', () => {
  const html = `<p>${'word '.repeat(1000)}</p><a href="https://late.example/a">late</a><a href="https://late.example/b">b</a>`;
  const { text, links } = readHtml(html, 50, 10);
  assert.ok(text.length <= 50);
  assert.deepEqual(
    links.map((l) => l.href),
    ['https://late.example/a', 'https://late.example/b'],
  );
  assert.equal(readHtml(html, 50, 1).links.length, 1);
});

test('entities and invisible characters', () => {
  assert.equal(decodeEntities('&amp;&quot;&eacute;&#233;&#xE9;&unknown;&#0;'), '&"ééé&unknown;');
  assert.equal(tidyText('Lux\u200BTrust  \r\n\r\n\r\n\r\n  code\u00AD'), 'LuxTrust\n\ncode');
});

test('links in plain text: with scheme, www., and bare names with common endings', () => {
  const found = linksInText('Pay at https://dhl-paket.info/pay. Or www.post.lu, or post-lu.info/track (now)! Mail anna@post.lu, file invoice.pdf, end.Start', 10);
  assert.deepEqual(
    found.map((l) => l.href),
    ['https://dhl-paket.info/pay', 'www.post.lu', 'post-lu.info/track'],
  );
  assert.equal(linksInText('a.com b.com c.com', 2).length, 2);
});

test('toUrl takes web addresses only', () => {
  assert.equal(toUrl('www.post.lu')?.hostname, 'www.post.lu');
  assert.equal(toUrl('HTTPS://Post.LU/x')?.hostname, 'post.lu');
  assert.equal(toUrl('mailto:a@b.lu'), undefined);
  assert.equal(toUrl('javascript:alert(1)'), undefined);
  assert.equal(toUrl('http://'), undefined);
});
