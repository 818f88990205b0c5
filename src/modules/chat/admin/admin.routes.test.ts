import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, matrixClient, TEST_PASSWORD, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const ADMIN = '/_synapse/admin';
const adminUser = (userId: string) => `${ADMIN}/v2/users/${encodeURIComponent(userId)}`;
const NEW_PASSWORD = 'another long passphrase';

describeEachDialect('chat admin API', (dialect) => {
  let app: TestApp;
  let client: MatrixTestClient;
  let root: MatrixTestClient;
  let plain: MatrixTestClient;
  let userId: (localpart: string) => string;

  before(async () => {
    app = await buildTestApp(dialect);
    client = await matrixClient(app);
    root = await createTestUser(app, 'root', { admin: true });
    plain = await createTestUser(app, 'plain');
    userId = (localpart) => `@${localpart}:${app.chat.config.serverName}`;
  });
  after(() => app.close());

  const admin = (method: string, path: string, body?: unknown, as = root) => as.request(method, path, { offSpec: true, ...(body === undefined ? {} : { body }) });

  test('only server admins may use it', async () => {
    for (const [method, path] of [
      ['GET', adminUser(userId('plain'))],
      ['PUT', adminUser(userId('someone'))],
      ['POST', `${ADMIN}/v1/deactivate/${encodeURIComponent(userId('root'))}`],
      ['POST', `${ADMIN}/v1/reset_password/${encodeURIComponent(userId('root'))}`],
      ['POST', `${ADMIN}/v1/registration_tokens/new`],
      ['GET', `${ADMIN}/v1/registration_tokens`],
      ['GET', `${ADMIN}/v1/rooms`],
    ] as const) {
      const refused = await admin(method, path, method === 'GET' ? undefined : {}, plain);
      assert.deepEqual([refused.status, refused.body.errcode], [403, 'M_FORBIDDEN'], `${method} ${path}`);
    }
    const anonymous = await client.request('GET', `${ADMIN}/v1/rooms`, { offSpec: true, token: null });
    assert.deepEqual([anonymous.status, anonymous.body.errcode], [401, 'M_MISSING_TOKEN']);
    const unknown = await admin('GET', `${ADMIN}/v1/no_such_thing`);
    assert.deepEqual([unknown.status, unknown.body.errcode], [404, 'M_UNRECOGNIZED']);
  });

  test('PUT creates an account (201) that can log in, GET shows it', async () => {
    const created = await admin('PUT', adminUser(userId('carla')), { password: TEST_PASSWORD, displayname: 'Carla Dias' });
    assert.equal(created.status, 201);
    assert.deepEqual(
      { name: created.body.name, displayname: created.body.displayname, admin: created.body.admin, deactivated: created.body.deactivated },
      { name: userId('carla'), displayname: 'Carla Dias', admin: false, deactivated: false },
    );
    assert.equal(typeof created.body.creation_ts, 'number');
    assert.deepEqual((await admin('GET', adminUser(userId('carla')))).body, created.body);
    await client.login('carla');
    const missing = await admin('GET', adminUser(userId('nobody')));
    assert.deepEqual([missing.status, missing.body.errcode], [404, 'M_NOT_FOUND']);
  });

  test('PUT modifies an account (200): name, admin rights at once, password logging out devices', async () => {
    const carla = await client.login('carla');
    const changed = await admin('PUT', adminUser(userId('carla')), { displayname: 'Carla D.', admin: true, password: NEW_PASSWORD });
    assert.deepEqual([changed.status, changed.body.displayname, changed.body.admin], [200, 'Carla D.', true]);
    assert.equal((await carla.request('GET', '/_matrix/client/v3/account/whoami')).body.errcode, 'M_UNKNOWN_TOKEN');
    const again = await client.login('carla', NEW_PASSWORD);
    assert.equal((await admin('GET', `${ADMIN}/v1/rooms`, undefined, again)).status, 200);
    await admin('PUT', adminUser(userId('carla')), { admin: false });
    assert.equal((await admin('GET', `${ADMIN}/v1/rooms`, undefined, again)).status, 403);
  });

  test('PUT refuses other servers’ users, upper-case ids and bad values', async () => {
    const remote = await admin('PUT', adminUser('@dan:elsewhere.example'), { password: TEST_PASSWORD });
    assert.deepEqual([remote.status, remote.body.errcode], [400, 'M_INVALID_PARAM']);
    const upper = await admin('PUT', adminUser(userId('Dan')), { password: TEST_PASSWORD });
    assert.deepEqual([upper.status, upper.body.errcode], [400, 'M_INVALID_USERNAME']);
    const weak = await admin('PUT', adminUser(userId('dan')), { password: 'short' });
    assert.deepEqual([weak.status, weak.body.errcode], [400, 'M_WEAK_PASSWORD']);
    const wrongType = await admin('PUT', adminUser(userId('dan')), { admin: 'yes' });
    assert.deepEqual([wrongType.status, wrongType.body.errcode], [400, 'M_BAD_JSON']);
    const notJson = await root.request('PUT', adminUser(userId('dan')), { offSpec: true, raw: '{admin}' });
    assert.deepEqual([notJson.status, notJson.body.errcode], [400, 'M_NOT_JSON']);
  });

  test('deactivation ends sessions and logins; reactivation needs a new password', async () => {
    await admin('PUT', adminUser(userId('erik')), { password: TEST_PASSWORD });
    const erik = await client.login('erik');
    const deactivated = await admin('POST', `${ADMIN}/v1/deactivate/${encodeURIComponent(userId('erik'))}`, { erase: false });
    assert.deepEqual([deactivated.status, deactivated.body], [200, { id_server_unbind_result: 'success' }]);
    assert.equal((await erik.request('GET', '/_matrix/client/v3/account/whoami')).status, 401);
    assert.equal((await admin('GET', adminUser(userId('erik')))).body.deactivated, true);

    const noPassword = await admin('PUT', adminUser(userId('erik')), { deactivated: false });
    assert.deepEqual([noPassword.status, noPassword.body.errcode], [400, 'M_MISSING_PARAM']);
    const back = await admin('PUT', adminUser(userId('erik')), { deactivated: false, password: NEW_PASSWORD });
    assert.equal(back.body.deactivated, false);
    await client.login('erik', NEW_PASSWORD);

    const unknown = await admin('POST', `${ADMIN}/v1/deactivate/${encodeURIComponent(userId('nobody'))}`, {});
    assert.equal(unknown.status, 404);
  });

  test('reset_password sets a new password and logs the user out', async () => {
    await admin('PUT', adminUser(userId('fay')), { password: TEST_PASSWORD });
    const fay = await client.login('fay');
    const path = `${ADMIN}/v1/reset_password/${encodeURIComponent(userId('fay'))}`;
    assert.deepEqual((await admin('POST', path, { new_password: NEW_PASSWORD })).body, {});
    assert.equal((await fay.request('GET', '/_matrix/client/v3/account/whoami')).status, 401);
    assert.equal((await client.request('POST', '/_matrix/client/v3/login', { body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'fay' }, password: TEST_PASSWORD }, token: null })).status, 403);
    await client.login('fay', NEW_PASSWORD);
  });

  test('registration tokens are issued, generated or chosen, and listed by validity', async () => {
    const generated = await admin('POST', `${ADMIN}/v1/registration_tokens/new`, {});
    assert.match(String(generated.body.token), /^[A-Za-z0-9]{16}$/);
    assert.deepEqual({ ...generated.body, token: 'x' }, { token: 'x', uses_allowed: null, pending: 0, completed: 0, expiry_time: null });
    const chosen = await admin('POST', `${ADMIN}/v1/registration_tokens/new`, { token: 'welcome-2026', uses_allowed: 0 });
    assert.deepEqual(chosen.body, { token: 'welcome-2026', uses_allowed: 0, pending: 0, completed: 0, expiry_time: null });
    const duplicate = await admin('POST', `${ADMIN}/v1/registration_tokens/new`, { token: 'welcome-2026' });
    assert.deepEqual([duplicate.status, duplicate.body.errcode], [400, 'M_INVALID_PARAM']);
    const badChars = await admin('POST', `${ADMIN}/v1/registration_tokens/new`, { token: 'no spaces' });
    assert.equal(badChars.status, 400);
    const past = await admin('POST', `${ADMIN}/v1/registration_tokens/new`, { expiry_time: 1000 });
    assert.equal(past.status, 400);

    const valid = await admin('GET', `${ADMIN}/v1/registration_tokens?valid=true`);
    assert.deepEqual((valid.body.registration_tokens as { token: string }[]).map((t) => t.token), [generated.body.token]);
    const invalid = await admin('GET', `${ADMIN}/v1/registration_tokens?valid=false`);
    assert.deepEqual((invalid.body.registration_tokens as { token: string }[]).map((t) => t.token), ['welcome-2026']);
    assert.equal(((await admin('GET', `${ADMIN}/v1/registration_tokens`)).body.registration_tokens as unknown[]).length, 2);
  });

  test('rooms are listed with their name, alias, members and settings, a page at a time', async () => {
    const first = await root.createRoom({ name: 'Help desk', room_alias_name: 'helpdesk', preset: 'public_chat', visibility: 'public' });
    const second = await plain.createRoom({ preset: 'private_chat', initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] });
    await plain.requestOk('POST', `/_matrix/client/v3/join/${encodeURIComponent(first)}`, { body: {} });

    const page = await admin('GET', `${ADMIN}/v1/rooms?limit=1`);
    assert.equal(page.body.total_rooms, 2);
    assert.equal(page.body.next_batch, 1);
    const [helpDesk] = page.body.rooms as Record<string, unknown>[];
    assert.deepEqual(
      { ...helpDesk, version: 'v', state_events: 0 },
      {
        room_id: first,
        name: 'Help desk',
        canonical_alias: `#helpdesk:${app.chat.config.serverName}`,
        joined_members: 2,
        joined_local_members: 2,
        version: 'v',
        creator: root.userId,
        encryption: null,
        federatable: true,
        public: true,
        join_rules: 'public',
        guest_access: null,
        history_visibility: 'shared',
        state_events: 0,
        room_type: null,
      },
    );
    const rest = await admin('GET', `${ADMIN}/v1/rooms?from=1`);
    const [secret] = rest.body.rooms as Record<string, unknown>[];
    assert.deepEqual([secret?.room_id, secret?.name, secret?.encryption, secret?.join_rules, secret?.public], [second, null, 'm.megolm.v1.aes-sha2', 'invite', false]);
    assert.equal(rest.body.next_batch, undefined);
    assert.equal(rest.body.prev_batch, 0);
  });

  test('whois shows a user’s devices to admins and to the user, nobody else', async () => {
    const path = `/_matrix/client/v3/admin/whois/${encodeURIComponent(plain.userId)}`;
    await plain.requestOk('GET', '/_matrix/client/v3/account/whoami');
    const seen = await root.requestOk<{ user_id: string; devices: Record<string, { sessions: { connections: { ip: string }[] }[] }> }>('GET', path);
    assert.equal(seen.user_id, plain.userId);
    assert.deepEqual(Object.keys(seen.devices), [plain.deviceId]);
    assert.equal(seen.devices[plain.deviceId]?.sessions[0]?.connections[0]?.ip, '127.0.0.1');
    assert.equal((await plain.request('GET', path)).status, 200);
    const carla = await client.login('carla', NEW_PASSWORD);
    assert.equal((await carla.request('GET', path)).status, 403);
  });
});
