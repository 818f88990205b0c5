import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { castOf, manualClock, offerInput, published, sessionInput, unwrap } from '../../test/support/directory-fixtures.js';

// The CLI reads its configuration from the environment: this file's process gets its own DATA_DIR.
const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-purge-cli-'));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL = 'error';
delete process.env.DATABASE_URL;
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('zesummen purge deletes the registrations of sessions long over, and says how many', async (t) => {
  // Registrations made back then, with a clock of that time; the command runs with today's.
  const app = await buildApp(loadConfig(), { clock: manualClock('2020-03-02T09:00:00.000Z') });
  let upcoming: string;
  try {
    const cast = await castOf(app);
    const offer = published(unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput())));
    const past = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput({ startsAt: '2020-04-01T14:00:00.000Z', endsAt: '2020-04-01T16:00:00.000Z' })));
    upcoming = unwrap(await app.directory.createSession(cast.moderator, offer.id, sessionInput({ startsAt: '2099-04-01T14:00:00.000Z', endsAt: '2099-04-01T16:00:00.000Z' }))).id;
    for (const name of ['Anna', 'Ben']) unwrap(await app.directory.register(past.id, { name, contact: `${name}@example.lu`, needs: null }));
    unwrap(await app.directory.register(upcoming, { name: 'Carla', contact: 'carla@example.lu', needs: null }));
  } finally {
    await app.close();
  }

  const out: string[] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => out.push(args.join(' ')));
  assert.equal(await runCli(['purge']), 0);
  assert.equal(await runCli(['purge']), 0);
  assert.deepEqual(out, [
    'Deleted 2 registrations of sessions that ended more than 30 days ago.',
    'Deleted 0 registrations of sessions that ended more than 30 days ago.',
  ]);

  const reopened = await buildApp(loadConfig());
  try {
    const admin = { id: 'check', role: 'admin' as const, organizationIds: [] };
    assert.deepEqual(unwrap(await reopened.directory.listRegistrations(admin, upcoming)).confirmed.map((r) => r.name), ['Carla']);
  } finally {
    await reopened.close();
  }
});
