import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChatCore } from '../chat.core.js';
import { MatrixError, forbidden, invalidParam, missingParam, notFound } from '../matrix-error.js';
import type { DeviceLists } from './device-lists.js';
import { canonicalJson, hasValidSignature, sameSignedContent, signaturesOf, type JsonObject } from './signed-json.js';
import { crossSigningKeysOf, deleteSignaturesOfKey, saveCrossSigningKey, saveSignature, type CrossSigningKeyRow, type KeyUsage, type SignatureRow } from './cross-signing.store.js';
import { deviceIdsOf, findDeviceKeys } from './keys.store.js';

export interface CrossSigningUpload {
  readonly master_key?: JsonObject;
  readonly self_signing_key?: JsonObject;
  readonly user_signing_key?: JsonObject;
}

type StoredKeys = Partial<Record<KeyUsage, CrossSigningKeyRow>>;

interface IncomingKey {
  readonly usage: KeyUsage;
  readonly publicKey: string;
  readonly json: string;
  readonly object: JsonObject;
}

const invalidSignature = (message: string) => new MatrixError(400, 'M_INVALID_SIGNATURE', message);

/**
 * Cross-signing: a user's master key vouches for their self-signing key (which signs their own
 * devices) and their user-signing key (which signs other users' master keys). The server checks
 * signatures so no one can publish keys or signatures in someone else's name, and stores them.
 */
export class CrossSigningService {
  private readonly db: Kysely<ChatTables>;

  constructor(
    private readonly core: ChatCore,
    private readonly lists: DeviceLists,
  ) {
    this.db = core.db;
  }

  /**
   * Publishes the user's cross-signing keys. The first set, or the same set again, needs nothing
   * more; replacing keys calls `confirmIdentity` (user-interactive auth), which throws until done.
   */
  async uploadKeys(userId: string, upload: CrossSigningUpload, confirmIdentity: () => Promise<void>): Promise<void> {
    const stored = await this.storedKeys(userId);
    const incoming = [
      incomingKey(upload.master_key, 'master', userId),
      incomingKey(upload.self_signing_key, 'self_signing', userId),
      incomingKey(upload.user_signing_key, 'user_signing', userId),
    ].filter((key): key is IncomingKey => key !== undefined);
    if (incoming.length === 0) return;

    const masterKey = incoming.find((key) => key.usage === 'master')?.publicKey ?? stored.master?.publicKey;
    for (const key of incoming.filter((k) => k.usage !== 'master')) {
      if (masterKey === undefined) throw missingParam('No master signing key is available');
      if (!hasValidSignature(key.object, userId, `ed25519:${masterKey}`, masterKey)) throw invalidSignature(`The ${key.usage} key is not signed by the master key`);
    }
    const deviceIds = new Set(await deviceIdsOf(this.db, userId));
    if (incoming.some((key) => deviceIds.has(key.publicKey))) throw forbidden('Key ID in use');

    const changes = incoming.filter((key) => stored[key.usage]?.keyJson !== key.json);
    if (changes.length === 0) return;
    if (stored.master) await confirmIdentity();

    const audience = await this.lists.audience(userId);
    await this.core.stream.write(async (tx, next) => {
      for (const key of changes) {
        const previous = stored[key.usage];
        if (previous && previous.publicKey !== key.publicKey) await deleteSignaturesOfKey(tx, userId, previous.publicKey);
        await saveCrossSigningKey(tx, { userId, usage: key.usage, publicKey: key.publicKey, keyJson: key.json });
      }
      await this.lists.note(tx, next, userId);
      return { result: undefined, wake: audience };
    });
  }

  /**
   * Stores signatures the user made: on their own devices (by their self-signing key), on their
   * own master key (by one of their devices) and on other users' master keys (by their
   * user-signing key). Each signed object that fails is reported in `failures`; the rest are kept.
   */
  async uploadSignatures(signer: string, signed: Record<string, Record<string, JsonObject>>): Promise<{ failures: Record<string, Record<string, JsonObject>> }> {
    const signerKeys = await this.storedKeys(signer);
    const failures: Record<string, Record<string, JsonObject>> = {};
    const accepted: SignatureRow[] = [];
    for (const [targetUser, objects] of Object.entries(signed)) {
      const targetKeys = targetUser === signer ? signerKeys : await this.storedKeys(targetUser);
      for (const [keyId, object] of Object.entries(objects)) {
        try {
          const found =
            targetUser === signer
              ? await this.ownSignatures(signer, signerKeys, keyId, object)
              : otherUserSignature(signer, signerKeys, targetUser, targetKeys, keyId, object);
          accepted.push(...found);
        } catch (error) {
          if (!(error instanceof MatrixError)) throw error;
          (failures[targetUser] ??= {})[keyId] = { errcode: error.errcode, error: error.message };
        }
      }
    }
    if (accepted.length > 0) await this.saveSignatures(signer, accepted);
    return { failures };
  }

  private async saveSignatures(signer: string, accepted: readonly SignatureRow[]): Promise<void> {
    const ownChanged = accepted.some((row) => row.targetUserId === signer);
    const othersSigned = new Set(accepted.filter((row) => row.targetUserId !== signer).map((row) => row.targetUserId));
    const audience = ownChanged ? await this.lists.audience(signer) : new Set([signer]);
    await this.core.stream.write(async (tx, next) => {
      for (const row of accepted) await saveSignature(tx, row);
      if (ownChanged) await this.lists.note(tx, next, signer);
      // Only the signer's own devices care that they now trust someone else's key.
      for (const target of othersSigned) await this.lists.note(tx, next, target, signer);
      return { result: undefined, wake: audience };
    });
  }

  private async ownSignatures(userId: string, keys: StoredKeys, keyId: string, object: JsonObject): Promise<SignatureRow[]> {
    const master = keys.master;
    if (master && keyId === master.publicKey) {
      requireSameContent(object, master.keyJson);
      const found: SignatureRow[] = [];
      for (const [signerKeyId, signature] of Object.entries(signaturesOf(object)[userId] ?? {})) {
        if (signerKeyId === `ed25519:${master.publicKey}`) continue;
        const deviceId = signerKeyId.startsWith('ed25519:') ? signerKeyId.slice('ed25519:'.length) : '';
        const deviceKey = await this.deviceSigningKey(userId, deviceId);
        if (!deviceKey || !hasValidSignature(object, userId, signerKeyId, deviceKey)) throw invalidSignature(`Invalid signature by ${signerKeyId}`);
        found.push({ targetUserId: userId, targetKeyId: keyId, signerUserId: userId, signerKeyId, signature });
      }
      if (found.length === 0) throw invalidSignature('No signature by one of your devices');
      return found;
    }
    const deviceJson = await findDeviceKeys(this.db, userId, keyId);
    if (deviceJson === undefined) throw notFound('Unknown device or key');
    requireSameContent(object, deviceJson);
    const selfSigning = keys.self_signing;
    if (!selfSigning) throw invalidSignature('You have no self-signing key');
    return [signatureBy(object, userId, selfSigning.publicKey, userId, keyId)];
  }

  private async deviceSigningKey(userId: string, deviceId: string): Promise<string | undefined> {
    if (!deviceId) return undefined;
    const json = await findDeviceKeys(this.db, userId, deviceId);
    if (json === undefined) return undefined;
    const keys = (JSON.parse(json) as { keys?: Record<string, unknown> }).keys;
    const key = keys?.[`ed25519:${deviceId}`];
    return typeof key === 'string' ? key : undefined;
  }

  private async storedKeys(userId: string): Promise<StoredKeys> {
    const rows = await crossSigningKeysOf(this.db, [userId]);
    return Object.fromEntries(rows.map((row) => [row.usage, row]));
  }
}

function otherUserSignature(signer: string, signerKeys: StoredKeys, targetUser: string, targetKeys: StoredKeys, keyId: string, object: JsonObject): SignatureRow[] {
  const master = targetKeys.master;
  if (!master || master.publicKey !== keyId) throw notFound('Unknown master key');
  requireSameContent(object, master.keyJson);
  const userSigning = signerKeys.user_signing;
  if (!userSigning) throw invalidSignature('You have no user-signing key');
  return [signatureBy(object, signer, userSigning.publicKey, targetUser, keyId)];
}

function signatureBy(object: JsonObject, signer: string, signingKey: string, targetUser: string, targetKeyId: string): SignatureRow {
  const signerKeyId = `ed25519:${signingKey}`;
  const signature = signaturesOf(object)[signer]?.[signerKeyId];
  if (signature === undefined || !hasValidSignature(object, signer, signerKeyId, signingKey)) throw invalidSignature(`Missing or invalid signature by ${signerKeyId}`);
  return { targetUserId: targetUser, targetKeyId, signerUserId: signer, signerKeyId, signature };
}

function requireSameContent(object: JsonObject, storedJson: string): void {
  if (!sameSignedContent(object, JSON.parse(storedJson) as JsonObject)) throw invalidSignature('The signed object does not match the stored key');
}

/** Checks a key's shape: the user's own, for the given usage, with exactly one ed25519 key named by itself. */
function incomingKey(object: JsonObject | undefined, usage: KeyUsage, userId: string): IncomingKey | undefined {
  if (!object) return undefined;
  if (object.user_id !== userId) throw invalidParam(`The ${usage} key must belong to ${userId}`);
  const usages = object.usage;
  if (!Array.isArray(usages) || !usages.includes(usage)) throw invalidParam(`The ${usage} key must list "${usage}" in its usage`);
  const entries = Object.entries((object.keys ?? {}) as Record<string, unknown>);
  const [name, value] = entries[0] ?? [];
  if (entries.length !== 1 || typeof value !== 'string' || name !== `ed25519:${value}`) {
    throw invalidParam(`The ${usage} key must hold exactly one key, named ed25519:<public key>`);
  }
  return { usage, publicKey: value, json: canonicalJson(object), object };
}
