import { isRecord } from '../auth/user-interactive.js';
import { badJson } from '../matrix-error.js';

/** The parts of a Matrix filter this server applies (spec "Filtering"). */
export interface EventFilter {
  readonly limit?: number;
  readonly types?: readonly string[];
  readonly notTypes?: readonly string[];
  readonly senders?: readonly string[];
  readonly notSenders?: readonly string[];
}

export interface RoomEventFilter extends EventFilter {
  readonly rooms?: readonly string[];
  readonly notRooms?: readonly string[];
  readonly lazyLoadMembers: boolean;
  readonly includeRedundantMembers: boolean;
  readonly containsUrl?: boolean;
}

export interface SyncFilter {
  readonly presence: EventFilter;
  readonly accountData: EventFilter;
  readonly rooms?: readonly string[];
  readonly notRooms: readonly string[];
  readonly includeLeave: boolean;
  readonly timeline: RoomEventFilter;
  readonly state: RoomEventFilter;
  readonly ephemeral: RoomEventFilter;
  readonly roomAccountData: RoomEventFilter;
}

const strings = (value: unknown, name: string): string[] | undefined => {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badJson(`${name} must be a list of strings`);
  return value as string[];
};

function eventFilter(value: unknown, name: string): EventFilter {
  if (value === undefined) return {};
  if (!isRecord(value)) throw badJson(`${name} must be an object`);
  const limit = value.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 0)) throw badJson(`${name}.limit must be a non-negative integer`);
  return {
    limit: limit as number | undefined,
    types: strings(value.types, `${name}.types`),
    notTypes: strings(value.not_types, `${name}.not_types`),
    senders: strings(value.senders, `${name}.senders`),
    notSenders: strings(value.not_senders, `${name}.not_senders`),
  };
}

export function parseRoomEventFilter(value: unknown, name = 'filter'): RoomEventFilter {
  const base = eventFilter(value, name);
  const record = isRecord(value) ? value : {};
  const flag = (key: string): boolean | undefined => {
    const v = record[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw badJson(`${name}.${key} must be true or false`);
    return v;
  };
  return {
    ...base,
    rooms: strings(record.rooms, `${name}.rooms`),
    notRooms: strings(record.not_rooms, `${name}.not_rooms`),
    lazyLoadMembers: flag('lazy_load_members') ?? false,
    includeRedundantMembers: flag('include_redundant_members') ?? false,
    containsUrl: flag('contains_url'),
  };
}

/** Checks a filter definition (as uploaded or inline) and reads it; M_BAD_JSON on a wrong shape. */
export function parseSyncFilter(value: unknown): SyncFilter {
  if (!isRecord(value)) throw badJson('A filter must be an object');
  const room = value.room === undefined ? {} : value.room;
  if (!isRecord(room)) throw badJson('filter.room must be an object');
  const includeLeave = room.include_leave;
  if (includeLeave !== undefined && typeof includeLeave !== 'boolean') throw badJson('room.include_leave must be true or false');
  if (value.event_fields !== undefined) strings(value.event_fields, 'event_fields');
  if (value.event_format !== undefined && value.event_format !== 'client' && value.event_format !== 'federation') throw badJson('event_format must be client or federation');
  return {
    presence: eventFilter(value.presence, 'presence'),
    accountData: eventFilter(value.account_data, 'account_data'),
    rooms: strings(room.rooms, 'room.rooms'),
    notRooms: strings(room.not_rooms, 'room.not_rooms') ?? [],
    includeLeave: includeLeave === true,
    timeline: parseRoomEventFilter(room.timeline, 'room.timeline'),
    state: parseRoomEventFilter(room.state, 'room.state'),
    ephemeral: parseRoomEventFilter(room.ephemeral, 'room.ephemeral'),
    roomAccountData: parseRoomEventFilter(room.account_data, 'room.account_data'),
  };
}

export const EMPTY_SYNC_FILTER: SyncFilter = parseSyncFilter({});

/** `*` is the only wildcard in filter patterns. */
function matchesPattern(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

export function allowsEvent(filter: EventFilter, event: { type: string; sender?: string }): boolean {
  if (filter.notTypes?.some((p) => matchesPattern(p, event.type))) return false;
  if (filter.types && !filter.types.some((p) => matchesPattern(p, event.type))) return false;
  if (event.sender !== undefined) {
    if (filter.notSenders?.includes(event.sender)) return false;
    if (filter.senders && !filter.senders.includes(event.sender)) return false;
  }
  return true;
}

export function allowsRoom(filter: { rooms?: readonly string[]; notRooms?: readonly string[] }, roomId: string): boolean {
  if (filter.notRooms?.includes(roomId)) return false;
  return !filter.rooms || filter.rooms.includes(roomId);
}

export function allowsRoomEvent(filter: RoomEventFilter, event: { type: string; sender: string; content: Record<string, unknown> }): boolean {
  if (!allowsEvent(filter, event)) return false;
  if (filter.containsUrl !== undefined && (typeof event.content.url === 'string') !== filter.containsUrl) return false;
  return true;
}
