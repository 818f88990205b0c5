import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import type { CurrentUser, Role } from '../../platform/auth/roles.js';
import { createStoplineService, type StoplineService } from './stopline.service.js';
import { EXPORT_COLUMNS } from './stopline.export.js';

const person = (role: Role, id: string = role): CurrentUser => ({
  id,
  email: `${id}@example.lu`,
  displayName: id,
  role,
  organizationIds: [],
  secondFactorEnrolled: false,
  secondFactorVerified: false,
  sessionId: null,
});

const analyst = person('analyst', 'anna-analyst');
const admin = person('admin', 'ada-admin');
const outsiders = [person('person'), person('provider'), person('moderator')];

const openFilter = { status: 'open', category: null, sameAs: null } as const;

describeEachDialect('stopline reports', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let stopline: StoplineService;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    stopline = createStoplineService({ db: app.db, clock });
  });
  after(async () => app?.close());

  const everything = { status: 'all', category: null, sameAs: null } as const;
  const allReports = async () => unwrap(await stopline.queue(admin, everything, 1)).reports;
  const readsOf = async (reportId: string | null) =>
    unwrap(await stopline.accessJournal(admin, { reportId, page: 1 })).entries.filter((e) => e.action === 'read');

  test('the web address is checked first, then the category and the lengths; nothing is stored on a failure', async () => {
    const noAddress = await stopline.submit({ url: '', category: 'nonsense', context: 'x'.repeat(3001) });
    assert.deepEqual(noAddress, {
      ok: false,
      error: {
        url: { key: 'errors.field.required' },
        category: { key: 'errors.field.invalid_choice' },
        context: { key: 'errors.field.too_long', values: { max: 3000 } },
      },
    });
    assert.deepEqual(await stopline.submit({ url: 'javascript:alert(1)', category: 'other' }), {
      ok: false,
      error: { url: { key: 'safety.stopline.errors.url_not_web' } },
    });
    assert.deepEqual(await stopline.submit({ url: 'http://intranet', category: '' }), {
      ok: false,
      error: { url: { key: 'safety.stopline.errors.url_invalid' }, category: { key: 'safety.stopline.errors.category' } },
    });
    const long = await stopline.submit({ url: `https://example.com/${'a'.repeat(2100)}`, category: 'other', whereFound: 'w'.repeat(301), contact: 'c'.repeat(201) });
    assert.deepEqual(Object.keys(long.ok ? {} : long.error).sort(), ['contact', 'url', 'whereFound']);
    assert.deepEqual(await allReports(), []);
  });

  test('a report is stored with its code hashed; the code finds its status and dates, and nothing else', async () => {
    const sent = unwrap(
      await stopline.submit({
        url: 'www.example.com/forum/thread?id=9',
        category: 'racism_hate',
        whereFound: 'A forum',
        context: 'First line\u0000\nsecond line',
        contact: 'reporter@example.lu',
      }),
    );
    assert.match(sent.trackingCode, /^\d{4} \d{4} \d{4} \d{4}$/);
    assert.equal(sent.receivedAt, '2026-03-02T09:00:00.000Z');
    const digits = sent.trackingCode.replace(/ /g, '');

    const [stored] = await allReports();
    const { report } = unwrap(await stopline.readReport(analyst, stored!.id));
    assert.deepEqual(
      [report.url, report.normalizedUrl, report.host, report.category, report.whereFound, report.context, report.contact, report.status],
      [
        'https://www.example.com/forum/thread?id=9',
        'example.com/forum/thread?id=9',
        'www.example.com',
        'racism_hate',
        'A forum',
        'First line\nsecond line',
        'reporter@example.lu',
        'received',
      ],
      'control characters are dropped, line breaks kept',
    );

    clock.set('2026-03-03T10:00:00.000Z');
    const view = unwrap(await stopline.statusOf(sent.trackingCode.replace(/ /g, '-')));
    assert.deepEqual(view, { status: 'received', receivedAt: '2026-03-02T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z' });
    assert.deepEqual(await stopline.statusOf(digits.replace(/^\d/, (d) => String((Number(d) + 1) % 10))), { ok: false, error: 'not_found' });
    assert.deepEqual(await stopline.statusOf('12345'), { ok: false, error: 'format' });
  });

  test('only analysts and admins see the queue, read, change, export; only admins read the journal', async () => {
    const id = (await allReports())[0]!.id;
    const readsBefore = (await readsOf(null)).length;
    for (const outsider of outsiders) {
      assert.deepEqual(await stopline.queue(outsider, openFilter, 1), { ok: false, error: 'forbidden' }, outsider.role);
      assert.deepEqual(await stopline.readReport(outsider, id), { ok: false, error: 'forbidden' }, outsider.role);
      assert.deepEqual(await stopline.changeStatus(outsider, id, { status: 'closed' }), { ok: false, error: 'forbidden' }, outsider.role);
      assert.deepEqual(await stopline.exportReports(outsider, { ids: [id] }, 'csv'), { ok: false, error: 'forbidden' }, outsider.role);
      assert.deepEqual(await stopline.accessJournal(outsider, { reportId: null, page: 1 }), { ok: false, error: 'forbidden' }, outsider.role);
    }
    assert.deepEqual(await stopline.accessJournal(analyst, { reportId: null, page: 1 }), { ok: false, error: 'forbidden' });
    assert.equal((await readsOf(null)).length, readsBefore, 'refusals read nothing');
    assert.equal(unwrap(await stopline.queue(analyst, openFilter, 1)).total, 1);
    assert.equal(unwrap(await stopline.queue(admin, openFilter, 1)).total, 1);
  });

  test('reports of the same page are linked, however the address was typed', async () => {
    clock.set('2026-03-03T11:00:00.000Z');
    const codes: string[] = [];
    for (const url of ['http://EXAMPLE.com/forum/thread/?id=9#post-3', 'https://example.com/forum/thread?utm_source=chat&id=9']) {
      codes.push(unwrap(await stopline.submit({ url, category: 'racism_hate' })).trackingCode);
      clock.set('2026-03-03T11:05:00.000Z');
    }
    unwrap(await stopline.submit({ url: 'https://elsewhere.example.org/', category: 'terrorism' }));
    const newest = (await allReports()).find((r) => r.host === 'example.com' && r.createdAt === '2026-03-03T11:05:00.000Z')!.id;

    const queue = unwrap(await stopline.queue(analyst, openFilter, 1));
    assert.equal(queue.total, 4);
    assert.deepEqual(
      queue.reports.map((r) => [r.host, r.sameAddressCount]),
      [
        ['www.example.com', 3],
        ['example.com', 3],
        ['example.com', 3],
        ['elsewhere.example.org', 1],
      ],
      'oldest first; each knows how many reports share its address',
    );
    const same = unwrap(await stopline.queue(analyst, { status: 'all', category: null, sameAs: newest }, 1));
    assert.equal(same.total, 3);
    assert.ok(same.reports.every((r) => r.host.endsWith('example.com')));
    const terror = unwrap(await stopline.queue(analyst, { status: 'open', category: 'terrorism', sameAs: null }, 1));
    assert.deepEqual(terror.reports.map((r) => r.host), ['elsewhere.example.org']);

    const detail = unwrap(await stopline.readReport(analyst, newest));
    assert.equal(detail.report.url, 'https://example.com/forum/thread?utm_source=chat&id=9', 'analysts see the address as given');
    assert.equal(detail.duplicates.length, 2);
    assert.ok(!detail.duplicates.some((d) => d.id === newest));
  });

  test('analysts assess with notes; the reporter sees the new status and its date, never the notes', async () => {
    const id = (await allReports())[0]!.id;
    clock.set('2026-03-04T08:30:00.000Z');
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'received' }), { ok: false, error: 'invalid_status' });
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'deleted' }), { ok: false, error: 'invalid_status' });
    assert.deepEqual(await stopline.changeStatus(analyst, 'no-such-report', { status: 'closed' }), { ok: false, error: 'not_found' });
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'closed', note: 'n'.repeat(2001) }), { ok: false, error: 'note_too_long' });
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'being_assessed' }), { ok: true, value: 'status_changed' });
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'being_assessed', note: '  ' }), { ok: false, error: 'unchanged' });
    clock.set('2026-03-05T14:00:00.000Z');
    assert.deepEqual(await stopline.changeStatus(analyst, id, { status: 'being_assessed', note: 'Asked a colleague about the page.' }), {
      ok: true,
      value: 'note_added',
    });
    clock.set('2026-03-06T16:45:00.000Z');
    assert.deepEqual(await stopline.changeStatus(admin, id, { status: 'forwarded', note: 'Sent to the police, file 2026/17.' }), {
      ok: true,
      value: 'status_changed',
    });

    const detail = unwrap(await stopline.readReport(analyst, id));
    assert.equal(detail.report.status, 'forwarded');
    assert.equal(detail.report.updatedAt, '2026-03-06T16:45:00.000Z');
    assert.deepEqual(
      detail.history.map((h) => [h.at, h.from, h.to, h.by, h.note]),
      [
        ['2026-03-02T09:00:00.000Z', null, 'received', null, null],
        ['2026-03-04T08:30:00.000Z', 'received', 'being_assessed', 'anna-analyst@example.lu', null],
        ['2026-03-05T14:00:00.000Z', 'being_assessed', 'being_assessed', 'anna-analyst@example.lu', 'Asked a colleague about the page.'],
        ['2026-03-06T16:45:00.000Z', 'being_assessed', 'forwarded', 'ada-admin@example.lu', 'Sent to the police, file 2026/17.'],
      ],
    );
    assert.equal(unwrap(await stopline.queue(analyst, openFilter, 1)).total, 3, 'forwarded reports leave the waiting queue');
    assert.equal(unwrap(await stopline.queue(analyst, { status: 'forwarded', category: null, sameAs: null }, 1)).total, 1);
  });

  test('exports hold the chosen reports without the reporter’s contact, defuse spreadsheet formulas, and are journalled', async () => {
    clock.set('2026-03-07T10:15:00.000Z');
    unwrap(await stopline.submit({ url: 'https://formula.example.net/x', category: 'other', context: '=HYPERLINK("http://evil.example")', contact: 'secret@example.lu' }));
    const all = unwrap(await stopline.queue(analyst, { status: 'all', category: null, sameAs: null }, 1)).reports;
    const formulaId = all.find((r) => r.host === 'formula.example.net')!.id;
    const otherId = all[0]!.id;

    const csv = unwrap(await stopline.exportReports(analyst, { ids: [formulaId, otherId, formulaId, 'unknown'] }, 'csv'));
    assert.equal(csv.count, 2);
    assert.equal(csv.filename, 'stopline-reports-20260307-1015.csv');
    assert.equal(csv.contentType, 'text/csv; charset=utf-8');
    assert.ok(csv.body.startsWith('\uFEFF'));
    assert.doesNotMatch(csv.body, /secret@example\.lu|reporter@example\.lu/);
    const records = parse(csv.body.slice(1), { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(records[0]!), [...EXPORT_COLUMNS]);
    assert.deepEqual(
      records.map((r) => [r.id, r.url, r.category, r.context]),
      [
        [otherId, 'https://www.example.com/forum/thread?id=9', 'racism_hate', 'First line\nsecond line'],
        [formulaId, 'https://formula.example.net/x', 'other', `'=HYPERLINK("http://evil.example")`],
      ],
    );
    assert.equal(records[0]!.status, 'forwarded');
    assert.equal(records[0]!.same_address_reports, '3');

    const json = unwrap(await stopline.exportReports(admin, { filter: { status: 'open', category: 'racism_hate', sameAs: null } }, 'json'));
    const document = JSON.parse(json.body) as { export_id: string; exported_at: string; count: number; reports: Record<string, unknown>[] };
    assert.equal(json.contentType, 'application/json; charset=utf-8');
    assert.equal(document.count, 2);
    assert.equal(document.exported_at, '2026-03-07T10:15:00.000Z');
    assert.deepEqual(document.reports.map((r) => r.normalized_url), ['example.com/forum/thread?id=9', 'example.com/forum/thread?id=9']);
    assert.ok(document.reports.every((r) => !('contact' in r) && r.status === 'received'));

    assert.deepEqual(await stopline.exportReports(analyst, { ids: [] }, 'csv'), { ok: false, error: 'nothing_selected' });
    assert.deepEqual(await stopline.exportReports(analyst, { filter: { status: 'closed', category: null, sameAs: null } }, 'csv'), {
      ok: false,
      error: 'nothing_selected',
    });
    assert.deepEqual(await stopline.exportReports(analyst, { ids: Array.from({ length: 1001 }, (_, i) => `id${i}`) }, 'json'), {
      ok: false,
      error: 'too_many',
    });

    const journal = unwrap(await stopline.accessJournal(admin, { reportId: null, page: 1 })).entries;
    const exports = journal.filter((e) => e.action === 'export');
    assert.equal(exports.length, 4);
    assert.deepEqual(
      exports.map((e) => [e.actorEmail, e.actorRole, e.exportFormat, e.exportId]),
      [
        ['ada-admin@example.lu', 'admin', 'json', document.export_id],
        ['ada-admin@example.lu', 'admin', 'json', document.export_id],
        ['anna-analyst@example.lu', 'analyst', 'csv', exports[2]!.exportId],
        ['anna-analyst@example.lu', 'analyst', 'csv', exports[2]!.exportId],
      ],
    );
    assert.notEqual(exports[2]!.exportId, document.export_id, 'each export has its own id');
    assert.deepEqual(new Set(exports.slice(2).map((e) => e.reportId)), new Set([formulaId, otherId]));
  });

  test('every read is journalled, newest first, by whom and when', async () => {
    const id = (await allReports())[0]!.id;
    const before = (await readsOf(id)).length;
    clock.set('2026-03-08T07:00:00.000Z');
    unwrap(await stopline.readReport(analyst, id));
    unwrap(await stopline.readReport(admin, id));
    const entries = await readsOf(id);
    assert.equal(entries.length, before + 2);
    assert.deepEqual(
      entries.slice(0, 2).map((e) => [e.at, e.actorEmail, e.actorRole, e.reportId]),
      [
        ['2026-03-08T07:00:00.000Z', 'ada-admin@example.lu', 'admin', id],
        ['2026-03-08T07:00:00.000Z', 'anna-analyst@example.lu', 'analyst', id],
      ],
    );
    assert.deepEqual(await stopline.readReport(analyst, 'no-such-report'), { ok: false, error: 'not_found' });
    assert.equal((await readsOf('no-such-report')).length, 0);
  });
});
