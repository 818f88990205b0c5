import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import { containsInsensitive } from '../../../platform/db/database.js';

export interface Profile {
  readonly displayname: string | null;
  readonly avatar_url: string | null;
}

export interface DirectoryEntry extends Profile {
  readonly userId: string;
}

type Db = Kysely<ChatTables>;

export async function findProfile(db: Db, userId: string): Promise<Profile | undefined> {
  const row = await db.selectFrom('chat_users').select(['display_name', 'avatar_url']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { displayname: row.display_name, avatar_url: row.avatar_url } : undefined;
}

export async function updateProfile(db: Db, userId: string, profile: Profile): Promise<void> {
  await db.updateTable('chat_users').set({ display_name: profile.displayname, avatar_url: profile.avatar_url }).where('user_id', '=', userId).execute();
}

/** Active local users whose localpart or display name contains `term`, in localpart order. */
export async function searchUsers(db: Db, term: string, limit: number): Promise<DirectoryEntry[]> {
  const rows = await db
    .selectFrom('chat_users')
    .select(['user_id', 'display_name', 'avatar_url'])
    .where('deactivated', '=', 0)
    .where((eb) => eb.or([containsInsensitive('localpart', term), containsInsensitive('display_name', term)]))
    .orderBy('localpart')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ userId: row.user_id, displayname: row.display_name, avatar_url: row.avatar_url }));
}
