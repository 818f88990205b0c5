import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import {
  castOf,
  locationInput,
  manualClock,
  offerInput,
  published,
  sessionInput,
  unwrap,
  type Cast,
} from '../../../test/support/directory-fixtures.js';

describeEachDialect('directory entries', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  const clock = manualClock();

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await castOf(app);
  });
  after(async () => app.close());

  test('an offer keeps every text version with its source, its places and its coded values', async () => {
    const { directory } = app;
    const place = unwrap(await directory.createLocation(cast.trusted, cast.organization.id, locationInput({ openingHours: 'Mo-Fr 09:00-12:00' })));
    const created = published(
      unwrap(
        await directory.createOffer(
          cast.trusted,
          cast.organization.id,
          offerInput({
            name: [
              { locale: 'fr', value: 'Café smartphone' },
              { locale: 'de', value: 'Smartphone-Café', source: 'machine' },
              { locale: 'de-easy', value: 'Hilfe mit dem Handy', source: 'reviewed' },
            ],
            costDetails: [{ locale: 'fr', value: 'Gratuit pour les membres' }],
            locationIds: [place.id],
            website: 'https://di.lu/cafe',
          }),
        ),
      ),
    );
    const read = await directory.getOffer(created.id);
    assert.ok(read);
    assert.deepEqual(
      [...read.name].sort((a, b) => a.locale.localeCompare(b.locale)),
      [
        { locale: 'de', value: 'Smartphone-Café', source: 'machine' },
        { locale: 'de-easy', value: 'Hilfe mit dem Handy', source: 'reviewed' },
        { locale: 'fr', value: 'Café smartphone', source: 'author' },
      ],
    );
    assert.deepEqual(read.costDetails, [{ locale: 'fr', value: 'Gratuit pour les membres', source: 'author' }]);
    assert.deepEqual(read.locationIds, [place.id]);
    assert.deepEqual(read.languages, ['fr', 'lb']);
    assert.equal(read.website, 'https://di.lu/cafe');
    assert.equal((await directory.getLocation(place.id))?.openingHours, 'Mo-Fr 09:00-12:00');

    const updated = published(
      unwrap(
        await directory.updateOffer(cast.trusted, created.id, offerInput({ name: [{ locale: 'fr', value: 'Café numérique' }] })),
      ),
    );
    assert.deepEqual(updated.name, [{ locale: 'fr', value: 'Café numérique', source: 'author' }]);
    assert.deepEqual(updated.locationIds, []);
    assert.deepEqual(
      (await directory.listOffers(cast.organization.id)).map((o) => o.id),
      [created.id],
    );
  });

  test('invalid input comes back as message keys per field, and nothing is stored', async () => {
    const { directory } = app;
    const before = (await directory.listOffers(cast.organization.id, cast.trusted)).length;
    const result = await directory.createOffer(
      cast.trusted,
      cast.organization.id,
      offerInput({
        name: [{ locale: 'de', value: 'Nur Deutsch' }],
        offerTypes: ['not_a_type'],
        openingHours: 'whenever we feel like it',
        email: 'not-an-email',
        phone: 'call me',
        website: 'javascript:alert(1)',
        locationIds: ['no-such-place'],
      }),
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.code === 'invalid');
    assert.deepEqual(Object.keys(result.error.fields).sort(), ['email', 'name', 'offerTypes', 'openingHours', 'phone', 'website']);
    assert.equal(result.error.fields.name?.key, 'directory.validation.missing_default_language');
    assert.equal(result.error.fields.openingHours?.key, 'directory.validation.invalid_opening_hours');

    const place = await directory.createLocation(cast.trusted, cast.organization.id, locationInput({ communeId: 'atlantis' }));
    assert.ok(!place.ok && place.error.code === 'invalid' && place.error.fields.communeId?.key === 'directory.validation.unknown_commune');

    const foreign = await directory.createOffer(cast.trusted, cast.organization.id, offerInput({ locationIds: ['no-such-place'] }));
    assert.ok(!foreign.ok && foreign.error.code === 'invalid' && foreign.error.fields.locationIds?.key === 'directory.validation.unknown_location');
    assert.equal((await directory.listOffers(cast.organization.id, cast.trusted)).length, before);
  });

  test('providers can only change their own organisation', async () => {
    const { directory } = app;
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const update = await directory.updateOffer(cast.stranger, offer.id, offerInput({ cost: 'paid' }));
    assert.deepEqual(update, { ok: false, error: { code: 'forbidden' } });
    const create = await directory.createOffer(cast.stranger, cast.organization.id, offerInput());
    assert.deepEqual(create, { ok: false, error: { code: 'forbidden' } });
    assert.deepEqual(await directory.updateOffer(cast.trusted, 'missing', offerInput()), { ok: false, error: { code: 'not_found' } });
  });

  test('the public sees only approved, active offers of approved organisations', async () => {
    const { directory } = app;
    const inactive = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput({ active: false }))));
    const pending = unwrap(await directory.createOffer(cast.untrusted, cast.organization.id, offerInput()));
    assert.equal(pending.state, 'awaiting_review');
    assert.equal(await directory.getOffer(inactive.id), null);
    assert.equal(await directory.getOffer(pending.value.id), null);
    assert.equal((await directory.getOffer(pending.value.id, cast.untrusted))?.moderationStatus, 'pending');
    assert.equal(await directory.getOffer(pending.value.id, cast.stranger), null);

    const newOrganization = unwrap(await directory.createOrganization(cast.stranger, { name: 'Neie Veräin' }));
    assert.equal(newOrganization.state, 'awaiting_review');
    assert.equal(await directory.getOrganization(newOrganization.value.id), null);
    const moderatorsOffer = published(unwrap(await directory.createOffer(cast.moderator, newOrganization.value.id, offerInput())));
    assert.equal(await directory.getOffer(moderatorsOffer.id), null, 'an approved offer of a pending organisation stays hidden');
    assert.deepEqual(await directory.listOffers(newOrganization.value.id), []);
    assert.equal((await directory.listOrganizations()).some((o) => o.id === newOrganization.value.id), false);
    const hiddenPlace = unwrap(await directory.createLocation(cast.moderator, newOrganization.value.id, locationInput()));
    assert.equal(await directory.getLocation(hiddenPlace.id), null);
    assert.deepEqual(await directory.listLocations(newOrganization.value.id), []);
    assert.equal((await directory.getLocation(hiddenPlace.id, cast.moderator))?.id, hiddenPlace.id);

    const session = unwrap(await directory.createSession(cast.moderator, moderatorsOffer.id, sessionInput()));
    assert.equal(await directory.getSession(session.id), null);
    assert.deepEqual(await directory.listSessionsOfOffer(moderatorsOffer.id), []);
  });

  test('offers not confirmed for the configured time are stale until someone confirms them', async () => {
    const { directory } = app;
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const later = new Date(clock.now().getTime() + 184 * 86_400_000);
    const soon = new Date(clock.now().getTime() + 182 * 86_400_000);
    assert.equal((await directory.listStale(soon)).some((o) => o.id === offer.id), false);
    assert.equal((await directory.listStale(later)).some((o) => o.id === offer.id), true);

    clock.advanceDays(100);
    const confirmed = unwrap(await directory.confirmOffer(cast.untrusted, offer.id));
    assert.equal(confirmed.checkedAt, clock.now().toISOString());
    assert.equal((await directory.listStale(later)).some((o) => o.id === offer.id), false);
    assert.equal(
      (await directory.listStale(later, { organizationId: cast.organization.id })).every((o) => o.organizationId === cast.organization.id),
      true,
    );
    assert.deepEqual(await directory.confirmOffer(cast.stranger, offer.id), { ok: false, error: { code: 'forbidden' } });
  });

  test('sessions are validated and belong to their offer', async () => {
    const { directory } = app;
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const backwards = await directory.createSession(
      cast.trusted,
      offer.id,
      sessionInput({ startsAt: '2026-04-01T16:00:00Z', endsAt: '2026-04-01T14:00:00Z', capacity: 0 }),
    );
    assert.ok(!backwards.ok && backwards.error.code === 'invalid');
    assert.deepEqual(Object.keys(backwards.error.fields).sort(), ['capacity', 'endsAt']);

    const session = unwrap(
      await directory.createSession(cast.trusted, offer.id, sessionInput({ title: [{ locale: 'lb', value: 'Éischt Schrëtt' }] })),
    );
    assert.deepEqual(session.title, [{ locale: 'lb', value: 'Éischt Schrëtt', source: 'author' }]);
    const moved = unwrap(await directory.updateSession(cast.trusted, session.id, sessionInput({ startsAt: '2026-04-02T14:00:00Z', endsAt: '2026-04-02T16:00:00Z' })));
    assert.equal(moved.startsAt, '2026-04-02T14:00:00.000Z');
    assert.deepEqual(moved.title, []);
    assert.deepEqual((await directory.listSessionsOfOffer(offer.id)).map((s) => s.id), [session.id]);
  });
});
