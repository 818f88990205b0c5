import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time codes (RFC 6238) with the parameters every code app understands:
 * HMAC-SHA1, 6 digits, a new code every 30 seconds.
 */
const ALGORITHM = 'SHA1';
const DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now forgives a phone clock that is up to 30 seconds off. */
const WINDOW = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as code apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` link a code app reads from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The secret in groups of four, easier to type by hand into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Removes the spaces and dashes people type between digits; null when it cannot be a code. */
export function normalizeCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${DIGITS}}$`).test(digits) ? digits : null;
}

/**
 * The time step (30-second period since 1970) whose code this is, if it belongs to now or to
 * the step just before or after; null otherwise. Callers refuse steps already used.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = normalizeCode(code);
  if (token === null) return null;
  const timestamp = now.getTime();
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp,
    window: WINDOW,
  });
  return delta === null ? null : TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}
