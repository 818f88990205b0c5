import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, matrixClient, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { deviceKeys, newSigningKey, oneTimeKeys } from '../../../../test/support/e2ee-keys.js';

const KEYS = '/_matrix/client/v3/keys';
const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;

describeEachDialect('chat device lists', (dialect) => {
  let app: TestApp;
  let users = 0;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(() => app.close());

  const newUser = () => createTestUser(app, `lists${++users}`, { deviceId: `DEV${users}` });
  const catchUp = (client: MatrixTestClient, since: string) => client.sync({ since, timeout: 0 });

  async function publishKeys(client: MatrixTestClient, oneTimeKeyCount = 0): Promise<MatrixJson> {
    const identity = newSigningKey();
    const keys = deviceKeys(client.userId, client.deviceId, identity);
    await client.requestOk('POST', `${KEYS}/upload`, { body: { device_keys: keys, one_time_keys: oneTimeKeys(client.userId, client.deviceId, identity, oneTimeKeyCount) } });
    return keys;
  }

  test('a new room mate is named in changed; one who leaves the last shared room in left', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    const before = await alice.sync();

    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });
    const joined = await catchUp(alice, before.next_batch);
    assert.deepEqual(joined.device_lists, { changed: [bob.userId], left: [] });

    await bob.requestOk('POST', `${room(roomId)}/leave`, { body: {} });
    const left = await catchUp(alice, joined.next_batch);
    assert.deepEqual(left.device_lists, { changed: [], left: [bob.userId] });
    const changes = await alice.requestOk('GET', `${KEYS}/changes`, { query: { from: joined.next_batch, to: left.next_batch } });
    assert.deepEqual(changes, { changed: [], left: [bob.userId] });
  });

  test('an initial sync names no device list changes', async () => {
    const alice = await newUser();
    await publishKeys(alice);
    assert.deepEqual((await alice.sync()).device_lists, { changed: [], left: [] });
  });

  test('a removed device takes its keys with it, and room mates hear of it', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const aliceTablet = await (await matrixClient(app)).login(alice.userId, undefined, { deviceId: 'TABLET' });
    await alice.requestOk('PUT', `/_matrix/client/v3/devices/TABLET`, { body: { display_name: 'Tablet in the kitchen' } });
    await publishKeys(aliceTablet, 2);
    const roomId = await alice.createRoom({ preset: 'private_chat', invite: [bob.userId] });
    await bob.requestOk('POST', `${room(roomId)}/join`, { body: {} });

    const listed = await bob.requestOk<{ device_keys: Record<string, Record<string, MatrixJson>> }>('POST', `${KEYS}/query`, { body: { device_keys: { [alice.userId]: [] } } });
    assert.deepEqual(listed.device_keys[alice.userId]?.TABLET?.unsigned, { device_display_name: 'Tablet in the kitchen' });

    const bobBefore = await bob.sync();
    await app.chat.accounts.devices.remove(alice.userId, ['TABLET']);
    const bobAfter = await catchUp(bob, bobBefore.next_batch);
    assert.deepEqual(bobAfter.device_lists?.changed, [alice.userId]);

    const afterRemoval = await bob.requestOk<{ device_keys: Record<string, object> }>('POST', `${KEYS}/query`, { body: { device_keys: { [alice.userId]: [] } } });
    assert.deepEqual(afterRemoval.device_keys[alice.userId], {});
    const reopened = await (await matrixClient(app)).login(alice.userId, undefined, { deviceId: 'TABLET' });
    const counts = await reopened.requestOk<{ one_time_key_counts: object }>('POST', `${KEYS}/upload`, { body: {} });
    assert.deepEqual(counts.one_time_key_counts, { signed_curve25519: 0 }, 'the old one-time keys are gone');
  });
});
