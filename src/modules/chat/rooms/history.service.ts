import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChatCore } from '../chat.core.js';
import { nowMs } from '../chat.core.js';
import type { Requester } from '../access-tokens.js';
import type { ClientEvent } from '../sync/sync-types.js';
import { allowsRoomEvent, type RoomEventFilter } from '../sync/filters.js';
import { forbidden, notFound } from '../matrix-error.js';
import { toClientEvent, type StoredEvent } from './event.js';
import { RoomState } from './room-state.js';
import type { RoomVersion } from './room-versions.js';
import type { RoomsService } from './rooms.service.js';
import { isVisible, lastVisiblePosition, type VisibilityContext } from './visibility.js';
import * as store from './rooms.store.js';
import { historyVisibilityChanges } from './history.store.js';

export interface MessagesQuery {
  /** A stream position: the boundary just after that event. */
  readonly from?: number;
  readonly to?: number;
  readonly direction: 'forward' | 'backward';
  readonly limit: number;
  readonly filter: RoomEventFilter;
}

export interface MessagesPage {
  readonly chunk: ClientEvent[];
  readonly start: number;
  readonly end?: number;
  readonly state: ClientEvent[];
}

const SCAN_FACTOR = 5;

/** Reading a room's past: what a user may see of it, page by page, and how events are shown. */
export class HistoryService {
  private readonly db: Kysely<ChatTables>;

  constructor(
    private readonly core: ChatCore,
    private readonly rooms: RoomsService,
  ) {
    this.db = core.db;
  }

  async visibilityContext(roomId: string, userId: string): Promise<VisibilityContext> {
    const [memberships, historyVisibility] = await Promise.all([store.membershipHistory(this.db, roomId, userId), historyVisibilityChanges(this.db, roomId)]);
    return { userId, memberships, historyVisibility };
  }

  /** The state a user may read: current while joined (or world-readable), as it was when they left otherwise. */
  async visibleState(roomId: string, userId: string): Promise<RoomState> {
    const current = await this.rooms.currentState(roomId);
    if (!current) throw forbidden('You are not in this room');
    const membership = current.membership(userId);
    if (membership === 'join' || current.historyVisibility() === 'world_readable') return current;
    const context = await this.visibilityContext(roomId, userId);
    const leftAt = context.memberships.at(-1);
    if (!leftAt || !context.memberships.some((m) => m.membership === 'join')) throw forbidden('You are not in this room');
    return RoomState.fromEvents(roomId, current.version, await store.stateEventsAt(this.db, roomId, leftAt.position));
  }

  format(event: StoredEvent, requester: Requester | undefined, version: RoomVersion, redactedBecause?: ClientEvent): ClientEvent {
    return toClientEvent(event, {
      now: nowMs(this.core.clock),
      version,
      requesterUserId: requester?.userId,
      requesterDeviceId: requester?.deviceId,
      redactedBecause,
    });
  }

  /** Formats a batch, loading the redaction events of redacted ones in one query. */
  async formatMany(events: readonly StoredEvent[], requester: Requester | undefined, version: RoomVersion): Promise<ClientEvent[]> {
    const redactionIds = events.map((e) => e.redactedBy).filter((id): id is string => id !== null);
    const redactions = new Map((await store.findEvents(this.db, redactionIds)).map((e) => [e.eventId, e]));
    return events.map((event) => {
      const redaction = event.redactedBy ? redactions.get(event.redactedBy) : undefined;
      return this.format(event, requester, version, redaction ? this.format(redaction, requester, version) : undefined);
    });
  }

  async messages(roomId: string, requester: Requester, query: MessagesQuery): Promise<MessagesPage> {
    const state = await this.visibleState(roomId, requester.userId);
    const context = await this.visibilityContext(roomId, requester.userId);
    const ceiling = lastVisiblePosition(context, this.core.stream.current().position);
    const backward = query.direction === 'backward';
    let cursor = backward ? Math.min(query.from ?? ceiling, ceiling) : (query.from ?? 0);
    const start = cursor;
    const found: StoredEvent[] = [];
    let exhausted = false;
    for (let round = 0; round < SCAN_FACTOR && found.length < query.limit; round++) {
      const batchSize = query.limit * 2;
      const batch = backward
        ? await store.eventsInRange(this.db, { roomId, after: query.to ?? 0, upTo: cursor, limit: batchSize, direction: 'backward' })
        : await store.eventsInRange(this.db, { roomId, after: cursor, upTo: Math.min(query.to ?? ceiling, ceiling), limit: batchSize, direction: 'forward' });
      for (const event of batch) {
        cursor = backward ? event.streamOrdering - 1 : event.streamOrdering;
        if (isVisible(event, context) && allowsRoomEvent(query.filter, event)) found.push(event);
        if (found.length === query.limit) break;
      }
      if (batch.length < batchSize && found.length < query.limit) {
        exhausted = true;
        break;
      }
    }
    const chunk = await this.formatMany(found, requester, state.version);
    const members = query.filter.lazyLoadMembers ? await this.membersFor(roomId, found, requester, state.version) : [];
    return exhausted || found.length === 0 ? { chunk, start, state: members } : { chunk, start, end: cursor, state: members };
  }

  async event(roomId: string, eventId: string, requester: Requester): Promise<ClientEvent> {
    const state = await this.visibleState(roomId, requester.userId);
    const event = await store.findEvent(this.db, eventId);
    if (!event || event.roomId !== roomId) throw notFound('Event not found');
    const context = await this.visibilityContext(roomId, requester.userId);
    if (!isVisible(event, context)) throw notFound('Event not found');
    const [formatted] = await this.formatMany([event], requester, state.version);
    return formatted!;
  }

  async context(roomId: string, eventId: string, requester: Requester, limit: number, filter: RoomEventFilter) {
    const state = await this.visibleState(roomId, requester.userId);
    const event = await store.findEvent(this.db, eventId);
    const context = await this.visibilityContext(roomId, requester.userId);
    if (!event || event.roomId !== roomId || !isVisible(event, context)) throw notFound('Event not found');
    const ceiling = lastVisiblePosition(context, this.core.stream.current().position);
    const half = Math.floor(limit / 2);
    const before = await this.messages(roomId, requester, { from: event.streamOrdering - 1, direction: 'backward', limit: half, filter });
    const after = await this.messages(roomId, requester, { from: event.streamOrdering, to: ceiling, direction: 'forward', limit: limit - half, filter });
    const [formatted] = await this.formatMany([event], requester, state.version);
    const last = after.chunk.at(-1);
    const stateAt = await store.stateEventsAt(this.db, roomId, last ? (await store.findEvent(this.db, last.event_id))!.streamOrdering : event.streamOrdering);
    const stateEvents = filter.lazyLoadMembers
      ? stateAt.filter((e) => e.type !== 'm.room.member' || new Set([event.sender, ...before.chunk.map((c) => c.sender), ...after.chunk.map((c) => c.sender)]).has(e.stateKey!))
      : stateAt;
    return {
      event: formatted!,
      events_before: before.chunk,
      events_after: after.chunk,
      start: before.end ?? event.streamOrdering - 1,
      end: after.end ?? Math.max(event.streamOrdering, ceiling),
      state: await this.formatMany(stateEvents, requester, state.version),
    };
  }

  /** Member events of the senders of `events` as of the newest of them: what lazy-loading clients need. */
  async membersFor(roomId: string, events: readonly StoredEvent[], requester: Requester, version: RoomVersion): Promise<ClientEvent[]> {
    if (events.length === 0) return [];
    const senders = new Set(events.map((e) => e.sender));
    const position = Math.max(...events.map((e) => e.streamOrdering));
    const stateAt = await store.stateEventsAt(this.db, roomId, position);
    const members = stateAt.filter((e) => e.type === 'm.room.member' && senders.has(e.stateKey!));
    return this.formatMany(members, requester, version);
  }

  async members(roomId: string, requester: Requester, options: { at?: number; membership?: string; notMembership?: string }): Promise<ClientEvent[]> {
    const visible = await this.visibleState(roomId, requester.userId);
    let state = visible;
    if (options.at !== undefined) {
      const context = await this.visibilityContext(roomId, requester.userId);
      const position = Math.min(options.at, lastVisiblePosition(context, this.core.stream.current().position));
      state = RoomState.fromEvents(roomId, visible.version, await store.stateEventsAt(this.db, roomId, position));
    }
    const members = [...state.events()].filter((event) => {
      if (event.type !== 'm.room.member') return false;
      const membership = String(event.content.membership);
      if (options.membership !== undefined && membership !== options.membership) return false;
      return options.notMembership === undefined || membership !== options.notMembership;
    });
    return this.formatMany(members, requester, state.version);
  }

  async joinedMembers(roomId: string, requester: Requester): Promise<Record<string, { display_name?: string; avatar_url?: string }>> {
    const state = await this.rooms.currentState(roomId);
    if (!state || state.membership(requester.userId) !== 'join') throw forbidden('You are not in this room');
    const joined: Record<string, { display_name?: string; avatar_url?: string }> = {};
    for (const userId of state.members('join')) {
      const content = state.get('m.room.member', userId)!.content;
      const entry: { display_name?: string; avatar_url?: string } = {};
      if (typeof content.displayname === 'string') entry.display_name = content.displayname;
      if (typeof content.avatar_url === 'string') entry.avatar_url = content.avatar_url;
      joined[userId] = entry;
    }
    return joined;
  }
}
