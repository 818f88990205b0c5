import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { deviceKeys, newSigningKey, oneTimeKeys, signJson } from '../../../../test/support/e2ee-keys.js';

const KEYS = '/_matrix/client/v3/keys';

interface ClaimBody {
  one_time_keys: Record<string, Record<string, Record<string, MatrixJson>>>;
}

describeEachDialect('chat device keys', (dialect) => {
  let app: TestApp;
  let users = 0;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(() => app.close());

  const newUser = () => createTestUser(app, `keys${++users}`, { deviceId: `DEV${users}` });

  async function upload(client: MatrixTestClient, body: MatrixJson) {
    return client.requestOk<{ one_time_key_counts: Record<string, number> }>('POST', `${KEYS}/upload`, { body });
  }

  const claim = (client: MatrixTestClient, target: MatrixTestClient) =>
    client.requestOk<ClaimBody>('POST', `${KEYS}/claim`, { body: { one_time_keys: { [target.userId]: { [target.deviceId]: 'signed_curve25519' } } } });

  const claimedKeyIds = (body: ClaimBody, target: MatrixTestClient) => Object.keys(body.one_time_keys[target.userId]?.[target.deviceId] ?? {});

  test('uploaded device keys are what others download, with the device name; counts per algorithm', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const identity = newSigningKey();
    const keys = deviceKeys(alice.userId, alice.deviceId, identity);
    const counts = await upload(alice, { device_keys: keys, one_time_keys: oneTimeKeys(alice.userId, alice.deviceId, identity, 3) });
    assert.deepEqual(counts.one_time_key_counts, { signed_curve25519: 3 });

    const answer = await bob.requestOk<{ device_keys: Record<string, Record<string, MatrixJson>>; failures: MatrixJson }>('POST', `${KEYS}/query`, {
      body: { device_keys: { [alice.userId]: [] } },
    });
    assert.deepEqual(answer.failures, {});
    const { unsigned: _unsigned, ...downloaded } = answer.device_keys[alice.userId]?.[alice.deviceId] ?? {};
    assert.deepEqual(downloaded, keys);

    const onlyOther = await bob.requestOk<{ device_keys: Record<string, MatrixJson> }>('POST', `${KEYS}/query`, {
      body: { device_keys: { [alice.userId]: ['NOSUCHDEVICE'] } },
    });
    assert.deepEqual(onlyOther.device_keys[alice.userId], {});
  });

  test('a device may only upload its own keys, and never swap its identity keys', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const forBob = await alice.request('POST', `${KEYS}/upload`, { body: { device_keys: deviceKeys(bob.userId, bob.deviceId) } });
    assert.equal(forBob.status, 400);
    assert.equal(forBob.body.errcode, 'M_INVALID_PARAM');

    const keys = deviceKeys(alice.userId, alice.deviceId);
    await upload(alice, { device_keys: keys });
    await upload(alice, { device_keys: keys });
    const swapped = await alice.request('POST', `${KEYS}/upload`, { body: { device_keys: deviceKeys(alice.userId, alice.deviceId) } });
    assert.equal(swapped.status, 400);
    assert.equal(swapped.body.errcode, 'M_INVALID_PARAM');
  });

  test('a one-time key id may be uploaded again with the same key, never with another', async () => {
    const alice = await newUser();
    const identity = newSigningKey();
    const first = oneTimeKeys(alice.userId, alice.deviceId, identity, 2);
    await upload(alice, { device_keys: deviceKeys(alice.userId, alice.deviceId, identity), one_time_keys: first });
    const again = await upload(alice, { one_time_keys: first });
    assert.deepEqual(again.one_time_key_counts, { signed_curve25519: 2 });

    const clash = await alice.request('POST', `${KEYS}/upload`, { body: { one_time_keys: oneTimeKeys(alice.userId, alice.deviceId, identity, 1) } });
    assert.equal(clash.status, 400);
    assert.equal(clash.body.errcode, 'M_INVALID_PARAM');
    assert.match(String(clash.body.error), /already exists/);
    const unchanged = await upload(alice, {});
    assert.deepEqual(unchanged.one_time_key_counts, { signed_curve25519: 2 });
  });

  test('each one-time key is handed out once, oldest upload first, even to parallel claims', async () => {
    const alice = await newUser();
    const identity = newSigningKey();
    await upload(alice, { device_keys: deviceKeys(alice.userId, alice.deviceId, identity), one_time_keys: oneTimeKeys(alice.userId, alice.deviceId, identity, 2, 'OLD') });
    await upload(alice, { one_time_keys: oneTimeKeys(alice.userId, alice.deviceId, identity, 6, 'NEW') });
    const claimers = await Promise.all([newUser(), newUser(), newUser()]);

    const first = await claim(claimers[0]!, alice);
    const firstId = claimedKeyIds(first, alice)[0] ?? '';
    assert.match(firstId, /^signed_curve25519:OLD/);
    assert.ok((first.one_time_keys[alice.userId]?.[alice.deviceId]?.[firstId] as MatrixJson).signatures, 'the key comes signed');

    const parallel = await Promise.all(Array.from({ length: 9 }, (_, i) => claim(claimers[i % 3]!, alice)));
    const handedOut = [firstId, ...parallel.flatMap((body) => claimedKeyIds(body, alice))];
    assert.equal(handedOut.length, 8, 'eight keys for ten claims: then none are left');
    assert.equal(new Set(handedOut).size, 8, 'no key twice');
    const counts = await upload(alice, {});
    assert.deepEqual(counts.one_time_key_counts, { signed_curve25519: 0 });
  });

  test('when one-time keys run out the fallback key is handed out and reported used', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const identity = newSigningKey();
    const fallbackKey = (id: string) => ({
      [`signed_curve25519:${id}`]: signJson({ key: newSigningKey().publicKey, fallback: true }, alice.userId, `ed25519:${alice.deviceId}`, identity),
    });
    const fallback = fallbackKey('FB1');
    await upload(alice, { device_keys: deviceKeys(alice.userId, alice.deviceId, identity), one_time_keys: oneTimeKeys(alice.userId, alice.deviceId, identity, 1), fallback_keys: fallback });
    assert.deepEqual((await alice.sync()).device_unused_fallback_key_types, ['signed_curve25519']);

    assert.match(claimedKeyIds(await claim(bob, alice), alice)[0] ?? '', /AAAA0$/);
    assert.deepEqual(claimedKeyIds(await claim(bob, alice), alice), ['signed_curve25519:FB1']);
    assert.deepEqual(claimedKeyIds(await claim(bob, alice), alice), ['signed_curve25519:FB1'], 'a fallback key is handed out again');
    const synced = await alice.sync();
    assert.deepEqual(synced.device_unused_fallback_key_types, []);
    assert.deepEqual(synced.device_one_time_keys_count, { signed_curve25519: 0 });

    await upload(alice, { fallback_keys: fallback });
    assert.deepEqual((await alice.sync()).device_unused_fallback_key_types, [], 'the same key uploaded again stays used');
    await upload(alice, { fallback_keys: fallbackKey('FB2') });
    assert.deepEqual((await alice.sync()).device_unused_fallback_key_types, ['signed_curve25519']);
    assert.deepEqual(claimedKeyIds(await claim(bob, alice), alice), ['signed_curve25519:FB2']);
  });

  test('every sync names the one-time key count and unused fallback types, even with no keys', async () => {
    const alice = await newUser();
    const synced = await alice.sync();
    assert.deepEqual(synced.device_one_time_keys_count, { signed_curve25519: 0 });
    assert.deepEqual((synced as MatrixJson).device_unused_fallback_key_types, []);
  });

  test('claims for unknown users or devices are left out', async () => {
    const alice = await newUser();
    const body = await alice.requestOk<ClaimBody & { failures: MatrixJson }>('POST', `${KEYS}/claim`, {
      body: { one_time_keys: { '@nobody:localhost': { X: 'signed_curve25519' }, [alice.userId]: { NOPE: 'signed_curve25519' } } },
    });
    assert.deepEqual(body, { one_time_keys: {}, failures: {} });
  });

  test('malformed bodies are rejected with M_NOT_JSON or M_BAD_JSON', async () => {
    const alice = await newUser();
    const notJson = await alice.request('POST', `${KEYS}/upload`, { raw: '{"one_time_keys":' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
    const badUpload = await alice.request('POST', `${KEYS}/upload`, { body: { one_time_keys: ['x'] }, malformed: true });
    assert.equal(badUpload.status, 400);
    assert.equal(badUpload.body.errcode, 'M_BAD_JSON');
    const badName = await alice.request('POST', `${KEYS}/upload`, { body: { one_time_keys: { nocolon: 'abc' } } });
    assert.equal(badName.status, 400);
    assert.equal(badName.body.errcode, 'M_INVALID_PARAM');
    const badQuery = await alice.request('POST', `${KEYS}/query`, { body: { device_keys: { [alice.userId]: 'all' } }, malformed: true });
    assert.equal(badQuery.status, 400);
    assert.equal(badQuery.body.errcode, 'M_BAD_JSON');
    const badClaim = await alice.request('POST', `${KEYS}/claim`, { body: {}, malformed: true });
    assert.equal(badClaim.body.errcode, 'M_BAD_JSON');
    const unauthenticated = await alice.request('POST', `${KEYS}/upload`, { body: {}, token: null });
    assert.equal(unauthenticated.status, 401);
  });
});
