import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from './test-app.js';
import { MatrixRequestFailed, MatrixSpecMismatch, createTestUser, matrixClient, type MatrixTestClient } from './matrix-client.js';

describeEachDialect('MatrixTestClient', (dialect) => {
  let app: TestApp;
  let anonymous: MatrixTestClient;

  before(async () => {
    app = await buildTestApp(dialect, { env: { MATRIX_REGISTRATION: 'token' } });
    anonymous = await matrixClient(app);
  });
  after(() => app.close());

  test('register() completes the registration-token stage, then the user is signed in', async () => {
    const { token } = await app.chat.accounts.registrationTokens.create({ usesAllowed: 1 });
    const dana = await anonymous.register('dana', undefined, { registrationToken: token });
    const whoami = await dana.requestOk('GET', '/_matrix/client/v3/account/whoami');
    assert.equal(whoami.user_id, dana.userId);
    assert.equal(whoami.device_id, dana.deviceId);
  });

  test('register() without the required token fails with a readable error', async () => {
    await assert.rejects(anonymous.register('eve'), /cannot complete registration.*m\.login\.registration_token/);
  });

  test('createTestUser() gives a signed-in user whose password logs in too', async () => {
    const frank = await createTestUser(app, 'frank', { deviceId: 'FIRST' });
    assert.equal(frank.deviceId, 'FIRST');
    const again = await anonymous.login('frank');
    assert.equal(again.userId, frank.userId);
    assert.notEqual(again.accessToken, frank.accessToken);
  });

  test('a request body the spec forbids is refused before it is sent, unless marked malformed', async () => {
    const gina = await createTestUser(app, 'gina');
    await assert.rejects(gina.request('POST', '/_matrix/client/v3/createRoom', { body: { name: 42 } }), (error: unknown) => {
      assert.ok(error instanceof MatrixSpecMismatch);
      assert.match(error.message, /request POST \/_matrix\/client\/v3\/createRoom.*\n.*body\/name must be string/);
      return true;
    });
    const sent = await gina.request('POST', '/_matrix/client/v3/createRoom', { body: { name: 42 }, malformed: true });
    assert.equal(sent.status, 400);
  });

  test('requestOk() turns an error answer into MatrixRequestFailed with its errcode', async () => {
    await assert.rejects(anonymous.requestOk('GET', '/_matrix/client/v3/account/whoami'), (error: unknown) => {
      assert.ok(error instanceof MatrixRequestFailed);
      assert.equal(error.response.status, 401);
      assert.match(error.message, /→ 401 M_MISSING_TOKEN/);
      return true;
    });
  });

  test('createRoom(), sendMessage() and sync() round-trip a message', async () => {
    const hana = await createTestUser(app, 'hana');
    const roomId = await hana.createRoom({ name: 'Round trip' });
    const eventId = await hana.sendMessage(roomId, 'hello');
    const sync = await hana.sync({ filter: { room: { timeline: { limit: 10 } } } });
    const message = sync.rooms?.join?.[roomId]?.timeline?.events.find((event) => event.event_id === eventId);
    assert.deepEqual(message?.content, { msgtype: 'm.text', body: 'hello' });
  });
});
