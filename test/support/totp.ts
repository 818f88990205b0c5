import { createHmac } from 'node:crypto';

/**
 * An RFC 6238 code generator written from the RFCs with node:crypto alone, so tests check the
 * platform's codes against an implementation that does not share its library.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value === -1) throw new Error(`not base32: ${char}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226: HMAC-SHA1 of the 8-byte counter, dynamic truncation, modulo 10^digits. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The 30-second time step of a moment (RFC 6238, T0 = 0). */
export const timeStep = (at: Date): number => Math.floor(at.getTime() / 1000 / 30);

/** The code an app with this base32 secret shows at `at`, or `steps` periods before or after. */
export function totpAt(secretBase32: string, at: Date, steps = 0): string {
  return hotp(base32Decode(secretBase32), timeStep(at) + steps);
}

/** A well-formed code that is valid at none of the three steps a server accepts around `at`. */
export function wrongCode(secretBase32: string, at: Date): string {
  const valid = new Set([-1, 0, 1].map((steps) => totpAt(secretBase32, at, steps)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!;
}
