import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { pageText, signedInBrowser, TestBrowser } from '../../../test/support/http.js';
import { manualClock } from '../../../test/support/directory-fixtures.js';
import { activePersonMandate, MANDATE_CAST_PASSWORD, mandateCastOf, type MandateCast } from '../../../test/support/mandate-fixtures.js';

const text = pageText;

describeEachDialect('access codes and the third-party check page', (dialect) => {
  const clock = manualClock('2026-03-03T13:05:00.000Z');
  let app: TestApp;
  let cast: MandateCast;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await mandateCastOf(app);
  });
  after(async () => app?.close());

  const signIn = (email: string): Promise<TestBrowser> => signedInBrowser(app.http, email, MANDATE_CAST_PASSWORD);

  test('the principal creates a code, shown once; a clerk types it loosely and sees the mandate read-only; each look is in the history', async () => {
    const mandate = await activePersonMandate(app, cast);
    const maria = await signIn(cast.principal.email);
    const detail = await maria.get(`/en/mandates/${mandate.id}`);
    assert.match(detail.body, new RegExp(`action="/en/mandates/${mandate.id}/access-code"`));
    const joao = await signIn(cast.relative.email);
    assert.doesNotMatch((await joao.get(`/en/mandates/${mandate.id}`)).body, /access-code/, 'only the principal hands out codes');
    assert.equal((await joao.post(`/en/mandates/${mandate.id}/access-code`, {})).statusCode, 403);

    await maria.get(`/en/mandates/${mandate.id}`);
    const created = await maria.post(`/en/mandates/${mandate.id}/access-code`, {});
    assert.equal(created.statusCode, 200);
    assert.match(created.headers['cache-control'] as string, /no-store/);
    const code = /<p class="access-code"[^>]*><code>([^<]+)<\/code>/.exec(created.body)?.[1];
    assert.ok(code);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.match(text(created.body), /Write this code down now\. We show it only once\./);
    assert.match(text(created.body), /The code works until April 2, 2026\./);
    assert.match(created.body, /href="\/en\/mandate-check">http:\/\/localhost:3000\/en\/mandate-check<\/a>/);
    assert.doesNotMatch((await maria.get(`/en/mandates/${mandate.id}`)).body, new RegExp(code), 'never shown again');

    const clerk = new TestBrowser(app.http);
    const form = await clerk.get('/fr/mandate-check');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="code"/);

    const empty = await clerk.post('/fr/mandate-check', { code: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<a href="#code">Code d’accès: /);
    const short = await clerk.post('/fr/mandate-check', { code: 'ABCD-EFGH' });
    assert.equal(short.statusCode, 422);
    assert.match(text(short.body), /Un code d’accès a 16 lettres et chiffres\./);
    assert.match(short.body, /value="ABCD-EFGH"/);
    const wrong = await clerk.post('/fr/mandate-check', { code: '0000-0000-0000-0000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(text(wrong.body), /Ce code ne fonctionne pas\./);

    const loose = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o')} `;
    const view = await clerk.post('/fr/mandate-check', { code: loose });
    assert.equal(view.statusCode, 200);
    const seen = text(view.body);
    assert.match(seen, /Maria Ferreira/);
    assert.match(seen, /João Ferreira/);
    assert.match(seen, /Impôts et argent/);
    assert.match(seen, /Actif/);
    assert.match(seen, /Vous pouvez seulement regarder/);
    assert.match(seen, /Ce code d’accès fonctionne jusqu’au 2 avril 2026\./);
    assert.doesNotMatch(view.body, /<form method="post" action="\/fr\/mandates/, 'nothing to act on');

    const history = text((await maria.get(`/en/mandates/${mandate.id}`)).body);
    const ending = code.slice(-4);
    assert.match(history, new RegExp(`Maria Ferreira created the access code ending in ${ending}\\. It works until April 2, 2026\\.`));
    assert.match(history, new RegExp(`someone looked at this mandate with the access code ending in ${ending}\\.`));

    clock.advanceDays(31);
    const old = await clerk.post('/fr/mandate-check', { code });
    assert.equal(old.statusCode, 422);
    const later = await signIn(cast.principal.email);
    assert.match(text((await later.get(`/en/mandates/${mandate.id}`)).body), new RegExp(`someone tried the access code ending in ${ending}, but it no longer works\\.`));
  });

  test('the check needs the form token and is rate-limited per address', async () => {
    const clerk = new TestBrowser(app.http);
    await clerk.get('/en/mandate-check');
    assert.equal((await clerk.post('/en/mandate-check', { code: '0000-0000-0000-0000' }, { csrf: false })).statusCode, 403);
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i += 1) status = (await clerk.post('/en/mandate-check', { code: '0000-0000-0000-0000' })).statusCode;
    assert.equal(status, 429);
  });
});
