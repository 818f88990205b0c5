import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export interface Device {
  readonly userId: string;
  readonly deviceId: string;
  readonly displayName: string | null;
  readonly lastSeenTs: number | null;
  readonly lastSeenIp: string | null;
}

type Db = Kysely<ChatTables>;

function toDevice(row: ChatTables['chat_devices']): Device {
  return {
    userId: row.user_id,
    deviceId: row.device_id,
    displayName: row.display_name,
    lastSeenTs: row.last_seen_ts === null ? null : Number(row.last_seen_ts),
    lastSeenIp: row.last_seen_ip,
  };
}

export async function findDevice(db: Db, userId: string, deviceId: string): Promise<Device | undefined> {
  const row = await db.selectFrom('chat_devices').selectAll().where('user_id', '=', userId).where('device_id', '=', deviceId).executeTakeFirst();
  return row ? toDevice(row) : undefined;
}

export async function listDevices(db: Db, userId: string): Promise<Device[]> {
  const rows = await db.selectFrom('chat_devices').selectAll().where('user_id', '=', userId).orderBy('created_ts').orderBy('device_id').execute();
  return rows.map(toDevice);
}

/** False when the user already has a device with this id. */
export async function insertDevice(
  db: Db,
  device: { userId: string; deviceId: string; displayName: string | null; createdTs: number; ip: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('chat_devices')
    .values({
      user_id: device.userId,
      device_id: device.deviceId,
      display_name: device.displayName,
      created_ts: device.createdTs,
      last_seen_ts: device.createdTs,
      last_seen_ip: device.ip,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** False when there is no such device. */
export async function renameDevice(db: Db, userId: string, deviceId: string, displayName: string): Promise<boolean> {
  const result = await db
    .updateTable('chat_devices')
    .set({ display_name: displayName })
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordDeviceSeen(db: Db, userId: string, deviceId: string, ts: number, ip: string): Promise<void> {
  await db
    .updateTable('chat_devices')
    .set({ last_seen_ts: ts, last_seen_ip: ip })
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .execute();
}

/** The ids among `deviceIds` that existed and are now gone. */
export async function deleteDevices(db: Db, userId: string, deviceIds: readonly string[]): Promise<string[]> {
  if (deviceIds.length === 0) return [];
  const rows = await db
    .deleteFrom('chat_devices')
    .where('user_id', '=', userId)
    .where('device_id', 'in', [...deviceIds])
    .returning('device_id')
    .execute();
  return rows.map((row) => row.device_id);
}

export async function deviceIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_devices').select('device_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.device_id);
}
