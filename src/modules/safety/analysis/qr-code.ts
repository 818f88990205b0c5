import jsQRModule from 'jsqr';
import sharp, { type Sharp } from 'sharp';

// jsqr is a CommonJS module whose function is its `default` export.
const jsQR = jsQRModule.default;

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** The picture formats people send as screenshots or photos, told by their first bytes. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 12 &&
    String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === 'RIFF' &&
    String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!) === 'WEBP'
  ) {
    return 'webp';
  }
  return undefined;
}

/** Photos are scaled down before decoding: jsQR's time grows with the pixel count, codes stay readable. */
const FIRST_PASS_SIDE = 1600;
const SMALL_PASS_SIDE = 700;
/** Refuses decompression bombs: a tiny file that unpacks to billions of pixels. */
const MAX_INPUT_PIXELS = 60_000_000;

interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

async function rgba(image: Sharp): Promise<Pixels> {
  const { data, info } = await image.toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

function load(bytes: Uint8Array, side: number): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'none' })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
}

/** Pure black and white around the middle of the picture's own brightness range: grey-on-grey codes become readable. */
function blackAndWhite(pixels: Pixels): Pixels {
  const { data } = pixels;
  let darkest = 255;
  let lightest = 0;
  const luma = new Uint8Array(data.length / 4);
  for (let i = 0; i < luma.length; i++) {
    const value = (data[i * 4]! * 299 + data[i * 4 + 1]! * 587 + data[i * 4 + 2]! * 114) / 1000;
    luma[i] = value;
    if (value < darkest) darkest = value;
    if (value > lightest) lightest = value;
  }
  const middle = (darkest + lightest) / 2;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < luma.length; i++) {
    const value = luma[i]! <= middle ? 0 : 255;
    out[i * 4] = value;
    out[i * 4 + 1] = value;
    out[i * 4 + 2] = value;
    out[i * 4 + 3] = 255;
  }
  return { data: out, width: pixels.width, height: pixels.height };
}

export type QrResult = { readonly status: 'found'; readonly text: string } | { readonly status: 'none' } | { readonly status: 'unreadable' };

/**
 * The text of a QR code in a picture. Up to three tries, cheapest first: the picture as it is
 * (scaled to a sensible size), smaller (blurred photos decode better small), then in pure black
 * and white (low contrast, coloured or shaded codes). Pictures attached to a mail only get the
 * first two, to keep the check of a large mail fast.
 */
export async function readQrCode(bytes: Uint8Array, thorough: boolean): Promise<QrResult> {
  try {
    const full = await rgba(load(bytes, FIRST_PASS_SIDE));
    const passes: (() => Promise<Pixels> | Pixels)[] = [() => full, () => rgba(load(bytes, SMALL_PASS_SIDE))];
    if (thorough) passes.push(() => blackAndWhite(full));
    for (const [index, pass] of passes.entries()) {
      const { data, width, height } = await pass();
      const code = jsQR(data, width, height, { inversionAttempts: index === passes.length - 1 ? 'attemptBoth' : 'dontInvert' });
      if (code && code.data.trim() !== '') return { status: 'found', text: code.data.trim() };
    }
    return { status: 'none' };
  } catch {
    return { status: 'unreadable' };
  }
}
