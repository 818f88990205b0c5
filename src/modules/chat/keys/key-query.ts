import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import { withExtraSignatures, type JsonObject } from './signed-json.js';
import { crossSigningKeysOf, signaturesOn, type SignatureRow } from './cross-signing.store.js';
import { listDeviceKeys } from './keys.store.js';

export interface KeyQueryResponse {
  device_keys: Record<string, Record<string, JsonObject>>;
  master_keys: Record<string, JsonObject>;
  self_signing_keys: Record<string, JsonObject>;
  user_signing_keys: Record<string, JsonObject>;
  failures: JsonObject;
}

/**
 * The published keys of the given users (all devices for an empty list), with the signatures
 * uploaded since merged in. Signatures on master keys are shown only to whoever made them, and
 * a user-signing key only to its owner: whom you trust is your own business.
 */
export async function queryKeys(db: Kysely<ChatTables>, reader: string, wanted: Record<string, readonly string[]>): Promise<KeyQueryResponse> {
  const users = Object.keys(wanted);
  const response: KeyQueryResponse = { device_keys: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {}, failures: {} };
  if (users.length === 0) return response;
  const signatures = indexSignatures(await signaturesOn(db, users));

  for (const userId of users) {
    const devices: Record<string, JsonObject> = {};
    for (const device of await listDeviceKeys(db, userId, wanted[userId] ?? [])) {
      const keys = withExtraSignatures(JSON.parse(device.keyJson) as JsonObject, signatures.on(userId, device.deviceId, () => true));
      devices[device.deviceId] = device.displayName === null ? keys : { ...keys, unsigned: { device_display_name: device.displayName } };
    }
    response.device_keys[userId] = devices;
  }

  for (const key of await crossSigningKeysOf(db, users)) {
    const object = JSON.parse(key.keyJson) as JsonObject;
    if (key.usage === 'master') {
      response.master_keys[key.userId] = withExtraSignatures(object, signatures.on(key.userId, key.publicKey, (row) => row.signerUserId === reader));
    } else if (key.usage === 'self_signing') {
      response.self_signing_keys[key.userId] = object;
    } else if (key.userId === reader) {
      response.user_signing_keys[key.userId] = object;
    }
  }
  return response;
}

function indexSignatures(rows: readonly SignatureRow[]) {
  const byTarget = new Map<string, SignatureRow[]>();
  for (const row of rows) {
    const target = `${row.targetUserId}\n${row.targetKeyId}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), row]);
  }
  return {
    on(userId: string, keyId: string, visible: (row: SignatureRow) => boolean): Record<string, Record<string, string>> {
      const result: Record<string, Record<string, string>> = {};
      for (const row of byTarget.get(`${userId}\n${keyId}`) ?? []) {
        if (visible(row)) (result[row.signerUserId] ??= {})[row.signerKeyId] = row.signature;
      }
      return result;
    },
  };
}
