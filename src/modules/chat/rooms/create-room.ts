import type { ChatConfig } from '../../../config/config.js';
import { badJson, invalidParam } from '../matrix-error.js';

export interface CreateRoomRequest {
  visibility?: 'public' | 'private';
  room_alias_name?: string;
  name?: string;
  topic?: string;
  invite?: string[];
  room_version?: string;
  creation_content?: Record<string, unknown>;
  initial_state?: { type: string; state_key?: string; content: Record<string, unknown> }[];
  preset?: 'private_chat' | 'public_chat' | 'trusted_private_chat';
  is_direct?: boolean;
  power_level_content_override?: Record<string, unknown>;
}

export interface PlannedEvent {
  readonly type: string;
  readonly stateKey: string | null;
  readonly content: Record<string, unknown>;
}

/**
 * The events a createRoom request becomes, in the spec's order: create, the creator's join,
 * power levels, alias, the preset's rules, initial_state, name, topic. Invites follow separately.
 */
export function planRoomCreation(request: CreateRoomRequest, creator: string, version: string, alias: string | undefined, creatorProfile: Record<string, unknown>): PlannedEvent[] {
  const preset = request.preset ?? (request.visibility === 'public' ? 'public_chat' : 'private_chat');
  const invitees = request.invite ?? [];
  const createContent: Record<string, unknown> = { ...(request.creation_content ?? {}), room_version: version };
  if (version === '10') createContent.creator = creator;
  else delete createContent.creator;

  const users: Record<string, number> = { [creator]: 100 };
  if (preset === 'trusted_private_chat') for (const invitee of invitees) users[invitee] = 100;
  const powerLevels: Record<string, unknown> = {
    users,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: preset === 'public_chat' ? 50 : 0,
    notifications: { room: 50 },
    ...(request.power_level_content_override ?? {}),
  };

  const events: PlannedEvent[] = [
    { type: 'm.room.create', stateKey: '', content: createContent },
    { type: 'm.room.member', stateKey: creator, content: { membership: 'join', ...creatorProfile } },
    { type: 'm.room.power_levels', stateKey: '', content: powerLevels },
  ];
  if (alias) events.push({ type: 'm.room.canonical_alias', stateKey: '', content: { alias } });

  const presetState: [string, Record<string, unknown>][] =
    preset === 'public_chat'
      ? [['m.room.join_rules', { join_rule: 'public' }], ['m.room.history_visibility', { history_visibility: 'shared' }]]
      : [
          ['m.room.join_rules', { join_rule: 'invite' }],
          ['m.room.history_visibility', { history_visibility: 'shared' }],
          ['m.room.guest_access', { guest_access: 'can_join' }],
        ];
  const initial = request.initial_state ?? [];
  const overridden = new Set(initial.map((e) => `${e.type}\u0000${e.state_key ?? ''}`));
  for (const [type, content] of presetState) if (!overridden.has(`${type}\u0000`)) events.push({ type, stateKey: '', content });
  for (const state of initial) {
    if (state.type === 'm.room.create' || state.type === 'm.room.member' || state.type === 'm.room.power_levels') {
      throw badJson(`initial_state may not contain ${state.type}`);
    }
    events.push({ type: state.type, stateKey: state.state_key ?? '', content: state.content });
  }
  if (request.name !== undefined) events.push({ type: 'm.room.name', stateKey: '', content: { name: request.name } });
  if (request.topic !== undefined) {
    events.push({ type: 'm.room.topic', stateKey: '', content: { topic: request.topic, 'm.topic': [{ mimetype: 'text/plain', body: request.topic }] } });
  }
  return events;
}

export function aliasFor(name: string | undefined, config: ChatConfig): string | undefined {
  if (name === undefined) return undefined;
  if (!/^[a-z0-9._=\-/+]+$/i.test(name) || name.includes(':')) throw invalidParam('room_alias_name may contain letters, digits and ._=-/+ only');
  return `#${name}:${config.serverName}`;
}
