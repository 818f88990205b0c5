import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { TEST_PASSWORD, createTestUser, matrixClient, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { crossSigningKey, crossSigningSet, deviceKeys, newSigningKey, signJson, type CrossSigningSet, type SigningKey } from '../../../../test/support/e2ee-keys.js';

const KEYS = '/_matrix/client/v3/keys';

interface QueryBody {
  device_keys: Record<string, Record<string, MatrixJson>>;
  master_keys: Record<string, MatrixJson>;
  self_signing_keys: Record<string, MatrixJson>;
  user_signing_keys: Record<string, MatrixJson>;
}

interface UploadFailures {
  failures: Record<string, Record<string, { errcode: string }>>;
}

describeEachDialect('chat cross-signing', (dialect) => {
  let app: TestApp;
  let users = 0;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(() => app.close());

  /** A user whose device has published its keys; `identity` signs as that device. */
  async function newUser(): Promise<{ client: MatrixTestClient; identity: SigningKey; device: MatrixJson }> {
    users += 1;
    const client = await createTestUser(app, `cross${users}`, { deviceId: `DEV${users}` });
    const identity = newSigningKey();
    const device = deviceKeys(client.userId, client.deviceId, identity);
    await client.requestOk('POST', `${KEYS}/upload`, { body: { device_keys: device } });
    return { client, identity, device };
  }

  async function withCrossSigning(client: MatrixTestClient): Promise<CrossSigningSet> {
    const set = crossSigningSet(client.userId);
    await client.requestOk('POST', `${KEYS}/device_signing/upload`, { body: set.upload });
    return set;
  }

  const query = (client: MatrixTestClient, ...targets: string[]) =>
    client.requestOk<QueryBody>('POST', `${KEYS}/query`, { body: { device_keys: Object.fromEntries(targets.map((t) => [t, []])) } });

  const uploadSignatures = (client: MatrixTestClient, body: MatrixJson) => client.requestOk<UploadFailures>('POST', `${KEYS}/signatures/upload`, { body });

  test('the first cross-signing keys need no password; others see master and self-signing keys, only the owner the user-signing key', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const set = await withCrossSigning(alice.client);
    await alice.client.requestOk('POST', `${KEYS}/device_signing/upload`, { body: set.upload });

    const seenByBob = await query(bob.client, alice.client.userId);
    assert.deepEqual(seenByBob.master_keys[alice.client.userId], set.upload.master_key);
    assert.deepEqual(seenByBob.self_signing_keys[alice.client.userId], set.upload.self_signing_key);
    assert.deepEqual(seenByBob.user_signing_keys, {});
    const seenByAlice = await query(alice.client, alice.client.userId);
    assert.deepEqual(seenByAlice.user_signing_keys[alice.client.userId], set.upload.user_signing_key);
  });

  test('replacing cross-signing keys asks for the password first', async () => {
    const alice = await newUser();
    await withCrossSigning(alice.client);
    const replacement = crossSigningSet(alice.client.userId);
    const path = `${KEYS}/device_signing/upload`;

    // The YAML lists no 401 for this endpoint although its text says it uses user-interactive auth,
    // so the spec checker would demand an errcode the UIA challenge does not carry.
    const challenge = await alice.client.request('POST', path, { body: replacement.upload, offSpec: true });
    assert.equal(challenge.status, 401);
    assert.deepEqual(challenge.body.flows, [{ stages: ['m.login.password'] }]);
    const session = String(challenge.body.session);
    const password = (value: string) => ({ type: 'm.login.password', identifier: { type: 'm.id.user', user: alice.client.userId }, password: value, session });

    const wrong = await alice.client.request('POST', path, { body: { ...replacement.upload, auth: password('not it') } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errcode, 'M_FORBIDDEN');
    assert.notDeepEqual((await query(alice.client, alice.client.userId)).master_keys[alice.client.userId], replacement.upload.master_key);

    await alice.client.requestOk('POST', path, { body: { ...replacement.upload, auth: password(TEST_PASSWORD) } });
    assert.deepEqual((await query(alice.client, alice.client.userId)).master_keys[alice.client.userId], replacement.upload.master_key);
  });

  test('self-signing and user-signing keys must be signed by the master key', async () => {
    const alice = await newUser();
    const userId = alice.client.userId;
    const path = `${KEYS}/device_signing/upload`;
    const orphan = await alice.client.request('POST', path, { body: { self_signing_key: crossSigningKey(userId, 'self_signing', newSigningKey()) } });
    assert.equal(orphan.status, 400);
    assert.equal(orphan.body.errcode, 'M_MISSING_PARAM');

    const set = crossSigningSet(userId);
    const unsigned = await alice.client.request('POST', path, { body: { ...set.upload, self_signing_key: crossSigningKey(userId, 'self_signing', set.selfSigning) } });
    assert.equal(unsigned.status, 400);
    assert.equal(unsigned.body.errcode, 'M_INVALID_SIGNATURE');
    const forged = signJson(crossSigningKey(userId, 'user_signing', set.userSigning), userId, `ed25519:${set.master.publicKey}`, newSigningKey());
    const badlySigned = await alice.client.request('POST', path, { body: { ...set.upload, user_signing_key: forged } });
    assert.equal(badlySigned.body.errcode, 'M_INVALID_SIGNATURE');

    const someoneElses = await alice.client.request('POST', path, { body: crossSigningSet('@other:localhost').upload });
    assert.equal(someoneElses.status, 400);
    assert.equal(someoneElses.body.errcode, 'M_INVALID_PARAM');
    assert.deepEqual((await query(alice.client, userId)).master_keys, {}, 'nothing was stored');
  });

  test('a cross-signing key may not share its id with one of the user\'s devices', async () => {
    const alice = await newUser();
    const set = crossSigningSet(alice.client.userId);
    await (await matrixClient(app)).login(alice.client.userId, undefined, { deviceId: set.selfSigning.publicKey });
    const clash = await alice.client.request('POST', `${KEYS}/device_signing/upload`, { body: set.upload });
    assert.equal(clash.status, 403);
    assert.equal(clash.body.errcode, 'M_FORBIDDEN');
  });

  test('signatures on own devices, own master key and others\' master keys are merged into key queries', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const carol = await newUser();
    const aliceSet = await withCrossSigning(alice.client);
    const bobSet = await withCrossSigning(bob.client);
    const a = alice.client.userId;
    const b = bob.client.userId;

    const deviceSigned = signJson(alice.device, a, `ed25519:${aliceSet.selfSigning.publicKey}`, aliceSet.selfSigning);
    const masterSigned = signJson(aliceSet.upload.master_key, a, `ed25519:${alice.client.deviceId}`, alice.identity);
    const bobMasterSigned = signJson(bobSet.upload.master_key, a, `ed25519:${aliceSet.userSigning.publicKey}`, aliceSet.userSigning);
    const result = await uploadSignatures(alice.client, {
      [a]: { [alice.client.deviceId]: deviceSigned, [aliceSet.master.publicKey]: masterSigned },
      [b]: { [bobSet.master.publicKey]: bobMasterSigned },
    });
    assert.deepEqual(result.failures, {});

    const seenByCarol = await query(carol.client, a, b);
    const { unsigned: _unsigned, ...aliceDevice } = seenByCarol.device_keys[a]?.[alice.client.deviceId] ?? {};
    assert.deepEqual(aliceDevice, deviceSigned, 'everyone sees the device signed by its self-signing key');
    assert.deepEqual(seenByCarol.master_keys[b], bobSet.upload.master_key, 'Alice\'s trust in Bob is not shown to Carol');

    const seenByAlice = await query(alice.client, a, b);
    assert.deepEqual(seenByAlice.master_keys[b], bobMasterSigned);
    assert.deepEqual(seenByAlice.master_keys[a], masterSigned);
  });

  test('signatures that are unknown, forged or on altered keys are reported as failures', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const aliceSet = await withCrossSigning(alice.client);
    const a = alice.client.userId;
    const forged = signJson(alice.device, a, `ed25519:${aliceSet.selfSigning.publicKey}`, newSigningKey());
    const altered = signJson({ ...alice.device, algorithms: ['m.megolm.v1.aes-sha2'] }, a, `ed25519:${aliceSet.selfSigning.publicKey}`, aliceSet.selfSigning);
    const withoutUserSigning = await uploadSignatures(bob.client, { [a]: { [aliceSet.master.publicKey]: aliceSet.upload.master_key } });
    assert.equal(withoutUserSigning.failures[a]?.[aliceSet.master.publicKey]?.errcode, 'M_INVALID_SIGNATURE');

    const result = await uploadSignatures(alice.client, { [a]: { NOSUCHDEVICE: alice.device } });
    assert.equal(result.failures[a]?.NOSUCHDEVICE?.errcode, 'M_NOT_FOUND');
    const bad = await uploadSignatures(alice.client, { [a]: { [alice.client.deviceId]: forged } });
    assert.equal(bad.failures[a]?.[alice.client.deviceId]?.errcode, 'M_INVALID_SIGNATURE');
    const changed = await uploadSignatures(alice.client, { [a]: { [alice.client.deviceId]: altered } });
    assert.equal(changed.failures[a]?.[alice.client.deviceId]?.errcode, 'M_INVALID_SIGNATURE');
    const { unsigned: _unsigned, ...stored } = (await query(bob.client, a)).device_keys[a]?.[alice.client.deviceId] ?? {};
    assert.deepEqual(stored, alice.device, 'no failed signature was kept');
  });

  test('room mates hear of key changes in device_lists and /keys/changes; strangers do not', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const carol = await newUser();
    const roomId = await alice.client.createRoom({ preset: 'private_chat', invite: [bob.client.userId] });
    await bob.client.requestOk('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/join`, { body: {} });
    const [aliceStart, bobStart, carolStart] = await Promise.all([alice.client.sync(), bob.client.sync(), carol.client.sync()]);

    await withCrossSigning(bob.client);
    const bobNext = await bob.client.sync({ since: bobStart.next_batch, timeout: 0 });
    const aliceNext = await alice.client.sync({ since: aliceStart.next_batch, timeout: 0 });
    const carolNext = await carol.client.sync({ since: carolStart.next_batch, timeout: 0 });
    assert.deepEqual(aliceNext.device_lists?.changed, [bob.client.userId]);
    assert.deepEqual(bobNext.device_lists?.changed, [bob.client.userId], 'a user hears of their own changes');
    assert.deepEqual(carolNext.device_lists?.changed, []);
    const changes = await alice.client.requestOk('GET', `${KEYS}/changes`, { query: { from: aliceStart.next_batch, to: aliceNext.next_batch } });
    assert.deepEqual(changes, { changed: [bob.client.userId], left: [] });

    const carolSet = await withCrossSigning(carol.client);
    const aliceSet = await withCrossSigning(alice.client);
    const [bobAfterAlice, carolAfterAlice] = await Promise.all([
      bob.client.sync({ since: bobNext.next_batch, timeout: 0 }),
      carol.client.sync({ since: carolNext.next_batch, timeout: 0 }),
    ]);
    assert.deepEqual(bobAfterAlice.device_lists?.changed, [alice.client.userId]);
    assert.deepEqual(carolAfterAlice.device_lists?.changed, [carol.client.userId]);

    const signedCarol = signJson(carolSet.upload.master_key, alice.client.userId, `ed25519:${aliceSet.userSigning.publicKey}`, aliceSet.userSigning);
    const aliceBefore = await alice.client.sync({ since: aliceNext.next_batch, timeout: 0 });
    await uploadSignatures(alice.client, { [carol.client.userId]: { [carolSet.master.publicKey]: signedCarol } });
    const aliceAfter = await alice.client.sync({ since: aliceBefore.next_batch, timeout: 0 });
    const bobAfterSignature = await bob.client.sync({ since: bobAfterAlice.next_batch, timeout: 0 });
    assert.deepEqual(aliceAfter.device_lists?.changed, [carol.client.userId], 'the signer\'s devices re-read the user they signed');
    assert.deepEqual(bobAfterSignature.device_lists?.changed, [], 'nobody else is told');
  });

  test('bad sync tokens for /keys/changes are refused', async () => {
    const alice = await newUser();
    const missing = await alice.client.request('GET', `${KEYS}/changes`, { query: { from: 's1_0' }, malformed: true });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errcode, 'M_MISSING_PARAM');
    const garbage = await alice.client.request('GET', `${KEYS}/changes`, { query: { from: 'yesterday', to: 's1_0' } });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.errcode, 'M_INVALID_PARAM');
  });
});
