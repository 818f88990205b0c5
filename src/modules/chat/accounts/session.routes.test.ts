import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, matrixClient, TEST_PASSWORD, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const LOGIN = '/_matrix/client/v3/login';
const WHOAMI = '/_matrix/client/v3/account/whoami';
const NEW_PASSWORD = 'a much longer new passphrase';

const passwordAuth = (user: string, password: string, session?: unknown) => ({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user },
  password,
  ...(session === undefined ? {} : { session }),
});

describeEachDialect('chat sessions', (dialect) => {
  describe('login, logout and account changes', () => {
    let app: TestApp;
    let client: MatrixTestClient;

    before(async () => {
      app = await buildTestApp(dialect);
      client = await matrixClient(app);
      await createTestUser(app, 'anna');
      await createTestUser(app, 'ben');
    });
    after(() => app.close());

    test('the password login type is offered', async () => {
      assert.deepEqual(await client.requestOk('GET', LOGIN, { token: null }), { flows: [{ type: 'm.login.password' }] });
    });

    test('logging in by localpart, full id or the legacy user field opens a new device each time', async () => {
      const byLocalpart = await client.login('Anna');
      const byUserId = await client.login(`@anna:${app.chat.config.serverName}`);
      const legacy = await client.requestOk('POST', LOGIN, { body: { type: 'm.login.password', user: 'anna', password: TEST_PASSWORD }, token: null });
      assert.equal(byLocalpart.userId, `@anna:${app.chat.config.serverName}`);
      assert.equal(legacy.user_id, byLocalpart.userId);
      assert.equal(new Set([byLocalpart.deviceId, byUserId.deviceId, legacy.device_id]).size, 3);
      assert.equal((await byUserId.requestOk('GET', WHOAMI)).device_id, byUserId.deviceId);
    });

    test('wrong passwords, unknown users and other login types are refused', async () => {
      const wrong = await client.request('POST', LOGIN, { body: passwordAuth('anna', 'not the password'), token: null });
      assert.deepEqual([wrong.status, wrong.body.errcode], [403, 'M_FORBIDDEN']);
      const unknown = await client.request('POST', LOGIN, { body: passwordAuth('nobody', TEST_PASSWORD), token: null });
      assert.deepEqual([unknown.status, unknown.body.errcode], [403, 'M_FORBIDDEN']);
      const elsewhere = await client.request('POST', LOGIN, { body: passwordAuth('@anna:other.example', TEST_PASSWORD), token: null });
      assert.deepEqual([elsewhere.status, elsewhere.body.errcode], [403, 'M_FORBIDDEN']);
      const token = await client.request('POST', LOGIN, { body: { type: 'm.login.token', token: 'abc' }, token: null });
      assert.deepEqual([token.status, token.body.errcode], [400, 'M_UNKNOWN']);
      const wrongShape = await client.request('POST', LOGIN, { body: { type: 'm.login.password', password: 7 }, token: null, malformed: true });
      assert.deepEqual([wrongShape.status, wrongShape.body.errcode], [400, 'M_BAD_JSON']);
      const notJson = await client.request('POST', LOGIN, { raw: 'type=m.login.password', token: null });
      assert.deepEqual([notJson.status, notJson.body.errcode], [400, 'M_NOT_JSON']);
    });

    test('logging in again on a known device ends its old session but keeps the device', async () => {
      const first = await client.login('ben', TEST_PASSWORD, { deviceId: 'BENLAPTOP' });
      const second = await client.login('ben', TEST_PASSWORD, { deviceId: 'BENLAPTOP' });
      assert.equal(second.deviceId, 'BENLAPTOP');
      const old = await first.request('GET', WHOAMI);
      assert.deepEqual([old.status, old.body.errcode], [401, 'M_UNKNOWN_TOKEN']);
      assert.equal((await second.requestOk('GET', WHOAMI)).device_id, 'BENLAPTOP');
    });

    test('logout ends the token and removes the device; other sessions go on', async () => {
      const phone = await client.login('anna');
      const laptop = await client.login('anna');
      const removed: string[] = [];
      app.chat.accounts.onDeviceRemoved(async (userId, deviceId) => void removed.push(`${userId} ${deviceId}`));
      await phone.requestOk('POST', '/_matrix/client/v3/logout', { body: {} });

      const dead = await phone.request('GET', WHOAMI);
      assert.deepEqual([dead.status, dead.body.errcode], [401, 'M_UNKNOWN_TOKEN']);
      assert.deepEqual(removed, [`${phone.userId} ${phone.deviceId}`]);
      const devices = await laptop.requestOk<{ devices: { device_id: string }[] }>('GET', '/_matrix/client/v3/devices');
      assert.ok(!devices.devices.some((d) => d.device_id === phone.deviceId));
      assert.ok(devices.devices.some((d) => d.device_id === laptop.deviceId));
    });

    test('logout/all ends every session of the user and removes every device', async () => {
      const sessions = [await client.login('ben'), await client.login('ben')];
      await sessions[0]!.requestOk('POST', '/_matrix/client/v3/logout/all', { body: {} });
      for (const session of sessions) assert.equal((await session.request('GET', WHOAMI)).body.errcode, 'M_UNKNOWN_TOKEN');
      const again = await client.login('ben');
      const devices = await again.requestOk<{ devices: { device_id: string }[] }>('GET', '/_matrix/client/v3/devices');
      assert.deepEqual(devices.devices.map((d) => d.device_id), [again.deviceId]);
    });

    test('changing the password needs the old one and logs out the other devices', async () => {
      const carla = await client.register('carla');
      const other = await client.login('carla');
      const path = '/_matrix/client/v3/account/password';

      const challenge = await carla.request('POST', path, { body: { new_password: NEW_PASSWORD } });
      assert.equal(challenge.status, 401);
      assert.deepEqual(challenge.body.flows, [{ stages: ['m.login.password'] }]);
      const weak = await carla.request('POST', path, { body: { new_password: 'short', auth: passwordAuth(carla.userId, TEST_PASSWORD) } });
      assert.equal(weak.body.errcode, 'M_WEAK_PASSWORD');
      await carla.requestOk('POST', path, { body: { new_password: NEW_PASSWORD, auth: passwordAuth(carla.userId, TEST_PASSWORD, challenge.body.session) } });

      assert.equal((await carla.requestOk('GET', WHOAMI)).user_id, carla.userId);
      assert.equal((await other.request('GET', WHOAMI)).body.errcode, 'M_UNKNOWN_TOKEN');
      assert.equal((await client.request('POST', LOGIN, { body: passwordAuth('carla', TEST_PASSWORD), token: null })).status, 403);
      await client.login('carla', NEW_PASSWORD);
    });

    test('with logout_devices false the other devices stay logged in', async () => {
      const dora = await client.register('dora');
      const other = await client.login('dora');
      await dora.requestOk('POST', '/_matrix/client/v3/account/password', {
        body: { new_password: NEW_PASSWORD, logout_devices: false, auth: passwordAuth(dora.userId, TEST_PASSWORD) },
      });
      assert.equal((await other.requestOk('GET', WHOAMI)).user_id, dora.userId);
    });

    test('deactivation needs the password, ends every session and bars logging in again', async () => {
      const eve = await client.register('eve');
      const roomId = await eve.createRoom({ name: 'Eve’s corner' });
      assert.deepEqual(await app.chat.rooms.joinedRoomIds(eve.userId), [roomId]);
      const path = '/_matrix/client/v3/account/deactivate';
      const wrong = await eve.request('POST', path, { body: { auth: passwordAuth(eve.userId, 'not the password') } });
      assert.deepEqual([wrong.status, wrong.body.errcode], [401, 'M_FORBIDDEN']);

      assert.deepEqual(await eve.requestOk('POST', path, { body: { auth: passwordAuth(eve.userId, TEST_PASSWORD) } }), { id_server_unbind_result: 'success' });
      assert.equal((await eve.request('GET', WHOAMI)).body.errcode, 'M_UNKNOWN_TOKEN');
      const login = await client.request('POST', LOGIN, { body: passwordAuth('eve', TEST_PASSWORD), token: null });
      assert.deepEqual([login.status, login.body.errcode], [403, 'M_USER_DEACTIVATED']);
      assert.deepEqual(await app.chat.rooms.joinedRoomIds(eve.userId), []);
    });
  });

  describe('login rate limit', () => {
    let app: TestApp;
    let client: MatrixTestClient;

    before(async () => {
      app = await buildTestApp(dialect);
      client = await matrixClient(app);
      await createTestUser(app, 'fay');
    });
    after(() => app.close());

    test('after ten failed attempts even the right password waits, and is told how long', async () => {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const failed = await client.request('POST', LOGIN, { body: passwordAuth(`nobody${attempt}`, TEST_PASSWORD), token: null });
        assert.equal(failed.status, 403);
      }
      const limited = await client.request('POST', LOGIN, { body: passwordAuth('fay', TEST_PASSWORD), token: null });
      assert.deepEqual([limited.status, limited.body.errcode], [429, 'M_LIMIT_EXCEEDED']);
      assert.ok(typeof limited.body.retry_after_ms === 'number' && limited.body.retry_after_ms > 0);
    });
  });
});
