import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChatCore } from '../chat.core.js';
import type { Requester } from '../access-tokens.js';
import { formatToken, type Cancellation, type StreamToken } from '../stream.js';
import type { RoomsService } from '../rooms/rooms.service.js';
import type { HistoryService } from '../rooms/history.service.js';
import type { RoomState } from '../rooms/room-state.js';
import { toStrippedState, type StoredEvent } from '../rooms/event.js';
import { isVisible } from '../rooms/visibility.js';
import * as roomStore from '../rooms/rooms.store.js';
import type { TypingTracker } from '../ephemeral/typing.js';
import { receiptsInRange, type ReceiptRow } from '../ephemeral/receipts.store.js';
import type { ReceiptsService } from '../ephemeral/receipts.service.js';
import { allowsEvent, allowsRoom, allowsRoomEvent, type SyncFilter } from './filters.js';
import { accountDataInRange, unreadCandidates, UNREAD_CAP, type AccountDataRow } from './sync.store.js';
import type { PushRules } from '../push/push-rules.service.js';
import type { PushRuleset } from '../push/push-rules.js';
import { evaluatePushRules } from '../push/push-evaluator.js';
import type { BasicEvent, SyncExtension, SyncResponse, SyncWindow } from './sync-types.js';

export interface SyncRequest {
  readonly requester: Requester;
  readonly since: StreamToken | null;
  readonly filter: SyncFilter;
  readonly fullState: boolean;
  readonly timeoutMs: number;
  readonly cancellation?: Cancellation;
}

const DEFAULT_TIMELINE_LIMIT = 10;
const STRIPPED_STATE_TYPES = ['m.room.create', 'm.room.join_rules', 'm.room.name', 'm.room.avatar', 'm.room.canonical_alias', 'm.room.encryption', 'm.room.topic'];

/**
 * /sync: everything that happened to a user's rooms and devices in the stream window
 * (since, now], waiting up to `timeout` when there is nothing yet.
 */
interface UnreadCounts {
  /** The read receipt these counts start from, and the position they were counted up to. */
  readonly readPosition: number;
  readonly upTo: number;
  readonly notifications: number;
  readonly highlights: number;
}

export class SyncService {
  private readonly db: Kysely<ChatTables>;
  /** Per user and room: counting continues from here while the user's read receipt stays put. */
  private readonly unread = new Map<string, UnreadCounts>();
  private readonly rulesets = new Map<string, { readonly ruleset: PushRuleset; readonly at: number }>();

  constructor(
    private readonly core: ChatCore,
    private readonly rooms: RoomsService,
    private readonly history: HistoryService,
    private readonly typing: TypingTracker,
    private readonly pushRules: PushRules,
    private readonly receipts: ReceiptsService,
    private readonly extensions: readonly SyncExtension[],
  ) {
    this.db = core.db;
  }

  async sync(request: SyncRequest): Promise<SyncResponse> {
    const current = this.core.stream.current();
    // After a restart the typing serial starts again from 0; a client's older, larger serial must not hide new typing.
    const since = request.since && request.since.typing > current.typing ? { ...request.since, typing: 0 } : request.since;
    const deadline = Date.now() + request.timeoutMs;
    for (;;) {
      const upTo = this.core.stream.current();
      const response = await this.build(request, since, upTo);
      const remaining = deadline - Date.now();
      if (since === null || !isEmpty(response) || remaining <= 0 || request.cancellation?.cancelled) return response;
      await this.core.stream.waitForChange(request.requester.userId, upTo, remaining, request.cancellation);
      if (this.core.stream.closed) return response;
    }
  }

  private async build(request: SyncRequest, since: StreamToken | null, upTo: StreamToken): Promise<SyncResponse> {
    const { requester, filter } = request;
    const userId = requester.userId;
    const after = since?.position ?? 0;
    const response: SyncResponse = {
      next_batch: formatToken(upTo),
      rooms: { join: {}, invite: {}, leave: {} },
      account_data: { events: [] },
      presence: { events: [] },
      to_device: { events: [] },
      device_lists: { changed: [], left: [] },
      device_one_time_keys_count: {},
      device_unused_fallback_key_types: [],
    };

    const { changes } = this.core;
    const memberships = (await this.rooms.membershipsOf(userId)).filter((m) => !m.forgotten && allowsRoom(filter, m.roomId));
    const joinedIds = memberships.filter((m) => m.membership === 'join').map((m) => m.roomId);
    const receiptRooms = since === null ? joinedIds : joinedIds.filter((roomId) => changes.receipts.mayHaveChanged(roomId, after));
    const receipts = await receiptsInRange(this.db, receiptRooms, after, upTo.position);
    const accountData = since === null || changes.accountData.mayHaveChanged(userId, after) ? await accountDataInRange(this.db, userId, after, upTo.position) : [];

    for (const membership of memberships) {
      const state = await this.rooms.currentState(membership.roomId);
      if (!state) continue;
      const changedInWindow = since === null || membership.streamOrdering > after;
      if (membership.membership === 'join') {
        const room = await this.joinedRoom(request, since, upTo, membership.streamOrdering, state, receipts, accountData);
        if (room) response.rooms.join[membership.roomId] = room;
      } else if (membership.membership === 'invite') {
        if (changedInWindow) response.rooms.invite[membership.roomId] = { invite_state: { events: inviteState(state, userId) } };
      } else if ((membership.membership === 'leave' || membership.membership === 'ban') && (since !== null ? membership.streamOrdering > after : filter.includeLeave)) {
        response.rooms.leave[membership.roomId] = await this.leftRoom(request, since, membership.streamOrdering, state);
      }
    }

    response.account_data.events = accountData.filter((row) => row.roomId === '' && allowsEvent(filter.accountData, row)).map(basicEvent);
    const window: SyncWindow = { requester, since, upTo, fullState: request.fullState };
    for (const extension of this.extensions) await extension.contribute(window, response);
    return response;
  }

  private async joinedRoom(
    request: SyncRequest,
    since: StreamToken | null,
    upTo: StreamToken,
    joinedAt: number,
    state: RoomState,
    receipts: readonly ReceiptRow[],
    accountData: readonly AccountDataRow[],
  ): Promise<Record<string, unknown> | undefined> {
    const { requester, filter } = request;
    const roomId = state.roomId;
    const newlyJoined = since === null || joinedAt > since.position;
    const windowStart = newlyJoined ? 0 : since.position;
    const limit = filter.timeline.limit ?? DEFAULT_TIMELINE_LIMIT;

    const timeline =
      newlyJoined || this.core.changes.roomEvents.mayHaveChanged(roomId, windowStart)
        ? await this.timelineEvents(request, roomId, windowStart, upTo.position, limit, newlyJoined)
        : { events: [], limited: false };
    const typingChanged = since === null ? this.typing.typingIn(roomId).length > 0 : this.typing.changedAfter(roomId, since.typing);
    const roomReceipts = receipts.filter((r) => r.roomId === roomId && (r.receiptType !== 'm.read.private' || r.userId === requester.userId));
    const roomAccountData = accountData.filter((row) => row.roomId === roomId && allowsEvent(filter.roomAccountData, row));
    const quiet = timeline.events.length === 0 && !typingChanged && roomReceipts.length === 0 && roomAccountData.length === 0;
    if (!newlyJoined && !request.fullState && quiet) return undefined;

    const stateEvents = await this.stateSection(request, state, timeline.events, newlyJoined || request.fullState ? null : windowStart, timeline.limited, upTo.position);
    const ephemeral: BasicEvent[] = [];
    if (typingChanged && allowsEvent(filter.ephemeral, { type: 'm.typing' })) ephemeral.push({ type: 'm.typing', content: { user_ids: this.typing.typingIn(roomId) } });
    if (roomReceipts.length > 0 && allowsEvent(filter.ephemeral, { type: 'm.receipt' })) ephemeral.push(receiptEvent(roomReceipts));

    const firstPosition = timeline.events[0]?.streamOrdering;
    const room: Record<string, unknown> = {
      summary: summary(state, requester.userId),
      timeline: {
        events: await this.history.formatMany(timeline.events, requester, state.version),
        limited: timeline.limited,
        prev_batch: formatToken({ position: firstPosition !== undefined ? firstPosition - 1 : upTo.position, typing: 0 }),
      },
      state: { events: await this.history.formatMany(stateEvents, requester, state.version) },
      ephemeral: { events: ephemeral },
      account_data: { events: roomAccountData.map(basicEvent) },
    };
    // Counts change only with new events or the user's own receipts; otherwise clients keep the last ones.
    const ownReceipt = roomReceipts.some((r) => r.userId === requester.userId);
    if (newlyJoined || timeline.events.length > 0 || ownReceipt) {
      const readPosition = (await this.receipts.readPosition(requester.userId, roomId)) ?? joinedAt;
      room.unread_notifications = await this.unreadNotifications(requester.userId, state, readPosition, upTo.position);
    }
    return room;
  }

  /** Notification and highlight counts since the user's read receipt, as their push rules decide. */
  private async unreadNotifications(userId: string, state: RoomState, readPosition: number, upTo: number) {
    const key = `${userId}\u0000${state.roomId}`;
    const known = this.unread.get(key);
    const continuing = known !== undefined && known.readPosition === readPosition && known.upTo <= upTo;
    const from = continuing ? known.upTo : readPosition;
    const kept = this.rooms.recentEvents(state.roomId, from, upTo);
    const candidates = kept
      ? kept.filter((event) => event.sender !== userId && event.redactedBy === null).slice(-UNREAD_CAP)
      : await unreadCandidates(this.db, state.roomId, userId, from, upTo);
    let notifications = continuing ? known.notifications : 0;
    let highlights = continuing ? known.highlights : 0;
    if (candidates.length > 0) {
      const ruleset = await this.rulesetOf(userId);
      const displayName = state.get('m.room.member', userId)?.content.displayname;
      const context = {
        userId,
        displayName: typeof displayName === 'string' ? displayName : null,
        roomMemberCount: state.members('join').length,
        notificationsPowerLevels: state.powerLevels().notifications,
      };
      for (const event of candidates) {
        const outcome = evaluatePushRules(
          ruleset,
          { type: event.type, sender: event.sender, room_id: event.roomId, state_key: event.stateKey ?? undefined, content: event.content },
          { ...context, senderPowerLevel: state.userLevel(event.sender) },
        );
        if (outcome.notify) notifications += 1;
        if (outcome.highlight) highlights += 1;
      }
    }
    notifications = Math.min(notifications, UNREAD_CAP);
    highlights = Math.min(highlights, UNREAD_CAP);
    this.unread.set(key, { readPosition, upTo, notifications, highlights });
    return { notification_count: notifications, highlight_count: highlights };
  }

  /** The user's push rules, read again only after their account data changed. */
  private async rulesetOf(userId: string): Promise<PushRuleset> {
    const cached = this.rulesets.get(userId);
    if (cached && !this.core.changes.accountData.mayHaveChanged(userId, cached.at)) return cached.ruleset;
    const at = this.core.stream.current().position;
    const ruleset = await this.pushRules.ruleset(userId);
    this.rulesets.set(userId, { ruleset, at });
    return ruleset;
  }

  /** The newest `limit` visible, filter-passing events of (after, upTo], oldest first, and whether some were left out. */
  private async timelineEvents(request: SyncRequest, roomId: string, after: number, upTo: number, limit: number, checkVisibility: boolean) {
    const kept = checkVisibility ? undefined : this.rooms.recentEvents(roomId, after, upTo);
    if (kept) {
      const usable = kept.filter((event) => allowsRoomEvent(request.filter.timeline, event));
      return { events: usable.slice(-limit), limited: usable.length > limit };
    }
    const fetched = await roomStore.eventsInRange(this.db, { roomId, after, upTo, limit: limit * 2 + 1, direction: 'backward' });
    const context = checkVisibility ? await this.history.visibilityContext(roomId, request.requester.userId) : undefined;
    const usable = fetched.filter((event) => (!context || isVisible(event, context)) && allowsRoomEvent(request.filter.timeline, event));
    const events = usable.slice(0, limit).reverse();
    return { events, limited: usable.length > limit || fetched.length === limit * 2 + 1 };
  }

  /**
   * The state before the timeline: everything for a new or full-state room, otherwise only what
   * changed in a gap; with lazy-loading, member events only of the timeline's senders and the user.
   */
  private async stateSection(request: SyncRequest, current: RoomState, timeline: readonly StoredEvent[], changedAfter: number | null, limited: boolean, upTo: number): Promise<StoredEvent[]> {
    const { filter, requester } = request;
    if (changedAfter !== null && !limited && (!filter.state.lazyLoadMembers || timeline.length === 0)) return [];
    const position = timeline.length > 0 ? timeline[0]!.streamOrdering - 1 : upTo;
    const atStart = current.latestPosition() <= position ? [...current.events()] : await roomStore.stateEventsAt(this.db, current.roomId, position);
    const inTimeline = new Set(timeline.map((e) => e.eventId));
    const senders = new Set([...timeline.map((e) => e.sender), requester.userId]);
    return atStart.filter((event) => {
      if (inTimeline.has(event.eventId)) return false;
      if (!allowsRoomEvent(filter.state, event)) return false;
      const lazyMember = filter.state.lazyLoadMembers && event.type === 'm.room.member';
      if (lazyMember && !senders.has(event.stateKey!)) return false;
      // Lazy-loading clients may never have seen a sender's member event: send it with their events.
      if (changedAfter === null || lazyMember) return true;
      return event.streamOrdering > changedAfter;
    });
  }

  private async leftRoom(request: SyncRequest, since: StreamToken | null, leftAt: number, state: RoomState): Promise<Record<string, unknown>> {
    const limit = request.filter.timeline.limit ?? DEFAULT_TIMELINE_LIMIT;
    const after = since?.position ?? 0;
    const fetched = await roomStore.eventsInRange(this.db, { roomId: state.roomId, after: Math.min(after, leftAt - 1), upTo: leftAt, limit: limit + 1, direction: 'backward' });
    const events = fetched.slice(0, limit).reverse();
    const first = events[0]?.streamOrdering ?? leftAt;
    const stateAt = await roomStore.stateEventsAt(this.db, state.roomId, first - 1);
    const inTimeline = new Set(events.map((e) => e.eventId));
    const stateEvents = since === null ? stateAt.filter((e) => !inTimeline.has(e.eventId)) : stateAt.filter((e) => e.streamOrdering > after && !inTimeline.has(e.eventId));
    return {
      timeline: { events: await this.history.formatMany(events, request.requester, state.version), limited: fetched.length > limit, prev_batch: formatToken({ position: first - 1, typing: 0 }) },
      state: { events: await this.history.formatMany(stateEvents, request.requester, state.version) },
      account_data: { events: [] },
    };
  }
}

function isEmpty(response: SyncResponse): boolean {
  const rooms = response.rooms;
  return (
    Object.keys(rooms.join).length === 0 &&
    Object.keys(rooms.invite).length === 0 &&
    Object.keys(rooms.leave).length === 0 &&
    response.account_data.events.length === 0 &&
    response.to_device.events.length === 0 &&
    response.device_lists.changed.length === 0 &&
    response.device_lists.left.length === 0
  );
}

const basicEvent = (row: AccountDataRow): BasicEvent => ({ type: row.type, content: row.content });

function inviteState(state: RoomState, userId: string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const type of STRIPPED_STATE_TYPES) {
    const event = state.get(type);
    if (event) events.push(toStrippedState(event));
  }
  const invite = state.get('m.room.member', userId);
  if (invite) {
    const inviter = state.get('m.room.member', invite.sender);
    if (inviter && inviter.sender !== userId) events.push(toStrippedState(inviter));
    events.push({ ...toStrippedState(invite), event_id: invite.eventId, origin_server_ts: invite.originServerTs });
  }
  return events;
}

function summary(state: RoomState, userId: string): Record<string, unknown> {
  const joined = state.members('join');
  const invited = state.members('invite');
  const heroes = [...joined, ...invited].filter((member) => member !== userId).sort().slice(0, 5);
  return { 'm.heroes': heroes, 'm.joined_member_count': joined.length, 'm.invited_member_count': invited.length };
}

function receiptEvent(receipts: readonly ReceiptRow[]): BasicEvent {
  const content: Record<string, Record<string, Record<string, Record<string, unknown>>>> = {};
  for (const receipt of receipts) {
    const byType = (content[receipt.eventId] ??= {});
    const byUser = (byType[receipt.receiptType] ??= {});
    byUser[receipt.userId] = receipt.threadId === '' ? { ts: receipt.ts } : { ts: receipt.ts, thread_id: receipt.threadId };
  }
  return { type: 'm.receipt', content };
}

