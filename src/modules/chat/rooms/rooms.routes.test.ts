import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;

describeEachDialect('chat rooms', (dialect) => {
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

  const state = (client: MatrixTestClient, roomId: string, type: string, stateKey = '') =>
    client.request('GET', `${room(roomId)}/state/${type}/${encodeURIComponent(stateKey)}`);

  test('a private chat is invite-only with shared history, and invitees are invited as direct chat', async () => {
    const roomId = await alice.createRoom({ preset: 'private_chat', name: 'Kaffi', topic: 'Plauderen', invite: [bob.userId], is_direct: true });
    assert.deepEqual((await state(alice, roomId, 'm.room.join_rules')).body, { join_rule: 'invite' });
    assert.deepEqual((await state(alice, roomId, 'm.room.history_visibility')).body, { history_visibility: 'shared' });
    assert.equal((await state(alice, roomId, 'm.room.name')).body.name, 'Kaffi');
    assert.equal((await state(alice, roomId, 'm.room.topic')).body.topic, 'Plauderen');
    const invite = await state(alice, roomId, 'm.room.member', bob.userId);
    assert.equal(invite.body.membership, 'invite');
    assert.equal(invite.body.is_direct, true);
    const create = await state(alice, roomId, 'm.room.create');
    assert.deepEqual(create.body, { room_version: '10', creator: alice.userId });

    const refused = await carol.request('POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, { body: {} });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errcode, 'M_FORBIDDEN');
    await bob.requestOk('POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, { body: {} });
    const members = await bob.requestOk<{ joined: Record<string, unknown> }>('GET', `${room(roomId)}/joined_members`);
    assert.deepEqual(Object.keys(members.joined).sort(), [alice.userId, bob.userId].sort());
  });

  test('a public room with an alias can be joined by alias; override and initial_state are applied', async () => {
    const roomId = await alice.createRoom({
      preset: 'public_chat',
      room_alias_name: 'treffpunkt',
      power_level_content_override: { events_default: 10, users: { [alice.userId]: 100, [bob.userId]: 50 } },
      initial_state: [{ type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'joined' } }],
    });
    const alias = `#treffpunkt:${app.chat.config.serverName}`;
    const resolved = await carol.requestOk('GET', `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
    assert.equal(resolved.room_id, roomId);
    assert.deepEqual((await state(alice, roomId, 'm.room.canonical_alias')).body, { alias });
    assert.deepEqual((await state(alice, roomId, 'm.room.history_visibility')).body, { history_visibility: 'joined' });
    const joined = await carol.requestOk('POST', `/_matrix/client/v3/join/${encodeURIComponent(alias)}`, { body: {} });
    assert.equal(joined.room_id, roomId);
    // events_default 10: carol (0) may not talk, bob (50) may.
    const silenced = await carol.request('PUT', `${room(roomId)}/send/m.room.message/c1`, { body: { msgtype: 'm.text', body: 'hi' } });
    assert.equal(silenced.status, 403);
    const taken = await bob.request('POST', '/_matrix/client/v3/createRoom', { body: { room_alias_name: 'treffpunkt' } });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.errcode, 'M_ROOM_IN_USE');
  });

  test('sending is idempotent per device and transaction id', async () => {
    const roomId = await alice.createRoom({});
    const path = `${room(roomId)}/send/m.room.message/same-txn`;
    const first = await alice.requestOk('PUT', path, { body: { msgtype: 'm.text', body: 'einmal' } });
    const again = await alice.requestOk('PUT', path, { body: { msgtype: 'm.text', body: 'einmal' } });
    assert.equal(again.event_id, first.event_id);
    const secondDevice = alice.as({ userId: alice.userId, deviceId: 'SECOND', accessToken: await app.chat.tokens.issue(alice.userId, 'SECOND') });
    const fromSecond = await secondDevice.requestOk('PUT', path, { body: { msgtype: 'm.text', body: 'vum aneren Apparat' } });
    assert.notEqual(fromSecond.event_id, first.event_id);
    const messages = await alice.requestOk<{ chunk: { content: { body?: string } }[] }>('GET', `${room(roomId)}/messages`, { query: { dir: 'b', limit: 5 } });
    assert.equal(messages.chunk.filter((e) => e.content.body === 'einmal').length, 1);
  });

  test('power levels decide who may kick, ban and change state', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await carol.requestOk('POST', `${room(roomId)}/join`, { body: {} });

    const rename = await bob.request('PUT', `${room(roomId)}/state/m.room.name/`, { body: { name: 'Meng' } });
    assert.equal(rename.status, 403);
    const kick = await bob.request('POST', `${room(roomId)}/kick`, { body: { user_id: carol.userId } });
    assert.equal(kick.status, 403);
    const selfPromotion = await bob.request('PUT', `${room(roomId)}/state/m.room.power_levels/`, { body: { users: { [bob.userId]: 100 } } });
    assert.equal(selfPromotion.status, 403);

    await alice.requestOk('POST', `${room(roomId)}/ban`, { body: { user_id: carol.userId, reason: 'spam' } });
    const rejoin = await carol.request('POST', `${room(roomId)}/join`, { body: {} });
    assert.equal(rejoin.status, 403);
    await alice.requestOk('POST', `${room(roomId)}/unban`, { body: { user_id: carol.userId } });
    await carol.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    await alice.requestOk('POST', `${room(roomId)}/kick`, { body: { user_id: carol.userId } });
    const members = await alice.requestOk<{ joined: Record<string, unknown> }>('GET', `${room(roomId)}/joined_members`);
    assert.deepEqual(Object.keys(members.joined).sort(), [alice.userId, bob.userId].sort());
  });

  test('redaction: own events by anyone, others only by moderators; content is stripped', async () => {
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    const aliceEvent = await alice.sendMessage(roomId, 'vergiess mech');
    const bobEvent = await bob.sendMessage(roomId, 'mäin eegent');

    const refused = await bob.request('PUT', `${room(roomId)}/redact/${encodeURIComponent(aliceEvent)}/r1`, { body: {} });
    assert.equal(refused.status, 403);
    await bob.requestOk('PUT', `${room(roomId)}/redact/${encodeURIComponent(bobEvent)}/r2`, { body: { reason: 'Tippfeeler' } });
    await alice.requestOk('PUT', `${room(roomId)}/redact/${encodeURIComponent(aliceEvent)}/r3`, { body: {} });

    const redacted = await alice.requestOk<{ content: Record<string, unknown>; unsigned: { redacted_because?: { content: { reason?: string } } } }>(
      'GET',
      `${room(roomId)}/event/${encodeURIComponent(bobEvent)}`,
    );
    assert.deepEqual(redacted.content, {});
    assert.equal(redacted.unsigned.redacted_because?.content.reason, 'Tippfeeler');
  });

  test('room version 11 has no creator field and unsupported versions are refused', async () => {
    const roomId = await alice.createRoom({ room_version: '11' });
    assert.deepEqual((await state(alice, roomId, 'm.room.create')).body, { room_version: '11' });
    const old = await alice.request('POST', '/_matrix/client/v3/createRoom', { body: { room_version: '1' } });
    assert.equal(old.status, 400);
    assert.equal(old.body.errcode, 'M_UNSUPPORTED_ROOM_VERSION');
  });

  test('bad input: oversized events, unknown state and strangers reading state', async () => {
    const roomId = await alice.createRoom({});
    const huge = await alice.request('PUT', `${room(roomId)}/send/m.room.message/big`, { body: { msgtype: 'm.text', body: 'x'.repeat(70_000) } });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.errcode, 'M_TOO_LARGE');
    const missing = await state(alice, roomId, 'm.room.topic');
    assert.equal(missing.status, 404);
    const stranger = await state(carol, roomId, 'm.room.create');
    assert.equal(stranger.status, 403);
    const wrongType = await alice.request('POST', '/_matrix/client/v3/createRoom', { body: { name: 42 }, malformed: true });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.errcode, 'M_BAD_JSON');
    const notJson = await alice.request('PUT', `${room(roomId)}/send/m.room.message/nj`, { raw: '{"body": ', malformed: true });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
  });
});
