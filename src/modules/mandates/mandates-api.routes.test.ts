import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { Secret, TOTP } from 'otpauth';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, published, unwrap } from '../../../test/support/directory-fixtures.js';
import type { Mandate, RelyingService } from './index.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const CODE_TYPE = 'urn:zesummen:params:oauth:token-type:delegation-code';
const TOKEN_URL = '/api/v1/mandates/token';
const PASSWORD = 'correct horse battery';

type Service = RelyingService & { readonly clientSecret: string };

/** RFC 6749 2.3.1: form-encode the id and the secret, then HTTP Basic. */
function basic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

interface Signed {
  readonly user: CurrentUser;
  readonly token: string;
}

describeEachDialect('mandates token API', (dialect) => {
  const clock = manualClock();
  let app: TestApp;
  let service: Service;
  let otherService: Service;
  let moderator: CurrentUser;
  let organizationId: string;
  let seq = 0;

  async function signedIn(user: CurrentUser): Promise<Signed> {
    const { token } = await app.accounts.startSession(user.id);
    const current = await app.accounts.userForSession(token);
    assert.ok(current);
    return { user: current, token };
  }

  async function person(name: string): Promise<Signed> {
    seq += 1;
    const email = `${name.toLowerCase()}.${seq}@example.lu`;
    const user = unwrap(await app.accounts.createUser({ email, password: PASSWORD, displayName: name, role: 'person' }));
    return signedIn(user);
  }

  function totpCode(secret: string): string {
    return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: clock.now().getTime() });
  }

  /** A provider of the accredited organisation, signed in, who has passed the second factor in this session. */
  async function verifiedHelper(name: string): Promise<Signed> {
    seq += 1;
    const user = unwrap(
      await app.accounts.createUser({ email: `${name.toLowerCase()}.${seq}@helpdesk.lu`, password: PASSWORD, displayName: name, role: 'provider', organizationIds: [organizationId] }),
    );
    const { secret } = unwrap(await app.accounts.beginSecondFactorEnrolment(user.id));
    const session = await signedIn(user);
    assert.ok(session.user.sessionId);
    unwrap(await app.accounts.confirmSecondFactorEnrolment(session.user.sessionId, user.id, totpCode(secret)));
    const verified = await app.accounts.userForSession(session.token);
    assert.ok(verified?.secondFactorVerified);
    return { user: verified, token: session.token };
  }

  const taxes = { category: 'taxes_money', actions: ['view', 'submit'] } as const;
  const housing = { category: 'housing', actions: ['view'] } as const;

  /** principal proposes, consents online, the agent accepts: an active mandate. */
  async function activeMandate(
    principal: Signed,
    agent: { kind: 'person'; who: Signed } | { kind: 'organization'; helper: Signed },
    duration: '1d' | '1y' = '1y',
  ): Promise<Mandate> {
    const proposed = unwrap(
      await app.mandates.propose(principal.user, {
        agent: agent.kind === 'person' ? { kind: 'person', email: agent.who.user.email } : { kind: 'organization', organizationId },
        scopes: [taxes, housing],
        duration,
      }),
    );
    const text = app.mandates.consentText(proposed, { locale: 'en', easyLanguage: false });
    unwrap(await app.mandates.consentOnline(principal.user, proposed.id, { locale: 'en', easyLanguage: false, textSha256: text.sha256 }));
    const accepted = unwrap(await app.mandates.accept(agent.kind === 'person' ? agent.who.user : agent.helper.user, proposed.id));
    assert.equal(accepted.status, 'active');
    return accepted;
  }

  async function code(agent: Signed, mandate: Mandate, client: Service = service): Promise<string> {
    return unwrap(await app.mandates.createDelegationCode(agent.user, mandate.id, client.clientId)).code;
  }

  /** `from` sets the caller's address: failed authentications are counted per address. */
  function exchange(fields: Record<string, string>, options: { authorization?: string; contentType?: string; payload?: string; from?: string } = {}) {
    return app.http.inject({
      method: 'POST',
      url: TOKEN_URL,
      remoteAddress: options.from ?? '127.0.0.1',
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        ...(options.authorization ? { authorization: options.authorization } : {}),
      },
      payload: options.payload ?? new URLSearchParams(fields).toString(),
    });
  }

  /** A well-formed token request for the code, by client_secret_basic unless `post` is asked for. */
  function exchangeCode(subjectToken: string, options: { client?: Service; secret?: string; scope?: string; post?: boolean; from?: string } = {}) {
    const client = options.client ?? service;
    const secret = options.secret ?? client.clientSecret;
    const fields = { grant_type: GRANT, subject_token: subjectToken, subject_token_type: CODE_TYPE, scope: options.scope ?? 'taxes_money:submit' };
    return options.post
      ? exchange({ ...fields, client_id: client.clientId, client_secret: secret }, { from: options.from })
      : exchange(fields, { authorization: basic(client.clientId, secret), from: options.from });
  }

  async function verify(accessToken: string) {
    const jwks = (await app.http.inject({ method: 'GET', url: '/api/v1/mandates/jwks.json' })).json<JSONWebKeySet>();
    return jwtVerify(accessToken, createLocalJWKSet(jwks), {
      issuer: app.config.publicUrl,
      audience: service.clientId,
      algorithms: ['ES256'],
      typ: 'JWT',
      currentDate: clock.now(),
    });
  }

  async function historyKinds(principal: Signed, mandate: Mandate): Promise<Array<[string, unknown]>> {
    const entries = unwrap(await app.mandates.history(principal.user, mandate.id));
    return entries.filter((e) => e.kind === 'token_issued' || e.kind === 'token_refused').map((e) => [e.kind, e.details.reason ?? null]);
  }

  /** A refusal as the service sees it, and as the principal sees it in the mandate's history. */
  async function assertRefused(
    response: Awaited<ReturnType<typeof exchange>>,
    expected: { status: number; error: string; reason: string },
    journal?: { principal: Signed; mandate: Mandate },
  ) {
    assert.equal(response.statusCode, expected.status, response.body);
    const body = response.json<{ error: string; error_description: string; reason: string }>();
    assert.equal(body.error, expected.error);
    assert.equal(body.reason, expected.reason);
    assert.ok(body.error_description.length > 10, body.error_description);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers.pragma, 'no-cache');
    if (journal) {
      const kinds = await historyKinds(journal.principal, journal.mandate);
      assert.deepEqual(kinds.at(-1), ['token_refused', expected.reason]);
    }
  }

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    moderator = unwrap(await app.accounts.createUser({ email: 'moderator@example.lu', password: PASSWORD, displayName: 'Moderator', role: 'moderator' }));
    const organization = published(unwrap(await app.directory.createOrganization(moderator, { name: 'Helpdesk Esch asbl', email: 'info@helpdesk.lu' })));
    organizationId = organization.id;
    unwrap(await app.mandates.accredit(moderator, organizationId, '2027-03-02T09:00:00.000Z'));
    service = await app.mandates.registerService({ name: 'Demo tax portal', redirectUri: 'https://tax.example.lu/callback' });
    otherService = await app.mandates.registerService({ name: 'Other portal', redirectUri: 'https://other.example.lu/back' });
  });
  after(() => app.close());

  test('a person agent gets a short-lived ES256 JWT naming principal, representative, mandate and scope', async () => {
    const principal = await person('Marie');
    const agent = await person('Luc');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    const delegation = unwrap(await app.mandates.createDelegationCode(agent.user, mandate.id, service.clientId));
    assert.equal(new URL(delegation.continueUrl).searchParams.get('delegation_code'), delegation.code);

    const response = await exchangeCode(delegation.code, { scope: 'taxes_money:submit taxes_money:view' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers.pragma, 'no-cache');
    const issued = response.json<{ access_token: string; issued_token_type: string; token_type: string; expires_in: number; scope: string }>();
    assert.equal(issued.issued_token_type, 'urn:ietf:params:oauth:token-type:jwt');
    assert.equal(issued.token_type, 'N_A');
    assert.ok(issued.expires_in > 0 && issued.expires_in <= 600);
    assert.deepEqual(issued.scope.split(' ').sort(), ['taxes_money:submit', 'taxes_money:view']);

    const { payload, protectedHeader } = await verify(issued.access_token);
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(payload.iss, app.config.publicUrl);
    assert.equal(payload.aud, service.clientId);
    assert.equal(payload.sub, principal.user.id);
    assert.deepEqual(payload.act, { sub: agent.user.id });
    assert.equal(payload.mandate_id, mandate.id);
    assert.equal(payload.scope, issued.scope);
    assert.ok(typeof payload.exp === 'number' && typeof payload.iat === 'number');
    assert.ok(payload.exp - payload.iat <= 600 && payload.exp > payload.iat);
    assert.equal(payload.iat, Math.floor(clock.now().getTime() / 1000));
    assert.ok(typeof payload.jti === 'string' && payload.jti.length > 0);

    assert.deepEqual(await historyKinds(principal, mandate), [['token_issued', null]]);
    const issuedEntry = unwrap(await app.mandates.history(agent.user, mandate.id)).find((e) => e.kind === 'token_issued');
    assert.equal(issuedEntry?.actor, `service:${service.clientId}`);
    assert.equal(issuedEntry?.details.jti, payload.jti);
  });

  test('client_secret_post works too, and the key in the header is the one published', async () => {
    const principal = await person('Ana');
    const agent = await person('Rui');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    const response = await exchangeCode(await code(agent, mandate), { post: true, scope: 'housing:view' });
    assert.equal(response.statusCode, 200, response.body);
    const token = response.json<{ access_token: string }>().access_token;
    const jwks = (await app.http.inject({ method: 'GET', url: '/api/v1/mandates/jwks.json' })).json<JSONWebKeySet>();
    assert.ok(jwks.keys.some((key) => key.kid === decodeProtectedHeader(token).kid));
    const { payload } = await verify(token);
    assert.equal(payload.scope, 'housing:view');
  });

  test('a helper of the accredited organisation gets a token whose act names the organisation', async () => {
    const principal = await person('Jeanne');
    const helper = await verifiedHelper('Paulo');
    const mandate = await activeMandate(principal, { kind: 'organization', helper });
    const response = await exchangeCode(await code(helper, mandate));
    assert.equal(response.statusCode, 200, response.body);
    const { payload } = await verify(response.json<{ access_token: string }>().access_token);
    assert.deepEqual(payload.act, { sub: helper.user.id, org: organizationId });
    assert.equal(payload.sub, principal.user.id);
    assert.deepEqual(await historyKinds(principal, mandate), [['token_issued', null]]);
  });

  test('client authentication failures are 401 invalid_client with a Basic challenge', async () => {
    const principal = await person('Emma');
    const agent = await person('Tom');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    const delegationCode = await code(agent, mandate);

    const from = '192.0.2.1';
    const unknown = await exchangeCode(delegationCode, { client: { ...service, clientId: 'svc_nobody' }, from });
    await assertRefused(unknown, { status: 401, error: 'invalid_client', reason: 'unknown_client' });
    assert.equal(unknown.headers['www-authenticate'], 'Basic realm="zesummen"');
    const wrongSecret = await exchangeCode(delegationCode, { secret: `${service.clientSecret}x`, from });
    await assertRefused(wrongSecret, { status: 401, error: 'invalid_client', reason: 'unknown_client' });
    assert.equal(wrongSecret.headers['www-authenticate'], 'Basic realm="zesummen"');
    const wrongPost = await exchangeCode(delegationCode, { secret: 'guess', post: true, from });
    await assertRefused(wrongPost, { status: 401, error: 'invalid_client', reason: 'unknown_client' });
    const none = await exchange({ grant_type: GRANT, subject_token: delegationCode, subject_token_type: CODE_TYPE, scope: 'taxes_money:view' }, { from });
    await assertRefused(none, { status: 401, error: 'invalid_client', reason: 'unknown_client' });
    const notBasic = await exchange({ grant_type: GRANT, subject_token: delegationCode, subject_token_type: CODE_TYPE }, { authorization: 'Bearer abc', from });
    await assertRefused(notBasic, { status: 401, error: 'invalid_client', reason: 'unknown_client' });

    // An unauthenticated client learns nothing about the code, and the code stays usable.
    assert.deepEqual(await historyKinds(principal, mandate), []);
    assert.equal((await exchangeCode(delegationCode)).statusCode, 200);
  });

  test('unknown, used and expired codes and codes of another service are invalid_grant, journalled', async () => {
    const principal = await person('Sophie');
    const agent = await person('Marc');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    const journal = { principal, mandate };

    await assertRefused(await exchangeCode('not-a-code-we-made'), { status: 400, error: 'invalid_grant', reason: 'unknown_code' });

    const once = await code(agent, mandate);
    assert.equal((await exchangeCode(once)).statusCode, 200);
    await assertRefused(await exchangeCode(once), { status: 400, error: 'invalid_grant', reason: 'code_used' }, journal);

    const late = await code(agent, mandate);
    clock.set(new Date(clock.now().getTime() + 5 * 60_000 + 1000).toISOString());
    await assertRefused(await exchangeCode(late), { status: 400, error: 'invalid_grant', reason: 'code_expired' }, journal);

    const forOther = await code(agent, mandate, otherService);
    await assertRefused(await exchangeCode(forOther), { status: 400, error: 'invalid_grant', reason: 'other_service' }, journal);
    // The code was not spent by the wrong service: its own service still gets a token.
    assert.equal((await exchangeCode(forOther, { client: otherService })).statusCode, 200);

    assert.deepEqual(await historyKinds(principal, mandate), [
      ['token_issued', null],
      ['token_refused', 'code_used'],
      ['token_refused', 'code_expired'],
      ['token_refused', 'other_service'],
      ['token_issued', null],
    ]);
  });

  test('revoked mandates, revoked scopes and scopes never given are refused, journalled', async () => {
    const principal = await person('Lea');
    const agent = await person('Max');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    const journal = { principal, mandate };

    await assertRefused(await exchangeCode(await code(agent, mandate), { scope: 'justice:view' }), { status: 400, error: 'invalid_scope', reason: 'out_of_scope' }, journal);
    await assertRefused(await exchangeCode(await code(agent, mandate), { scope: 'housing:submit' }), { status: 400, error: 'invalid_scope', reason: 'out_of_scope' }, journal);

    unwrap(await app.mandates.revoke(principal.user, mandate.id, 'taxes_money'));
    await assertRefused(await exchangeCode(await code(agent, mandate)), { status: 400, error: 'invalid_scope', reason: 'scope_revoked' }, journal);
    assert.equal((await exchangeCode(await code(agent, mandate), { scope: 'housing:view' })).statusCode, 200);

    const beforeRevocation = await code(agent, mandate);
    unwrap(await app.mandates.revoke(principal.user, mandate.id));
    await assertRefused(await exchangeCode(beforeRevocation, { scope: 'housing:view' }), { status: 400, error: 'invalid_grant', reason: 'mandate_revoked' }, journal);
  });

  test('an expired mandate is refused even with a fresh code', async () => {
    const principal = await person('Nina');
    const agent = await person('Olaf');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent }, '1d');
    clock.set(new Date(Date.parse(mandate.endsAt) - 60_000).toISOString());
    const lastMinute = await code(agent, mandate);
    clock.set(new Date(Date.parse(mandate.endsAt) + 1000).toISOString());
    await assertRefused(await exchangeCode(lastMinute), { status: 400, error: 'invalid_grant', reason: 'mandate_expired' }, { principal, mandate });
  });

  test('a helper who left the organisation, a withdrawn accreditation or a session without second factor are refused', async () => {
    const principal = await person('Claire');

    const leaver = await verifiedHelper('Ines');
    const left = await activeMandate(principal, { kind: 'organization', helper: leaver });
    const leaverCode = await code(leaver, left);
    await app.accounts.removeFromOrganization(leaver.user.id, organizationId);
    await assertRefused(await exchangeCode(leaverCode), { status: 400, error: 'invalid_grant', reason: 'wrong_organization' }, { principal, mandate: left });

    const loggedOut = await verifiedHelper('Joao');
    const mandate = await activeMandate(principal, { kind: 'organization', helper: loggedOut });
    const beforeLogout = await code(loggedOut, mandate);
    await app.accounts.endSession(loggedOut.token);
    await assertRefused(await exchangeCode(beforeLogout), { status: 400, error: 'invalid_grant', reason: 'second_factor_required' }, { principal, mandate });

    const helper = await verifiedHelper('Karin');
    const beforeWithdrawal = await code(helper, mandate);
    unwrap(await app.mandates.withdrawAccreditation(moderator, organizationId));
    await assertRefused(await exchangeCode(beforeWithdrawal), { status: 400, error: 'invalid_grant', reason: 'organization_not_accredited' }, { principal, mandate });
  });

  test('malformed requests are OAuth invalid_request errors, never a server error', async () => {
    const auth = basic(service.clientId, service.clientSecret);
    const fields = { grant_type: GRANT, subject_token: 'x', subject_token_type: CODE_TYPE, scope: 'taxes_money:view' };
    const invalid = { status: 400, error: 'invalid_request', reason: 'bad_request' };

    await assertRefused(await exchange(fields, { authorization: auth, contentType: 'application/json', payload: JSON.stringify(fields) }), invalid);
    await assertRefused(await exchange(fields, { authorization: auth, contentType: 'application/json', payload: '{"grant_type":' }), invalid);
    await assertRefused(await exchange(fields, { authorization: auth, contentType: 'application/json', payload: '[1,2]' }), invalid);
    const textPlain = await exchange(fields, { authorization: auth, contentType: 'text/plain', payload: 'hello' });
    assert.equal(textPlain.json<{ error: string }>().error, 'invalid_request');
    assert.ok(textPlain.statusCode >= 400 && textPlain.statusCode < 500);
    await assertRefused(await exchange(fields, { authorization: auth, payload: 'grant_type=%FF' }), invalid);
    await assertRefused(await exchange(fields, { authorization: auth, payload: `${new URLSearchParams(fields)}&scope=housing:view` }), invalid);
    await assertRefused(await exchange(fields, { authorization: auth, payload: `${new URLSearchParams(fields)}&subject_token=${'x'.repeat(300)}` }), invalid);
    for (const missing of ['grant_type', 'subject_token', 'subject_token_type'] as const) {
      const { [missing]: _dropped, ...rest } = fields;
      const response = await exchange(rest, { authorization: auth });
      await assertRefused(response, invalid);
      assert.match(response.json<{ error_description: string }>().error_description, new RegExp(missing));
    }
    // Two client authentication methods at once, or two different ids.
    await assertRefused(await exchange({ ...fields, client_id: service.clientId, client_secret: service.clientSecret }, { authorization: auth }), invalid);
    await assertRefused(await exchange({ ...fields, client_id: otherService.clientId }, { authorization: auth }), invalid);
    // The same id in the body as in the header is tolerated: the request reaches the code check.
    await assertRefused(await exchange({ ...fields, client_id: service.clientId }, { authorization: auth }), { status: 400, error: 'invalid_grant', reason: 'unknown_code' });
    const grant = await exchange({ ...fields, grant_type: 'authorization_code' }, { authorization: auth });
    assert.equal(grant.statusCode, 400);
    assert.equal(grant.json<{ error: string }>().error, 'unsupported_grant_type');
    const tokenType = await exchange({ ...fields, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, { authorization: auth });
    assert.equal(tokenType.json<{ error: string }>().error, 'invalid_request');
    // Broken Basic headers are failed authentications, not crashes.
    for (const header of ['Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${Buffer.from([0xff, 0x3a, 0x41]).toString('base64')}`, `Basic ${Buffer.from('a%ZZ:b').toString('base64')}`]) {
      await assertRefused(await exchange(fields, { authorization: header, from: '192.0.2.2' }), { status: 401, error: 'invalid_client', reason: 'unknown_client' });
    }
    const get = await app.http.inject({ method: 'GET', url: TOKEN_URL });
    assert.ok(get.statusCode >= 400 && get.statusCode < 500);
  });

  test('client ids and secrets are form-decoded from HTTP Basic (RFC 6749 2.3.1)', async () => {
    const principal = await person('Zoe');
    const agent = await person('Yann');
    const mandate = await activeMandate(principal, { kind: 'person', who: agent });
    // Every character percent-encoded: only a server that form-decodes both parts recognises the client.
    const encodeAll = (value: string) => [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    const header = `Basic ${Buffer.from(`${encodeAll(service.clientId)}:${encodeAll(service.clientSecret)}`).toString('base64')}`;
    const response = await exchange(
      { grant_type: GRANT, subject_token: await code(agent, mandate), subject_token_type: CODE_TYPE, scope: 'taxes_money:view' },
      { authorization: header },
    );
    assert.equal(response.statusCode, 200, response.body);
  });

  test('the JWKS and the authorisation server metadata are public and cacheable', async () => {
    const jwks = await app.http.inject({ method: 'GET', url: '/api/v1/mandates/jwks.json' });
    assert.equal(jwks.statusCode, 200);
    assert.match(String(jwks.headers['cache-control']), /^public, max-age=\d+$/);
    const { keys } = jwks.json<{ keys: Array<Record<string, string>> }>();
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(key.kty, 'EC');
      assert.equal(key.crv, 'P-256');
      assert.equal(key.alg, 'ES256');
      assert.equal(key.use, 'sig');
      assert.ok(key.kid);
      assert.equal(key.d, undefined, 'never the private part');
    }

    const metadata = await app.http.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    assert.equal(metadata.statusCode, 200);
    assert.match(String(metadata.headers['cache-control']), /^public/);
    assert.equal(metadata.headers['set-cookie'], undefined);
    const document = metadata.json<Record<string, unknown>>();
    const base = app.config.publicUrl;
    assert.equal(document.issuer, base);
    assert.equal(document.token_endpoint, `${base}${TOKEN_URL}`);
    assert.equal(document.jwks_uri, `${base}/api/v1/mandates/jwks.json`);
    assert.deepEqual(document.grant_types_supported, [GRANT]);
    assert.deepEqual(document.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
    assert.deepEqual(document.subject_token_types_supported, [CODE_TYPE]);
    assert.ok((document.scopes_supported as string[]).includes('taxes_money:submit'));
  });

  test('repeated failed client authentications from one address are slowed down with 429', async () => {
    const fields = { grant_type: GRANT, subject_token: 'x', subject_token_type: CODE_TYPE, scope: 'taxes_money:view' };
    const wrong = () => exchange(fields, { authorization: basic(service.clientId, 'wrong'), from: '192.0.2.3' });
    let response = await wrong();
    for (let attempt = 0; attempt < 200 && response.statusCode === 401; attempt += 1) response = await wrong();
    assert.equal(response.statusCode, 429);
    const body = response.json<{ error: string; error_description: string }>();
    assert.equal(body.error, 'slow_down');
    assert.match(body.error_description, /Try again in \d+ seconds/);
    assert.match(String(response.headers['retry-after']), /^\d+$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    // Per address: another caller is not slowed down.
    const elsewhere = await exchange(fields, { authorization: basic(service.clientId, 'wrong'), from: '192.0.2.4' });
    assert.equal(elsewhere.statusCode, 401);
  });
});
