/**
 * The homeserver as a real Matrix client uses it: matrix-js-sdk with its Rust crypto (in-memory
 * store) against the server started here, on each database dialect. The tests share one server and
 * run in order, like one afternoon of Alice, Bob and Carol using the messenger.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/test-app.js';
import {
  describeError,
  Direction,
  MatrixError,
  MatrixTestServer,
  MsgType,
  Preset,
  type MatrixEvent,
  type SdkDevice,
  type TestUser,
} from './support/matrix-sdk.js';

const SYNC_MARKER = 'org.zesummen.test.sync_marker';

declare module 'matrix-js-sdk/lib/@types/event.js' {
  interface AccountDataEvents {
    [SYNC_MARKER]: { readonly after: string };
  }
}

const MEGOLM = 'm.megolm.v1.aes-sha2';
const encryptedRoomState = [{ type: 'm.room.encryption', state_key: '', content: { algorithm: MEGOLM } }];

describeEachDialect('matrix-js-sdk with Rust crypto against the homeserver', (dialect) => {
  let server: MatrixTestServer;
  let alice: SdkDevice;
  let bob: SdkDevice;
  let bobUser: TestUser;
  let carol: SdkDevice;
  let dmRoomId: string;
  let groupRoomId: string;
  let carolsLastMessageId: string;

  before(async () => {
    server = await MatrixTestServer.start(dialect);
  });
  after(async () => {
    await server?.close();
  });

  /** What the server stores and serves is ciphertext only. */
  const assertStoredEncrypted = async (reader: SdkDevice, roomId: string, eventId: string) => {
    const stored = await reader.client.fetchRoomEvent(roomId, eventId);
    assert.equal(stored.type, 'm.room.encrypted');
    assert.equal(stored.content?.algorithm, MEGOLM);
    assert.equal(stored.content?.body, undefined);
  };

  const sendAndReadEncrypted = async (sender: SdkDevice, roomId: string, body: string, readers: SdkDevice[]): Promise<MatrixEvent[]> => {
    const { event_id: eventId } = await sender.client.sendTextMessage(roomId, body);
    const received = await Promise.all(readers.map((reader) => reader.waitForDecryptedMessage(roomId, body)));
    for (const event of received) {
      assert.equal(event.getId(), eventId);
      assert.equal(event.getSender(), sender.userId);
      assert.equal(event.getWireType(), 'm.room.encrypted');
    }
    await assertStoredEncrypted(readers[0] ?? sender, roomId, eventId);
    return received;
  };

  test('two users register, log in and bootstrap cross-signing that the other can see', async () => {
    const aliceUser = await server.register('alice');
    bobUser = await server.register('bob');
    assert.equal(aliceUser.userId, `@alice:${server.serverName}`);
    alice = await server.login(aliceUser, 'Alice laptop');
    bob = await server.login(bobUser, 'Bob phone');

    await alice.bootstrapCrossSigning();
    await bob.bootstrapCrossSigning();

    assert.equal(await alice.crypto.isCrossSigningReady(), true);
    assert.equal(await bob.crypto.isCrossSigningReady(), true);
    assert.equal(await bob.crypto.userHasCrossSigningKeys(alice.userId, true), true, "Bob's device finds Alice's cross-signing keys");
  });

  test('Alice opens an encrypted DM, Bob accepts the invite, and each reads the other decrypted', async () => {
    const created = await alice.client.createRoom({ is_direct: true, invite: [bob.userId], preset: Preset.TrustedPrivateChat, initial_state: encryptedRoomState });
    dmRoomId = created.room_id;
    await alice.waitForEncryptedRoom(dmRoomId);

    const invited = await bob.waitForMyMembership(dmRoomId, 'invite');
    assert.equal(invited.getDMInviter(), alice.userId, 'the invite is marked as a direct chat from Alice');
    await bob.client.joinRoom(dmRoomId);
    await bob.waitForEncryptedRoom(dmRoomId);
    await alice.waitForMembership(dmRoomId, bob.userId, 'join');
    await server.waitFor("Bob's device, now sharing an encrypted room with Alice, to see her device signed by her self-signing key", async () =>
      (await bob.crypto.getDeviceVerificationStatus(alice.userId, alice.deviceId))?.signedByOwner,
    );

    await sendAndReadEncrypted(alice, dmRoomId, 'Hello Bob, this is secret', [bob]);
    await sendAndReadEncrypted(bob, dmRoomId, 'Hi Alice, secret received', [alice]);
    await sendAndReadEncrypted(alice, dmRoomId, 'Great, it works both ways', [bob]);
  });

  test('typing notifications and read receipts reach the other member', async () => {
    const aliceSeenByBob = () => bob.room(dmRoomId).getMember(alice.userId);
    await alice.client.sendTyping(dmRoomId, true, 30_000);
    await server.waitFor('Bob to see Alice typing', () => aliceSeenByBob()?.typing === true);
    await alice.client.sendTyping(dmRoomId, false, 0);
    await server.waitFor('Bob to see Alice stop typing', () => aliceSeenByBob()?.typing === false);

    const [lastFromAlice] = await sendAndReadEncrypted(alice, dmRoomId, 'Did you read this?', [bob]);
    assert.ok(lastFromAlice);
    await bob.client.sendReadReceipt(lastFromAlice);
    const aliceRoom = alice.room(dmRoomId);
    const readByBob = await server.waitFor(
      "Alice to see Bob's read receipt on her last message",
      () => {
        const event = aliceRoom.findEventById(lastFromAlice.getId() ?? '');
        const receipted = event && aliceRoom.getReceiptsForEvent(event).some((receipt) => receipt.userId === bob.userId && receipt.type === 'm.read');
        return receipted ? event : undefined;
      },
      { explain: () => JSON.stringify(aliceRoom.getReadReceiptForUserId(bob.userId)) },
    );
    assert.ok(aliceRoom.getUsersReadUpTo(readByBob).includes(bob.userId));
  });

  test('a file Alice uploads and shares in the DM downloads byte for byte for Bob through authenticated media', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 31) % 256));
    const { content_uri: mxc } = await alice.client.uploadContent(bytes, { name: 'notes.bin', type: 'application/octet-stream' });
    assert.match(mxc, /^mxc:\/\/[^/]+\/[A-Za-z0-9_-]+$/);
    await alice.client.sendMessage(dmRoomId, { msgtype: MsgType.File, body: 'notes.bin', url: mxc, info: { size: bytes.length, mimetype: 'application/octet-stream' } });
    const fileEvent = await bob.waitForDecryptedMessage(dmRoomId, 'notes.bin');
    const sharedUrl = fileEvent.getContent().url as string;
    assert.equal(sharedUrl, mxc);

    const allowDirectLinks = false;
    const allowRedirects = true;
    const useAuthentication = true;
    const downloadUrl = bob.client.mxcUrlToHttp(sharedUrl, undefined, undefined, undefined, allowDirectLinks, allowRedirects, useAuthentication) ?? '';
    assert.ok(downloadUrl.startsWith(`${server.baseUrl}/_matrix/client/v1/media/download/`), `authenticated download URL, got ${downloadUrl}`);
    const response = await fetch(downloadUrl, { headers: { authorization: `Bearer ${bob.client.getAccessToken()}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
    assert.equal((await fetch(downloadUrl)).status, 401, 'authenticated media needs the access token');
  });

  test("Bob logs in on a second device and Alice's next message decrypts there too", async () => {
    const bobTablet = await server.login(bobUser, 'Bob tablet');
    await bobTablet.waitForMyMembership(dmRoomId, 'join');
    await server.waitFor("Alice's device to learn about Bob's new device", async () => {
      const devices = await alice.crypto.getUserDeviceInfo([bob.userId]);
      return devices.get(bob.userId)?.has(bobTablet.deviceId);
    });

    await sendAndReadEncrypted(alice, dmRoomId, 'Bob, read this on any of your devices', [bobTablet, bob]);
  });

  test('history pagination returns older encrypted messages in order', async () => {
    const bodies = Array.from({ length: 24 }, (_, index) => `history message ${index + 1}`);
    const releaseBobSync = bob.holdSync();
    try {
      for (const body of bodies) await alice.client.sendTextMessage(dmRoomId, body);
    } finally {
      releaseBobSync();
    }
    await bob.waitForDecryptedMessage(dmRoomId, bodies.at(-1) ?? '');
    const room = bob.room(dmRoomId);
    const beforePaging = bob.messageBodies(dmRoomId);
    assert.ok(!beforePaging.includes(bodies[1]), `Bob's sync after the pause is limited, leaving a gap to paginate; saw ${JSON.stringify(beforePaging)}`);

    const hasAll = () => bodies.every((body) => bob.messageBodies(dmRoomId).includes(body));
    for (let page = 0; page < 10 && !hasAll(); page++) await bob.client.scrollback(room, 10);
    await server.waitFor('every paginated message to be decrypted', hasAll, { explain: () => JSON.stringify(bob.messageBodies(dmRoomId)) });
    const history = bob.messageBodies(dmRoomId).filter((body): body is string => typeof body === 'string' && body.startsWith('history message '));
    assert.deepEqual(history, bodies);
  });

  test('a third user joins an encrypted group room and reads new messages', async () => {
    carol = await server.login(await server.register('carol'), 'Carol desktop');
    const created = await alice.client.createRoom({
      name: 'Team',
      preset: Preset.PublicChat,
      room_alias_name: 'team',
      invite: [bob.userId],
      initial_state: encryptedRoomState,
    });
    groupRoomId = created.room_id;
    await bob.waitForMyMembership(groupRoomId, 'invite');
    await bob.client.joinRoom(groupRoomId);
    await alice.waitForMembership(groupRoomId, bob.userId, 'join');
    await alice.waitForEncryptedRoom(groupRoomId);
    await sendAndReadEncrypted(alice, groupRoomId, 'Welcome to the team room', [bob]);

    const joined = await carol.client.joinRoom(`#team:${server.serverName}`);
    assert.equal(joined.roomId, groupRoomId);
    await carol.waitForEncryptedRoom(groupRoomId);
    await alice.waitForMembership(groupRoomId, carol.userId, 'join');
    await bob.waitForMembership(groupRoomId, carol.userId, 'join');

    await sendAndReadEncrypted(alice, groupRoomId, 'Carol, welcome aboard', [carol, bob]);
    await sendAndReadEncrypted(bob, groupRoomId, 'Hello from Bob to the team', [carol, alice]);
    const [carolsMessage] = await sendAndReadEncrypted(carol, groupRoomId, 'Thanks, Carol here', [alice, bob]);
    carolsLastMessageId = carolsMessage?.getId() ?? '';
  });

  test('a kicked user no longer receives new messages, and the server refuses them to her', async () => {
    await alice.client.kick(groupRoomId, carol.userId, 'Left the team');
    await carol.waitForMyMembership(groupRoomId, 'leave');
    await alice.waitForMembership(groupRoomId, carol.userId, 'leave');
    const afterKick = 'Only for the remaining team';
    const { event_id: afterKickId } = await alice.client.sendTextMessage(groupRoomId, afterKick);
    await bob.waitForDecryptedMessage(groupRoomId, afterKick);

    // One stream orders everything /sync delivers: once Carol's client sees a later write of her own,
    // an event for her from before it would already have arrived.
    await carol.client.setAccountData(SYNC_MARKER, { after: afterKickId });
    await server.waitFor("Carol's client to sync past Alice's message", () => carol.client.getAccountData(SYNC_MARKER)?.getContent().after === afterKickId);
    assert.ok(!carol.timeline(groupRoomId).some(({ event }) => event.getId() === afterKickId), 'the kicked user never receives the new event');

    const history = await carol.client.createMessagesRequest(groupRoomId, null, 100, Direction.Backward);
    assert.ok(history.chunk.some((event) => event.event_id === carolsLastMessageId), '/messages still shows her what she saw while a member');
    assert.ok(!history.chunk.some((event) => event.event_id === afterKickId), '/messages leaves out what was sent after the kick');
    const fetched = await carol.client.fetchRoomEvent(groupRoomId, afterKickId).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(fetched instanceof MatrixError && (fetched.httpStatus === 403 || fetched.httpStatus === 404), `/event refuses the new event, got ${describeError(fetched)}`);
  });
});
