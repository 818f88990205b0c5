import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { hashTrackingCode } from './stopline.code.js';
import { createStoplineService, type StoplineService } from './stopline.service.js';
import { statusByCodeHash } from './stopline.store.js';

const analyst: CurrentUser = {
  id: 'anna',
  email: 'anna@example.lu',
  displayName: 'Anna',
  role: 'analyst',
  organizationIds: [],
  secondFactorEnrolled: false,
  secondFactorVerified: false,
  sessionId: null,
};

describeEachDialect('what the database keeps of a stopline report', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let stopline: StoplineService;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    stopline = createStoplineService({ db: app.db, clock });
  });
  after(async () => app?.close());

  test('a failed form stores nothing; a report keeps the hash of its code, never the code', async () => {
    assert.equal((await stopline.submit({ url: 'ftp://example.com', category: 'other' })).ok, false);
    assert.equal((await app.db.selectFrom('stopline_reports').select('id').execute()).length, 0);

    const sent = unwrap(await stopline.submit({ url: 'https://example.com/x', category: 'csam', contact: 'me@example.lu' }));
    const digits = sent.trackingCode.replace(/ /g, '');
    const reports = await app.db.selectFrom('stopline_reports').selectAll().execute();
    const changes = await app.db.selectFrom('stopline_status_changes').selectAll().execute();
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.code_hash, hashTrackingCode(digits));
    assert.doesNotMatch(JSON.stringify([reports, changes]), new RegExp(`${digits}|${digits.slice(0, 8)}|${digits.slice(8)}`), 'not even half of it');
    assert.deepEqual(await statusByCodeHash(app.db, hashTrackingCode(digits)), {
      status: 'received',
      created_at: '2026-03-02T09:00:00.000Z',
      updated_at: '2026-03-02T09:00:00.000Z',
    });
    assert.deepEqual(
      changes.map((c) => [c.from_status, c.to_status, c.changed_by]),
      [[null, 'received', null]],
    );
  });

  test('the access journal refuses changes and deletions, even from the database console', async () => {
    const [report] = await app.db.selectFrom('stopline_reports').select('id').execute();
    unwrap(await stopline.readReport(analyst, report!.id));
    await assert.rejects(sql`update stopline_access_journal set actor_email = 'nobody'`.execute(app.db), /append-only/);
    await assert.rejects(sql`delete from stopline_access_journal`.execute(app.db), /append-only/);
    if (dialect === 'postgres') await assert.rejects(sql`truncate stopline_access_journal`.execute(app.db), /append-only/);
    const entries = await app.db.selectFrom('stopline_access_journal').selectAll().execute();
    assert.deepEqual(
      entries.map((e) => [e.actor_id, e.actor_email, e.action, e.report_id]),
      [['anna', 'anna@example.lu', 'read', report!.id]],
    );
  });
});
