import { randomBytes } from 'node:crypto';
import type { ClientEvent } from '../sync/sync-types.js';
import type { RoomVersion } from './room-versions.js';

/** An event as stored: accepted by the authorisation rules, placed in the room's linear history. */
export interface StoredEvent {
  readonly streamOrdering: number;
  readonly eventId: string;
  readonly roomId: string;
  readonly type: string;
  readonly stateKey: string | null;
  readonly sender: string;
  readonly content: Record<string, unknown>;
  readonly originServerTs: number;
  readonly depth: number;
  readonly prevEventId: string | null;
  readonly authEventIds: readonly string[];
  readonly redacts: string | null;
  readonly redactedBy: string | null;
  readonly prevStateContent: Record<string, unknown> | null;
  readonly senderDeviceId: string | null;
  readonly txnId: string | null;
}

export const newEventId = (): string => `$${randomBytes(32).toString('base64url')}`;
export const newRoomId = (serverName: string): string => `!${randomBytes(12).toString('base64url')}:${serverName}`;

export const isStateEvent = (event: Pick<StoredEvent, 'stateKey'>): boolean => event.stateKey !== null;
export const stateKeyOf = (type: string, stateKey: string): string => `${type}\u0000${stateKey}`;

export const MAX_EVENT_BYTES = 65_536;

/** The content keys each event type keeps when redacted (spec "Redactions", v10 and v11). */
function keptContentKeys(type: string, version: RoomVersion): readonly string[] {
  switch (type) {
    case 'm.room.member':
      return version === '11' ? ['membership', 'join_authorised_via_users_server', 'third_party_invite'] : ['membership', 'join_authorised_via_users_server'];
    case 'm.room.create':
      return version === '11' ? [] : ['creator'];
    case 'm.room.join_rules':
      return ['join_rule', 'allow'];
    case 'm.room.power_levels':
      return version === '11'
        ? ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default']
        : ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'];
    case 'm.room.history_visibility':
      return ['history_visibility'];
    case 'm.room.redaction':
      return version === '11' ? ['redacts'] : [];
    default:
      return [];
  }
}

export function redactContent(type: string, content: Record<string, unknown>, version: RoomVersion): Record<string, unknown> {
  // v11 keeps the whole create event content.
  if (type === 'm.room.create' && version === '11') return { ...content };
  const kept: Record<string, unknown> = {};
  for (const key of keptContentKeys(type, version)) {
    if (key in content) kept[key] = content[key];
  }
  if (type === 'm.room.member' && version === '11' && typeof content.third_party_invite === 'object' && content.third_party_invite) {
    const invite = content.third_party_invite as Record<string, unknown>;
    kept.third_party_invite = 'signed' in invite ? { signed: invite.signed } : {};
  }
  return kept;
}

export interface ClientFormatOptions {
  readonly now: number;
  readonly version: RoomVersion;
  /** The requester's device: only that device sees the transaction id of its own events. */
  readonly requesterUserId?: string;
  readonly requesterDeviceId?: string;
  /** When the event was redacted, the redaction event itself (already formatted). */
  readonly redactedBecause?: ClientEvent;
}

/** The event as the client-server API returns it. */
export function toClientEvent(event: StoredEvent, options: ClientFormatOptions): ClientEvent {
  const unsigned: Record<string, unknown> = { age: Math.max(0, options.now - event.originServerTs) };
  const redacted = event.redactedBy !== null;
  const content = redacted ? redactContent(event.type, event.content, options.version) : event.content;
  if (redacted && options.redactedBecause) unsigned.redacted_because = options.redactedBecause;
  if (
    event.txnId !== null &&
    event.sender === options.requesterUserId &&
    event.senderDeviceId !== null &&
    event.senderDeviceId === options.requesterDeviceId
  ) {
    unsigned.transaction_id = event.txnId;
  }
  if (event.prevStateContent !== null) unsigned.prev_content = event.prevStateContent;
  const formatted: ClientEvent = {
    event_id: event.eventId,
    room_id: event.roomId,
    type: event.type,
    sender: event.sender,
    content,
    origin_server_ts: event.originServerTs,
    unsigned,
  };
  if (event.stateKey !== null) formatted.state_key = event.stateKey;
  if (event.redacts !== null) {
    // v11 moved `redacts` into the content; clients of both eras read either place.
    formatted.redacts = event.redacts;
    if (version11(options.version) && !redacted) formatted.content = { ...content, redacts: event.redacts };
  }
  return formatted;
}

const version11 = (version: RoomVersion) => version === '11';

/** Stripped state for invites: just enough for a client to show the invitation. */
export function toStrippedState(event: StoredEvent): Record<string, unknown> {
  return { type: event.type, state_key: event.stateKey ?? '', sender: event.sender, content: event.content };
}
