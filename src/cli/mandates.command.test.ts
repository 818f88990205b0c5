import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, useDatabaseForCli } from '../../test/support/cli.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { describeEachDialect, freshDatabase, type TestDatabase } from '../../test/support/test-app.js';
import { redirectUriProblem } from './mandates.command.js';

test('redirect URIs must be absolute, without fragment, and https except on this machine', () => {
  assert.equal(redirectUriProblem('https://tax.example.lu/zesummen/callback?x=1'), null);
  assert.equal(redirectUriProblem('http://localhost:4000/callback'), null);
  assert.equal(redirectUriProblem('http://127.0.0.1:4000/callback'), null);
  assert.match(redirectUriProblem('/callback') ?? '', /absolute/);
  assert.match(redirectUriProblem('https://tax.example.lu/callback#top') ?? '', /fragment/);
  assert.match(redirectUriProblem('https://user:pw@tax.example.lu/callback') ?? '', /user name/);
  assert.match(redirectUriProblem('http://tax.example.lu/callback') ?? '', /https/);
  assert.match(redirectUriProblem('javascript:alert(1)') ?? '', /https/);
});

describeEachDialect('zesummen mandates add-service', (dialect) => {
  let database: TestDatabase;

  before(async () => {
    database = await freshDatabase(dialect);
    useDatabaseForCli(database.config);
  });
  after(() => database.drop());

  test('registers the service and prints a client id and secret that authenticate it', async (t) => {
    const { code, out, err } = await runCommand(t, 'mandates', 'add-service', 'Demo tax portal', 'https://tax.example.lu/callback');
    assert.equal(code, 0, err.join('\n'));
    assert.equal(out[0], 'Registered "Demo tax portal", sending agents to https://tax.example.lu/callback.');
    const clientId = /^Client id: (\S+)$/.exec(out[1] ?? '')?.[1];
    const clientSecret = /^Client secret: (\S{20,})$/.exec(out[2] ?? '')?.[1];
    assert.ok(clientId && clientSecret, JSON.stringify(out));

    const app = await buildApp(loadConfig());
    try {
      assert.deepEqual(
        (await app.mandates.listServices()).map((s) => [s.clientId, s.name, s.redirectUri]),
        [[clientId, 'Demo tax portal', 'https://tax.example.lu/callback']],
      );
      const exchange = (secret: string) =>
        app.mandates.exchangeToken({
          clientId,
          clientSecret: secret,
          grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subjectToken: 'NO-SUCH-CODE',
          subjectTokenType: 'urn:zesummen:params:oauth:token-type:delegation-code',
          scope: 'taxes_money:view',
        });
      // The right secret gets past client authentication to the code; a wrong one does not.
      const right = await exchange(clientSecret);
      assert.equal(right.ok ? 'issued' : right.error.reason, 'unknown_code');
      const wrong = await exchange(`${clientSecret}x`);
      assert.equal(wrong.ok ? 'issued' : wrong.error.reason, 'unknown_client');
    } finally {
      await app.close();
    }
  });

  test('refuses missing arguments and unusable redirect URIs without registering anything', async (t) => {
    const missing = await runCommand(t, 'mandates', 'add-service', 'Only a name');
    assert.equal(missing.code, 2);
    assert.match(missing.err[0] ?? '', /name and its redirect URI/);
    const insecure = await runCommand(t, 'mandates', 'add-service', 'Portal', 'http://portal.example.lu/callback');
    assert.equal(insecure.code, 2);
    assert.match(insecure.err[0] ?? '', /https:\/\//);
    const app = await buildApp(loadConfig());
    try {
      assert.equal((await app.mandates.listServices()).length, 1);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('zesummen mandates remind', (dialect) => {
  let database: TestDatabase;

  before(async () => {
    database = await freshDatabase(dialect);
    useDatabaseForCli(database.config);
  });
  after(() => database.drop());

  test('says so when no reminder is due', async (t) => {
    const { code, out } = await runCommand(t, 'mandates', 'remind');
    assert.equal(code, 0);
    assert.deepEqual(out, ['No reminder was due.']);
  });
});
