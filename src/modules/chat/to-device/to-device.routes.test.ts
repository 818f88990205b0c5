import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, matrixClient, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';
import { TO_DEVICE_LIMIT } from './to-device.service.js';

let transactions = 0;

describeEachDialect('chat to-device messages', (dialect) => {
  let app: TestApp;
  let users = 0;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(() => app.close());

  const newUser = () => createTestUser(app, `todevice${++users}`, { deviceId: `DEV${users}` });

  function send(from: MatrixTestClient, messages: MatrixJson, options: { type?: string; txnId?: string } = {}) {
    const path = `/_matrix/client/v3/sendToDevice/${encodeURIComponent(options.type ?? 'm.test')}/${encodeURIComponent(options.txnId ?? `t${++transactions}`)}`;
    return from.requestOk('PUT', path, { body: { messages } });
  }

  const received = (sync: { to_device?: { events: MatrixJson[] } }) => sync.to_device?.events ?? [];

  test('a message reaches the device with its sender and type, and again until the device acknowledges it', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const start = await bob.sync();
    await send(alice, { [bob.userId]: { [bob.deviceId]: { hello: 'Bob' } } }, { type: 'm.room_key_request' });

    const first = await bob.sync({ since: start.next_batch, timeout: 0 });
    assert.deepEqual(received(first), [{ sender: alice.userId, type: 'm.room_key_request', content: { hello: 'Bob' } }]);
    const lostAnswerRetried = await bob.sync({ since: start.next_batch, timeout: 0 });
    assert.deepEqual(received(lostAnswerRetried), received(first), 'an answer that never arrived is sent again');

    const acknowledged = await bob.sync({ since: lostAnswerRetried.next_batch, timeout: 0 });
    assert.deepEqual(received(acknowledged), []);
    const olderTokenAgain = await bob.sync({ since: start.next_batch, timeout: 0 });
    assert.deepEqual(received(olderTokenAgain), [], 'an acknowledged message is gone for good');
  });

  test('an initial sync delivers waiting messages too', async () => {
    const alice = await newUser();
    const bob = await newUser();
    await send(alice, { [bob.userId]: { [bob.deviceId]: { n: 1 } } });
    assert.equal(received(await bob.sync()).length, 1);
  });

  test('* sends to every device of the user; unknown devices and users are skipped', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bobPhone = await (await matrixClient(app)).login(bob.userId, undefined, { deviceId: 'PHONE' });
    const [laptopStart, phoneStart] = await Promise.all([bob.sync(), bobPhone.sync()]);
    await send(alice, { [bob.userId]: { '*': { to: 'all' }, NOSUCHDEVICE: { to: 'nobody' } }, '@ghost:localhost': { X: {} } });

    const [laptop, phone] = await Promise.all([bob.sync({ since: laptopStart.next_batch, timeout: 0 }), bobPhone.sync({ since: phoneStart.next_batch, timeout: 0 })]);
    assert.deepEqual(received(laptop).map((e) => e.content), [{ to: 'all' }]);
    assert.deepEqual(received(phone).map((e) => e.content), [{ to: 'all' }]);
  });

  test('a retried request with the same transaction id is delivered once', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const start = await bob.sync();
    const messages = { [bob.userId]: { [bob.deviceId]: { once: true } } };
    await send(alice, messages, { txnId: 'same' });
    await send(alice, messages, { txnId: 'same' });
    assert.equal(received(await bob.sync({ since: start.next_batch, timeout: 0 })).length, 1);
  });

  test(`a sync carries at most ${TO_DEVICE_LIMIT} messages; the rest follow in order, at once`, async () => {
    const alice = await newUser();
    const bob = await newUser();
    const start = await bob.sync();
    const total = TO_DEVICE_LIMIT + 20;
    for (let n = 0; n < total; n++) await send(alice, { [bob.userId]: { [bob.deviceId]: { n } } });

    const first = await bob.sync({ since: start.next_batch, timeout: 0 });
    assert.equal(received(first).length, TO_DEVICE_LIMIT);
    const started = Date.now();
    const second = await bob.sync({ since: first.next_batch, timeout: 10_000 });
    assert.ok(Date.now() - started < 5_000, 'the next sync does not wait for its timeout');
    const numbers = [...received(first), ...received(second)].map((e) => (e.content as { n: number }).n);
    assert.deepEqual(numbers, Array.from({ length: total }, (_, n) => n));
    assert.deepEqual(received(await bob.sync({ since: second.next_batch, timeout: 0 })), []);
  });

  test('a removed device\'s inbox is emptied', async () => {
    const alice = await newUser();
    const bob = await newUser();
    await (await matrixClient(app)).login(bob.userId, undefined, { deviceId: 'TABLET' });
    await send(alice, { [bob.userId]: { TABLET: { secret: 1 } } });
    await app.chat.accounts.devices.remove(bob.userId, ['TABLET']);
    const again = await (await matrixClient(app)).login(bob.userId, undefined, { deviceId: 'TABLET' });
    assert.deepEqual(received(await again.sync()), []);
  });

  test('a body without messages, or with non-object contents, is M_BAD_JSON', async () => {
    const alice = await newUser();
    const path = '/_matrix/client/v3/sendToDevice/m.test/bad1';
    const missing = await alice.request('PUT', path, { body: {}, malformed: true });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errcode, 'M_BAD_JSON');
    const notObject = await alice.request('PUT', path, { body: { messages: { [alice.userId]: { X: 'text' } } }, malformed: true });
    assert.equal(notObject.body.errcode, 'M_BAD_JSON');
    const notJson = await alice.request('PUT', path, { raw: 'messages' });
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
  });
});
