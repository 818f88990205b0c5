import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { qrSvg } from './qr.js';

/** Reads the dark modules back out of the SVG path, as a set of "row,col". */
function darkModules(svg: string): Set<string> {
  const d = /<path fill="#000" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[2]) - 4},${Number(m[1]) - 4}`));
}

test('the SVG draws exactly the dark modules of the QR symbol, with a quiet zone', () => {
  const url = 'https://zesummen.lu/fr/offers/0f8c2d1e-aaaa-bbbb-cccc-1234567890ab';
  const svg = qrSvg(url, 'QR code').html;
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const expected = new Set<string>();
  for (let r = 0; r < modules.size; r += 1) for (let c = 0; c < modules.size; c += 1) if (modules.get(r, c)) expected.add(`${r},${c}`);
  assert.deepEqual(darkModules(svg), expected);
  assert.match(svg, new RegExp(`viewBox="0 0 ${modules.size + 8} ${modules.size + 8}"`));
  // The three finder patterns: their top-left corners are dark.
  for (const corner of ['0,0', `0,${modules.size - 7}`, `${modules.size - 7},0`]) assert.ok(expected.has(corner));
});

test('the QR code has an escaped accessible name and no script', () => {
  const svg = qrSvg('https://zesummen.lu/', 'Scan "this" <now>').html;
  assert.match(svg, /role="img" aria-label="Scan &quot;this&quot; &lt;now&gt;"/);
  assert.ok(!svg.includes('<script'));
});
