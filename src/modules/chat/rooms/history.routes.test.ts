import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixEvent, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;
const bodies = (events: readonly MatrixEvent[]) => events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body);

describeEachDialect('chat history', (dialect) => {
  let app: TestApp;
  let alice: MatrixTestClient;
  let bob: MatrixTestClient;

  before(async () => {
    app = await buildTestApp(dialect);
    alice = await createTestUser(app, 'alice');
    bob = await createTestUser(app, 'bob');
  });
  after(() => app.close());

  const messages = (client: MatrixTestClient, roomId: string, query: Record<string, string | number>) =>
    client.requestOk<{ chunk: MatrixEvent[]; start: string; end?: string; state?: MatrixEvent[] }>('GET', `${room(roomId)}/messages`, { query });

  test('/messages pages backwards and forwards in order and says when the start is reached', async () => {
    const roomId = await alice.createRoom({});
    for (let i = 1; i <= 5; i++) await alice.sendMessage(roomId, `m${i}`);
    const newest = await messages(alice, roomId, { dir: 'b', limit: 2 });
    assert.deepEqual(bodies(newest.chunk), ['m5', 'm4']);
    const older = await messages(alice, roomId, { dir: 'b', limit: 2, from: newest.end! });
    assert.deepEqual(bodies(older.chunk), ['m3', 'm2']);
    const forward = await messages(alice, roomId, { dir: 'f', limit: 3, from: older.end! });
    assert.deepEqual(bodies(forward.chunk), ['m2', 'm3', 'm4']);
    const all = await messages(alice, roomId, { dir: 'b', limit: 100 });
    assert.equal(all.end, undefined, 'no end token once the room creation is reached');
    assert.equal(all.chunk.at(-1)?.type, 'm.room.create');
    const filtered = await messages(alice, roomId, { dir: 'b', limit: 100, filter: JSON.stringify({ types: ['m.room.message'], lazy_load_members: true }) });
    assert.deepEqual(bodies(filtered.chunk), ['m5', 'm4', 'm3', 'm2', 'm1']);
    assert.deepEqual(filtered.state?.map((e) => e.state_key), [alice.userId]);
  });

  test('history visibility "joined" hides what was said before someone joined; "shared" shows it', async () => {
    const secret = await alice.createRoom({ preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'joined' } }] });
    const open = await alice.createRoom({ preset: 'public_chat' });
    for (const roomId of [secret, open]) {
      await alice.sendMessage(roomId, 'virdrun');
      await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
      await alice.sendMessage(roomId, 'duerno');
    }
    assert.deepEqual(bodies((await messages(bob, secret, { dir: 'b', limit: 50 })).chunk), ['duerno']);
    assert.deepEqual(bodies((await messages(bob, open, { dir: 'b', limit: 50 })).chunk), ['duerno', 'virdrun']);
  });

  test('/context, /event and /members around one event', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await alice.sendMessage(roomId, 'a');
    const middle = await alice.sendMessage(roomId, 'b');
    const joinedAt = (await alice.sync()).next_batch;
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await alice.sendMessage(roomId, 'c');

    const context = await alice.requestOk<{ event: MatrixEvent; events_before: MatrixEvent[]; events_after: MatrixEvent[]; start: string; end: string }>(
      'GET',
      `${room(roomId)}/context/${encodeURIComponent(middle)}`,
      { query: { limit: 4 } },
    );
    assert.equal(context.event.content.body, 'b');
    assert.equal(bodies(context.events_before)[0], 'a');
    assert.deepEqual(bodies(context.events_after), ['c']);

    const event = await bob.requestOk('GET', `${room(roomId)}/event/${encodeURIComponent(middle)}`);
    assert.equal((event.content as { body: string }).body, 'b');

    const before = await alice.requestOk<{ chunk: MatrixEvent[] }>('GET', `${room(roomId)}/members`, { query: { at: joinedAt } });
    assert.deepEqual(before.chunk.map((e) => e.state_key), [alice.userId]);
    const now = await alice.requestOk<{ chunk: MatrixEvent[] }>('GET', `${room(roomId)}/members`, { query: { membership: 'join' } });
    assert.deepEqual(now.chunk.map((e) => e.state_key).sort(), [alice.userId, bob.userId].sort());
    const noneLeft = await alice.requestOk<{ chunk: MatrixEvent[] }>('GET', `${room(roomId)}/members`, { query: { membership: 'leave' } });
    assert.deepEqual(noneLeft.chunk, []);
  });

  test('a kicked member cannot read what is said afterwards', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await alice.sendMessage(roomId, 'nach dobaussen');
    await alice.requestOk('POST', `${room(roomId)}/kick`, { body: { user_id: bob.userId } });
    const later = await alice.sendMessage(roomId, 'eréischt duerno');
    const seen = await messages(bob, roomId, { dir: 'b', limit: 50 });
    assert.deepEqual(bodies(seen.chunk), ['nach dobaussen']);
    assert.equal(seen.chunk[0]?.content.membership, 'leave', 'the kick itself is the last thing bob sees');
    const hidden = await bob.request('GET', `${room(roomId)}/event/${encodeURIComponent(later)}`);
    assert.equal(hidden.status, 404);
    const stranger = await createTestUser(app, 'stranger');
    const refused = await stranger.request('GET', `${room(roomId)}/messages`, { query: { dir: 'b' } });
    assert.equal(refused.status, 403);
  });
});
