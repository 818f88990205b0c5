import { randomBytes } from 'node:crypto';
import type { ChatConfig } from '../../../config/config.js';
import { MatrixError } from '../matrix-error.js';
import { userIdFor } from '../chat.core.js';

/** The spec's user-id localpart grammar; we lower-case what clients send, as Synapse does. */
const LOCALPART = /^[a-z0-9._=\-/+]+$/;
/** The spec caps a whole user id at 255 bytes. */
const MAX_USER_ID_LENGTH = 255;

/**
 * The localpart a requested username becomes, or M_INVALID_USERNAME. A leading underscore is
 * refused because that namespace is customarily kept for bridges and bots.
 */
export function localpartFor(username: string, config: ChatConfig): string {
  const localpart = username.toLowerCase();
  if (!LOCALPART.test(localpart)) {
    throw new MatrixError(400, 'M_INVALID_USERNAME', 'User names may only contain a-z, 0-9 and . _ = - / +');
  }
  if (localpart.startsWith('_')) throw new MatrixError(400, 'M_INVALID_USERNAME', 'User names may not start with _');
  if (Buffer.byteLength(userIdFor(localpart, config)) > MAX_USER_ID_LENGTH) {
    throw new MatrixError(400, 'M_INVALID_USERNAME', 'User name is too long');
  }
  return localpart;
}

const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** For registrations without a username: 12 characters, never a clash in practice, retried if it is. */
export function randomLocalpart(): string {
  return [...randomBytes(12)].map((byte) => RANDOM_ALPHABET[byte % RANDOM_ALPHABET.length]).join('');
}

/**
 * The local user id a login name stands for: a full `@localpart:server` id of this server or a bare
 * localpart, case-insensitively. Undefined for anything else (other servers, malformed ids).
 */
export function localUserIdFrom(name: string, config: ChatConfig): string | undefined {
  let localpart = name;
  if (name.startsWith('@')) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== config.serverName) return undefined;
    localpart = name.slice(1, colon);
  }
  localpart = localpart.toLowerCase();
  return LOCALPART.test(localpart) ? userIdFor(localpart, config) : undefined;
}

/** The localpart of one of our user ids, or undefined when the id belongs to another server. */
export function localpartOf(userId: string, config: ChatConfig): string | undefined {
  const suffix = `:${config.serverName}`;
  if (!userId.startsWith('@') || !userId.endsWith(suffix)) return undefined;
  return userId.slice(1, -suffix.length);
}
