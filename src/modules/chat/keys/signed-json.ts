import { createPublicKey, verify } from 'node:crypto';

export type JsonObject = Record<string, unknown>;
type Signatures = Record<string, Record<string, string>>;

/**
 * The spec's canonical JSON: object keys sorted by code point, no insignificant whitespace.
 * JSON.stringify already escapes exactly as the spec asks; only the key order needs care.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as JsonObject)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** What a signature covers: the object without `signatures` and `unsigned`. */
export function signedPart(object: JsonObject): JsonObject {
  const { signatures: _signatures, unsigned: _unsigned, ...rest } = object;
  return rest;
}

/** Whether two signed objects say the same thing, whoever signed them. */
export function sameSignedContent(a: JsonObject, b: JsonObject): boolean {
  return canonicalJson(signedPart(a)) === canonicalJson(signedPart(b));
}

export function signaturesOf(object: JsonObject): Signatures {
  const signatures = object.signatures;
  if (typeof signatures !== 'object' || signatures === null || Array.isArray(signatures)) return {};
  const result: Signatures = {};
  for (const [user, byKey] of Object.entries(signatures)) {
    if (typeof byKey !== 'object' || byKey === null) continue;
    const strings = Object.entries(byKey).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    if (strings.length > 0) result[user] = Object.fromEntries(strings);
  }
  return result;
}

/** True when `object` carries a valid ed25519 signature by `signer`'s key `keyId` ('ed25519:…') with public key `publicKey`. */
export function hasValidSignature(object: JsonObject, signer: string, keyId: string, publicKey: string): boolean {
  const signature = signaturesOf(object)[signer]?.[keyId];
  return signature !== undefined && verifyEd25519(canonicalJson(signedPart(object)), signature, publicKey);
}

export function verifyEd25519(message: string, signatureBase64: string, publicKeyBase64: string): boolean {
  try {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** Adds signatures to an object's own, later ones winning. */
export function withExtraSignatures(object: JsonObject, extra: Signatures): JsonObject {
  if (Object.keys(extra).length === 0) return object;
  const merged = signaturesOf(object);
  for (const [user, byKey] of Object.entries(extra)) merged[user] = { ...merged[user], ...byKey };
  return { ...object, signatures: merged };
}
