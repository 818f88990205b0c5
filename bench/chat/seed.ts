/**
 * The benchmark's accounts and rooms. Accounts are written straight to the database with an access
 * token from the server's own token service (registering a thousand users over HTTP would spend
 * minutes hashing passwords the benchmark never uses); rooms are created and joined through the
 * client API of the running server, as clients would.
 */
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/app.js';
import { MatrixHttp, expectOk } from './matrix-http.js';
import type { BenchRoom, BenchUser } from './protocol.js';

export interface SeededUsers {
  readonly users: BenchUser[];
  readonly databaseVersion: string;
}

export async function seedUsers(env: Record<string, string>, count: number): Promise<SeededUsers> {
  const app = await buildApp(loadConfig(env));
  try {
    const databaseVersion =
      app.dialect === 'postgres'
        ? `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(app.db)).rows[0]?.v ?? '?'}`
        : `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(app.db)).rows[0]?.v ?? '?'}`;
    const now = Date.now();
    const accounts = Array.from({ length: count }, (_, i) => {
      const localpart = `bench${String(i).padStart(4, '0')}`;
      return { localpart, userId: `@${localpart}:${app.chat.config.serverName}`, deviceId: `BENCH${i}` };
    });
    await app.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('chat_users')
        .values(
          accounts.map((a) => ({
            user_id: a.userId,
            localpart: a.localpart,
            password_hash: null,
            display_name: `Bench user ${a.localpart.slice(5)}`,
            avatar_url: null,
            is_admin: 0,
            deactivated: 0,
            created_ts: now,
          })),
        )
        .execute();
      await tx
        .insertInto('chat_devices')
        .values(accounts.map((a) => ({ user_id: a.userId, device_id: a.deviceId, display_name: 'load generator', created_ts: now, last_seen_ts: null, last_seen_ip: null })))
        .execute();
    });
    const users: BenchUser[] = [];
    for (const account of accounts) users.push({ userId: account.userId, accessToken: await app.chat.tokens.issue(account.userId, account.deviceId) });
    return { users, databaseVersion };
  } finally {
    await app.close();
  }
}

/** Rooms of `roomSize` consecutive users: the first creates the room and invites the others, who join. */
export async function createRooms(origin: string, users: readonly BenchUser[], roomSize: number): Promise<BenchRoom[]> {
  const http = new MatrixHttp(origin);
  const roomCount = Math.floor(users.length / roomSize);
  const rooms: BenchRoom[] = new Array(roomCount);
  let next = 0;
  const createNext = async () => {
    while (next < roomCount) {
      const index = next++;
      const members = users.slice(index * roomSize, (index + 1) * roomSize);
      const [creator, ...invitees] = members;
      const { room_id: roomId } = expectOk<{ room_id: string }>(
        'createRoom',
        await http.send('POST', '/_matrix/client/v3/createRoom', creator!.accessToken, {
          preset: 'private_chat',
          name: `Bench room ${index}`,
          invite: invitees.map((u) => u.userId),
        }),
      );
      for (const invitee of invitees) {
        expectOk('join', await http.send('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/join`, invitee.accessToken, {}));
      }
      rooms[index] = { roomId, index, members };
    }
  };
  try {
    await Promise.all(Array.from({ length: 4 }, createNext));
  } finally {
    http.close();
  }
  return rooms;
}
