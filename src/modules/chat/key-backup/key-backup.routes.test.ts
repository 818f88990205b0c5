import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const VERSION = '/_matrix/client/v3/room_keys/version';
const KEYS = '/_matrix/client/v3/room_keys/keys';
const ALGORITHM = 'm.megolm_backup.v1.curve25519-aes-sha2';
const ROOM = '!room:localhost';

interface BackupUpdate {
  etag: string;
  count: number;
}

const keyData = (firstMessageIndex: number, forwardedCount: number, isVerified: boolean, ciphertext: string) => ({
  first_message_index: firstMessageIndex,
  forwarded_count: forwardedCount,
  is_verified: isVerified,
  session_data: { ephemeral: 'eph', ciphertext, mac: 'mac' },
});

describeEachDialect('chat key backup', (dialect) => {
  let app: TestApp;
  let users = 0;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(() => app.close());

  const newUser = () => createTestUser(app, `backup${++users}`);

  async function createBackup(client: MatrixTestClient, publicKey = 'pubkey'): Promise<string> {
    const body = await client.requestOk<{ version: string }>('POST', VERSION, { body: { algorithm: ALGORITHM, auth_data: { public_key: publicKey } } });
    return body.version;
  }

  const putSession = (client: MatrixTestClient, version: string, sessionId: string, data: MatrixJson) =>
    client.requestOk<BackupUpdate>('PUT', `${KEYS}/${encodeURIComponent(ROOM)}/${encodeURIComponent(sessionId)}`, { query: { version }, body: data });

  const storedCiphertext = async (client: MatrixTestClient, version: string, sessionId: string) => {
    const data = await client.requestOk<{ session_data: { ciphertext: string } }>('GET', `${KEYS}/${encodeURIComponent(ROOM)}/${encodeURIComponent(sessionId)}`, { query: { version } });
    return data.session_data.ciphertext;
  };

  test('without a backup the current version is 404 M_NOT_FOUND; a new one is current, with count and etag', async () => {
    const alice = await newUser();
    const none = await alice.request('GET', VERSION);
    assert.equal(none.status, 404);
    assert.equal(none.body.errcode, 'M_NOT_FOUND');

    const version = await createBackup(alice);
    const current = await alice.requestOk<MatrixJson>('GET', VERSION);
    assert.deepEqual({ ...current, etag: typeof current.etag }, { algorithm: ALGORITHM, auth_data: { public_key: 'pubkey' }, count: 0, etag: 'string', version });
    assert.deepEqual(await alice.requestOk('GET', `${VERSION}/${version}`), current);

    const bob = await newUser();
    assert.equal((await bob.request('GET', `${VERSION}/${version}`)).status, 404, 'another user\'s backup is not visible');
  });

  test('auth_data can be updated, the algorithm cannot; deleting makes the previous version current', async () => {
    const alice = await newUser();
    const older = await createBackup(alice, 'old');
    const newer = await createBackup(alice, 'new');
    assert.notEqual(older, newer);
    await alice.requestOk('PUT', `${VERSION}/${newer}`, { body: { algorithm: ALGORITHM, auth_data: { public_key: 'new', signatures: {} }, version: newer } });
    assert.deepEqual((await alice.requestOk<MatrixJson>('GET', VERSION)).auth_data, { public_key: 'new', signatures: {} });

    const otherAlgorithm = await alice.request('PUT', `${VERSION}/${newer}`, { body: { algorithm: 'm.other', auth_data: {} }, malformed: true });
    assert.equal(otherAlgorithm.status, 400);
    assert.equal(otherAlgorithm.body.errcode, 'M_INVALID_PARAM');
    const otherVersion = await alice.request('PUT', `${VERSION}/${newer}`, { body: { algorithm: ALGORITHM, auth_data: {}, version: older } });
    assert.equal(otherVersion.body.errcode, 'M_INVALID_PARAM');

    await alice.requestOk('DELETE', `${VERSION}/${newer}`);
    await alice.requestOk('DELETE', `${VERSION}/${newer}`);
    assert.equal((await alice.requestOk<MatrixJson>('GET', VERSION)).version, older);
    assert.equal((await alice.request('GET', `${VERSION}/${newer}`)).status, 404);
    assert.equal((await alice.request('DELETE', `${VERSION}/999`)).status, 404);
    assert.notEqual(await createBackup(alice), newer, 'a deleted version number is never used again');
  });

  test('a stored key is replaced only by a better one; the etag changes exactly when keys change', async () => {
    const alice = await newUser();
    const version = await createBackup(alice);
    const first = await putSession(alice, version, 'S1', keyData(5, 1, false, 'first'));
    assert.equal(first.count, 1);

    const worse = await putSession(alice, version, 'S1', keyData(6, 0, false, 'later index'));
    assert.deepEqual(worse, first, 'a later first message index is no better: nothing changes');
    assert.equal(await storedCiphertext(alice, version, 'S1'), 'first');

    const fewerForwards = await putSession(alice, version, 'S1', keyData(5, 0, false, 'fewer forwards'));
    assert.notEqual(fewerForwards.etag, first.etag);
    const lowerIndex = await putSession(alice, version, 'S1', keyData(2, 3, false, 'lower index'));
    assert.equal(await storedCiphertext(alice, version, 'S1'), 'lower index');
    const verified = await putSession(alice, version, 'S1', keyData(9, 9, true, 'verified'));
    assert.equal(await storedCiphertext(alice, version, 'S1'), 'verified');
    await putSession(alice, version, 'S1', keyData(0, 0, false, 'unverified'));
    assert.equal(await storedCiphertext(alice, version, 'S1'), 'verified', 'verified beats everything unverified');
    assert.equal(new Set([first.etag, fewerForwards.etag, lowerIndex.etag, verified.etag]).size, 4);
    assert.equal(verified.count, 1);

    const info = await alice.requestOk<MatrixJson>('GET', VERSION);
    assert.equal(info.etag, verified.etag);
    assert.equal(info.count, 1);
  });

  test('keys are stored, read and deleted per backup, room and session', async () => {
    const alice = await newUser();
    const version = await createBackup(alice);
    const otherRoom = '!other:localhost';
    const stored = await alice.requestOk<BackupUpdate>('PUT', KEYS, {
      query: { version },
      body: { rooms: { [ROOM]: { sessions: { A: keyData(0, 0, true, 'a'), B: keyData(0, 0, true, 'b') } }, [otherRoom]: { sessions: { C: keyData(0, 0, true, 'c') } } } },
    });
    assert.equal(stored.count, 3);
    const roomPut = await alice.requestOk<BackupUpdate>('PUT', `${KEYS}/${encodeURIComponent(otherRoom)}`, { query: { version }, body: { sessions: { D: keyData(0, 0, true, 'd') } } });
    assert.equal(roomPut.count, 4);

    const all = await alice.requestOk<{ rooms: Record<string, { sessions: Record<string, unknown> }> }>('GET', KEYS, { query: { version } });
    assert.deepEqual(Object.keys(all.rooms[ROOM]?.sessions ?? {}), ['A', 'B']);
    assert.deepEqual(Object.keys(all.rooms[otherRoom]?.sessions ?? {}), ['C', 'D']);
    assert.deepEqual(all.rooms[ROOM]?.sessions.A, keyData(0, 0, true, 'a'));
    const room = await alice.requestOk('GET', `${KEYS}/${encodeURIComponent(otherRoom)}`, { query: { version } });
    assert.deepEqual(Object.keys((room as { sessions: object }).sessions), ['C', 'D']);
    assert.deepEqual(await alice.requestOk('GET', `${KEYS}/${encodeURIComponent('!empty:localhost')}`, { query: { version } }), { sessions: {} });
    const missing = await alice.request('GET', `${KEYS}/${encodeURIComponent(ROOM)}/NOPE`, { query: { version } });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errcode, 'M_NOT_FOUND');

    const oneGone = await alice.requestOk<BackupUpdate>('DELETE', `${KEYS}/${encodeURIComponent(ROOM)}/A`, { query: { version } });
    assert.equal(oneGone.count, 3);
    assert.notEqual(oneGone.etag, roomPut.etag);
    assert.equal((await alice.requestOk<BackupUpdate>('DELETE', `${KEYS}/${encodeURIComponent(otherRoom)}`, { query: { version } })).count, 1);
    assert.equal((await alice.requestOk<BackupUpdate>('DELETE', KEYS, { query: { version } })).count, 0);
    assert.deepEqual(await alice.requestOk('GET', KEYS, { query: { version } }), { rooms: {} });
  });

  test('keys go only to the current backup: 403 M_WRONG_ROOM_KEYS_VERSION names it', async () => {
    const alice = await newUser();
    const noBackup = await alice.request('PUT', `${KEYS}/${encodeURIComponent(ROOM)}/S`, { query: { version: '1' }, body: keyData(0, 0, false, 'x') });
    assert.equal(noBackup.status, 404);
    const older = await createBackup(alice);
    const current = await createBackup(alice);
    const wrong = await alice.request('PUT', KEYS, { query: { version: older }, body: { rooms: { [ROOM]: { sessions: { S: keyData(0, 0, false, 'x') } } } } });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.errcode, 'M_WRONG_ROOM_KEYS_VERSION');
    assert.equal(wrong.body.current_version, current);
    assert.deepEqual(await alice.requestOk('GET', KEYS, { query: { version: older } }), { rooms: {} }, 'an older backup can still be read');
    const withoutVersion = await alice.request('GET', KEYS, { malformed: true });
    assert.equal(withoutVersion.status, 400);
    assert.equal(withoutVersion.body.errcode, 'M_MISSING_PARAM');
  });

  test('malformed backups and keys are M_BAD_JSON or M_NOT_JSON', async () => {
    const alice = await newUser();
    const noAuthData = await alice.request('POST', VERSION, { body: { algorithm: ALGORITHM }, malformed: true });
    assert.equal(noAuthData.status, 400);
    assert.equal(noAuthData.body.errcode, 'M_BAD_JSON');
    const unknownAlgorithm = await alice.request('POST', VERSION, { body: { algorithm: 'm.rot13', auth_data: {} }, malformed: true });
    assert.equal(unknownAlgorithm.body.errcode, 'M_INVALID_PARAM');
    const version = await createBackup(alice);
    const negative = await alice.request('PUT', `${KEYS}/${encodeURIComponent(ROOM)}/S`, { query: { version }, body: keyData(-1, 0, false, 'x'), malformed: true });
    assert.equal(negative.body.errcode, 'M_BAD_JSON');
    const notJson = await alice.request('PUT', KEYS, { query: { version }, raw: '{rooms' });
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
  });
});
