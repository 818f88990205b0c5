import type { StoredEvent } from './event.js';

/** A user's own membership changes in a room and the room's history-visibility changes, oldest first. */
export interface VisibilityContext {
  readonly userId: string;
  readonly memberships: readonly { position: number; membership: string }[];
  readonly historyVisibility: readonly { position: number; value: string }[];
}

function valueAt<T extends { position: number }>(changes: readonly T[], position: number): T | undefined {
  let found: T | undefined;
  for (const change of changes) {
    if (change.position > position) break;
    found = change;
  }
  return found;
}

/**
 * The spec's history-visibility rules for one event: world_readable shows everything; shared
 * shows what happened before you joined once you are joined (and stops at your leave); invited
 * from your invite on; joined only while you are joined.
 */
export function isVisible(event: Pick<StoredEvent, 'streamOrdering' | 'type' | 'stateKey'>, context: VisibilityContext): boolean {
  // Everyone sees their own membership changes, their kick or ban included.
  if (event.type === 'm.room.member' && event.stateKey === context.userId) return true;
  const position = event.streamOrdering;
  const visibility = valueAt(context.historyVisibility, position)?.value ?? 'shared';
  if (visibility === 'world_readable') return true;
  const membership = valueAt(context.memberships, position)?.membership ?? 'leave';
  if (membership === 'join') return true;
  if (visibility === 'invited' && membership === 'invite') return true;
  if (visibility === 'shared') return context.memberships.some((m) => m.position > position && m.membership === 'join');
  return false;
}

/** The last position a user may see in a room: the end for members, their leave for those who left. */
export function lastVisiblePosition(context: VisibilityContext, current: number): number {
  const last = context.memberships.at(-1);
  if (!last || last.membership === 'join' || last.membership === 'invite' || last.membership === 'knock') return current;
  return last.position;
}
