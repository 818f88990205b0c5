import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { publicDirectory, type PublicDirectory } from '../../../test/support/public-directory.js';
import { manualClock } from '../../../test/support/directory-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// Years away from the real date: pages that read the real time instead would show no upcoming
// dates (beyond their one-year horizon) and an "open now" that changes by the hour.
describeEachDialect('public pages tell the time by the app’s clock', (dialect) => {
  // Monday 7 January 2030, 13:00 in Luxembourg: the library is open, the Esch centre at lunch.
  const clock = manualClock('2030-01-07T12:00:00.000Z');
  let app: TestApp;
  let data: PublicDirectory;
  let browser: TestBrowser;
  before(async () => {
    app = await buildTestApp(dialect, { clock });
    data = await publicDirectory(app, clock.now());
    browser = new TestBrowser(app.http);
  });
  after(async () => app?.close());

  test('the offer page lists the dates still to come', async () => {
    const page = await browser.get(`/en/offers/${data.course.id}`);
    assert.equal(page.statusCode, 200);
    for (const session of data.sessions) assert.match(page.body, new RegExp(`href="/en/sessions/${session.id}/register"`));

    clock.set('2030-01-12T12:00:00.000Z');
    const later = await browser.get(`/en/offers/${data.course.id}`);
    assert.doesNotMatch(later.body, new RegExp(`/sessions/${data.sessions[0]!.id}/register`), 'the first date is past');
    assert.match(later.body, new RegExp(`/sessions/${data.sessions[1]!.id}/register`));
    clock.set('2030-01-07T12:00:00.000Z');
  });

  test('"open now" is open at the app’s time', async () => {
    const open = await browser.get('/en/search?open=1');
    assert.equal(open.statusCode, 200);
    assert.match(text(open.body), /Computer-Hëllef an der Bibliothéik .* Open now/);
    assert.doesNotMatch(text(open.body), /Café smartphone/);
  });
});
