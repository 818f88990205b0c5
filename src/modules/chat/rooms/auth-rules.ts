import { forbidden, MatrixError } from '../matrix-error.js';
import type { RoomState } from './room-state.js';

export interface CandidateEvent {
  readonly type: string;
  readonly stateKey: string | null;
  readonly sender: string;
  readonly content: Record<string, unknown>;
}

const MEMBERSHIPS = new Set(['join', 'invite', 'leave', 'ban', 'knock']);

/**
 * The authorisation rules of room versions 10 and 11 for an event appended to a room whose
 * current state is `state`. Our rooms have one linear history, so the auth events are exactly the
 * current state; throws M_FORBIDDEN with the reason when the event is not allowed.
 */
export function authorize(event: CandidateEvent, state: RoomState): void {
  if (event.type === 'm.room.create') throw forbidden('The room already exists');
  if (!state.get('m.room.create')) throw forbidden('The room has no create event');

  if (event.type === 'm.room.member') return authorizeMembership(event, state);

  if (state.membership(event.sender) !== 'join') throw forbidden(`${event.sender} is not in the room`);
  if (event.type === 'm.room.third_party_invite') throw forbidden('Third-party invites are not supported');

  const senderLevel = state.userLevel(event.sender);
  const required = state.requiredLevel(event.type, event.stateKey !== null);
  if (senderLevel < required) throw forbidden(`Sending ${event.type} needs power level ${required}; you have ${senderLevel}`);

  if (event.stateKey !== null && event.stateKey.startsWith('@') && event.stateKey !== event.sender) {
    throw forbidden('A state key that is a user id must be the sender');
  }
  if (event.type === 'm.room.power_levels') authorizePowerLevels(event, state, senderLevel);
}

function authorizeMembership(event: CandidateEvent, state: RoomState): void {
  const target = event.stateKey;
  const membership = event.content.membership;
  if (target === null || !target.startsWith('@')) throw new MatrixError(400, 'M_BAD_JSON', 'A membership event needs a user id as state key');
  if (typeof membership !== 'string' || !MEMBERSHIPS.has(membership)) throw new MatrixError(400, 'M_BAD_JSON', 'Unknown membership');

  const sender = event.sender;
  const senderMembership = state.membership(sender);
  const targetMembership = state.membership(target);
  const levels = state.powerLevels();
  const senderLevel = state.userLevel(sender);
  const targetLevel = state.userLevel(target);
  const joinRule = state.joinRule();

  switch (membership) {
    case 'join': {
      if (sender !== target) throw forbidden('You can only join a room yourself');
      const onlyCreate = [...state.events()].length === 1 && state.creator() === target;
      if (onlyCreate) return;
      if (targetMembership === 'ban') throw forbidden('You are banned from this room');
      if (joinRule === 'public') return;
      if (targetMembership === 'join' || targetMembership === 'invite') return;
      throw forbidden('You are not invited to this room');
    }
    case 'invite': {
      if (senderMembership !== 'join') throw forbidden('You are not in the room');
      if (targetMembership === 'join') throw forbidden(`${target} is already in the room`);
      if (targetMembership === 'ban') throw forbidden(`${target} is banned from the room`);
      if (senderLevel < levels.invite) throw forbidden(`Inviting needs power level ${levels.invite}`);
      return;
    }
    case 'leave': {
      if (sender === target) {
        if (senderMembership === 'join' || senderMembership === 'invite' || senderMembership === 'knock') return;
        throw forbidden('You are not in the room');
      }
      if (senderMembership !== 'join') throw forbidden('You are not in the room');
      if (targetMembership === 'ban' && senderLevel < levels.ban) throw forbidden(`Unbanning needs power level ${levels.ban}`);
      if (senderLevel < levels.kick || targetLevel >= senderLevel) throw forbidden(`You cannot remove ${target}: your power level is not high enough`);
      return;
    }
    case 'ban': {
      if (senderMembership !== 'join') throw forbidden('You are not in the room');
      if (senderLevel < levels.ban || targetLevel >= senderLevel) throw forbidden(`You cannot ban ${target}: your power level is not high enough`);
      return;
    }
    case 'knock': {
      if (joinRule !== 'knock' && joinRule !== 'knock_restricted') throw forbidden('This room does not accept knocks');
      if (sender !== target) throw forbidden('You can only knock yourself');
      if (targetMembership === 'ban' || targetMembership === 'join' || targetMembership === 'invite') throw forbidden('You cannot knock on this room');
      return;
    }
  }
}

const LEVEL_KEYS = ['users_default', 'events_default', 'state_default', 'ban', 'redact', 'kick', 'invite'] as const;

function authorizePowerLevels(event: CandidateEvent, state: RoomState, senderLevel: number): void {
  const next = event.content;
  for (const key of LEVEL_KEYS) if (key in next && !Number.isInteger(next[key])) throw new MatrixError(400, 'M_BAD_JSON', `${key} must be an integer`);
  for (const map of ['users', 'events', 'notifications'] as const) {
    const value = next[map];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MatrixError(400, 'M_BAD_JSON', `${map} must be an object`);
    for (const [key, entry] of Object.entries(value)) {
      if (!Number.isInteger(entry)) throw new MatrixError(400, 'M_BAD_JSON', `${map}.${key} must be an integer`);
      if (map === 'users' && !key.startsWith('@')) throw new MatrixError(400, 'M_BAD_JSON', `users.${key} is not a user id`);
    }
  }
  const current = state.get('m.room.power_levels')?.content;
  if (!current) return;

  const changeAllowed = (before: unknown, after: unknown, what: string) => {
    if (before === after) return;
    if (typeof before === 'number' && before > senderLevel) throw forbidden(`You cannot change ${what}: it is above your power level`);
    if (typeof after === 'number' && after > senderLevel) throw forbidden(`You cannot set ${what} above your own power level`);
  };
  const defaults: Record<(typeof LEVEL_KEYS)[number], number> = { users_default: 0, events_default: 0, state_default: 50, ban: 50, redact: 50, kick: 50, invite: 0 };
  for (const key of LEVEL_KEYS) changeAllowed(current[key] ?? defaults[key], next[key] ?? defaults[key], key);

  for (const map of ['events', 'notifications'] as const) {
    const before = (current[map] ?? {}) as Record<string, unknown>;
    const after = (next[map] ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) changeAllowed(before[key], after[key], `${map}.${key}`);
  }
  const usersBefore = (current.users ?? {}) as Record<string, unknown>;
  const usersAfter = (next.users ?? {}) as Record<string, unknown>;
  for (const user of new Set([...Object.keys(usersBefore), ...Object.keys(usersAfter)])) {
    const before = usersBefore[user];
    const after = usersAfter[user];
    if (before === after) continue;
    if (user !== event.sender && typeof before === 'number' && before >= senderLevel) {
      throw forbidden(`You cannot change the power level of ${user}: it is not below yours`);
    }
    changeAllowed(before, after, `the power level of ${user}`);
  }
}

/** Redactions: moderators (redact level) may redact anything, everyone may redact their own events. */
export function authorizeRedaction(sender: string, originalSender: string | undefined, state: RoomState): void {
  if (state.membership(sender) !== 'join') throw forbidden('You are not in the room');
  if (originalSender === sender) return;
  const levels = state.powerLevels();
  if (state.userLevel(sender) < levels.redact) throw forbidden(`Redacting others' events needs power level ${levels.redact}`);
}
