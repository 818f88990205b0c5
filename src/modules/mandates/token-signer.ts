import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { findSigningKey, insertSigningKey, listSigningKeys, type MandatesDb } from './mandates.store.js';
import type { JsonWebKeyWithId } from './mandates.types.js';

export const TOKEN_LIFETIME_SECONDS = 600;

interface LoadedKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/**
 * ES256 keys live in the database, so every process and every restart signs with the same key
 * and services keep verifying tokens issued before a restart.
 */
export function createTokenSigner(deps: { db: MandatesDb; clock: Clock; issuer: string }) {
  let current: Promise<LoadedKey> | undefined;

  async function loadOrCreate(): Promise<LoadedKey> {
    const existing = await findSigningKey(deps.db);
    if (existing) return { kid: existing.kid, privateKey: await importPKCS8(existing.private_pkcs8, 'ES256') };
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    await insertSigningKey(deps.db, {
      kid,
      private_pkcs8: await exportPKCS8(privateKey),
      public_jwk: JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }),
      created_at: deps.clock.now().toISOString(),
    });
    // Another process may have stored its key first: sign with whichever the database kept.
    const kept = await findSigningKey(deps.db);
    if (!kept) throw new Error('The token signing key could not be stored');
    return { kid: kept.kid, privateKey: await importPKCS8(kept.private_pkcs8, 'ES256') };
  }

  function key(): Promise<LoadedKey> {
    current ??= loadOrCreate().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    return current;
  }

  return {
    async sign(claims: JWTPayload & { sub: string; aud: string }): Promise<{ token: string; jti: string }> {
      const { kid, privateKey } = await key();
      const now = Math.floor(deps.clock.now().getTime() / 1000);
      const jti = newId();
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
        .setIssuer(deps.issuer)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .setJti(jti)
        .sign(privateKey);
      return { token, jti };
    },
    async jwks(): Promise<{ keys: JsonWebKeyWithId[] }> {
      await key();
      const rows = await listSigningKeys(deps.db);
      return { keys: rows.map((row) => JSON.parse(row.public_jwk) as JsonWebKeyWithId) };
    },
  };
}
