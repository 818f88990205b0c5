import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixEvent, type MatrixTestClient, type SyncBody } from '../../../../test/support/matrix-client.js';

const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;
const bodies = (events: readonly MatrixEvent[] = []) => events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body);

describeEachDialect('chat /sync', (dialect) => {
  let app: TestApp;
  let alice: MatrixTestClient;
  let bob: MatrixTestClient;
  let carol: MatrixTestClient;

  before(async () => {
    app = await buildTestApp(dialect);
    alice = await createTestUser(app, 'alice');
    bob = await createTestUser(app, 'bob');
    carol = await createTestUser(app, 'carol');
  });
  after(() => app.close());

  async function sharedRoom(options: Record<string, unknown> = {}) {
    const roomId = await alice.createRoom({ preset: 'private_chat', invite: [bob.userId], ...options });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    return roomId;
  }

  test('an invite arrives with stripped state, then the joined room with its state and timeline', async () => {
    const start = await bob.sync();
    const roomId = await alice.createRoom({ preset: 'private_chat', name: 'Hëllef', invite: [bob.userId] });
    const invited = await bob.sync({ since: start.next_batch });
    const stripped = (invited.rooms?.invite?.[roomId]?.invite_state as { events: { type: string; state_key: string; content: Record<string, unknown> }[] }).events;
    assert.equal(stripped.find((e) => e.type === 'm.room.name')?.content.name, 'Hëllef');
    assert.equal(stripped.find((e) => e.type === 'm.room.member' && e.state_key === bob.userId)?.content.membership, 'invite');

    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await alice.sendMessage(roomId, 'Moien Bob');
    const joined = await bob.sync({ since: invited.next_batch });
    const entry = joined.rooms?.join?.[roomId];
    assert.ok(entry, 'the room is in the join section');
    assert.deepEqual(bodies(entry.timeline?.events), ['Moien Bob']);
    const everything = [...(entry.state?.events ?? []), ...(entry.timeline?.events ?? [])];
    assert.ok(everything.some((e) => e.type === 'm.room.create'), 'a newly joined room comes with its state');
    assert.deepEqual(entry.summary?.['m.joined_member_count'], 2);
    assert.deepEqual(entry.summary?.['m.heroes'], [alice.userId]);
  });

  test('incremental sync brings only new events; the transaction id only to the sending device', async () => {
    const roomId = await sharedRoom();
    const aliceStart = await alice.sync();
    const bobStart = await bob.sync();
    const path = `${room(roomId)}/send/m.room.message/mine-1`;
    await alice.requestOk('PUT', path, { body: { msgtype: 'm.text', body: 'nei' } });
    const aliceNext = await alice.sync({ since: aliceStart.next_batch });
    const bobNext = await bob.sync({ since: bobStart.next_batch });
    const ownEcho = aliceNext.rooms?.join?.[roomId]?.timeline?.events.find((e) => e.content.body === 'nei');
    const bobCopy = bobNext.rooms?.join?.[roomId]?.timeline?.events.find((e) => e.content.body === 'nei');
    assert.equal(ownEcho?.unsigned?.transaction_id, 'mine-1');
    assert.ok(bobCopy, 'bob gets the message');
    assert.equal(bobCopy.unsigned?.transaction_id, undefined);
    assert.deepEqual(bodies(bobNext.rooms?.join?.[roomId]?.timeline?.events), ['nei']);
  });

  test('an event redacted before the next sync arrives without its content', async () => {
    const roomId = await sharedRoom();
    const start = await bob.sync();
    const eventId = await alice.sendMessage(roomId, 'Passwuert: 1234');
    await alice.requestOk('PUT', `${room(roomId)}/redact/${encodeURIComponent(eventId)}/oops`, { body: {} });
    const next = await bob.sync({ since: start.next_batch });
    const timeline = next.rooms?.join?.[roomId]?.timeline?.events ?? [];
    const redacted = timeline.find((e) => e.event_id === eventId);
    assert.deepEqual(redacted?.content, {});
    assert.ok(!JSON.stringify(next).includes('1234'), 'the redacted text is nowhere in the answer');
  });

  test('a gap is marked limited, and prev_batch pages back through it', async () => {
    const roomId = await sharedRoom();
    const start = await bob.sync();
    for (let i = 1; i <= 8; i++) await alice.sendMessage(roomId, `Noriicht ${i}`);
    const next = await bob.sync({ since: start.next_batch, filter: { room: { timeline: { limit: 3 } } } });
    const timeline = next.rooms?.join?.[roomId]?.timeline;
    assert.equal(timeline?.limited, true);
    assert.deepEqual(bodies(timeline?.events), ['Noriicht 6', 'Noriicht 7', 'Noriicht 8']);
    const older = await bob.requestOk<{ chunk: MatrixEvent[]; end?: string }>('GET', `${room(roomId)}/messages`, {
      query: { dir: 'b', from: timeline!.prev_batch, limit: 3 },
    });
    assert.deepEqual(bodies(older.chunk), ['Noriicht 5', 'Noriicht 4', 'Noriicht 3']);
  });

  test('a long poll returns as soon as something happens, and empty at its timeout', async () => {
    const roomId = await sharedRoom();
    const start = await bob.sync();
    const started = Date.now();
    const waiting = bob.sync({ since: start.next_batch, timeout: 10_000 });
    setTimeout(() => void alice.sendMessage(roomId, 'wakeup'), 150);
    const woken = await waiting;
    assert.ok(Date.now() - started < 5_000, 'the long poll ended well before its timeout');
    assert.deepEqual(bodies(woken.rooms?.join?.[roomId]?.timeline?.events), ['wakeup']);

    const quietStart = Date.now();
    const quiet = await bob.sync({ since: woken.next_batch, timeout: 300 });
    assert.ok(Date.now() - quietStart >= 250, 'an idle long poll waits for its timeout');
    assert.deepEqual(quiet.rooms?.join ?? {}, {});
    assert.equal(quiet.next_batch, woken.next_batch);
  });

  test('stored filters and lazy-loaded members', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await carol.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await bob.sendMessage(roomId, 'vum Bob');
    const { filter_id } = await alice.requestOk<{ filter_id: string }>('POST', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/filter`, {
      body: { room: { timeline: { limit: 1, types: ['m.room.message'] }, state: { lazy_load_members: true } } },
    });
    const stored = await alice.requestOk('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/filter/${filter_id}`);
    assert.deepEqual(stored.room, { timeline: { limit: 1, types: ['m.room.message'] }, state: { lazy_load_members: true } });
    const synced = await alice.sync({ filter: filter_id });
    const entry = synced.rooms?.join?.[roomId];
    assert.deepEqual(bodies(entry?.timeline?.events), ['vum Bob']);
    const members = (entry?.state?.events ?? []).filter((e) => e.type === 'm.room.member').map((e) => e.state_key).sort();
    assert.deepEqual(members, [alice.userId, bob.userId].sort(), 'only the timeline senders and me');

    const unknown = await alice.request('GET', '/_matrix/client/v3/sync', { query: { filter: 'nope' } });
    assert.equal(unknown.status, 400);
    const badSince = await alice.request('GET', '/_matrix/client/v3/sync', { query: { since: 'garbage' } });
    assert.equal(badSince.status, 400);
  });

  test('typing and receipts arrive as ephemeral events; private receipts only to their owner', async () => {
    const roomId = await sharedRoom();
    const eventId = await alice.sendMessage(roomId, 'liest de dat?');
    const start = await alice.sync();
    await bob.requestOk('PUT', `${room(roomId)}/typing/${encodeURIComponent(bob.userId)}`, { body: { typing: true, timeout: 30_000 } });
    await bob.requestOk('POST', `${room(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`, { body: {} });
    const next = await alice.sync({ since: start.next_batch });
    const ephemeral = next.rooms?.join?.[roomId]?.ephemeral?.events ?? [];
    const typing = ephemeral.find((e) => e.type === 'm.typing') as { content: { user_ids: string[] } } | undefined;
    assert.deepEqual(typing?.content.user_ids, [bob.userId]);
    const receipt = ephemeral.find((e) => e.type === 'm.receipt') as { content: Record<string, Record<string, Record<string, unknown>>> } | undefined;
    assert.ok(receipt?.content[eventId]?.['m.read']?.[bob.userId], 'bob read the message');

    const privateStart = await alice.sync();
    await bob.requestOk('POST', `${room(roomId)}/receipt/m.read.private/${encodeURIComponent(eventId)}`, { body: {} });
    const bobView = await bob.sync();
    const aliceView = await alice.sync({ since: privateStart.next_batch });
    const privateFor = (body: SyncBody) =>
      (body.rooms?.join?.[roomId]?.ephemeral?.events ?? []).some((e) => JSON.stringify(e).includes('m.read.private'));
    assert.equal(privateFor(bobView), true);
    assert.equal(privateFor(aliceView), false);
    await bob.requestOk('PUT', `${room(roomId)}/typing/${encodeURIComponent(bob.userId)}`, { body: { typing: false } });
  });

  test('unread counts follow the push rules and fall to zero after a read receipt', async () => {
    const roomId = await sharedRoom();
    await alice.sendMessage(roomId, 'een');
    await alice.requestOk('PUT', `${room(roomId)}/send/m.room.message/mention-1`, {
      body: { msgtype: 'm.text', body: 'Bob, kuck hei', 'm.mentions': { user_ids: [bob.userId] } },
    });
    await alice.requestOk('PUT', `${room(roomId)}/send/m.room.message/notice-1`, { body: { msgtype: 'm.notice', body: 'Bot' } });
    const last = await alice.sendMessage(roomId, 'zwee');
    const before = await bob.sync();
    assert.deepEqual(before.rooms?.join?.[roomId]?.unread_notifications, { notification_count: 3, highlight_count: 1 }, 'notices do not count; the mention highlights');
    await bob.requestOk('POST', `${room(roomId)}/read_markers`, { body: { 'm.fully_read': last, 'm.read': last } });
    const afterRead = await bob.sync();
    assert.equal(afterRead.rooms?.join?.[roomId]?.unread_notifications?.notification_count, 0);
    const fullyRead = afterRead.rooms?.join?.[roomId]?.account_data?.events.find((e) => e.type === 'm.fully_read') as { content: { event_id: string } } | undefined;
    assert.equal(fullyRead?.content.event_id, last);
  });

  test('after a kick the room moves to leave and nothing new arrives', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await carol.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    const start = await carol.sync();
    await alice.requestOk('POST', `${room(roomId)}/kick`, { body: { user_id: carol.userId, reason: 'Test' } });
    const kicked = await carol.sync({ since: start.next_batch });
    const leave = kicked.rooms?.leave?.[roomId] as { timeline: { events: MatrixEvent[] } } | undefined;
    assert.equal(leave?.timeline.events.at(-1)?.content.membership, 'leave');
    await alice.sendMessage(roomId, 'no longer for carol');
    const later = await carol.sync({ since: kicked.next_batch });
    assert.equal(later.rooms?.join?.[roomId], undefined);
    assert.equal(later.rooms?.leave?.[roomId], undefined);
  });

  test('shutting down ends waiting long polls at once, with an answer rather than an error', async () => {
    const server = await buildTestApp(dialect);
    const dave = await createTestUser(server, 'dave');
    const start = await dave.sync();
    const waiting = dave.request('GET', '/_matrix/client/v3/sync', { query: { since: start.next_batch, timeout: 30_000 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = Date.now();
    await server.close();
    const answer = await waiting;
    assert.ok(Date.now() - closing < 5_000, 'close did not wait for the long poll');
    assert.equal(answer.status, 200);
  });
});
