import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { ChatCore } from '../chat.core.js';
import { nowMs } from '../chat.core.js';
import type { ChatTransaction } from '../stream.js';
import { MatrixError, forbidden, notFound } from '../matrix-error.js';
import { authorize, authorizeRedaction, type CandidateEvent } from './auth-rules.js';
import { MAX_EVENT_BYTES, newEventId, newRoomId, type StoredEvent } from './event.js';
import { RoomState } from './room-state.js';
import { DEFAULT_ROOM_VERSION, isSupportedRoomVersion, type RoomVersion } from './room-versions.js';
import { aliasFor, planRoomCreation, type CreateRoomRequest } from './create-room.js';
import { ReadThroughCache } from '../read-through-cache.js';
import type { RoomMembershipView } from './membership-view.js';
import * as store from './rooms.store.js';

interface LiveRoom {
  readonly roomId: string;
  readonly version: RoomVersion;
  state: RoomState;
  lastEventId: string | null;
  depth: number;
  /** The newest events, oldest first: every event after `recentFloor` is here. */
  recent: StoredEvent[];
  recentFloor: number;
}

/** Enough for every long-polling client that is a few messages behind; older windows are read from the database. */
const RECENT_EVENTS = 64;

export interface NewEvent {
  readonly roomId: string;
  readonly type: string;
  readonly stateKey: string | null;
  readonly sender: string;
  readonly content: Record<string, unknown>;
  readonly deviceId?: string;
  readonly txnId?: string;
  readonly redacts?: string;
}

/**
 * Rooms and their one linear history. Every event is authorised against the room's current state
 * and appended in one transaction with its state and membership rows; the current state of each
 * room is kept in memory (copy-on-write) because every send needs it.
 */
export class RoomsService implements RoomMembershipView {
  private readonly live = new Map<string, LiveRoom>();
  /** Each user's memberships, read on every /sync; dropped whenever one of them changes. */
  private readonly memberships = new ReadThroughCache<readonly store.MembershipRow[]>();
  private readonly db: Kysely<ChatTables>;

  constructor(private readonly core: ChatCore) {
    this.db = core.db;
  }

  /** Current state of a room the caller may read it from; undefined when the room does not exist. */
  async currentState(roomId: string): Promise<RoomState | undefined> {
    return (await this.liveRoom(this.db, roomId))?.state;
  }

  async roomVersion(roomId: string): Promise<RoomVersion | undefined> {
    return (await this.liveRoom(this.db, roomId))?.version;
  }

  async createRoom(creator: string, deviceId: string, request: CreateRoomRequest): Promise<{ roomId: string; alias?: string }> {
    const version = request.room_version ?? DEFAULT_ROOM_VERSION;
    if (!isSupportedRoomVersion(version)) throw new MatrixError(400, 'M_UNSUPPORTED_ROOM_VERSION', `Room version ${version} is not supported`);
    const alias = aliasFor(request.room_alias_name, this.core.config);
    if (alias && (await store.findAlias(this.db, alias))) throw new MatrixError(400, 'M_ROOM_IN_USE', 'That room alias is taken');
    const profile = await this.memberProfile(creator);
    const roomId = newRoomId(this.core.config.serverName);
    const planned = planRoomCreation(request, creator, version, alias, profile);
    const invitees = [...new Set(request.invite ?? [])];
    for (const invitee of invitees) if (!(await store.userExists(this.db, invitee))) throw notFound(`Unknown user ${invitee}`);

    try {
      await this.core.stream.write(async (tx, next) => {
        const now = nowMs(this.core.clock);
        await store.insertRoom(tx, { room_id: roomId, room_version: version, creator, is_public: request.visibility === 'public' ? 1 : 0, created_ts: now });
        if (alias && !(await store.insertAlias(tx, alias, roomId, creator))) throw new MatrixError(400, 'M_ROOM_IN_USE', 'That room alias is taken');
        const room: LiveRoom = { roomId, version, state: RoomState.fromEvents(roomId, version, []), lastEventId: null, depth: 0, recent: [], recentFloor: 0 };
        for (const event of planned) {
          const candidate: CandidateEvent = { type: event.type, stateKey: event.stateKey, sender: creator, content: event.content };
          if (event.type !== 'm.room.create') authorize(candidate, room.state);
          await this.appendTo(tx, room, candidate, next, { deviceId });
        }
        for (const invitee of invitees) {
          const content: Record<string, unknown> = { membership: 'invite', ...(await this.memberProfile(invitee, tx)) };
          if (request.is_direct) content.is_direct = true;
          const candidate: CandidateEvent = { type: 'm.room.member', stateKey: invitee, sender: creator, content };
          authorize(candidate, room.state);
          await this.appendTo(tx, room, candidate, next, { deviceId });
        }
        this.live.set(roomId, room);
        // Again after the commit: a /sync that read the old rows in between must not keep them.
        const afterCommit = () => {
          for (const user of [creator, ...invitees]) this.forgetMemberships(user);
        };
        return { result: undefined, wake: [creator, ...invitees], afterCommit };
      });
    } catch (error) {
      this.live.delete(roomId);
      throw error;
    }
    return alias ? { roomId, alias } : { roomId };
  }

  /** Authorises and appends one event; an already-seen transaction id returns the first event again. */
  async send(input: NewEvent): Promise<StoredEvent> {
    const size = Buffer.byteLength(JSON.stringify(input.content));
    if (size > MAX_EVENT_BYTES) throw new MatrixError(413, 'M_TOO_LARGE', 'Event too large');
    try {
      const event = await this.core.stream.write(async (tx, next) => {
        if (input.txnId !== undefined && input.deviceId !== undefined) {
          const existing = await store.findTransaction(tx, input.sender, input.deviceId, input.txnId);
          if (existing) {
            const event = await store.findEvent(tx, existing);
            if (event) return { result: event, wake: [] };
          }
        }
        const room = await this.liveRoom(tx, input.roomId);
        if (!room) throw forbidden(`Unknown room ${input.roomId}`);
        const before = room.state;
        const candidate: CandidateEvent = { type: input.type, stateKey: input.stateKey, sender: input.sender, content: input.content };
        authorize(candidate, before);
        let original: StoredEvent | undefined;
        if (input.type === 'm.room.redaction') {
          if (!input.redacts) throw new MatrixError(400, 'M_BAD_JSON', 'A redaction needs the event it redacts');
          original = await store.findEvent(tx, input.redacts);
          authorizeRedaction(input.sender, original?.roomId === input.roomId ? original.sender : undefined, before);
        }
        const event = await this.appendTo(tx, room, candidate, next, input);
        if (original && original.roomId === input.roomId) {
          await store.markRedacted(tx, original.eventId, event.eventId);
          // The kept copy must not go on showing what was redacted.
          room.recent = room.recent.map((kept) => (kept.eventId === original.eventId && kept.redactedBy === null ? { ...kept, redactedBy: event.eventId } : kept));
        }
        const wake = new Set([...before.members('join'), ...room.state.members('join')]);
        if (input.stateKey !== null && input.type === 'm.room.member') wake.add(input.stateKey);
        // Again after the commit: a /sync that read the old rows in between must not keep them.
        const member = event.type === 'm.room.member' ? event.stateKey : null;
        const afterCommit = () => {
          if (member !== null) this.forgetMemberships(member);
        };
        return { result: event, wake, afterCommit };
      });
      return event;
    } catch (error) {
      // A failed transaction may have left the in-memory state ahead of the database.
      if (!(error instanceof MatrixError)) this.live.delete(input.roomId);
      throw error;
    }
  }

  private async appendTo(
    tx: ChatTransaction,
    room: LiveRoom,
    candidate: CandidateEvent,
    next: () => number,
    extra: { deviceId?: string; txnId?: string; redacts?: string },
  ): Promise<StoredEvent> {
    const content = candidate.type === 'm.room.redaction' && room.version === '11' && extra.redacts ? { ...candidate.content, redacts: extra.redacts } : candidate.content;
    const previous = candidate.stateKey !== null ? room.state.get(candidate.type, candidate.stateKey) : undefined;
    const event: StoredEvent = {
      streamOrdering: next(),
      eventId: newEventId(),
      roomId: room.roomId,
      type: candidate.type,
      stateKey: candidate.stateKey,
      sender: candidate.sender,
      content,
      originServerTs: nowMs(this.core.clock),
      depth: room.depth + 1,
      prevEventId: room.lastEventId,
      authEventIds: room.state.authEventIds(candidate.type, candidate.sender, candidate.stateKey, content),
      redacts: extra.redacts ?? null,
      redactedBy: null,
      prevStateContent: previous ? previous.content : null,
      senderDeviceId: extra.deviceId ?? null,
      txnId: extra.txnId ?? null,
    };
    await store.insertEvent(tx, event);
    this.core.changes.roomEvents.mark(room.roomId, event.streamOrdering);
    if (event.type === 'm.room.member' && event.stateKey !== null) {
      this.core.changes.memberships.mark(room.roomId, event.streamOrdering);
      this.forgetMemberships(event.stateKey);
    }
    room.recent.push(event);
    if (room.recent.length > RECENT_EVENTS) room.recentFloor = room.recent.shift()!.streamOrdering;
    room.state = room.state.with(event);
    room.lastEventId = event.eventId;
    room.depth = event.depth;
    return event;
  }

  private async liveRoom(db: Kysely<ChatTables>, roomId: string): Promise<LiveRoom | undefined> {
    const cached = this.live.get(roomId);
    if (cached) return cached;
    const row = await store.findRoom(db, roomId);
    if (!row || !isSupportedRoomVersion(row.room_version)) return undefined;
    const events = await store.currentStateEvents(db, roomId);
    const last = await store.lastEventOfRoom(db, roomId);
    const room: LiveRoom = {
      roomId,
      version: row.room_version,
      state: RoomState.fromEvents(roomId, row.room_version, events),
      lastEventId: last?.eventId ?? null,
      depth: last?.depth ?? 0,
      recent: [],
      recentFloor: last?.streamOrdering ?? 0,
    };
    // A reader that loaded while a write ran must not replace the writer's newer copy; writers
    // (inside the serialised write, `db` is their transaction) always install theirs.
    const loadedMeanwhile = this.live.get(roomId);
    if (loadedMeanwhile && db === this.db) return loadedMeanwhile;
    this.live.set(roomId, room);
    return room;
  }

  /** Display name and avatar a member event carries. */
  async memberProfile(userId: string, db: Kysely<ChatTables> = this.db): Promise<Record<string, unknown>> {
    const profile = await store.profileOf(db, userId);
    const content: Record<string, unknown> = {};
    if (profile?.displayname) content.displayname = profile.displayname;
    if (profile?.avatar_url) content.avatar_url = profile.avatar_url;
    return content;
  }

  async setMembership(roomId: string, sender: string, target: string, membership: string, extra: { reason?: string; deviceId?: string; txnId?: string } = {}): Promise<StoredEvent> {
    const content: Record<string, unknown> = { membership };
    if (membership === 'join' || membership === 'invite') Object.assign(content, await this.memberProfile(target));
    if (extra.reason !== undefined) content.reason = extra.reason;
    if (membership === 'invite' || membership === 'ban' || (membership === 'leave' && sender !== target)) {
      if (!(await store.userExists(this.db, target))) throw notFound(`Unknown user ${target}`);
    }
    return this.send({ roomId, type: 'm.room.member', stateKey: target, sender, content, deviceId: extra.deviceId });
  }

  async resolveAlias(alias: string): Promise<string | undefined> {
    return (await store.findAlias(this.db, alias))?.room_id;
  }

  async addAlias(alias: string, roomId: string, creator: string): Promise<void> {
    if (!(await this.liveRoom(this.db, roomId))) throw notFound('Unknown room');
    if (!(await store.insertAlias(this.db, alias, roomId, creator))) throw new MatrixError(409, 'M_UNKNOWN', 'That room alias is taken');
  }

  async removeAlias(alias: string, requester: string, isAdmin: boolean): Promise<void> {
    const row = await store.findAlias(this.db, alias);
    if (!row) throw notFound('Unknown alias');
    const state = await this.currentState(row.room_id);
    const mayRemove = row.creator === requester || isAdmin || (state !== undefined && state.userLevel(requester) >= state.requiredLevel('m.room.canonical_alias', true));
    if (!mayRemove) throw forbidden('You may not remove this alias');
    await store.deleteAlias(this.db, alias);
  }

  async aliasesOf(roomId: string): Promise<string[]> {
    return store.aliasesOfRoom(this.db, roomId);
  }

  async forget(roomId: string, userId: string): Promise<void> {
    const state = await this.currentState(roomId);
    if (state && (state.membership(userId) === 'join' || state.membership(userId) === 'invite')) {
      throw new MatrixError(400, 'M_UNKNOWN', 'Leave the room before forgetting it');
    }
    await store.setForgotten(this.db, roomId, userId);
    this.forgetMemberships(userId);
  }

  /** Every room the user has a membership in (any kind), from memory when nothing changed. */
  membershipsOf(userId: string): Promise<readonly store.MembershipRow[]> {
    return this.memberships.get(userId, () => store.membershipsOfUser(this.db, userId));
  }

  /**
   * The room's events in (after, upTo], oldest first, when the recent events kept in memory
   * cover that window; undefined when the database must be asked.
   */
  recentEvents(roomId: string, after: number, upTo: number): StoredEvent[] | undefined {
    const room = this.live.get(roomId);
    if (!room || after < room.recentFloor) return undefined;
    return room.recent.filter((event) => event.streamOrdering > after && event.streamOrdering <= upTo);
  }

  private forgetMemberships(userId: string): void {
    this.memberships.invalidate(userId);
  }

  // RoomMembershipView

  async joinedRoomIds(userId: string): Promise<string[]> {
    return (await this.membershipsOf(userId)).filter((m) => m.membership === 'join').map((m) => m.roomId);
  }

  async usersSharingRoomsWith(userId: string): Promise<Set<string>> {
    const users = new Set<string>([userId]);
    for (const roomId of await this.joinedRoomIds(userId)) {
      const state = await this.currentState(roomId);
      for (const member of state?.members('join') ?? []) users.add(member);
    }
    return users;
  }

  async sharingChanges(userId: string, since: number, upTo: number): Promise<{ joined: string[]; left: string[] }> {
    const rooms = (await this.membershipsOf(userId))
      .filter((m) => m.membership === 'join' || m.membership === 'leave' || m.membership === 'ban')
      .map((m) => m.roomId)
      .filter((roomId) => this.core.changes.memberships.mayHaveChanged(roomId, since));
    const changes = await store.membershipEventsInRange(this.db, rooms, since, upTo);
    if (changes.length === 0) return { joined: [], left: [] };
    const sharingNow = await this.usersSharingRoomsWith(userId);
    const joined = new Set<string>();
    const left = new Set<string>();
    for (const change of changes) {
      const subject = change.stateKey!;
      if (subject === userId) {
        // When I join or leave a room, everyone in it starts or may stop sharing a room with me.
        const members = await store.joinedUsersOfRooms(this.db, [change.roomId]);
        for (const member of members) (sharingNow.has(member) ? joined : left).add(member);
      } else if (change.content.membership === 'join' && sharingNow.has(subject)) {
        joined.add(subject);
      } else if ((change.content.membership === 'leave' || change.content.membership === 'ban') && !sharingNow.has(subject)) {
        left.add(subject);
      }
    }
    joined.delete(userId);
    left.delete(userId);
    for (const user of joined) left.delete(user);
    return { joined: [...joined], left: [...left] };
  }

  async leaveAllRooms(userId: string): Promise<void> {
    const rooms = await store.roomsWithMembership(this.db, userId, ['join', 'invite', 'knock']);
    for (const roomId of rooms) await this.setMembership(roomId, userId, userId, 'leave');
  }

  async updateProfileInRooms(userId: string, profile: { displayname: string | null; avatar_url: string | null }): Promise<void> {
    const rooms = await this.joinedRoomIds(userId);
    const content: Record<string, unknown> = { membership: 'join' };
    if (profile.displayname) content.displayname = profile.displayname;
    if (profile.avatar_url) content.avatar_url = profile.avatar_url;
    for (const roomId of rooms) await this.send({ roomId, type: 'm.room.member', stateKey: userId, sender: userId, content });
  }
}
