import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { imageFormat, readQrCode } from './qr-code.js';

const TARGET = 'https://luxtrust-token.example/scan';

async function qrPng(options: QRCode.QRCodeToBufferOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(TARGET, { type: 'png', margin: 4, scale: 8, ...options });
}

test('picture formats are told by their first bytes', async () => {
  const png = await qrPng();
  assert.equal(imageFormat(png), 'png');
  assert.equal(imageFormat(await sharp(png).jpeg().toBuffer()), 'jpeg');
  assert.equal(imageFormat(await sharp(png).webp().toBuffer()), 'webp');
  assert.equal(imageFormat(Buffer.from('GIF89a')), undefined);
  assert.equal(imageFormat(new Uint8Array()), undefined);
});

test('a QR code is read from PNG, JPEG and WebP pictures', async () => {
  const png = await qrPng();
  for (const bytes of [png, await sharp(png).jpeg({ quality: 70 }).toBuffer(), await sharp(png).webp().toBuffer()]) {
    assert.deepEqual(await readQrCode(bytes, true), { status: 'found', text: TARGET });
  }
});

test('a small code in a large photo is found by scaling the picture down', async () => {
  const code = await qrPng({ scale: 6 });
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 180, g: 170, b: 160 } } })
    .composite([{ input: code, left: 2600, top: 1700 }])
    .jpeg()
    .toBuffer();
  assert.deepEqual(await readQrCode(photo, true), { status: 'found', text: TARGET });
});

test('a grey, low-contrast code is still read', async () => {
  const grey = await qrPng({ color: { dark: '#8a8a8aff', light: '#b0b0b0ff' } });
  assert.deepEqual(await readQrCode(grey, true), { status: 'found', text: TARGET });
});

test('a picture without a code, and broken picture bytes, are told apart', async () => {
  const plain = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toBuffer();
  assert.deepEqual(await readQrCode(plain, true), { status: 'none' });
  const greyPhoto = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 90, b: 90 } } }).greyscale().png().toBuffer();
  assert.deepEqual(await readQrCode(greyPhoto, true), { status: 'none' }, 'a one-channel picture is read as a picture');
  const png = await qrPng();
  const broken = Buffer.concat([png.subarray(0, 16), Buffer.alloc(200, 7)]);
  assert.deepEqual(await readQrCode(broken, true), { status: 'unreadable' });
});
