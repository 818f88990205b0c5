/**
 * The benchmark's accounts and rooms. Accounts come from the chat's own account service, without a
 * password (registering a thousand users over HTTP would spend minutes hashing passwords the
 * benchmark never uses), each with a device and access token; rooms are created and joined through
 * the client API of the running server, as clients would.
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
    const users: BenchUser[] = [];
    for (let i = 0; i < count; i++) {
      const number = String(i).padStart(4, '0');
      const account = await app.chat.accounts.createUser({ username: `bench${number}`, password: null, displayName: `Bench user ${number}` });
      const session = await app.chat.accounts.startSession(account.userId, { displayName: 'load generator', ip: null });
      users.push({ userId: session.userId, accessToken: session.accessToken });
    }
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
