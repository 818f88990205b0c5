import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import * as store from './admin.store.js';

export interface RoomSummary {
  readonly roomId: string;
  readonly name: string | null;
  readonly canonicalAlias: string | null;
  readonly joinedMembers: number;
  readonly version: string;
  readonly creator: string;
  readonly isPublic: boolean;
  readonly encryption: string | null;
  readonly federatable: boolean;
  readonly joinRules: string | null;
  readonly guestAccess: string | null;
  readonly historyVisibility: string | null;
  readonly roomType: string | null;
  readonly stateEvents: number;
}

export interface RoomPage {
  readonly rooms: RoomSummary[];
  readonly offset: number;
  readonly total: number;
  /** Offset of the next page; undefined on the last. */
  readonly nextOffset: number | undefined;
}

/** State read for the listing, each with the content field that holds its answer. */
const SUMMARY_STATE: Record<string, string> = {
  'm.room.name': 'name',
  'm.room.canonical_alias': 'alias',
  'm.room.encryption': 'algorithm',
  'm.room.join_rules': 'join_rule',
  'm.room.guest_access': 'guest_access',
  'm.room.history_visibility': 'history_visibility',
  'm.room.create': 'type',
};

/** What server admins look at beyond single accounts: the rooms on the server. */
export class ChatAdmin {
  constructor(private readonly db: Kysely<ChatTables>) {}

  async listRooms(offset: number, limit: number): Promise<RoomPage> {
    const [page, total] = await Promise.all([store.pageOfRooms(this.db, offset, limit), store.countRooms(this.db)]);
    const roomIds = page.map((room) => room.roomId);
    const [members, stateCounts, contents] = await Promise.all([
      store.joinedMemberCounts(this.db, roomIds),
      store.stateEventCounts(this.db, roomIds),
      store.roomStateContents(this.db, roomIds, Object.keys(SUMMARY_STATE)),
    ]);
    const state = new Map<string, Record<string, unknown>>();
    for (const row of contents) state.set(`${row.roomId}\u0000${row.type}`, parseContent(row.content));
    const field = (roomId: string, type: string, key = SUMMARY_STATE[type] ?? ''): unknown => state.get(`${roomId}\u0000${type}`)?.[key];
    const text = (value: unknown) => (typeof value === 'string' ? value : null);

    const rooms = page.map((room) => ({
      roomId: room.roomId,
      name: text(field(room.roomId, 'm.room.name')),
      canonicalAlias: text(field(room.roomId, 'm.room.canonical_alias')),
      joinedMembers: members.get(room.roomId) ?? 0,
      version: room.version,
      creator: room.creator,
      isPublic: room.isPublic,
      encryption: text(field(room.roomId, 'm.room.encryption')),
      federatable: field(room.roomId, 'm.room.create', 'm.federate') !== false,
      joinRules: text(field(room.roomId, 'm.room.join_rules')),
      guestAccess: text(field(room.roomId, 'm.room.guest_access')),
      historyVisibility: text(field(room.roomId, 'm.room.history_visibility')),
      roomType: text(field(room.roomId, 'm.room.create')),
      stateEvents: stateCounts.get(room.roomId) ?? 0,
    }));
    const nextOffset = offset + rooms.length < total && rooms.length > 0 ? offset + rooms.length : undefined;
    return { rooms, offset, total, nextOffset };
  }
}

function parseContent(content: string | null): Record<string, unknown> {
  if (content === null) return {};
  const parsed: unknown = JSON.parse(content);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
