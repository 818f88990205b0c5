import { randomBytes, createHash } from 'node:crypto';

/** Sortable-enough, URL-safe random id: time prefix keeps inserts roughly ordered in indexes. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, '0') + randomBytes(10).toString('base64url');
}

/** A secret to hand to a person (cancel links, tokens); only its hash is stored. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
