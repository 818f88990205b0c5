import { createHash, randomInt } from 'node:crypto';

export const TRACKING_CODE_DIGITS = 16;

/** 16 digits from the system's cryptographic random source (about 53 bits): guessing one is hopeless behind a rate limit. */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_DIGITS; i += 1) code += String(randomInt(10));
  return code;
}

/** "1234 5678 9012 3456": four groups are easier to copy and read aloud. */
export function groupTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join(' ') ?? code;
}

/**
 * The digits of what someone typed, tolerant of spaces, dashes and dots between groups and of the
 * letters O and I/l mistaken for 0 and 1; null when it cannot be a tracking code.
 */
export function normalizeTrackingCode(input: string): string | null {
  const digits = input.replace(/[\s.\-–—]/g, '').replace(/[oO]/g, '0').replace(/[iIl]/g, '1');
  return new RegExp(`^\\d{${TRACKING_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** Only this is stored: the code itself exists on the reporter's paper alone. */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(`stopline-tracking-code:${code}`).digest('hex');
}
