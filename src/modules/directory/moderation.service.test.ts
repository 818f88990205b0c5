import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { castOf, locationInput, offerInput, published, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';

describeEachDialect('directory moderation and reports', (dialect) => {
  let app: TestApp;
  let cast: Cast;

  before(async () => {
    app = await buildTestApp(dialect);
    cast = await castOf(app);
  });
  after(async () => app.close());

  const queueOf = async () => unwrap(await app.directory.listModerationQueue(cast.moderator));

  test("an untrusted provider's new offer waits in the queue and is public once approved", async () => {
    const { directory } = app;
    const outcome = unwrap(await directory.createOffer(cast.untrusted, cast.organization.id, offerInput()));
    assert.equal(outcome.state, 'awaiting_review');
    const item = (await queueOf()).find((i) => i.kind === 'offer' && i.offer.id === outcome.value.id);
    assert.ok(item && item.kind === 'offer');
    assert.equal(item.organization.id, cast.organization.id);

    assert.deepEqual(await directory.approve(cast.untrusted, { kind: 'offer', id: outcome.value.id }), {
      ok: false,
      error: { code: 'forbidden' },
    });
    unwrap(await directory.approve(cast.moderator, { kind: 'offer', id: outcome.value.id }));
    assert.equal((await directory.getOffer(outcome.value.id))?.moderationStatus, 'approved');
    assert.equal((await queueOf()).some((i) => i.kind === 'offer' && i.offer.id === outcome.value.id), false);
    assert.deepEqual(await directory.approve(cast.moderator, { kind: 'offer', id: outcome.value.id }), {
      ok: false,
      error: { code: 'already_decided' },
    });
  });

  test('a rejected new offer stays hidden and its provider reads the reason', async () => {
    const { directory } = app;
    const outcome = unwrap(await directory.createOffer(cast.untrusted, cast.organization.id, offerInput()));
    const missingReason = await directory.reject(cast.moderator, { kind: 'offer', id: outcome.value.id }, '  ');
    assert.ok(!missingReason.ok && missingReason.error.code === 'invalid');
    unwrap(await directory.reject(cast.moderator, { kind: 'offer', id: outcome.value.id }, 'Please describe the course.'));
    assert.equal(await directory.getOffer(outcome.value.id), null);
    const seen = await directory.getOffer(outcome.value.id, cast.untrusted);
    assert.equal(seen?.moderationStatus, 'rejected');
    assert.equal(seen?.moderationReason, 'Please describe the course.');

    const resubmitted = unwrap(await directory.updateOffer(cast.untrusted, outcome.value.id, offerInput({ cost: 'paid' })));
    assert.equal(resubmitted.state, 'awaiting_review');
    assert.equal(resubmitted.value.moderationStatus, 'pending');
    assert.equal(resubmitted.value.moderationReason, null);
  });

  test("an untrusted provider's edit of a public offer is a proposal; the public version stays until approval", async () => {
    const { directory } = app;
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const proposal = unwrap(
      await directory.updateOffer(cast.untrusted, offer.id, offerInput({ name: [{ locale: 'fr', value: 'Nouveau nom' }] })),
    );
    assert.ok(proposal.state === 'awaiting_review' && proposal.changeId);
    assert.deepEqual((await directory.getOffer(offer.id))?.name, offer.name);

    const item = (await queueOf()).find((i) => i.kind === 'change' && i.change.id === proposal.changeId);
    assert.ok(item && item.kind === 'change');
    assert.equal(item.change.entityType, 'offer');
    assert.deepEqual((item.current as { id: string }).id, offer.id);

    unwrap(await directory.approve(cast.moderator, { kind: 'change', id: proposal.changeId }));
    assert.deepEqual((await directory.getOffer(offer.id))?.name, [{ locale: 'fr', value: 'Nouveau nom', source: 'author' }]);
    const history = unwrap(await directory.listChanges(cast.untrusted, cast.organization.id));
    assert.equal(history.find((c) => c.id === proposal.changeId)?.status, 'approved');
  });

  test('a rejected proposal changes nothing and keeps its reason for the provider', async () => {
    const { directory } = app;
    const place = unwrap(await directory.createLocation(cast.untrusted, cast.organization.id, locationInput()));
    const proposal = unwrap(await directory.updateLocation(cast.untrusted, place.id, locationInput({ name: 'Spam' })));
    assert.ok(proposal.state === 'awaiting_review' && proposal.changeId);
    unwrap(await directory.reject(cast.moderator, { kind: 'change', id: proposal.changeId }, 'Not a real place name.'));
    assert.equal((await directory.getLocation(place.id))?.name, 'Centre culturel');
    const change = unwrap(await directory.listChanges(cast.untrusted, cast.organization.id)).find((c) => c.id === proposal.changeId);
    assert.equal(change?.status, 'rejected');
    assert.equal(change?.reason, 'Not a real place name.');
    assert.deepEqual(await directory.listChanges(cast.stranger, cast.organization.id), { ok: false, error: { code: 'forbidden' } });
  });

  test('a newer proposal replaces the one still waiting', async () => {
    const { directory } = app;
    const first = unwrap(await directory.updateOrganization(cast.untrusted, cast.organization.id, { name: 'First try' }));
    const second = unwrap(await directory.updateOrganization(cast.untrusted, cast.organization.id, { name: 'Second try' }));
    assert.ok(first.state === 'awaiting_review' && first.changeId && second.state === 'awaiting_review' && second.changeId);
    const waiting = (await queueOf()).filter((i) => i.kind === 'change' && i.change.entityId === cast.organization.id);
    assert.deepEqual(waiting.map((i) => i.kind === 'change' && i.change.id), [second.changeId]);
    assert.deepEqual(await directory.approve(cast.moderator, { kind: 'change', id: first.changeId }), {
      ok: false,
      error: { code: 'already_decided' },
    });
    unwrap(await directory.approve(cast.moderator, { kind: 'change', id: second.changeId }));
    assert.equal((await directory.getOrganization(cast.organization.id))?.name, 'Second try');
  });

  test('a new organisation by a provider needs a moderator', async () => {
    const { directory } = app;
    const outcome = unwrap(await directory.createOrganization(cast.stranger, { name: 'Club Senior Plus' }));
    assert.ok((await queueOf()).some((i) => i.kind === 'organization' && i.organization.id === outcome.value.id));
    unwrap(await directory.approve(cast.moderator, { kind: 'organization', id: outcome.value.id }));
    assert.equal((await directory.getOrganization(outcome.value.id))?.moderationStatus, 'approved');
  });

  test('the public reports a problem; the provider and moderators see it until resolved', async () => {
    const { directory } = app;
    const offer = published(unwrap(await directory.createOffer(cast.trusted, cast.organization.id, offerInput())));
    const report = unwrap(await directory.reportOffer(offer.id, { kind: 'closed', message: 'Closed since January.' }));
    assert.equal(report.resolved, false);
    const invalidKind = await directory.reportOffer(offer.id, { kind: 'spam' as 'closed' });
    assert.ok(!invalidKind.ok && invalidKind.error.code === 'invalid');
    const hidden = unwrap(await directory.createOffer(cast.untrusted, cast.organization.id, offerInput()));
    assert.deepEqual(await directory.reportOffer(hidden.value.id, { kind: 'closed' }), { ok: false, error: { code: 'not_found' } });

    const ids = (reports: { id: string }[]) => reports.map((r) => r.id);
    assert.ok(ids(await directory.listOpenReports(cast.moderator)).includes(report.id));
    assert.ok(ids(await directory.listOpenReports(cast.untrusted)).includes(report.id));
    assert.deepEqual(await directory.listOpenReports(cast.stranger), []);
    assert.deepEqual(await directory.resolveReport(cast.stranger, report.id), { ok: false, error: { code: 'forbidden' } });

    const resolved = unwrap(await directory.resolveReport(cast.trusted, report.id));
    assert.equal(resolved.resolved, true);
    assert.ok(!ids(await directory.listOpenReports(cast.moderator)).includes(report.id));
  });
});
