import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import {
  castOf,
  manualClock,
  offerInput,
  published,
  sessionInput,
  unwrap,
  type Cast,
} from '../../../test/support/directory-fixtures.js';
import type { CourseSession, SessionInput } from './index.js';

describeEachDialect('directory registrations', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  let offerId: string;
  const clock = manualClock('2026-03-02T09:00:00.000Z');

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
    offerId = published(unwrap(await app.directory.createOffer(cast.trusted, cast.organization.id, offerInput()))).id;
  });
  after(async () => app.close());

  const newSession = async (overrides: Partial<SessionInput> = {}): Promise<CourseSession> =>
    unwrap(await app.directory.createSession(cast.trusted, offerId, sessionInput(overrides)));
  const register = (sessionId: string, name: string) =>
    app.directory.register(sessionId, { name, contact: `${name.toLowerCase()}@example.lu`, needs: null });

  test('places are confirmed until the session is full, then people wait; a cancel link frees a place', async () => {
    const session = await newSession({ capacity: 2 });
    const anna = unwrap(await register(session.id, 'Anna'));
    const ben = unwrap(await register(session.id, 'Ben'));
    const carla = unwrap(await app.directory.register(session.id, { name: 'Carla', contact: '+352 621 123 456', needs: 'Large print, please' }));
    const dan = unwrap(await register(session.id, 'Dan'));
    assert.deepEqual(
      [anna, ben, carla, dan].map((r) => r.registration.status),
      ['confirmed', 'confirmed', 'waitlisted', 'waitlisted'],
    );
    assert.notEqual(anna.cancelToken, ben.cancelToken);

    const found = await app.directory.findRegistrationByToken(ben.cancelToken);
    assert.equal(found?.registration.name, 'Ben');
    assert.equal(found?.session.id, session.id);

    const cancelled = unwrap(await app.directory.cancelRegistration(ben.cancelToken));
    assert.equal(cancelled.registration.status, 'cancelled');
    assert.equal(cancelled.promoted?.name, 'Carla');
    assert.deepEqual(await app.directory.cancelRegistration(ben.cancelToken), { ok: false, error: { code: 'already_cancelled' } });
    assert.deepEqual(await app.directory.cancelRegistration('made-up-token'), { ok: false, error: { code: 'not_found' } });

    const waitingCancel = unwrap(await app.directory.cancelRegistration(dan.cancelToken));
    assert.equal(waitingCancel.promoted, null);

    const list = unwrap(await app.directory.listRegistrations(cast.untrusted, session.id));
    assert.deepEqual(list.confirmed.map((r) => r.name), ['Anna', 'Carla']);
    assert.equal(list.confirmed[1]?.needs, 'Large print, please');
    assert.deepEqual(list.waitlisted, []);
    assert.deepEqual(list.cancelled.map((r) => r.name), ['Ben', 'Dan']);
    assert.deepEqual(await app.directory.listRegistrations(cast.stranger, session.id), { ok: false, error: { code: 'forbidden' } });
  });

  test('two people racing for the last place: one gets it, the other waits', async () => {
    const session = await newSession({ capacity: 1 });
    const results = await Promise.all([register(session.id, 'Eva'), register(session.id, 'Finn')]);
    const statuses = results.map((r) => unwrap(r).registration.status).sort();
    assert.deepEqual(statuses, ['confirmed', 'waitlisted']);

    const crowd = await newSession({ capacity: 3 });
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => register(crowd.id, `Person${i}`)));
    const confirmed = many.map((r) => unwrap(r)).filter((r) => r.registration.status === 'confirmed');
    assert.equal(confirmed.length, 3);

    // Cancelling two confirmed places at once hands them to two different people.
    const promoted = await Promise.all(confirmed.slice(0, 2).map((r) => app.directory.cancelRegistration(r.cancelToken)));
    const names = promoted.map((r) => unwrap(r).promoted?.name);
    assert.equal(new Set(names).size, 2);
    assert.equal(unwrap(await app.directory.listRegistrations(cast.trusted, crowd.id)).confirmed.length, 3);
  });

  test('raising the capacity confirms people from the waiting list', async () => {
    const session = await newSession({ capacity: 1 });
    await register(session.id, 'Gina');
    const waiting = unwrap(await register(session.id, 'Hugo'));
    assert.equal(waiting.registration.status, 'waitlisted');
    unwrap(await app.directory.updateSession(cast.trusted, session.id, sessionInput({ capacity: 2 })));
    const list = unwrap(await app.directory.listRegistrations(cast.trusted, session.id));
    assert.deepEqual(list.confirmed.map((r) => r.name), ['Gina', 'Hugo']);
  });

  test('no registration for a cancelled or past session, or with unusable contact details', async () => {
    const cancelled = await newSession({ cancelled: true });
    assert.deepEqual(await register(cancelled.id, 'Ida'), { ok: false, error: { code: 'session_closed' } });
    const past = await newSession({ startsAt: '2026-03-01T10:00:00Z', endsAt: '2026-03-01T12:00:00Z' });
    assert.deepEqual(await register(past.id, 'Ida'), { ok: false, error: { code: 'session_closed' } });
    assert.deepEqual(await register('no-such-session', 'Ida'), { ok: false, error: { code: 'not_found' } });

    const open = await newSession();
    const bad = await app.directory.register(open.id, { name: '', contact: 'somewhere', needs: 'x'.repeat(3000) });
    assert.ok(!bad.ok && bad.error.code === 'invalid');
    assert.deepEqual(Object.keys(bad.error.fields).sort(), ['contact', 'name', 'needs']);
  });
});

describeEachDialect('registrations are not kept forever', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  const clock = manualClock('2026-03-02T09:00:00.000Z');

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
  });
  after(async () => app?.close());

  test('thirty days after a session ends, its registrations are deleted, and only its own', async () => {
    const offer = published(unwrap(await app.directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const april = unwrap(await app.directory.createSession(cast.trusted, offer.id, sessionInput({ capacity: 1 })));
    const may = unwrap(
      await app.directory.createSession(cast.trusted, offer.id, sessionInput({ startsAt: '2026-05-20T14:00:00.000Z', endsAt: '2026-05-20T16:00:00.000Z' })),
    );
    const person = (name: string) => ({ name, contact: `${name.toLowerCase()}@example.lu`, needs: 'Large print' });
    unwrap(await app.directory.register(april.id, person('Anna')));
    const waiting = unwrap(await app.directory.register(april.id, person('Ben')));
    unwrap(await app.directory.cancelRegistration(waiting.cancelToken));
    unwrap(await app.directory.register(may.id, person('Carla')));
    const names = async (sessionId: string) => {
      const list = unwrap(await app.directory.listRegistrations(cast.moderator, sessionId));
      return [...list.confirmed, ...list.waitlisted, ...list.cancelled].map((r) => r.name).sort();
    };

    // The April session ends at 16:00 on 1 April: its details are kept 30 whole days after that.
    clock.set('2026-05-01T16:00:00.000Z');
    assert.equal(await app.directory.purgeExpiredRegistrations(), 0);
    assert.deepEqual(await names(april.id), ['Anna', 'Ben']);

    clock.set('2026-05-01T16:00:01.000Z');
    assert.equal(await app.directory.purgeExpiredRegistrations(), 2, 'cancelled registrations go too');
    assert.deepEqual(await names(april.id), []);
    assert.deepEqual(await names(may.id), ['Carla']);
    assert.ok(await app.directory.getSession(april.id), 'the session itself stays in the directory');
    assert.equal(await app.directory.findRegistrationByToken(waiting.cancelToken), null);
    assert.equal(await app.directory.purgeExpiredRegistrations(), 0);
  });
});
