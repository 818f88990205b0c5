import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { buildTestApp, TEST_DIALECTS } from '../../../../test/support/test-app.js';

const WAIT_LIMIT_MS = 10_000;

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// SQLite runs every query on one connection, so nothing can read beside an open write transaction there.
test(
  'a /sync woken by a new room sees the membership, even after reading memberships while the room was being written',
  { skip: TEST_DIALECTS.includes('postgres') ? false : 'needs PostgreSQL' },
  async () => {
    const app = await buildTestApp('postgres');
    const locker = new pg.Client({ connectionString: app.config.databaseUrl });
    await locker.connect();
    try {
      const alice = await app.chat.accounts.createUser({ username: 'alice', password: 'correct horse battery staple', admin: false });
      const { deviceId } = await app.chat.accounts.startSession(alice.userId, { ip: null });
      // Holding the stream head row stops the room's transaction after its events are written, before its commit.
      await locker.query('begin');
      await locker.query('select position from chat_stream_head where id = 1 for update');
      const creating = app.chat.rooms.createRoom(alice.userId, deviceId, { preset: 'private_chat' });
      await waitUntil('the room transaction to wait for the stream head', async () => {
        const { rows } = await locker.query<{ waiting: number }>(
          "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        return (rows[0]?.waiting ?? 0) > 0;
      });
      assert.deepEqual(await app.chat.rooms.membershipsOf(alice.userId), [], 'the uncommitted room is not visible yet');

      const seenWhenWoken = app.chat.stream
        .waitForChange(alice.userId, app.chat.stream.current(), WAIT_LIMIT_MS)
        .then(() => app.chat.rooms.membershipsOf(alice.userId));
      await locker.query('commit');
      const { roomId } = await creating;
      assert.deepEqual((await seenWhenWoken).map((membership) => membership.roomId), [roomId]);
    } finally {
      await locker.end();
      await app.close();
    }
  },
);
