import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import { ConfigError } from '../../config/config.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { createStoplineService, type StoplineService } from './stopline.service.js';

const PASSWORD = 'correct horse battery';
const text = (html: string) =>
  html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

type Role = CurrentUser['role'];

describeEachDialect('stopline pages', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let stopline: StoplineService;
  const users = {} as Record<Role, CurrentUser>;

  before(async () => {
    app = await buildTestApp(dialect, { clock, env: { HELPLINE_PHONE: '8002 9999', HELPLINE_HOURS: 'Mo-Fr 09:00-17:00; PH off' } });
    stopline = createStoplineService({ db: app.db, clock });
    for (const role of ['person', 'provider', 'moderator', 'analyst', 'admin'] as const) {
      users[role] = unwrap(await app.accounts.createUser({ email: `${role}@example.lu`, password: PASSWORD, displayName: `The ${role}`, role }));
    }
  });
  after(async () => app?.close());

  async function signIn(role: Role): Promise<TestBrowser> {
    const browser = new TestBrowser(app.http);
    await browser.get('/en/login');
    assert.equal((await browser.post('/en/login', { email: `${role}@example.lu`, password: PASSWORD })).statusCode, 303);
    return browser;
  }

  async function report(fields: Record<string, string>): Promise<{ browser: TestBrowser; code: string }> {
    const browser = new TestBrowser(app.http);
    await browser.get('/en/report-illegal-content');
    const sent = await browser.post('/en/report-illegal-content', fields);
    assert.equal(sent.statusCode, 200, text(sent.body));
    const code = /<code id="tracking-code">(\d{4} \d{4} \d{4} \d{4})<\/code>/.exec(sent.body)?.[1];
    assert.ok(code);
    return { browser, code };
  }

  test('anyone reports without an account, web address first, never a file; a failed form keeps what was typed', async () => {
    const visitor = new TestBrowser(app.http);
    const form = await visitor.get('/en/report-illegal-content');
    assert.equal(form.statusCode, 200);
    const page = text(form.body);
    assert.match(page, /You do not need to give your name\./);
    assert.match(page, /This form takes no pictures and no files/);
    assert.match(page, /Please do not download, save, share or photograph the content/);
    assert.doesNotMatch(form.body, /type="file"|multipart|screenshot/i);
    const order = ['name="url"', 'name="category"', 'name="whereFound"', 'name="context"', 'name="contact"'].map((n) => form.body.indexOf(n));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'the web address comes first, the contact last');
    assert.ok(order.every((i) => i > 0));
    assert.match(page, /Child sexual abuse Pictures or videos showing sexual abuse of children or young people under 18\./);
    assert.match(page, /Your e-mail address or phone number \(optional\) Only if you want an answer from us\./);

    assert.equal((await visitor.post('/en/report-illegal-content', { url: 'https://example.com', category: 'other' }, { csrf: false })).statusCode, 403);

    const failed = await visitor.post('/en/report-illegal-content', { url: 'ftp://files.example.com/x', category: '', context: 'Seen <b>here</b>', contact: 'me@example.lu' });
    assert.equal(failed.statusCode, 422);
    assert.match(failed.body, /<a href="#url">Web address of the content: Please enter a web address that starts with http:\/\/ or https:\/\/\.<\/a>/);
    assert.match(failed.body, /<a href="#category">What kind of content is it\?: Please choose what kind of content it is\.<\/a>/);
    assert.match(failed.body, /id="url-error">[\s\S]*?starts with http/);
    assert.match(failed.body, /id="url" name="url" required aria-invalid="true" aria-describedby="url-hint url-error" type="url" value="ftp:\/\/files.example.com\/x"/);
    assert.match(failed.body, /Seen &lt;b&gt;here&lt;\/b&gt;<\/textarea>/);
    assert.match(failed.body, /value="me@example.lu"/);

    const kept = await visitor.post('/en/report-illegal-content', { url: 'https://example.com/a', category: 'terrorism' });
    assert.equal(kept.statusCode, 200);
    assert.equal(kept.headers['cache-control'], 'no-store');
    assert.match(text(kept.body), /Thank you: your report has been sent .* We received your report on March 2, 2026\./);
    assert.match(text(kept.body), /Write this code down now\. We show it only this once/);
    assert.match(kept.body, /<a href="\/en\/report-illegal-content\/status">/);

    const boundary = 'zzBoundary';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="url"\r\n\r\nhttps://example.com/b\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const upload = await app.http.inject({
      method: 'POST',
      url: '/en/report-illegal-content',
      payload: multipart,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    assert.equal(upload.statusCode, 415);
    assert.equal(unwrap(await stopline.queue(users.admin, { status: 'all', category: null, sameAs: null }, 1)).total, 1, 'only the plain form was stored');
  });

  test('the tracking code shows the status in words with its dates, and nothing of the report', async () => {
    clock.set('2026-03-02T10:00:00.000Z');
    const { code } = await report({ url: 'https://hate.example.org/post/1', category: 'racism_hate', whereFound: 'A social network', context: 'A hateful post' });
    const reporter = new TestBrowser(app.http);
    const form = await reporter.get('/en/report-illegal-content/status');
    assert.equal(form.statusCode, 200);
    assert.match(text(form.body), /16 digits, for example 1234 5678 9012 3456\. Spaces and dashes do not matter\./);

    const found = await reporter.post('/en/report-illegal-content/status', { code: ` ${code.replace(/ /g, '-')} ` });
    assert.equal(found.statusCode, 200);
    assert.equal(found.headers['cache-control'], 'no-store');
    const shown = text(found.body);
    assert.match(shown, /Received Your report has arrived\. An analyst will look at it soon\. Report received on March 2, 2026 Last change on March 2, 2026/);
    assert.doesNotMatch(found.body, /hate\.example\.org|social network|hateful|Racism/);

    clock.set('2026-03-05T15:00:00.000Z');
    const id = unwrap(await stopline.queue(users.analyst, { status: 'all', category: 'racism_hate', sameAs: null }, 1)).reports[0]!.id;
    unwrap(await stopline.changeStatus(users.analyst, id, { status: 'forwarded', note: 'Police file 12' }));
    const forwarded = text((await reporter.post('/en/report-illegal-content/status', { code })).body);
    assert.match(forwarded, /Passed on to the authorities We passed your report on to the police or to the right authority\./);
    assert.match(forwarded, /Report received on March 2, 2026 Last change on March 5, 2026/);
    assert.doesNotMatch(forwarded, /Police file 12/);
    assert.match(text((await reporter.post('/fr/report-illegal-content/status', { code })).body), /Transmis aux autorités/);

    const wrong = await reporter.post('/en/report-illegal-content/status', { code: '0000 0000 0000 0000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /id="code-error">[\s\S]*We find no report with this code\./);
    assert.match(wrong.body, /value="0000 0000 0000 0000"/);
    const short = await reporter.post('/en/report-illegal-content/status', { code: '1234' });
    assert.match(short.body, /id="code-error">[\s\S]*A tracking code has 16 digits\./);
    assert.match((await reporter.post('/en/report-illegal-content/status', { code: '' })).body, /id="code-error">[\s\S]*Please fill in this field\./);
  });

  test('reports are refused to everyone but analysts and admins, on every route; the journal to all but admins', async () => {
    const id = unwrap(await stopline.queue(users.admin, { status: 'all', category: null, sameAs: null }, 1)).reports[0]!.id;
    const routes = [
      { method: 'get', url: '/en/analysts/reports' },
      { method: 'get', url: `/en/analysts/reports/${id}` },
      { method: 'post', url: `/en/analysts/reports/${id}/status`, fields: { status: 'closed', note: 'by someone' } },
      { method: 'post', url: '/en/analysts/reports/export', fields: { format: 'csv', scope: 'selected', ids: id } },
      { method: 'get', url: '/en/analysts/reports/journal' },
    ] as const;
    const call = async (browser: TestBrowser, route: (typeof routes)[number]) => {
      if (route.method === 'get') return browser.get(route.url);
      await browser.get('/en/report-illegal-content');
      return browser.post(route.url, route.fields);
    };
    const anonymous = new TestBrowser(app.http);
    for (const route of routes) {
      const response = await call(anonymous, route);
      assert.equal(response.statusCode, 401, route.url);
      assert.match(response.body, /href="\/en\/login\?next=/, 'a way to sign in');
    }
    for (const role of ['person', 'provider', 'moderator'] as const) {
      const browser = await signIn(role);
      for (const route of routes) {
        const response = await call(browser, route);
        assert.equal(response.statusCode, 403, `${role} ${route.method} ${route.url}`);
        assert.doesNotMatch(response.body, /example\.(com|org)/, `${role} learns nothing`);
      }
    }
    const analyst = await signIn('analyst');
    const admin = await signIn('admin');
    const expected = [200, 200, 303, 200];
    for (const [index, route] of routes.slice(0, 4).entries()) {
      assert.equal((await call(analyst, route)).statusCode, expected[index], `analyst ${route.url}`);
      assert.equal((await call(admin, route)).statusCode, expected[index], `admin ${route.url}`);
    }
    assert.equal((await call(analyst, routes[4])).statusCode, 403, 'analysts do not read the journal of their own reads');
    assert.equal((await call(admin, routes[4])).statusCode, 200);
    const { history } = unwrap(await stopline.readReport(users.admin, id));
    assert.deepEqual(
      history.map((h) => [h.to, h.by]),
      [
        ['received', null],
        ['closed', 'analyst@example.lu'],
        ['closed', 'admin@example.lu'],
      ],
      'only the analyst and the admin changed anything',
    );
  });

  test('analysts sign in to their queue and work it: duplicates, full report, status with a note, export', async () => {
    clock.set('2026-03-06T08:00:00.000Z');
    await report({ url: 'http://www.Example.com/a/?utm_medium=x', category: 'terrorism', context: 'Second report of the same page' });
    const analyst = new TestBrowser(app.http);
    await analyst.get('/en/login');
    const signedIn = await analyst.post('/en/login', { email: 'analyst@example.lu', password: PASSWORD });
    assert.equal(signedIn.headers.location, '/en/analysts/reports');
    const queue = await analyst.get('/en/analysts/reports');
    assert.equal(queue.statusCode, 200);
    assert.equal(queue.headers['cache-control'], 'no-store');
    assert.match(queue.body, /<a href="\/en\/analysts\/reports">My area<\/a>/);
    const rows = text(queue.body);
    assert.match(rows, /1 report /, 'only the one waiting: the others were closed or forwarded');
    assert.match(rows, /Terrorism www\.example\.com Received 2 reports/);
    assert.doesNotMatch(queue.body, /utm_medium|\/a\/\?/, 'the queue shows the host, not the address');
    assert.doesNotMatch(queue.body, /reports\/journal/, 'the journal link is for admins');

    const waiting = unwrap(await stopline.queue(users.analyst, { status: 'open', category: null, sameAs: null }, 1)).reports[0]!;
    const sameLink = `/en/analysts/reports?status=all&amp;same=${waiting.id}`;
    assert.ok(queue.body.includes(`href="${sameLink}"`));
    const group = await analyst.get(sameLink.replace('&amp;', '&'));
    assert.match(text(group.body), /Only reports of the same web address are shown\..* 2 reports Select/s);

    const readsOf = async () => unwrap(await stopline.accessJournal(users.admin, { reportId: waiting.id, page: 1 })).entries.filter((e) => e.action === 'read');
    const journalBefore = await readsOf();
    const detail = await analyst.get(`/en/analysts/reports/${waiting.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<code class="fingerprint">http:\/\/www\.example\.com\/a\/\?utm_medium=x<\/code>/);
    assert.doesNotMatch(detail.body, /href="http:\/\/www\.example/, 'the address is text, never a link');
    assert.match(text(detail.body), /Second report of the same page/);
    assert.match(text(detail.body), /Other reports of the same address .*March 2, 2026/s);
    const journalAfter = await readsOf();
    assert.equal(journalAfter.length, journalBefore.length + 1);
    assert.equal(journalAfter[0]?.actorEmail, 'analyst@example.lu');

    const unchanged = await analyst.post(`/en/analysts/reports/${waiting.id}/status`, { status: 'received' });
    assert.equal(unchanged.statusCode, 422);
    assert.match(unchanged.body, /id="status-error">[\s\S]*Please choose one of the statuses\./);
    const changed = await analyst.post(`/en/analysts/reports/${waiting.id}/status`, { status: 'being_assessed', note: 'Looking into it' });
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, `/en/analysts/reports/${waiting.id}?done=status_changed`);
    const after = text((await analyst.get(changed.headers.location!)).body);
    assert.match(after, /The new status is saved\./);
    assert.match(after, /March 6, 2026 at 09:00 – Being assessed, by analyst@example\.lu Looking into it/);
    const again = await analyst.post(`/en/analysts/reports/${waiting.id}/status`, { status: 'being_assessed', note: '' });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /The report already has this status\. Choose another status, or write a note\./);

    await analyst.get('/en/analysts/reports?status=all');
    const nothing = await analyst.post('/en/analysts/reports/export', { format: 'csv', scope: 'selected', status: 'all' });
    assert.equal(nothing.statusCode, 422);
    assert.match(text(nothing.body), /No report was selected\./);
    const file = await analyst.post('/en/analysts/reports/export', { format: 'json', scope: 'filter', status: 'all', same: waiting.id });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(file.headers['content-disposition'], 'attachment; filename="stopline-reports-20260306-0800.json"');
    assert.equal(file.headers['cache-control'], 'no-store');
    const exported = JSON.parse(file.body) as { count: number; reports: { normalized_url: string }[] };
    assert.equal(exported.count, 2);
    assert.ok(exported.reports.every((r) => r.normalized_url === 'example.com/a'));
    assert.equal((await analyst.post('/en/analysts/reports/export', { format: 'xls', scope: 'filter' })).statusCode, 400);

    const admin = await signIn('admin');
    const journal = await admin.get('/en/analysts/reports/journal');
    assert.equal(journal.statusCode, 200);
    const entries = text(journal.body);
    assert.match(entries, /March 6, 2026 at 09:00 analyst@example\.lu \(analyst\) Exported \(JSON, export [\w-]+\)/);
    assert.match(entries, /analyst@example\.lu \(analyst\) Opened/);
    const oneReport = text((await admin.get(`/en/analysts/reports/journal?report=${waiting.id}`)).body);
    assert.match(oneReport, /Only the entries of one report are shown\./);
    assert.doesNotMatch(oneReport, /person@example\.lu|moderator@example\.lu/);
  });

  test('the helpline page shows the configured free number and hours, the checker and the report form, and says chat comes later', async () => {
    clock.set('2026-03-09T10:00:00.000Z');
    const visitor = new TestBrowser(app.http);
    const page = await visitor.get('/en/helpline');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="tel:80029999"><span class="visually-hidden">Call the helpline on <\/span><code>8002 9999<\/code><\/a>/);
    const shown = text(page.body);
    assert.match(shown, /When we answer the phone Monday, March 9 \(today\) 09:00 to 17:00 Tuesday, March 10 09:00 to 17:00/);
    assert.match(shown, /Saturday, March 14 Closed/);
    assert.match(shown, /Soon you will also be able to chat with a helper in writing\. This is not possible yet/);
    assert.match(page.body, /href="\/en\/safety"/);
    assert.match(page.body, /href="\/en\/report-illegal-content"/);
    assert.doesNotMatch(page.body, /href="[^"]*chat/i, 'no link to a chat that does not exist');
    assert.match(text((await visitor.get('/lb/helpline')).body), /Méindeg, 9\. Mäerz/);

    await assert.rejects(buildTestApp(dialect, { env: { HELPLINE_HOURS: 'whenever we feel like it' } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /HELPLINE_HOURS/);
      return true;
    });
  });

  test('both anonymous forms are rate-limited per address', async () => {
    clock.set('2026-03-10T10:00:00.000Z');
    const visitor = new TestBrowser(app.http);
    await visitor.get('/en/report-illegal-content');
    const hammer = async (url: string, fields: Record<string, string>) => {
      let status = 0;
      for (let i = 0; i < 30 && status !== 429; i += 1) status = (await visitor.post(url, fields)).statusCode;
      return status;
    };
    assert.equal(await hammer('/en/report-illegal-content', { url: '', category: 'other' }), 429);
    assert.equal(await hammer('/en/report-illegal-content/status', { code: '1111 2222 3333 4444' }), 429);
    const refused = await visitor.post('/en/report-illegal-content', { url: 'https://example.com/x', category: 'other' });
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    clock.set('2026-03-10T10:11:00.000Z');
    assert.equal((await visitor.post('/en/report-illegal-content/status', { code: '1111 2222 3333 4444' })).statusCode, 422, 'a new window');
  });
});
