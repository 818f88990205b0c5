import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import { slices } from './keys.store.js';

type Db = Kysely<ChatTables>;

export type KeyUsage = 'master' | 'self_signing' | 'user_signing';

export interface CrossSigningKeyRow {
  readonly userId: string;
  readonly usage: KeyUsage;
  readonly publicKey: string;
  readonly keyJson: string;
}

export interface SignatureRow {
  readonly targetUserId: string;
  readonly targetKeyId: string;
  readonly signerUserId: string;
  readonly signerKeyId: string;
  readonly signature: string;
}

export async function crossSigningKeysOf(db: Db, userIds: readonly string[]): Promise<CrossSigningKeyRow[]> {
  const found: CrossSigningKeyRow[] = [];
  for (const users of slices(userIds)) {
    const rows = await db.selectFrom('chat_cross_signing_keys').select(['user_id', 'usage', 'public_key', 'key_json']).where('user_id', 'in', users).execute();
    found.push(...rows.map((row) => ({ userId: row.user_id, usage: row.usage as KeyUsage, publicKey: row.public_key, keyJson: row.key_json })));
  }
  return found;
}

export async function saveCrossSigningKey(db: Db, key: CrossSigningKeyRow): Promise<void> {
  const values = { public_key: key.publicKey, key_json: key.keyJson };
  await db
    .insertInto('chat_cross_signing_keys')
    .values({ user_id: key.userId, usage: key.usage, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'usage']).doUpdateSet(values))
    .execute();
}

export async function saveSignature(db: Db, row: SignatureRow): Promise<void> {
  await db
    .insertInto('chat_key_signatures')
    .values({
      target_user_id: row.targetUserId,
      target_key_id: row.targetKeyId,
      signer_user_id: row.signerUserId,
      signer_key_id: row.signerKeyId,
      signature: row.signature,
    })
    .onConflict((oc) => oc.columns(['target_user_id', 'target_key_id', 'signer_user_id', 'signer_key_id']).doUpdateSet({ signature: row.signature }))
    .execute();
}

/** Signatures uploaded on the given users' keys. */
export async function signaturesOn(db: Db, targetUserIds: readonly string[]): Promise<SignatureRow[]> {
  const found: SignatureRow[] = [];
  for (const users of slices(targetUserIds)) {
    const rows = await db.selectFrom('chat_key_signatures').selectAll().where('target_user_id', 'in', users).execute();
    found.push(
      ...rows.map((row) => ({
        targetUserId: row.target_user_id,
        targetKeyId: row.target_key_id,
        signerUserId: row.signer_user_id,
        signerKeyId: row.signer_key_id,
        signature: row.signature,
      })),
    );
  }
  return found;
}

/** A replaced cross-signing key takes its signatures, made and received, with it. */
export async function deleteSignaturesOfKey(db: Db, userId: string, publicKey: string): Promise<void> {
  await db.deleteFrom('chat_key_signatures').where('signer_user_id', '=', userId).where('signer_key_id', '=', `ed25519:${publicKey}`).execute();
  await db.deleteFrom('chat_key_signatures').where('target_user_id', '=', userId).where('target_key_id', '=', publicKey).execute();
}
