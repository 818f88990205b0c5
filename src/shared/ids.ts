import { randomBytes, createHash } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/**
 * URL-safe random id that sorts in creation order, even within one millisecond: first-come order
 * (waiting lists, queues) may fall back on it when two rows share a timestamp.
 */
export function newId(): string {
  const now = Date.now();
  if (now <= lastMillis) sequence += 1;
  else {
    lastMillis = now;
    sequence = 0;
  }
  return lastMillis.toString(36).padStart(9, '0') + sequence.toString(36).padStart(4, '0') + randomBytes(8).toString('base64url');
}

/** A secret to hand to a person (cancel links, tokens); only its hash is stored. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
