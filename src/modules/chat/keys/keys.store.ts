import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

type Db = Kysely<ChatTables>;

/** Long id lists are asked for in slices, well under either dialect's limit on bound parameters. */
const SLICE = 500;

export function slices<T>(items: readonly T[], size = SLICE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export interface StoredDeviceKeys {
  readonly deviceId: string;
  readonly keyJson: string;
  readonly displayName: string | null;
}

export async function findDeviceKeys(db: Db, userId: string, deviceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('chat_device_keys')
    .select('key_json')
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.key_json;
}

export async function saveDeviceKeys(db: Db, userId: string, deviceId: string, keyJson: string): Promise<void> {
  await db
    .insertInto('chat_device_keys')
    .values({ user_id: userId, device_id: deviceId, key_json: keyJson })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ key_json: keyJson }))
    .execute();
}

/** Keys of the user's existing devices; every device when `deviceIds` is empty. */
export async function listDeviceKeys(db: Db, userId: string, deviceIds: readonly string[]): Promise<StoredDeviceKeys[]> {
  const query = db
    .selectFrom('chat_device_keys as k')
    .innerJoin('chat_devices as d', (join) => join.onRef('d.user_id', '=', 'k.user_id').onRef('d.device_id', '=', 'k.device_id'))
    .select(['k.device_id', 'k.key_json', 'd.display_name'])
    .where('k.user_id', '=', userId);
  const rows = deviceIds.length === 0 ? await query.execute() : (await Promise.all(slices(deviceIds).map((ids) => query.where('k.device_id', 'in', ids).execute()))).flat();
  return rows.map((row) => ({ deviceId: row.device_id, keyJson: row.key_json, displayName: row.display_name }));
}

export async function deviceIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_devices').select('device_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.device_id);
}

export interface OneTimeKeyRow {
  readonly algorithm: string;
  readonly keyId: string;
  readonly keyJson: string;
}

export async function findOneTimeKeys(db: Db, userId: string, deviceId: string, keyIds: readonly string[]): Promise<OneTimeKeyRow[]> {
  const found: OneTimeKeyRow[] = [];
  for (const ids of slices(keyIds)) {
    const rows = await db
      .selectFrom('chat_one_time_keys')
      .select(['algorithm', 'key_id', 'key_json'])
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .where('key_id', 'in', ids)
      .execute();
    found.push(...rows.map((row) => ({ algorithm: row.algorithm, keyId: row.key_id, keyJson: row.key_json })));
  }
  return found;
}

export async function nextUploadSeq(db: Db, userId: string, deviceId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_one_time_keys')
    .select((eb) => eb.fn.max('upload_seq').as('latest'))
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return Number(row?.latest ?? 0) + 1;
}

export async function insertOneTimeKeys(db: Db, userId: string, deviceId: string, uploadSeq: number, keys: readonly OneTimeKeyRow[]): Promise<void> {
  for (const batch of slices(keys, 100)) {
    await db
      .insertInto('chat_one_time_keys')
      .values(batch.map((key) => ({ user_id: userId, device_id: deviceId, algorithm: key.algorithm, key_id: key.keyId, key_json: key.keyJson, upload_seq: uploadSeq })))
      .execute();
  }
}

export async function countOneTimeKeys(db: Db, userId: string, deviceId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('chat_one_time_keys')
    .select((eb) => ['algorithm', eb.fn.countAll<number>().as('count')])
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .groupBy('algorithm')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.algorithm, Number(row.count)]));
}

export async function oldestOneTimeKey(db: Db, userId: string, deviceId: string, algorithm: string): Promise<OneTimeKeyRow | undefined> {
  const row = await db
    .selectFrom('chat_one_time_keys')
    .select(['algorithm', 'key_id', 'key_json'])
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('algorithm', '=', algorithm)
    .orderBy('upload_seq')
    .orderBy('key_id')
    .limit(1)
    .executeTakeFirst();
  return row && { algorithm: row.algorithm, keyId: row.key_id, keyJson: row.key_json };
}

/** True only for the one caller whose delete removed the row: that caller owns the key. */
export async function takeOneTimeKey(db: Db, userId: string, deviceId: string, key: OneTimeKeyRow): Promise<boolean> {
  const result = await db
    .deleteFrom('chat_one_time_keys')
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('algorithm', '=', key.algorithm)
    .where('key_id', '=', key.keyId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface FallbackKeyRow extends OneTimeKeyRow {
  readonly used: boolean;
}

export async function findFallbackKey(db: Db, userId: string, deviceId: string, algorithm: string): Promise<FallbackKeyRow | undefined> {
  const row = await db
    .selectFrom('chat_fallback_keys')
    .select(['algorithm', 'key_id', 'key_json', 'used'])
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('algorithm', '=', algorithm)
    .executeTakeFirst();
  return row && { algorithm: row.algorithm, keyId: row.key_id, keyJson: row.key_json, used: row.used === 1 };
}

export async function replaceFallbackKey(db: Db, userId: string, deviceId: string, key: OneTimeKeyRow): Promise<void> {
  const fresh = { key_id: key.keyId, key_json: key.keyJson, used: 0 };
  await db
    .insertInto('chat_fallback_keys')
    .values({ user_id: userId, device_id: deviceId, algorithm: key.algorithm, ...fresh })
    .onConflict((oc) => oc.columns(['user_id', 'device_id', 'algorithm']).doUpdateSet(fresh))
    .execute();
}

export async function markFallbackKeyUsed(db: Db, userId: string, deviceId: string, algorithm: string): Promise<void> {
  await db
    .updateTable('chat_fallback_keys')
    .set({ used: 1 })
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('algorithm', '=', algorithm)
    .execute();
}

export async function unusedFallbackAlgorithms(db: Db, userId: string, deviceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_fallback_keys')
    .select('algorithm')
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .where('used', '=', 0)
    .orderBy('algorithm')
    .execute();
  return rows.map((row) => row.algorithm);
}

/** Removes every key a device published and every signature made on it. */
export async function deleteDeviceKeys(db: Db, userId: string, deviceId: string): Promise<void> {
  await db.deleteFrom('chat_device_keys').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
  await db.deleteFrom('chat_one_time_keys').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
  await db.deleteFrom('chat_fallback_keys').where('user_id', '=', userId).where('device_id', '=', deviceId).execute();
  await db.deleteFrom('chat_key_signatures').where('target_user_id', '=', userId).where('target_key_id', '=', deviceId).execute();
  await db.deleteFrom('chat_key_signatures').where('signer_user_id', '=', userId).where('signer_key_id', '=', `ed25519:${deviceId}`).execute();
}
