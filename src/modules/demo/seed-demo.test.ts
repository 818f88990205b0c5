import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { matrixClient, type MatrixEvent, type MatrixTestClient } from '../../../test/support/matrix-client.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { DEMO_CHAT_ACCOUNTS, DEMO_CHAT_ROOM } from './demo-chat.js';
import { seedDemo } from './seed-demo.js';

const now = new Date();

describeEachDialect('seeding the demo directory', (dialect) => {
  let app: TestApp;
  const deps = () => ({ directory: app.directory, accounts: app.accounts, chat: app.chat, mandates: app.mandates });
  const chatAccount = (localpart: string) => DEMO_CHAT_ACCOUNTS.find((a) => a.localpart === localpart)!;
  const logInAs = async (localpart: string) => (await matrixClient(app)).login(localpart, chatAccount(localpart).password);

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(async () => app.close());

  test('an empty database gets the demo directory, findable by search', async () => {
    const outcome = await seedDemo(deps(), { now });
    assert.equal(outcome.state, 'seeded');
    const all = await app.directory.search({ limit: 5 });
    assert.ok(all.total >= 200, `${all.total} offers found`);
    const seniors = await app.directory.search({ audiences: ['seniors'], limit: 50 });
    assert.ok(seniors.total > 0 && seniors.offers.every((card) => card.offer.audiences.includes('seniors')));
    const smartphone = await app.directory.search({ text: 'smartphone', limit: 50 });
    assert.ok(smartphone.total > 0);
    assert.ok(smartphone.offers.every((card) => card.offer.isDemo && card.organization.name.endsWith('(Demo)')));
  });

  test('the demo has an accredited helpdesk and an active mandate from Maria to her son, only once', async () => {
    const maria = await app.accounts.findByEmail('maria@demo.zesummen.example');
    const joao = await app.accounts.findByEmail('joao@demo.zesummen.example');
    assert.ok(maria && joao);
    const given = await app.mandates.listAsPrincipal(maria);
    assert.equal(given.length, 1);
    assert.equal(given[0]?.status, 'active');
    assert.deepEqual((await app.mandates.listAsAgent(joao)).map((m) => m.id), [given[0]?.id]);
    assert.ok((await app.mandates.listAccreditations()).some((a) => a.current && a.organizationName.endsWith('(Demo)')));
    await seedDemo(deps(), { now });
    assert.equal((await app.mandates.listAsPrincipal(maria)).length, 1);
  });

  test('every demo account can sign in, and the providers manage their organisations', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await app.accounts.authenticate(account.email, account.password);
      assert.ok(user, account.email);
      assert.equal(user.role, account.role);
      assert.deepEqual([...user.organizationIds].sort(), [...account.organizationIds].sort());
      for (const organizationId of account.organizationIds) {
        assert.equal(await app.accounts.isTrusted(user.id, organizationId), account.trusted);
        assert.ok(await app.directory.getOrganization(organizationId), organizationId);
      }
    }
  });

  test('every demo chat account can log in with its published password; demo-admin is a server admin', async () => {
    const serverName = app.config.chat.serverName;
    for (const account of DEMO_CHAT_ACCOUNTS) {
      const client = await logInAs(account.localpart);
      assert.equal(client.userId, `@${account.localpart}:${serverName}`);
      const profile = await client.requestOk('GET', `/_matrix/client/v3/profile/${encodeURIComponent(client.userId)}`);
      assert.equal(profile.displayname, account.displayName);
      const adminView = await client.request('GET', `/_synapse/admin/v2/users/${encodeURIComponent(client.userId)}`, { offSpec: true });
      assert.equal(adminView.status, account.admin ? 200 : 403, account.localpart);
    }
  });

  test('the demo room holds demo-helper, demo-citizen and the friendly demo messages', async () => {
    const citizen = await logInAs('demo-citizen');
    const room = await demoRoom(citizen, app.config.chat.serverName);
    assert.equal(room.name, DEMO_CHAT_ROOM.name);
    assert.deepEqual(room.members, [`@demo-citizen:${app.config.chat.serverName}`, `@demo-helper:${app.config.chat.serverName}`]);
    assert.deepEqual(room.messages, DEMO_CHAT_ROOM.messages.map((m) => ({ sender: `@${m.from}:${app.config.chat.serverName}`, body: m.body })));
  });

  test('seeding again changes nothing unless asked to replace, and never duplicates the demo chat', async () => {
    const before = await app.directory.search({ limit: 1 });
    const citizen = await logInAs('demo-citizen');
    const roomBefore = await demoRoom(citizen, app.config.chat.serverName);
    const again = await seedDemo(deps(), { now });
    assert.equal(again.state, 'already_seeded');
    assert.equal(again.state === 'already_seeded' && again.chat.state, 'ready');
    assert.equal((await app.directory.search({ limit: 1 })).total, before.total);
    const replaced = await seedDemo(deps(), { now, replace: true });
    assert.equal(replaced.state, 'replaced');
    assert.equal((await app.directory.search({ limit: 1 })).total, before.total);
    assert.deepEqual(await demoRoom(citizen, app.config.chat.serverName), roomBefore);
    const joined = await citizen.requestOk<{ joined_rooms: string[] }>('GET', '/_matrix/client/v3/joined_rooms');
    assert.deepEqual(joined.joined_rooms, [roomBefore.roomId]);
    assert.equal(await app.chat.accounts.countUsersOtherThan([]), DEMO_CHAT_ACCOUNTS.length);
  });

  test('demo-admin gets its admin flag back when the demo is seeded again', async () => {
    const admin = await logInAs('demo-admin');
    await app.chat.accounts.setAdmin(admin.userId, false);
    await seedDemo(deps(), { now });
    const adminView = await admin.request('GET', `/_synapse/admin/v2/users/${encodeURIComponent(admin.userId)}`, { offSpec: true });
    assert.equal(adminView.status, 200);
  });

  test('a database with real listings is never seeded, even with replace', async () => {
    await app.directory.importDirectory({
      organizations: [{ id: 'real-org', name: 'Real association', description: [], email: null, phone: null, website: null }],
      locations: [],
      offers: [],
      sessions: [],
    });
    const outcome = await seedDemo(deps(), { now, replace: true });
    assert.deepEqual(outcome, { state: 'refused_real_data', real: 1 });
    assert.ok(await app.directory.getOrganization('real-org'));
  });
});

describeEachDialect('seeding the demo next to real chat accounts', (dialect) => {
  let app: TestApp;

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(async () => app.close());

  test('a homeserver where a real person has an account gets no demo chat accounts and no demo room', async () => {
    await app.chat.accounts.createUser({ username: 'marie', password: 'a real and long password' });
    const outcome = await seedDemo({ directory: app.directory, accounts: app.accounts, chat: app.chat, mandates: app.mandates }, { now });
    assert.equal(outcome.state, 'seeded');
    assert.deepEqual(outcome.state === 'seeded' && outcome.chat, { state: 'refused_real_users', real: 1 });
    const client = await matrixClient(app);
    for (const account of DEMO_CHAT_ACCOUNTS) {
      const login = await client.request('POST', '/_matrix/client/v3/login', {
        body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: account.localpart }, password: account.password },
        token: null,
      });
      assert.equal(login.status, 403, account.localpart);
    }
    const marie = await client.login('marie', 'a real and long password');
    const alias = `#${DEMO_CHAT_ROOM.aliasLocalpart}:${app.config.chat.serverName}`;
    const lookup = await marie.request('GET', `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
    assert.equal(lookup.status, 404);
  });
});

/** What a member sees of the demo room: found by its alias, then its name, members and messages. */
async function demoRoom(client: MatrixTestClient, serverName: string) {
  const alias = `#${DEMO_CHAT_ROOM.aliasLocalpart}:${serverName}`;
  const { room_id: roomId } = await client.requestOk<{ room_id: string }>('GET', `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
  const room = (path: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${path}`;
  const { name } = await client.requestOk<{ name: string }>('GET', room('state/m.room.name/'));
  const { joined } = await client.requestOk<{ joined: Record<string, unknown> }>('GET', room('joined_members'));
  const history = await client.requestOk<{ chunk: MatrixEvent[] }>('GET', room('messages'), { query: { dir: 'f', limit: 100 } });
  const messages = history.chunk.filter((e) => e.type === 'm.room.message').map((e) => ({ sender: e.sender, body: e.content.body }));
  return { roomId, name, members: Object.keys(joined).sort(), messages };
}
