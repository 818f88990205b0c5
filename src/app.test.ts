import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from './app.js';
import { buildTestApp, describeEachDialect, type TestApp } from '../test/support/test-app.js';
import { castOf, manualClock, offerInput, published, sessionInput, unwrap, type Cast } from '../test/support/directory-fixtures.js';

const DAY_MS = 86_400_000;

describeEachDialect('the server deletes expired registrations by itself', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let cast: Cast;
  let offerId: string;
  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
    offerId = published(unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput()))).id;
  });
  after(async () => app?.close());

  const registeredSession = async (day: string) => {
    const session = unwrap(
      await app.directory.createSession(cast.moderator, offerId, sessionInput({ startsAt: `${day}T14:00:00.000Z`, endsAt: `${day}T16:00:00.000Z` })),
    );
    unwrap(await app.directory.register(session.id, { name: 'Anna', contact: 'anna@example.lu', needs: null }));
    return session.id;
  };
  const registered = async (sessionId: string) => unwrap(await app.directory.listRegistrations(cast.moderator, sessionId)).confirmed.length;

  test('at start, then once a day, until it is closed', async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const early = await registeredSession('2026-03-10');
    const later = await registeredSession('2026-03-20');
    clock.set('2026-04-15T00:00:00.000Z');

    mock.timers.enable({ apis: ['setInterval'] });
    const server = await buildApp(app.config, { clock, housekeeping: true, strictMessages: true });
    try {
      assert.equal(await registered(early), 0, 'more than 30 days after the session: deleted at start');
      assert.equal(await registered(later), 1);

      clock.set('2026-04-20T00:00:00.000Z');
      mock.timers.tick(DAY_MS);
      for (let wait = 0; wait < 100 && (await registered(later)) > 0; wait += 1) await new Promise((done) => setImmediate(done));
      assert.equal(await registered(later), 0, 'the daily run deleted it');
    } finally {
      await server.close();
      mock.timers.reset();
    }
  });

  test('commands that only build the app leave registrations to the server and to "zesummen purge"', async () => {
    clock.set('2026-04-20T00:00:00.000Z');
    const session = await registeredSession('2026-04-21');
    clock.set('2026-06-01T00:00:00.000Z');
    const command = await buildApp(app.config, { clock, strictMessages: true });
    try {
      assert.equal(await registered(session), 1);
    } finally {
      await command.close();
    }
  });
});
