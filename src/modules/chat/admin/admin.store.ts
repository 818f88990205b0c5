import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';

export interface RoomRow {
  readonly roomId: string;
  readonly version: string;
  readonly creator: string;
  readonly isPublic: boolean;
  readonly createdTs: number;
}

export interface RoomStateContent {
  readonly roomId: string;
  readonly type: string;
  /** Null when the event was redacted: its content no longer counts. */
  readonly content: string | null;
}

type Db = Kysely<ChatTables>;

/** Oldest first, so pages stay stable while rooms are created. */
export async function pageOfRooms(db: Db, offset: number, limit: number): Promise<RoomRow[]> {
  const rows = await db
    .selectFrom('chat_rooms')
    .selectAll()
    .orderBy('created_ts')
    .orderBy('room_id')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    roomId: row.room_id,
    version: row.room_version,
    creator: row.creator,
    isPublic: row.is_public === 1,
    createdTs: Number(row.created_ts),
  }));
}

export async function countRooms(db: Db): Promise<number> {
  const row = await db.selectFrom('chat_rooms').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function joinedMemberCounts(db: Db, roomIds: readonly string[]): Promise<Map<string, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('chat_memberships')
    .select(['room_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('room_id', 'in', [...roomIds])
    .where('membership', '=', 'join')
    .groupBy('room_id')
    .execute();
  return new Map(rows.map((row) => [row.room_id, Number(row.count)]));
}

export async function stateEventCounts(db: Db, roomIds: readonly string[]): Promise<Map<string, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('chat_room_state')
    .select(['room_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('room_id', 'in', [...roomIds])
    .groupBy('room_id')
    .execute();
  return new Map(rows.map((row) => [row.room_id, Number(row.count)]));
}

/** The current content of the rooms' state events of the given types with an empty state key. */
export async function roomStateContents(db: Db, roomIds: readonly string[], types: readonly string[]): Promise<RoomStateContent[]> {
  if (roomIds.length === 0) return [];
  const rows = await db
    .selectFrom('chat_room_state as s')
    .innerJoin('chat_events as e', 'e.event_id', 's.event_id')
    .select(['s.room_id', 's.type', 'e.content', 'e.redacted_by'])
    .where('s.room_id', 'in', [...roomIds])
    .where('s.type', 'in', [...types])
    .where('s.state_key', '=', '')
    .execute();
  return rows.map((row) => ({ roomId: row.room_id, type: row.type, content: row.redacted_by === null ? row.content : null }));
}
