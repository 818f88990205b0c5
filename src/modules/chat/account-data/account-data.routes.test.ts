import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const user = (userId: string) => `/_matrix/client/v3/user/${encodeURIComponent(userId)}`;
const inRoom = (userId: string, roomId: string) => `${user(userId)}/rooms/${encodeURIComponent(roomId)}`;

describeEachDialect('chat account data and tags', (dialect) => {
  let app: TestApp;
  let alice: MatrixTestClient;
  let bob: MatrixTestClient;
  const roomId = '!kitchen:example.org';

  before(async () => {
    app = await buildTestApp(dialect);
    alice = await createTestUser(app, 'alice');
    bob = await createTestUser(app, 'bob');
  });
  after(() => app.close());

  test('global account data is stored, replaced and read back', async () => {
    const path = `${user(alice.userId)}/account_data/org.example.settings`;
    const missing = await alice.request('GET', path);
    assert.deepEqual([missing.status, missing.body.errcode], [404, 'M_NOT_FOUND']);
    await alice.requestOk('PUT', path, { body: { theme: 'dark', nested: { size: 3 } } });
    assert.deepEqual(await alice.requestOk('GET', path), { theme: 'dark', nested: { size: 3 } });
    await alice.requestOk('PUT', path, { body: { theme: 'light' } });
    assert.deepEqual(await alice.requestOk('GET', path), { theme: 'light' });
  });

  test('room account data is kept per room, apart from global data of the same type', async () => {
    const type = 'org.example.draft';
    await alice.requestOk('PUT', `${inRoom(alice.userId, roomId)}/account_data/${type}`, { body: { text: 'half a thought' } });
    assert.deepEqual(await alice.requestOk('GET', `${inRoom(alice.userId, roomId)}/account_data/${type}`), { text: 'half a thought' });
    assert.equal((await alice.request('GET', `${inRoom(alice.userId, '!elsewhere:example.org')}/account_data/${type}`)).status, 404);
    assert.equal((await alice.request('GET', `${user(alice.userId)}/account_data/${type}`)).status, 404);
  });

  test('changes reach /sync: global data at the top level', async () => {
    const { next_batch: since } = await alice.sync({ timeout: 0 });
    await alice.requestOk('PUT', `${user(alice.userId)}/account_data/m.direct`, { body: { [bob.userId]: ['!dm:example.org'] } });
    const sync = await alice.sync({ since, timeout: 5000 });
    assert.deepEqual(sync.account_data?.events, [{ type: 'm.direct', content: { [bob.userId]: ['!dm:example.org'] } }]);
  });

  test('tags are added, listed, changed and removed as the room’s m.tag account data', async () => {
    const tags = `${inRoom(alice.userId, roomId)}/tags`;
    assert.deepEqual(await alice.requestOk('GET', tags), { tags: {} });
    await alice.requestOk('PUT', `${tags}/m.favourite`, { body: { order: 0.25 } });
    await alice.requestOk('PUT', `${tags}/u.work`, { body: {} });
    assert.deepEqual(await alice.requestOk('GET', tags), { tags: { 'm.favourite': { order: 0.25 }, 'u.work': {} } });
    await alice.requestOk('PUT', `${tags}/m.favourite`, { body: { order: 0.5 } });
    await alice.requestOk('DELETE', `${tags}/u.work`);
    await alice.requestOk('DELETE', `${tags}/u.never-set`);
    assert.deepEqual(await alice.requestOk('GET', tags), { tags: { 'm.favourite': { order: 0.5 } } });
    assert.deepEqual(await alice.requestOk('GET', `${inRoom(alice.userId, roomId)}/account_data/m.tag`), { tags: { 'm.favourite': { order: 0.5 } } });
  });

  test('changes reach /sync: room data in the joined room', async () => {
    const joined = await alice.createRoom({});
    const { next_batch: since } = await alice.sync({ timeout: 0 });
    await alice.requestOk('PUT', `${inRoom(alice.userId, joined)}/tags/m.lowpriority`, { body: { order: 1 } });
    const sync = await alice.sync({ since, timeout: 5000 });
    const room = sync.rooms?.join?.[joined];
    assert.deepEqual(room?.account_data?.events, [{ type: 'm.tag', content: { tags: { 'm.lowpriority': { order: 1 } } } }]);
  });

  test('concurrent tag changes are all kept', async () => {
    const tags = `${inRoom(bob.userId, roomId)}/tags`;
    await Promise.all(['u.a', 'u.b', 'u.c', 'u.d'].map((tag) => bob.requestOk('PUT', `${tags}/${tag}`, { body: {} })));
    assert.deepEqual(Object.keys((await bob.requestOk<{ tags: object }>('GET', tags)).tags).sort(), ['u.a', 'u.b', 'u.c', 'u.d']);
  });

  test("nobody reads or writes another user's account data or tags", async () => {
    const attempts = [
      bob.request('GET', `${user(alice.userId)}/account_data/org.example.settings`),
      bob.request('PUT', `${user(alice.userId)}/account_data/org.example.settings`, { body: { theme: 'pink' } }),
      bob.request('GET', `${inRoom(alice.userId, roomId)}/account_data/org.example.draft`),
      bob.request('PUT', `${inRoom(alice.userId, roomId)}/account_data/org.example.draft`, { body: {} }),
      bob.request('GET', `${inRoom(alice.userId, roomId)}/tags`),
      bob.request('PUT', `${inRoom(alice.userId, roomId)}/tags/u.mine`, { body: {} }),
      bob.request('DELETE', `${inRoom(alice.userId, roomId)}/tags/m.favourite`),
    ];
    for (const answer of await Promise.all(attempts)) assert.deepEqual([answer.status, answer.body.errcode], [403, 'M_FORBIDDEN']);
    assert.deepEqual(await alice.requestOk('GET', `${user(alice.userId)}/account_data/org.example.settings`), { theme: 'light' });
    assert.deepEqual(await alice.requestOk('GET', `${inRoom(alice.userId, roomId)}/tags`), { tags: { 'm.favourite': { order: 0.5 } } });
    const anonymous = await alice.request('GET', `${user(alice.userId)}/account_data/org.example.settings`, { token: null });
    assert.equal(anonymous.status, 401);
  });

  test('server-managed types and bad input are refused', async () => {
    const refused = async (answer: Promise<{ status: number; body: Record<string, unknown> }>, status: number, errcode: string) => {
      const { status: actual, body } = await answer;
      assert.deepEqual([actual, body.errcode], [status, errcode]);
    };
    await refused(alice.request('PUT', `${user(alice.userId)}/account_data/m.push_rules`, { body: { global: {} } }), 405, 'M_BAD_JSON');
    await refused(alice.request('PUT', `${inRoom(alice.userId, roomId)}/account_data/m.fully_read`, { body: { event_id: '$x' } }), 405, 'M_BAD_JSON');
    await refused(alice.request('PUT', `${user(alice.userId)}/account_data/org.example.x`, { raw: '[1, 2]', malformed: true }), 400, 'M_BAD_JSON');
    await refused(alice.request('PUT', `${user(alice.userId)}/account_data/org.example.x`, { raw: '{not json', malformed: true }), 400, 'M_NOT_JSON');
    await refused(alice.request('GET', `${inRoom(alice.userId, '@not-a-room:example.org')}/account_data/org.example.x`), 400, 'M_INVALID_PARAM');
    await refused(alice.request('PUT', `${inRoom(alice.userId, roomId)}/tags/u.x`, { body: { order: 'first' }, malformed: true }), 400, 'M_BAD_JSON');
    assert.deepEqual(await alice.requestOk('GET', `${inRoom(alice.userId, roomId)}/tags`), { tags: { 'm.favourite': { order: 0.5 } } });
  });
});
