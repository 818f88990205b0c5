import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { matrixClient, TEST_PASSWORD, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { manualClock } from '../../../../test/support/directory-fixtures.js';

const DEVICES = '/_matrix/client/v3/devices';
const device = (deviceId: string) => `${DEVICES}/${encodeURIComponent(deviceId)}`;

interface DeviceJson {
  device_id: string;
  display_name?: string;
  last_seen_ts?: number;
  last_seen_ip?: string;
}

describeEachDialect('chat devices', (dialect) => {
  const clock = manualClock('2026-06-01T10:00:00.000Z');
  let app: TestApp;
  let client: MatrixTestClient;
  let anna: MatrixTestClient;
  const removed: string[] = [];

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    client = await matrixClient(app);
    anna = await client.register('anna', TEST_PASSWORD, { deviceName: 'Phone' });
    app.chat.accounts.onDeviceRemoved(async (userId, deviceId) => void removed.push(`${userId} ${deviceId}`));
  });
  after(() => app.close());

  const passwordAuth = (password: string, session?: unknown) => ({
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: anna.userId },
    password,
    ...(session === undefined ? {} : { session }),
  });

  test('devices are listed with their names and when and where they were last seen', async () => {
    const listed = await anna.requestOk<{ devices: DeviceJson[] }>('GET', DEVICES);
    assert.deepEqual(listed.devices, [
      { device_id: anna.deviceId, display_name: 'Phone', last_seen_ts: Date.parse('2026-06-01T10:00:00.000Z'), last_seen_ip: '127.0.0.1' },
    ]);
    assert.deepEqual(await anna.requestOk('GET', device(anna.deviceId)), listed.devices[0]);
    const missing = await anna.request('GET', device('NOSUCHDEVICE'));
    assert.deepEqual([missing.status, missing.body.errcode], [404, 'M_NOT_FOUND']);
  });

  test('activity is recorded at most once a minute per device', async () => {
    clock.set('2026-06-01T10:00:30.000Z');
    await anna.requestOk('GET', '/_matrix/client/v3/account/whoami');
    clock.set('2026-06-01T10:05:00.000Z');
    await anna.requestOk('GET', '/_matrix/client/v3/account/whoami');
    clock.set('2026-06-01T10:05:20.000Z');
    await anna.requestOk('GET', '/_matrix/client/v3/account/whoami');
    const seen = await anna.requestOk<DeviceJson>('GET', device(anna.deviceId));
    assert.equal(seen.last_seen_ts, Date.parse('2026-06-01T10:05:00.000Z'));
  });

  test('renaming changes the name; unknown devices and overlong names are refused', async () => {
    await anna.requestOk('PUT', device(anna.deviceId), { body: { display_name: 'Work phone' } });
    assert.equal((await anna.requestOk<DeviceJson>('GET', device(anna.deviceId))).display_name, 'Work phone');
    const unknown = await anna.request('PUT', device('NOSUCHDEVICE'), { body: { display_name: 'x' } });
    assert.deepEqual([unknown.status, unknown.body.errcode], [404, 'M_NOT_FOUND']);
    const long = await anna.request('PUT', device(anna.deviceId), { body: { display_name: 'x'.repeat(101) } });
    assert.deepEqual([long.status, long.body.errcode], [400, 'M_INVALID_PARAM']);
    const wrongType = await anna.request('PUT', device(anna.deviceId), { body: { display_name: 5 }, malformed: true });
    assert.deepEqual([wrongType.status, wrongType.body.errcode], [400, 'M_BAD_JSON']);
  });

  test('another user cannot see or rename my devices', async () => {
    const ben = await client.register('ben');
    assert.equal((await ben.request('GET', device(anna.deviceId))).status, 404);
    assert.equal((await ben.request('PUT', device(anna.deviceId), { body: { display_name: 'mine now' } })).status, 404);
    assert.deepEqual((await ben.requestOk<{ devices: DeviceJson[] }>('GET', DEVICES)).devices.map((d) => d.device_id), [ben.deviceId]);
  });

  test('deleting a device asks for the password, refuses a wrong one, then removes it and its session', async () => {
    const laptop = await client.login('anna', TEST_PASSWORD, { deviceId: 'LAPTOP' });

    const challenge = await anna.request('DELETE', device('LAPTOP'), { body: {} });
    assert.equal(challenge.status, 401);
    assert.deepEqual(challenge.body.flows, [{ stages: ['m.login.password'] }]);
    const session = challenge.body.session;
    assert.equal(typeof session, 'string');

    const wrong = await anna.request('DELETE', device('LAPTOP'), { body: { auth: passwordAuth('not the password', session) } });
    assert.deepEqual([wrong.status, wrong.body.errcode, wrong.body.session], [401, 'M_FORBIDDEN', session]);
    assert.equal((await laptop.request('GET', '/_matrix/client/v3/account/whoami')).status, 200);

    await anna.requestOk('DELETE', device('LAPTOP'), { body: { auth: passwordAuth(TEST_PASSWORD, session) } });
    assert.equal((await laptop.request('GET', '/_matrix/client/v3/account/whoami')).body.errcode, 'M_UNKNOWN_TOKEN');
    assert.equal((await anna.request('GET', device('LAPTOP'))).status, 404);
    assert.deepEqual(removed, [`${anna.userId} LAPTOP`]);
  });

  test('several devices are deleted at once, unknown ids skipped', async () => {
    const tablet = await client.login('anna', TEST_PASSWORD, { deviceId: 'TABLET' });
    const desktop = await client.login('anna', TEST_PASSWORD, { deviceId: 'DESKTOP' });
    await anna.requestOk('POST', '/_matrix/client/v3/delete_devices', {
      body: { devices: ['TABLET', 'DESKTOP', 'NEVERWAS'], auth: passwordAuth(TEST_PASSWORD) },
    });
    for (const gone of [tablet, desktop]) assert.equal((await gone.request('GET', '/_matrix/client/v3/account/whoami')).status, 401);
    assert.deepEqual((await anna.requestOk<{ devices: DeviceJson[] }>('GET', DEVICES)).devices.map((d) => d.device_id), [anna.deviceId]);
    assert.deepEqual(removed.slice(-2).sort(), [`${anna.userId} DESKTOP`, `${anna.userId} TABLET`]);
  });

  test('without a token the device endpoints answer M_MISSING_TOKEN', async () => {
    const anonymous = await client.request('GET', DEVICES, { token: null });
    assert.deepEqual([anonymous.status, anonymous.body.errcode], [401, 'M_MISSING_TOKEN']);
  });
});
