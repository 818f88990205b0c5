import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import type { Server } from 'node:http';
import type { CurrentUser } from '../../src/platform/auth/roles.js';
import type { Mandate, ScopeRequest } from '../../src/modules/mandates/index.js';
import { buildTestApp, describeEachDialect, type TestApp } from '../../test/support/test-app.js';
import { unwrap } from '../../test/support/directory-fixtures.js';
import { createRelyingService } from './relying-service.js';

/** A port nobody listens on now: the platform's PUBLIC_URL and the service's redirect URI need theirs up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describeEachDialect('example relying service (Demo tax portal)', (dialect) => {
  let platform: TestApp;
  let service: Server;
  let serviceUrl: string;
  let clientId: string;
  let people = 0;

  async function person(name: string): Promise<CurrentUser> {
    people += 1;
    const user = unwrap(
      await platform.accounts.createUser({ email: `${name.toLowerCase()}.${people}@example.lu`, password: 'correct horse battery', displayName: name, role: 'person' }),
    );
    const { token } = await platform.accounts.startSession(user.id);
    const signedIn = await platform.accounts.userForSession(token);
    assert.ok(signedIn);
    return signedIn;
  }

  async function activeMandate(principal: CurrentUser, agent: CurrentUser, scopes: readonly ScopeRequest[]): Promise<Mandate> {
    const proposed = unwrap(await platform.mandates.propose(principal, { agent: { kind: 'person', email: agent.email }, scopes, duration: '1m' }));
    const text = platform.mandates.consentText(proposed, { locale: 'en', easyLanguage: false });
    unwrap(await platform.mandates.consentOnline(principal, proposed.id, { locale: 'en', easyLanguage: false, textSha256: text.sha256 }));
    return unwrap(await platform.mandates.accept(agent, proposed.id));
  }

  /** What the agent's browser does after "Use at Demo tax portal": follow the link with the code. */
  async function useAtService(agent: CurrentUser, mandate: Mandate): Promise<{ status: number; html: string }> {
    const { continueUrl } = unwrap(await platform.mandates.createDelegationCode(agent, mandate.id, clientId));
    assert.ok(continueUrl.startsWith(`${serviceUrl}/callback?delegation_code=`), continueUrl);
    const response = await fetch(continueUrl);
    return { status: response.status, html: await response.text() };
  }

  before(async () => {
    const [platformPort, servicePort] = [await freePort(), await freePort()];
    platform = await buildTestApp(dialect, { env: { PUBLIC_URL: `http://127.0.0.1:${platformPort}` } });
    await platform.http.listen({ port: platformPort, host: '127.0.0.1' });
    serviceUrl = `http://127.0.0.1:${servicePort}`;
    const registered = await platform.mandates.registerService({ name: 'Demo tax portal', redirectUri: `${serviceUrl}/callback` });
    clientId = registered.clientId;
    service = createRelyingService({ platformUrl: platform.config.publicUrl, clientId, clientSecret: registered.clientSecret });
    await new Promise<void>((resolve) => service.listen(servicePort, '127.0.0.1', resolve));
  });
  after(async () => {
    service.closeAllConnections();
    await new Promise((resolve) => service.close(resolve));
    await platform.close();
  });

  test('the home page explains what the service accepts', async () => {
    const response = await fetch(`${serviceUrl}/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /taxes_money:submit/);
  });

  test('a representative with a mandate for tax returns is shown acting for the principal', async () => {
    const principal = await person('Marie');
    const agent = await person('Luc');
    const mandate = await activeMandate(principal, agent, [{ category: 'taxes_money', actions: ['view', 'submit'] }]);
    const { status, html } = await useAtService(agent, mandate);
    assert.equal(status, 200, html);
    assert.ok(html.includes(`<strong>${agent.id}</strong> is acting for <strong>${principal.id}</strong> (mandate ${mandate.id}, scope taxes_money:submit)`), html);
    const history = unwrap(await platform.mandates.history(principal, mandate.id));
    assert.equal(history.at(-1)?.kind, 'token_issued');
  });

  test("a revoked mandate's code is refused and nothing is shown as allowed", async () => {
    const principal = await person('Ana');
    const agent = await person('Rui');
    const mandate = await activeMandate(principal, agent, [{ category: 'taxes_money', actions: ['submit'] }]);
    const { continueUrl } = unwrap(await platform.mandates.createDelegationCode(agent, mandate.id, clientId));
    unwrap(await platform.mandates.revoke(principal, mandate.id));
    const response = await fetch(continueUrl);
    const html = await response.text();
    assert.equal(response.status, 403);
    assert.match(html, /The platform refused this mandate/);
    assert.match(html, /mandate_revoked/);
    assert.doesNotMatch(html, /is acting for/);
  });

  test('a mandate that does not cover submitting tax returns is refused', async () => {
    const principal = await person('Lea');
    const agent = await person('Max');
    const mandate = await activeMandate(principal, agent, [{ category: 'taxes_money', actions: ['view'] }]);
    const { status, html } = await useAtService(agent, mandate);
    assert.equal(status, 403);
    assert.match(html, /out_of_scope/);
  });

  test('without a delegation code, or with a made-up one, nothing is allowed', async () => {
    const missing = await fetch(`${serviceUrl}/callback`);
    assert.equal(missing.status, 400);
    const madeUp = await fetch(`${serviceUrl}/callback?delegation_code=guessed`);
    assert.equal(madeUp.status, 403);
    assert.match(await madeUp.text(), /unknown_code/);
  });
});
