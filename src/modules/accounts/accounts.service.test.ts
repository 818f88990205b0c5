import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import { totpAt, wrongCode } from '../../../test/support/totp.js';
import { hashSecret } from '../../shared/ids.js';
import { createAccounts } from './index.js';
import { findUserById } from './accounts.store.js';

const PASSWORD = 'correct horse battery';

describeEachDialect('accounts: people and the second factor', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:10.000Z');
  let app: TestApp;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
  });
  after(async () => app?.close());

  const person = async (email: string) =>
    unwrap(await app.accounts.createUser({ email, password: PASSWORD, displayName: `  ${email.split('@')[0]} `, role: 'person' }));
  const advanceSeconds = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000).toISOString());

  test('a person signs up, signs in, and is known to a session only inside it', async () => {
    const anna = await person('Anna@Example.lu');
    assert.deepEqual(anna, {
      id: anna.id,
      email: 'anna@example.lu',
      displayName: 'Anna',
      role: 'person',
      organizationIds: [],
      secondFactorEnrolled: false,
      secondFactorVerified: false,
      sessionId: null,
    });
    const again = await app.accounts.createUser({ email: 'anna@example.lu', password: PASSWORD, displayName: 'Anna 2', role: 'person' });
    assert.deepEqual(again, { ok: false, error: 'email_taken' });
    const racing = await Promise.all(
      [1, 2, 3].map((n) => app.accounts.createUser({ email: 'bea@example.lu', password: PASSWORD, displayName: `Bea ${n}`, role: 'person' })),
    );
    assert.deepEqual(racing.map((r) => (r.ok ? 'created' : r.error)).sort(), ['created', 'email_taken', 'email_taken'], 'simultaneous sign-ups with one address');
    assert.equal((await app.accounts.findByEmail('ANNA@example.lu'))?.sessionId, null);
    assert.equal((await app.accounts.authenticate('anna@example.lu', PASSWORD))?.role, 'person');

    const { token } = await app.accounts.startSession(anna.id);
    const inSession = await app.accounts.userForSession(token);
    assert.equal(inSession?.sessionId, hashSecret(token));
    assert.equal(inSession?.secondFactorVerified, false);
    assert.equal(await app.accounts.isSessionVerified(hashSecret(token)), false);
  });

  test('usersByIds names the accounts it knows and leaves out the others', async () => {
    const ben = await person('ben@example.lu');
    const carla = await person('carla@example.lu');
    const names = await app.accounts.usersByIds([ben.id, carla.id, ben.id, 'no-such-id']);
    assert.deepEqual(
      [...names.entries()].sort(([a], [b]) => a.localeCompare(b)),
      [
        [ben.id, { displayName: 'ben', email: 'ben@example.lu' }],
        [carla.id, { displayName: 'carla', email: 'carla@example.lu' }],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    assert.equal((await app.accounts.usersByIds([])).size, 0);
  });

  test('enrolment: the seed is kept sealed, resumed on reload, and confirmed by a first code', async () => {
    const dora = await person('dora@example.lu');
    const { token } = await app.accounts.startSession(dora.id);
    const sessionId = hashSecret(token);

    const setup = unwrap(await app.accounts.beginSecondFactorEnrolment(dora.id));
    assert.match(setup.secret, /^[A-Z2-7]{32}$/);
    assert.equal(new URL(setup.uri).searchParams.get('secret'), setup.secret);
    assert.equal(unwrap(await app.accounts.beginSecondFactorEnrolment(dora.id)).secret, setup.secret, 'a reload shows the same seed');
    const stored = await findUserById(app.db, dora.id);
    assert.ok(stored?.second_factor_secret && !stored.second_factor_secret.includes(setup.secret), 'only the sealed seed is stored');
    assert.equal(stored.second_factor_enrolled_at, null);

    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, dora.id, totpAt(setup.secret, clock.now())), { ok: false, error: 'not_enrolled' });
    assert.deepEqual(await app.accounts.confirmSecondFactorEnrolment(sessionId, dora.id, wrongCode(setup.secret, clock.now())), { ok: false, error: 'wrong_code' });
    assert.deepEqual(await app.accounts.confirmSecondFactorEnrolment(sessionId, dora.id, totpAt(setup.secret, clock.now(), 2)), { ok: false, error: 'wrong_code' });
    assert.equal((await app.accounts.userForSession(token))?.secondFactorEnrolled, false);

    assert.deepEqual(await app.accounts.confirmSecondFactorEnrolment(sessionId, dora.id, totpAt(setup.secret, clock.now())), { ok: true, value: undefined });
    const user = await app.accounts.userForSession(token);
    assert.equal(user?.secondFactorEnrolled, true);
    assert.equal(user?.secondFactorVerified, true, 'enrolling verifies the session');
    assert.equal(await app.accounts.isSessionVerified(sessionId), true);
    assert.equal((await app.accounts.findByEmail('dora@example.lu'))?.secondFactorVerified, false, 'outside a session, never verified');
    assert.deepEqual(await app.accounts.beginSecondFactorEnrolment(dora.id), { ok: false, error: 'already_enrolled' });
    assert.deepEqual(await app.accounts.confirmSecondFactorEnrolment(sessionId, dora.id, totpAt(setup.secret, clock.now(), 1)), { ok: false, error: 'already_enrolled' });
  });

  test('verification: per session, each time step once, wrong codes refused, gone after sign-out', async () => {
    const emil = await person('emil@example.lu');
    const first = await app.accounts.startSession(emil.id);
    const { secret } = unwrap(await app.accounts.beginSecondFactorEnrolment(emil.id));
    unwrap(await app.accounts.confirmSecondFactorEnrolment(hashSecret(first.token), emil.id, totpAt(secret, clock.now())));

    const second = await app.accounts.startSession(emil.id);
    const sessionId = hashSecret(second.token);
    assert.equal((await app.accounts.userForSession(second.token))?.secondFactorVerified, false, 'a new session starts unverified');
    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, emil.id, totpAt(secret, clock.now())), { ok: false, error: 'code_used' });
    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, emil.id, totpAt(secret, clock.now(), -1)), { ok: false, error: 'code_used' }, 'an earlier step');
    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, emil.id, wrongCode(secret, clock.now())), { ok: false, error: 'wrong_code' });

    advanceSeconds(30);
    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, emil.id, totpAt(secret, clock.now())), { ok: true, value: undefined });
    assert.equal((await app.accounts.userForSession(second.token))?.secondFactorVerified, true);
    assert.equal(await app.accounts.isSessionVerified(sessionId), true);

    // The step after now is accepted for a phone running ahead, and then spends the current one too.
    const third = await app.accounts.startSession(emil.id);
    assert.deepEqual(await app.accounts.verifySecondFactor(hashSecret(third.token), emil.id, totpAt(secret, clock.now(), 1)), { ok: true, value: undefined });
    advanceSeconds(30);
    const fourth = await app.accounts.startSession(emil.id);
    assert.deepEqual(await app.accounts.verifySecondFactor(hashSecret(fourth.token), emil.id, totpAt(secret, clock.now())), { ok: false, error: 'code_used' });

    await app.accounts.endSession(second.token);
    assert.equal(await app.accounts.isSessionVerified(sessionId), false, 'signed out');
    assert.deepEqual(await app.accounts.verifySecondFactor(sessionId, emil.id, totpAt(secret, clock.now(), 1)), { ok: false, error: 'session_ended' });
  });

  test('one code unlocks one session only, even when two arrive at once', async () => {
    const fabio = await person('fabio@example.lu');
    const enrolling = await app.accounts.startSession(fabio.id);
    const { secret } = unwrap(await app.accounts.beginSecondFactorEnrolment(fabio.id));
    unwrap(await app.accounts.confirmSecondFactorEnrolment(hashSecret(enrolling.token), fabio.id, totpAt(secret, clock.now())));
    advanceSeconds(30);
    const a = hashSecret((await app.accounts.startSession(fabio.id)).token);
    const b = hashSecret((await app.accounts.startSession(fabio.id)).token);
    const code = totpAt(secret, clock.now());
    const results = await Promise.all([app.accounts.verifySecondFactor(a, fabio.id, code), app.accounts.verifySecondFactor(b, fabio.id, code)]);
    assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
    assert.equal(Number(await app.accounts.isSessionVerified(a)) + Number(await app.accounts.isSessionVerified(b)), 1);
  });

  test('sessions of other people and expired sessions are not verified', async () => {
    const gina = await person('gina@example.lu');
    const hugo = await person('hugo@example.lu');
    const ginaSession = await app.accounts.startSession(gina.id);
    const { secret } = unwrap(await app.accounts.beginSecondFactorEnrolment(gina.id));
    unwrap(await app.accounts.confirmSecondFactorEnrolment(hashSecret(ginaSession.token), gina.id, totpAt(secret, clock.now())));
    const hugoSession = hashSecret((await app.accounts.startSession(hugo.id)).token);
    advanceSeconds(30);
    assert.deepEqual(await app.accounts.verifySecondFactor(hugoSession, gina.id, totpAt(secret, clock.now())), { ok: false, error: 'session_ended' });
    assert.equal(await app.accounts.isSessionVerified(hugoSession), false);
    assert.equal(await app.accounts.isSessionVerified('no-such-session'), false);

    assert.equal(await app.accounts.isSessionVerified(hashSecret(ginaSession.token)), true);
    clock.advanceDays(15);
    assert.equal(await app.accounts.isSessionVerified(hashSecret(ginaSession.token)), false, 'the session expired');
    assert.equal(await app.accounts.userForSession(ginaSession.token), null);
  });

  test('a seed sealed under another server secret is not usable; a pending one is replaced', async () => {
    const other = createAccounts({ db: app.db, clock, sessionSecret: 'another-server-secret-of-32-characters!' });
    const ida = await person('ida@example.lu');
    const session = await app.accounts.startSession(ida.id);
    const { secret } = unwrap(await app.accounts.beginSecondFactorEnrolment(ida.id));
    const replaced = unwrap(await other.beginSecondFactorEnrolment(ida.id));
    assert.notEqual(replaced.secret, secret, 'nothing was confirmed yet: a new seed');
    unwrap(await other.confirmSecondFactorEnrolment(hashSecret(session.token), ida.id, totpAt(replaced.secret, clock.now())));
    advanceSeconds(30);
    const later = hashSecret((await app.accounts.startSession(ida.id)).token);
    assert.deepEqual(await app.accounts.verifySecondFactor(later, ida.id, totpAt(replaced.secret, clock.now())), { ok: false, error: 'secret_unreadable' });
  });
});
