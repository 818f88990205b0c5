import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, useDatabaseForCli } from '../../test/support/cli.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { describeEachDialect, freshDatabase, type TestDatabase } from '../../test/support/test-app.js';

describeEachDialect('zesummen chat-admin', (dialect) => {
  let database: TestDatabase;

  before(async () => {
    database = await freshDatabase(dialect);
    useDatabaseForCli(database.config);
  });
  after(() => database.drop());

  const withApp = async <T>(use: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> => {
    const app = await buildApp(loadConfig());
    try {
      return await use(app);
    } finally {
      await app.close();
    }
  };

  test('create-user makes an account with a generated password, shown once, that logs in', async (t) => {
    const { code, out } = await runCommand(t, 'chat-admin', 'create-user', 'Anna', '--admin');
    assert.equal(code, 0);
    assert.match(out[0] ?? '', /^Created @anna:\S+ \(server admin\)\.$/);
    const password = /^Password: (\S{20,})$/.exec(out[1] ?? '')?.[1];
    assert.ok(password, `a generated password in ${JSON.stringify(out)}`);
    await withApp(async (app) => {
      const session = await app.chat.accounts.login('anna', password, { ip: null });
      assert.equal((await app.chat.tokens.resolve(session.accessToken)).isAdmin, true);
    });
  });

  test('create-user refuses taken names and weak passwords in words', async (t) => {
    const taken = await runCommand(t, 'chat-admin', 'create-user', 'anna', '--password', 'long enough password');
    assert.equal(taken.code, 1);
    assert.match(taken.err[0] ?? '', /already taken \(M_USER_IN_USE\)/);
    const weak = await runCommand(t, 'chat-admin', 'create-user', 'ben', '--password', 'short');
    assert.equal(weak.code, 1);
    assert.match(weak.err[0] ?? '', /M_WEAK_PASSWORD/);
    assert.equal((await runCommand(t, 'chat-admin', 'create-user')).code, 2);
  });

  test('reset-password sets the given password and ends every session', async (t) => {
    assert.equal((await runCommand(t, 'chat-admin', 'create-user', 'carla', '--password', 'first long password')).code, 0);
    const token = await withApp(async (app) => (await app.chat.accounts.login('carla', 'first long password', { ip: null })).accessToken);
    const { code, out } = await runCommand(t, 'chat-admin', 'reset-password', 'carla', '--password', 'second long password');
    assert.equal(code, 0);
    assert.match(out[0] ?? '', /^New password set for @carla:\S+; every device was logged out\.$/);
    await withApp(async (app) => {
      await assert.rejects(app.chat.tokens.resolve(token), { errcode: 'M_UNKNOWN_TOKEN' });
      await app.chat.accounts.login('carla', 'second long password', { ip: null });
    });
  });

  test('deactivate-user bars the account from logging in; unknown users are reported', async (t) => {
    const { code, out } = await runCommand(t, 'chat-admin', 'deactivate-user', 'carla');
    assert.equal(code, 0);
    assert.match(out[0] ?? '', /^Deactivated @carla:\S+: every session ended and every room left\.$/);
    await withApp(async (app) => {
      await assert.rejects(app.chat.accounts.login('carla', 'second long password', { ip: null }), { errcode: 'M_USER_DEACTIVATED' });
    });
    const unknown = await runCommand(t, 'chat-admin', 'deactivate-user', '@nobody:elsewhere.example');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err[0] ?? '', /M_NOT_FOUND/);
  });

  test('create-registration-token issues a token with the given uses and expiry', async (t) => {
    const { code, out } = await runCommand(t, 'chat-admin', 'create-registration-token', '--uses', '3', '--expires-days', '7');
    assert.equal(code, 0);
    const match = /^Registration token: (\S+) \(3 uses, expires (\S+)\)$/.exec(out[0] ?? '');
    assert.ok(match, JSON.stringify(out));
    const expires = Date.parse(match[2] ?? '');
    assert.ok(Math.abs(expires - (Date.now() + 7 * 86_400_000)) < 60_000);
    await withApp(async (app) => assert.equal(await app.chat.accounts.registrationTokens.isValid(match[1] ?? ''), true));
    assert.equal((await runCommand(t, 'chat-admin', 'create-registration-token', '--uses', 'many')).code, 2);
  });

  test('list-rooms shows each room with its name, members and settings', async (t) => {
    assert.deepEqual((await runCommand(t, 'chat-admin', 'list-rooms')).out, ['No rooms.']);
    const roomId = await withApp(async (app) => {
      const creator = `@anna:${app.chat.config.serverName}`;
      return (await app.chat.rooms.createRoom(creator, 'CLI', { name: 'Help desk', preset: 'public_chat', visibility: 'public' })).roomId;
    });
    const { code, out } = await runCommand(t, 'chat-admin', 'list-rooms');
    assert.equal(code, 0);
    assert.deepEqual(out, [`${roomId}  Help desk  1 member  public, unencrypted  created by @anna:${loadConfig().chat.serverName}`]);
  });
});
