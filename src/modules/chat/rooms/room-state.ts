import { stateKeyOf, type StoredEvent } from './event.js';
import type { RoomVersion } from './room-versions.js';

export interface PowerLevels {
  readonly users: Readonly<Record<string, number>>;
  readonly usersDefault: number;
  readonly events: Readonly<Record<string, number>>;
  readonly eventsDefault: number;
  readonly stateDefault: number;
  readonly ban: number;
  readonly kick: number;
  readonly invite: number;
  readonly redact: number;
  readonly notifications: Readonly<Record<string, number>>;
}

const level = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) ? value : fallback);

function levelMap(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, number> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'number' && Number.isInteger(entry)) out[key] = entry;
  return out;
}

/** A room's state at one point of its history, with the questions the authorisation rules ask. */
export class RoomState {
  private latest: number | undefined;
  private levels: PowerLevels | undefined;

  constructor(
    readonly roomId: string,
    readonly version: RoomVersion,
    private readonly entries: Map<string, StoredEvent>,
  ) {}

  static fromEvents(roomId: string, version: RoomVersion, events: Iterable<StoredEvent>): RoomState {
    const entries = new Map<string, StoredEvent>();
    for (const event of events) if (event.stateKey !== null) entries.set(stateKeyOf(event.type, event.stateKey), event);
    return new RoomState(roomId, version, entries);
  }

  get(type: string, stateKey = ''): StoredEvent | undefined {
    return this.entries.get(stateKeyOf(type, stateKey));
  }

  events(): IterableIterator<StoredEvent> {
    return this.entries.values();
  }

  /** A copy with one more state event applied. */
  with(event: StoredEvent): RoomState {
    if (event.stateKey === null) return this;
    const entries = new Map(this.entries);
    entries.set(stateKeyOf(event.type, event.stateKey), event);
    return new RoomState(this.roomId, this.version, entries);
  }

  /** The position of the newest state event: the state is the same at every position from there on. */
  latestPosition(): number {
    if (this.latest === undefined) {
      let latest = 0;
      for (const event of this.entries.values()) latest = Math.max(latest, event.streamOrdering);
      this.latest = latest;
    }
    return this.latest;
  }

  membership(userId: string): string {
    const content = this.get('m.room.member', userId)?.content;
    return typeof content?.membership === 'string' ? content.membership : 'leave';
  }

  creator(): string | undefined {
    const create = this.get('m.room.create');
    if (!create) return undefined;
    return typeof create.content.creator === 'string' && this.version === '10' ? create.content.creator : create.sender;
  }

  joinRule(): string {
    const rule = this.get('m.room.join_rules')?.content.join_rule;
    return typeof rule === 'string' ? rule : 'invite';
  }

  historyVisibility(): string {
    const value = this.get('m.room.history_visibility')?.content.history_visibility;
    return typeof value === 'string' ? value : 'shared';
  }

  isEncrypted(): boolean {
    return this.get('m.room.encryption') !== undefined;
  }

  powerLevels(): PowerLevels {
    this.levels ??= this.readPowerLevels();
    return this.levels;
  }

  private readPowerLevels(): PowerLevels {
    const event = this.get('m.room.power_levels');
    if (!event) {
      // Without a power-levels event the creator is all-powerful and everyone else is 0.
      const creator = this.creator();
      return {
        users: creator ? { [creator]: 100 } : {},
        usersDefault: 0,
        events: {},
        eventsDefault: 0,
        stateDefault: 0,
        ban: 50,
        kick: 50,
        invite: 0,
        redact: 50,
        notifications: { room: 50 },
      };
    }
    const c = event.content;
    return {
      users: levelMap(c.users),
      usersDefault: level(c.users_default, 0),
      events: levelMap(c.events),
      eventsDefault: level(c.events_default, 0),
      stateDefault: level(c.state_default, 50),
      ban: level(c.ban, 50),
      kick: level(c.kick, 50),
      invite: level(c.invite, 0),
      redact: level(c.redact, 50),
      notifications: { room: 50, ...levelMap(c.notifications) },
    };
  }

  userLevel(userId: string): number {
    const levels = this.powerLevels();
    return levels.users[userId] ?? levels.usersDefault;
  }

  /** The level needed to send an event of this type (state or not). */
  requiredLevel(type: string, isState: boolean): number {
    const levels = this.powerLevels();
    return levels.events[type] ?? (isState ? levels.stateDefault : levels.eventsDefault);
  }

  members(membership = 'join'): string[] {
    const out: string[] = [];
    for (const event of this.entries.values()) {
      if (event.type === 'm.room.member' && event.stateKey !== null && event.content.membership === membership) out.push(event.stateKey);
    }
    return out;
  }

  /** Auth events for a new event: create, power levels, the sender's membership, join rules and the target's membership. */
  authEventIds(type: string, sender: string, stateKey: string | null, content: Record<string, unknown>): string[] {
    const ids = new Set<string>();
    const add = (event: StoredEvent | undefined) => event && ids.add(event.eventId);
    if (type === 'm.room.create') return [];
    add(this.get('m.room.create'));
    add(this.get('m.room.power_levels'));
    add(this.get('m.room.member', sender));
    if (type === 'm.room.member' && stateKey !== null) {
      add(this.get('m.room.member', stateKey));
      if (content.membership === 'join' || content.membership === 'invite' || content.membership === 'knock') add(this.get('m.room.join_rules'));
    }
    return [...ids];
  }
}
