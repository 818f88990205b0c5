import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import type { RoomMembershipView } from '../rooms/membership-view.js';
import { invalidParam, notFound } from '../matrix-error.js';
import { findProfile, searchUsers, updateProfile, type DirectoryEntry, type Profile } from './profile.store.js';

export type { Profile, DirectoryEntry } from './profile.store.js';

/** Synapse's limits, so names that work there work here. */
const MAX_DISPLAYNAME_LENGTH = 256;
const MAX_AVATAR_URL_LENGTH = 1000;
const MAX_SEARCH_LIMIT = 50;

export interface ProfileChange {
  readonly displayname?: string | null;
  readonly avatar_url?: string | null;
}

/** Display names and avatars: stored on the account and repeated in every room the user is in. */
export class Profiles {
  constructor(
    private readonly db: Kysely<ChatTables>,
    private readonly rooms: RoomMembershipView,
  ) {}

  /** Undefined for unknown users. */
  get(userId: string): Promise<Profile | undefined> {
    return findProfile(this.db, userId);
  }

  /** Applies the change (an empty string clears a field) and updates the user's member events. */
  async set(userId: string, change: ProfileChange): Promise<Profile> {
    const current = await findProfile(this.db, userId);
    if (!current) throw notFound('Unknown user');
    const next: Profile = {
      displayname: change.displayname === undefined ? current.displayname : checkedDisplayName(change.displayname),
      avatar_url: change.avatar_url === undefined ? current.avatar_url : checkedAvatarUrl(change.avatar_url),
    };
    await updateProfile(this.db, userId, next);
    if (next.displayname !== current.displayname || next.avatar_url !== current.avatar_url) {
      await this.rooms.updateProfileInRooms(userId, next);
    }
    return next;
  }

  /** The user directory: every active local user whose id or name contains the term. */
  async search(term: string, limit: number): Promise<{ results: DirectoryEntry[]; limited: boolean }> {
    const wanted = Math.min(Math.max(limit, 0), MAX_SEARCH_LIMIT);
    const needle = searchNeedle(term);
    if (needle === '' || wanted === 0) return { results: [], limited: false };
    const found = await searchUsers(this.db, needle, wanted + 1);
    return { results: found.slice(0, wanted), limited: found.length > wanted };
  }
}

/** People paste whole user ids ("@anna:example.lu"); the localpart is what matches. */
function searchNeedle(term: string): string {
  const trimmed = term.trim();
  if (!trimmed.startsWith('@')) return trimmed;
  const colon = trimmed.indexOf(':');
  return trimmed.slice(1, colon < 0 ? undefined : colon);
}

function checkedDisplayName(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  if (value.length > MAX_DISPLAYNAME_LENGTH) throw invalidParam(`displayname may be at most ${MAX_DISPLAYNAME_LENGTH} characters`);
  return value;
}

function checkedAvatarUrl(value: string | null): string | null {
  if (value === null || value === '') return null;
  if (!value.startsWith('mxc://') || value.length > MAX_AVATAR_URL_LENGTH) throw invalidParam('avatar_url must be an mxc:// URI');
  return value;
}
