import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { matrixClient, TEST_PASSWORD, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { manualClock } from '../../../../test/support/directory-fixtures.js';

const REGISTER = '/_matrix/client/v3/register';
const AVAILABLE = '/_matrix/client/v3/register/available';
const VALIDITY = '/_matrix/client/v1/register/m.login.registration_token/validity';
const TOKEN_STAGE = 'm.login.registration_token';

describeEachDialect('chat registration', (dialect) => {
  describe('open registration', () => {
    let app: TestApp;
    let client: MatrixTestClient;

    before(async () => {
      app = await buildTestApp(dialect);
      client = await matrixClient(app);
    });
    after(() => app.close());

    test('an empty first request learns the flows, then the dummy stage registers and logs in', async () => {
      const challenge = await client.request('POST', REGISTER, { body: {}, token: null });
      assert.equal(challenge.status, 401);
      assert.deepEqual(challenge.body.flows, [{ stages: ['m.login.dummy'] }, { stages: [TOKEN_STAGE] }]);
      assert.equal(typeof challenge.body.session, 'string');

      const body = { username: 'Anna', password: TEST_PASSWORD, initial_device_display_name: 'Anna’s phone' };
      const registered = await client.requestOk('POST', REGISTER, { body: { ...body, auth: { type: 'm.login.dummy', session: challenge.body.session } }, token: null });
      assert.equal(registered.user_id, `@anna:${app.chat.config.serverName}`);
      const anna = client.as({ userId: String(registered.user_id), deviceId: String(registered.device_id), accessToken: String(registered.access_token) });
      assert.deepEqual(await anna.requestOk('GET', '/_matrix/client/v3/account/whoami'), { user_id: anna.userId, device_id: anna.deviceId, is_guest: false });
      assert.deepEqual(await anna.requestOk('GET', `/_matrix/client/v3/profile/${encodeURIComponent(anna.userId)}`), { displayname: 'anna' });
      const devices = await anna.requestOk<{ devices: { display_name?: string }[] }>('GET', '/_matrix/client/v3/devices');
      assert.deepEqual(devices.devices.map((d) => d.display_name), ['Anna’s phone']);
    });

    test('one address cannot create accounts without end', async () => {
      const limited = await buildTestApp(dialect);
      try {
        const anonymous = await matrixClient(limited);
        const register = async (username: string) => {
          const challenge = await anonymous.request('POST', REGISTER, { body: {}, token: null });
          return anonymous.request('POST', REGISTER, {
            body: { username, password: TEST_PASSWORD, inhibit_login: true, auth: { type: 'm.login.dummy', session: challenge.body.session } },
            token: null,
          });
        };
        for (let i = 0; i < 30; i++) assert.equal((await register(`flood${i}`)).status, 200);
        const refused = await register('flood30');
        assert.equal(refused.status, 429);
        assert.equal(refused.body.errcode, 'M_LIMIT_EXCEEDED');
        assert.ok(Number(refused.body.retry_after_ms) > 0);
      } finally {
        await limited.close();
      }
    });

    test('the username is checked before the stages: taken, malformed, or reserved', async () => {
      const taken = await client.request('POST', REGISTER, { body: { username: 'anna', password: TEST_PASSWORD }, token: null });
      assert.deepEqual([taken.status, taken.body.errcode], [400, 'M_USER_IN_USE']);
      for (const username of ['anna smith', 'änna', '_bridge', 'x'.repeat(260)]) {
        const refused = await client.request('POST', REGISTER, { body: { username, password: TEST_PASSWORD }, token: null });
        assert.deepEqual([refused.status, refused.body.errcode], [400, 'M_INVALID_USERNAME'], username);
      }
    });

    test('short passwords are refused as weak, missing ones once the stages are done', async () => {
      const weak = await client.request('POST', REGISTER, { body: { username: 'ben', password: 'short' }, token: null });
      assert.deepEqual([weak.status, weak.body.errcode], [400, 'M_WEAK_PASSWORD']);
      const missing = await client.request('POST', REGISTER, { body: { username: 'ben', auth: { type: 'm.login.dummy' } }, token: null });
      assert.deepEqual([missing.status, missing.body.errcode], [400, 'M_MISSING_PARAM']);
    });

    test('without a username the server picks one; inhibit_login gives no token', async () => {
      const body = await client.requestOk('POST', REGISTER, { body: { password: TEST_PASSWORD, inhibit_login: true, auth: { type: 'm.login.dummy' } }, token: null });
      assert.match(String(body.user_id), /^@[a-z0-9]{12}:/);
      assert.equal(body.access_token, undefined);
      assert.equal(body.device_id, undefined);
      const login = await client.login(String(body.user_id));
      assert.equal(login.userId, body.user_id);
    });

    test('a chosen device id is kept', async () => {
      const carla = await client.register('carla', TEST_PASSWORD, { deviceId: 'CARLAPHONE' });
      assert.equal(carla.deviceId, 'CARLAPHONE');
    });

    test('guest accounts are refused', async () => {
      const guest = await client.request('POST', REGISTER, { body: {}, query: { kind: 'guest' }, token: null });
      assert.deepEqual([guest.status, guest.body.errcode], [403, 'M_GUEST_ACCESS_FORBIDDEN']);
    });

    test('availability: free names are available, others say why not', async () => {
      assert.deepEqual(await client.requestOk('GET', AVAILABLE, { query: { username: 'dora' }, token: null }), { available: true });
      const taken = await client.request('GET', AVAILABLE, { query: { username: 'ANNA' }, token: null });
      assert.deepEqual([taken.status, taken.body.errcode], [400, 'M_USER_IN_USE']);
      const invalid = await client.request('GET', AVAILABLE, { query: { username: 'dora!' }, token: null });
      assert.deepEqual([invalid.status, invalid.body.errcode], [400, 'M_INVALID_USERNAME']);
    });

    test('bodies of the wrong shape or not JSON at all are refused with the right code', async () => {
      const wrongType = await client.request('POST', REGISTER, { body: { username: 42 }, token: null, malformed: true });
      assert.deepEqual([wrongType.status, wrongType.body.errcode], [400, 'M_BAD_JSON']);
      const notJson = await client.request('POST', REGISTER, { raw: '{"username": ', token: null });
      assert.deepEqual([notJson.status, notJson.body.errcode], [400, 'M_NOT_JSON']);
    });
  });

  describe('registration by token', () => {
    const clock = manualClock('2026-05-04T08:00:00.000Z');
    let app: TestApp;
    let client: MatrixTestClient;

    before(async () => {
      app = await buildTestApp(dialect, { clock, env: { MATRIX_REGISTRATION: 'token' } });
      client = await matrixClient(app);
    });
    after(() => app.close());

    const attempt = (username: string, token: string) =>
      client.request('POST', REGISTER, { body: { username, password: TEST_PASSWORD, auth: { type: TOKEN_STAGE, token } }, token: null });

    test('only the token flow is offered, and the dummy stage is not accepted', async () => {
      const challenge = await client.request('POST', REGISTER, { body: {}, token: null });
      assert.deepEqual(challenge.body.flows, [{ stages: [TOKEN_STAGE] }]);
      const dummy = await client.request('POST', REGISTER, { body: { username: 'eve', password: TEST_PASSWORD, auth: { type: 'm.login.dummy' } }, token: null });
      assert.equal(dummy.status, 401);
      assert.equal(dummy.body.errcode, 'M_UNRECOGNIZED');
    });

    test('a valid token registers; it is used up after its allowed uses', async () => {
      await app.chat.accounts.registrationTokens.create({ token: 'twice', usesAllowed: 2 });
      assert.deepEqual(await client.requestOk('GET', VALIDITY, { query: { token: 'twice' }, token: null }), { valid: true });
      await client.register('fred', TEST_PASSWORD, { registrationToken: 'twice' });
      await client.register('gina', TEST_PASSWORD, { registrationToken: 'twice' });

      const spent = await attempt('hugo', 'twice');
      assert.deepEqual([spent.status, spent.body.errcode], [401, 'M_FORBIDDEN']);
      assert.equal(typeof spent.body.session, 'string');
      assert.deepEqual(await client.requestOk('GET', VALIDITY, { query: { token: 'twice' }, token: null }), { valid: false });
    });

    test('a use counts only when the registration completes', async () => {
      await app.chat.accounts.registrationTokens.create({ token: 'once', usesAllowed: 1 });
      const weak = await client.request('POST', REGISTER, { body: { username: 'ida', password: 'short', auth: { type: TOKEN_STAGE, token: 'once' } }, token: null });
      assert.equal(weak.body.errcode, 'M_WEAK_PASSWORD');
      assert.deepEqual(await client.requestOk('GET', VALIDITY, { query: { token: 'once' }, token: null }), { valid: true });
      await client.register('ida', TEST_PASSWORD, { registrationToken: 'once' });
      assert.deepEqual(await client.requestOk('GET', VALIDITY, { query: { token: 'once' }, token: null }), { valid: false });
    });

    test('an expired or unknown token does not register', async () => {
      await app.chat.accounts.registrationTokens.create({ token: 'until-noon', expiryTs: Date.parse('2026-05-04T12:00:00.000Z') });
      clock.set('2026-05-04T12:00:01.000Z');
      const expired = await attempt('jan', 'until-noon');
      assert.deepEqual([expired.status, expired.body.errcode], [401, 'M_FORBIDDEN']);
      const unknown = await attempt('jan', 'never-issued');
      assert.deepEqual([unknown.status, unknown.body.errcode], [401, 'M_FORBIDDEN']);
      assert.deepEqual(await client.requestOk('GET', VALIDITY, { query: { token: 'until-noon' }, token: null }), { valid: false });
    });
  });

  describe('closed registration', () => {
    let app: TestApp;
    let client: MatrixTestClient;

    before(async () => {
      app = await buildTestApp(dialect, { env: { MATRIX_REGISTRATION: 'closed' } });
      client = await matrixClient(app);
    });
    after(() => app.close());

    test('registering and checking tokens are forbidden', async () => {
      const refused = await client.request('POST', REGISTER, { body: { username: 'kim', password: TEST_PASSWORD }, token: null });
      assert.deepEqual([refused.status, refused.body.errcode], [403, 'M_FORBIDDEN']);
      const validity = await client.request('GET', VALIDITY, { query: { token: 'anything' }, token: null });
      assert.deepEqual([validity.status, validity.body.errcode], [403, 'M_FORBIDDEN']);
    });
  });
});
