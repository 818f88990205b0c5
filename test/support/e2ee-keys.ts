/**
 * Real ed25519 keys and signed JSON for end-to-end encryption tests, written from the spec's
 * "Signing JSON" appendix independently of the server's code, so a wrong canonical form on
 * either side shows up as a failing test.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface SigningKey {
  /** Unpadded standard base64, as Matrix writes keys. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

const unpadded = (base64: string) => base64.replace(/=+$/, '');

export function newSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { publicKey: unpadded(Buffer.from(x, 'base64url').toString('base64')), privateKey };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `object` with one more signature by `userId`'s key `keyId` (e.g. 'ed25519:DEVICE'). */
export function signJson<T extends Json>(object: T, userId: string, keyId: string, key: SigningKey): T {
  const { signatures, unsigned: _unsigned, ...signed } = object as Json;
  const signature = unpadded(sign(null, Buffer.from(canonical(signed)), key.privateKey).toString('base64'));
  const existing = (signatures ?? {}) as Record<string, Record<string, string>>;
  return { ...object, signatures: { ...existing, [userId]: { ...existing[userId], [keyId]: signature } } };
}

/** A device's identity keys, self-signed as a real client signs them. */
export function deviceKeys(userId: string, deviceId: string, identity: SigningKey = newSigningKey()): Json {
  return signJson(
    {
      user_id: userId,
      device_id: deviceId,
      algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
      keys: { [`curve25519:${deviceId}`]: newSigningKey().publicKey, [`ed25519:${deviceId}`]: identity.publicKey },
    },
    userId,
    `ed25519:${deviceId}`,
    identity,
  );
}

/** `count` signed one-time keys named signed_curve25519:<prefix><n>. */
export function oneTimeKeys(userId: string, deviceId: string, identity: SigningKey, count: number, prefix = 'AAAA'): Json {
  const keys: Json = {};
  for (let n = 0; n < count; n++) {
    keys[`signed_curve25519:${prefix}${n}`] = signJson({ key: newSigningKey().publicKey }, userId, `ed25519:${deviceId}`, identity);
  }
  return keys;
}

export interface CrossSigningSet {
  readonly master: SigningKey;
  readonly selfSigning: SigningKey;
  readonly userSigning: SigningKey;
  /** The body of POST /keys/device_signing/upload. */
  readonly upload: { master_key: Json; self_signing_key: Json; user_signing_key: Json };
}

export function crossSigningKey(userId: string, usage: string, key: SigningKey): Json {
  return { user_id: userId, usage: [usage], keys: { [`ed25519:${key.publicKey}`]: key.publicKey } };
}

/** A master key and the two keys it signs, as a client bootstrapping cross-signing makes them. */
export function crossSigningSet(userId: string): CrossSigningSet {
  const master = newSigningKey();
  const selfSigning = newSigningKey();
  const userSigning = newSigningKey();
  const byMaster = (object: Json) => signJson(object, userId, `ed25519:${master.publicKey}`, master);
  return {
    master,
    selfSigning,
    userSigning,
    upload: {
      master_key: crossSigningKey(userId, 'master', master),
      self_signing_key: byMaster(crossSigningKey(userId, 'self_signing', selfSigning)),
      user_signing_key: byMaster(crossSigningKey(userId, 'user_signing', userSigning)),
    },
  };
}
