import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, offerInput, published, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';
import type { Offer } from './directory.model.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

async function signIn(app: TestApp, email: string): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  await browser.post('/en/login', { email, password: 'correct horse battery' });
  return browser;
}

describeEachDialect('reporting an offer', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  let offer: Offer;
  before(async () => {
    app = await buildTestApp(dialect);
    cast = await castOf(app);
    offer = published(unwrap(await app.directory.createOffer(cast.moderator, cast.organization.id, offerInput())));
  });
  after(async () => app?.close());

  test('anyone reports; the provider sees it; a moderator marks it resolved', async () => {
    const visitor = new TestBrowser(app.http);
    const form = await visitor.get(`/pt/offers/${offer.id}/report`);
    assert.equal(form.statusCode, 200);
    assert.match(text(form.body), /Está fechado ou já não existe/);

    const nothingChosen = await visitor.post(`/pt/offers/${offer.id}/report`, { message: 'O telefone mudou' });
    assert.equal(nothingChosen.statusCode, 422);
    assert.match(text(nothingChosen.body), /Escolha o que está errado/);
    assert.match(nothingChosen.body, /O telefone mudou/);

    const unknownKind = await visitor.post(`/pt/offers/${offer.id}/report`, { kind: 'rude' });
    assert.equal(unknownKind.statusCode, 422);

    const sent = await visitor.post(`/pt/offers/${offer.id}/report`, { kind: 'wrong_information', message: 'O telefone mudou' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/pt/offers/${offer.id}/report/thanks`);
    assert.match(text((await visitor.get(sent.headers.location as string)).body), /Recebemos a sua mensagem/);

    const provider = await signIn(app, 'untrusted@example.lu');
    assert.match(text((await provider.get('/en/provider')).body), /Someone reported a problem: .*Some information is wrong – “O telefone mudou”/);

    const moderator = await signIn(app, 'moderator@example.lu');
    const queue = await moderator.get('/en/moderation');
    assert.match(text(queue.body), /Reports from the public \(1\)/);
    const action = /action="(\/en\/moderation\/reports\/[^"]+\/resolve)"/.exec(queue.body)?.[1];
    assert.ok(action);
    const resolved = await moderator.post(action, {});
    assert.equal(resolved.headers.location, '/en/moderation?done=resolved');
    assert.match(text((await moderator.get('/en/moderation?done=resolved')).body), /There are no open reports/);
    assert.doesNotMatch(text((await provider.get('/en/provider')).body), /reported a problem/);
  });

  test('an unknown offer cannot be reported', async () => {
    const visitor = new TestBrowser(app.http);
    assert.equal((await visitor.get('/en/offers/nope/report')).statusCode, 404);
  });
});
