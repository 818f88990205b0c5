import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../cli.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { describeEachDialect, freshDatabase, type TestDatabase } from '../../test/support/test-app.js';
import { matrixClient, type MatrixEvent } from '../../test/support/matrix-client.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    return { code: await runCli(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describeEachDialect('zesummen seed --demo', (dialect) => {
  let database: TestDatabase;

  // Each test file runs in its own process, so pointing the environment at a scratch database is contained.
  before(async () => {
    database = await freshDatabase(dialect);
    process.env.DATA_DIR = database.config.dataDir;
    process.env.PUBLIC_URL = 'http://localhost:3000';
    if (database.config.databaseUrl) process.env.DATABASE_URL = database.config.databaseUrl;
    else delete process.env.DATABASE_URL;
  });
  after(async () => database.drop());

  test('fills an empty directory, says so and lists the demo accounts and demo chat accounts', async () => {
    const first = await cli('seed', '--demo');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Seeded the demo directory: 40 organisations, \d+ places, 250 offers/);
    assert.match(first.out, /moderator@demo\.zesummen\.example\s+demo-moderator-zesummen/);
    assert.match(first.out, /messenger localhost:3000/);
    assert.match(first.out, /type http:\/\/localhost:3000,/);
    assert.match(first.out, /a helper at an Internetstuff\s+@demo-helper:localhost:3000\s+demo-helper-zesummen/);
    assert.match(first.out, /@demo-citizen:localhost:3000\s+demo-citizen-zesummen/);
    assert.match(first.out, /@demo-admin:localhost:3000\s+demo-admin-zesummen/);
    assert.match(first.out, /Demo room: #demo-help:localhost:3000/);
  });

  test('seeding again leaves the data alone, explains --replace and adds no second demo room', async () => {
    const again = await cli('seed', '--demo');
    assert.equal(again.code, 0);
    assert.match(again.out, /already there; nothing changed\. Add --replace/);
    assert.match(again.out, /@demo-helper:localhost:3000\s+demo-helper-zesummen/);
    const replaced = await cli('seed', '--demo', '--replace');
    assert.equal(replaced.code, 0);
    assert.match(replaced.out, /Replaced the demo directory/);

    const app = await buildApp(loadConfig());
    try {
      const citizen = await (await matrixClient(app)).login('@demo-citizen:localhost:3000', 'demo-citizen-zesummen');
      const { joined_rooms: rooms } = await citizen.requestOk<{ joined_rooms: string[] }>('GET', '/_matrix/client/v3/joined_rooms');
      assert.equal(rooms.length, 1);
      const history = await citizen.requestOk<{ chunk: MatrixEvent[] }>('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(rooms[0]!)}/messages`, {
        query: { dir: 'f', limit: 100 },
      });
      assert.equal(history.chunk.filter((e) => e.type === 'm.room.message').length, 3);
    } finally {
      await app.close();
    }
  });
});

test('seed without --demo is a usage error', async () => {
  const result = await cli('seed');
  assert.equal(result.code, 2);
  assert.match(result.err, /seed --demo/);
});
