import type { Kysely, Selectable } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { StoredEvent } from './event.js';

type Executor = Kysely<ChatTables>;
type EventRow = Selectable<ChatTables['chat_events']>;

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamOrdering: Number(row.stream_ordering),
    eventId: row.event_id,
    roomId: row.room_id,
    type: row.type,
    stateKey: row.state_key,
    sender: row.sender,
    content: JSON.parse(row.content) as Record<string, unknown>,
    originServerTs: Number(row.origin_server_ts),
    depth: Number(row.depth),
    prevEventId: row.prev_event_id,
    authEventIds: JSON.parse(row.auth_event_ids) as string[],
    redacts: row.redacts,
    redactedBy: row.redacted_by,
    prevStateContent: row.prev_state_content === null ? null : (JSON.parse(row.prev_state_content) as Record<string, unknown>),
    senderDeviceId: row.sender_device_id,
    txnId: row.txn_id,
  };
}

export async function insertRoom(db: Executor, room: ChatTables['chat_rooms']): Promise<void> {
  await db.insertInto('chat_rooms').values(room).execute();
}

export async function findRoom(db: Executor, roomId: string) {
  return db.selectFrom('chat_rooms').selectAll().where('room_id', '=', roomId).executeTakeFirst();
}

/** Persists an accepted event and, for state events, the room's current state and memberships. */
export async function insertEvent(db: Executor, event: StoredEvent): Promise<void> {
  await db
    .insertInto('chat_events')
    .values({
      stream_ordering: event.streamOrdering,
      event_id: event.eventId,
      room_id: event.roomId,
      type: event.type,
      state_key: event.stateKey,
      sender: event.sender,
      content: JSON.stringify(event.content),
      origin_server_ts: event.originServerTs,
      depth: event.depth,
      prev_event_id: event.prevEventId,
      auth_event_ids: JSON.stringify(event.authEventIds),
      redacts: event.redacts,
      redacted_by: null,
      prev_state_content: event.prevStateContent === null ? null : JSON.stringify(event.prevStateContent),
      sender_device_id: event.senderDeviceId,
      txn_id: event.txnId,
    })
    .execute();
  if (event.stateKey === null) return;
  await db
    .insertInto('chat_room_state')
    .values({ room_id: event.roomId, type: event.type, state_key: event.stateKey, event_id: event.eventId, stream_ordering: event.streamOrdering })
    .onConflict((oc) => oc.columns(['room_id', 'type', 'state_key']).doUpdateSet({ event_id: event.eventId, stream_ordering: event.streamOrdering }))
    .execute();
  if (event.type === 'm.room.member') {
    const membership = String(event.content.membership);
    await db
      .insertInto('chat_memberships')
      .values({ room_id: event.roomId, user_id: event.stateKey, membership, event_id: event.eventId, stream_ordering: event.streamOrdering, forgotten: 0 })
      .onConflict((oc) =>
        oc.columns(['room_id', 'user_id']).doUpdateSet({ membership, event_id: event.eventId, stream_ordering: event.streamOrdering, forgotten: 0 }),
      )
      .execute();
  }
}

export async function markRedacted(db: Executor, eventId: string, redactionEventId: string): Promise<void> {
  await db.updateTable('chat_events').set({ redacted_by: redactionEventId }).where('event_id', '=', eventId).where('redacted_by', 'is', null).execute();
}

export async function currentStateEvents(db: Executor, roomId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('chat_room_state as s')
    .innerJoin('chat_events as e', 'e.event_id', 's.event_id')
    .selectAll('e')
    .where('s.room_id', '=', roomId)
    .execute();
  return rows.map(toStoredEvent);
}

/** The room's state just after the event at `position`: the latest event for each (type, state key) up to it. */
export async function stateEventsAt(db: Executor, roomId: string, position: number): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('chat_events as e')
    .selectAll('e')
    .where('e.room_id', '=', roomId)
    .where('e.state_key', 'is not', null)
    .where('e.stream_ordering', '<=', position)
    .where(({ eb, selectFrom }) =>
      eb(
        'e.stream_ordering',
        '=',
        selectFrom('chat_events as later')
          .select((s) => s.fn.max('later.stream_ordering').as('latest'))
          .whereRef('later.room_id', '=', 'e.room_id')
          .whereRef('later.type', '=', 'e.type')
          .whereRef('later.state_key', '=', 'e.state_key')
          .where('later.stream_ordering', '<=', position),
      ),
    )
    .execute();
  return rows.map(toStoredEvent);
}

export async function lastEventOfRoom(db: Executor, roomId: string): Promise<{ eventId: string; depth: number; streamOrdering: number } | undefined> {
  const row = await db
    .selectFrom('chat_events')
    .select(['event_id', 'depth', 'stream_ordering'])
    .where('room_id', '=', roomId)
    .orderBy('stream_ordering', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { eventId: row.event_id, depth: Number(row.depth), streamOrdering: Number(row.stream_ordering) } : undefined;
}

export async function findEvent(db: Executor, eventId: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('chat_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  return row ? toStoredEvent(row) : undefined;
}

export async function findEvents(db: Executor, eventIds: readonly string[]): Promise<StoredEvent[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.selectFrom('chat_events').selectAll().where('event_id', 'in', eventIds).execute();
  return rows.map(toStoredEvent);
}

export async function findTransaction(db: Executor, sender: string, deviceId: string, txnId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('chat_events')
    .select('event_id')
    .where('sender', '=', sender)
    .where('sender_device_id', '=', deviceId)
    .where('txn_id', '=', txnId)
    .executeTakeFirst();
  return row?.event_id;
}

export interface EventRange {
  readonly roomId: string;
  /** Events after this position... */
  readonly after: number;
  /** ...up to and including this one. */
  readonly upTo: number;
  readonly limit: number;
  /** Newest first when 'backward'. */
  readonly direction: 'forward' | 'backward';
}

export async function eventsInRange(db: Executor, range: EventRange): Promise<StoredEvent[]> {
  if (range.upTo <= range.after) return [];
  const rows = await db
    .selectFrom('chat_events')
    .selectAll()
    .where('room_id', '=', range.roomId)
    .where('stream_ordering', '>', range.after)
    .where('stream_ordering', '<=', range.upTo)
    .orderBy('stream_ordering', range.direction === 'forward' ? 'asc' : 'desc')
    .limit(range.limit)
    .execute();
  return rows.map(toStoredEvent);
}

export interface MembershipRow {
  readonly roomId: string;
  readonly userId: string;
  readonly membership: string;
  readonly eventId: string;
  readonly streamOrdering: number;
  readonly forgotten: boolean;
}

const toMembership = (row: Selectable<ChatTables['chat_memberships']>): MembershipRow => ({
  roomId: row.room_id,
  userId: row.user_id,
  membership: row.membership,
  eventId: row.event_id,
  streamOrdering: Number(row.stream_ordering),
  forgotten: row.forgotten === 1,
});

export async function membershipsOfUser(db: Executor, userId: string): Promise<MembershipRow[]> {
  const rows = await db.selectFrom('chat_memberships').selectAll().where('user_id', '=', userId).execute();
  return rows.map(toMembership);
}

export async function setForgotten(db: Executor, roomId: string, userId: string): Promise<void> {
  await db.updateTable('chat_memberships').set({ forgotten: 1 }).where('room_id', '=', roomId).where('user_id', '=', userId).execute();
}

/** Membership events in the given rooms within (after, upTo], oldest first. */
export async function membershipEventsInRange(db: Executor, roomIds: readonly string[], after: number, upTo: number): Promise<StoredEvent[]> {
  if (roomIds.length === 0 || upTo <= after) return [];
  const rows = await db
    .selectFrom('chat_events')
    .selectAll()
    .where('room_id', 'in', roomIds)
    .where('type', '=', 'm.room.member')
    .where('stream_ordering', '>', after)
    .where('stream_ordering', '<=', upTo)
    .orderBy('stream_ordering', 'asc')
    .execute();
  return rows.map(toStoredEvent);
}

/** A user's own membership events in one room, oldest first: when they could see what. */
export async function membershipHistory(db: Executor, roomId: string, userId: string): Promise<{ position: number; membership: string }[]> {
  const rows = await db
    .selectFrom('chat_events')
    .select(['stream_ordering', 'content'])
    .where('room_id', '=', roomId)
    .where('type', '=', 'm.room.member')
    .where('state_key', '=', userId)
    .orderBy('stream_ordering', 'asc')
    .execute();
  return rows.map((row) => ({ position: Number(row.stream_ordering), membership: String((JSON.parse(row.content) as Record<string, unknown>).membership) }));
}

export async function insertAlias(db: Executor, alias: string, roomId: string, creator: string): Promise<boolean> {
  const result = await db.insertInto('chat_room_aliases').values({ alias, room_id: roomId, creator }).onConflict((oc) => oc.column('alias').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findAlias(db: Executor, alias: string) {
  return db.selectFrom('chat_room_aliases').selectAll().where('alias', '=', alias).executeTakeFirst();
}

export async function deleteAlias(db: Executor, alias: string): Promise<void> {
  await db.deleteFrom('chat_room_aliases').where('alias', '=', alias).execute();
}

export async function aliasesOfRoom(db: Executor, roomId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_room_aliases').select('alias').where('room_id', '=', roomId).orderBy('alias').execute();
  return rows.map((r) => r.alias);
}

export async function roomVersions(db: Executor, roomIds: readonly string[]): Promise<Map<string, string>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db.selectFrom('chat_rooms').select(['room_id', 'room_version']).where('room_id', 'in', roomIds).execute();
  return new Map(rows.map((r) => [r.room_id, r.room_version]));
}


export async function profileOf(db: Executor, userId: string): Promise<{ displayname: string | null; avatar_url: string | null } | undefined> {
  const row = await db.selectFrom('chat_users').select(['display_name', 'avatar_url']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { displayname: row.display_name, avatar_url: row.avatar_url } : undefined;
}

export async function userExists(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('chat_users').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function roomsWithMembership(db: Executor, userId: string, memberships: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_memberships')
    .select('room_id')
    .where('user_id', '=', userId)
    .where('membership', 'in', memberships)
    .execute();
  return rows.map((r) => r.room_id);
}

export async function joinedUsersOfRooms(db: Executor, roomIds: readonly string[]): Promise<string[]> {
  if (roomIds.length === 0) return [];
  const rows = await db
    .selectFrom('chat_memberships')
    .select('user_id')
    .distinct()
    .where('room_id', 'in', roomIds)
    .where('membership', '=', 'join')
    .execute();
  return rows.map((r) => r.user_id);
}
