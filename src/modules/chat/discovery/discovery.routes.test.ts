import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { matrixClient, type MatrixResponse, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

interface Capabilities {
  capabilities: {
    'm.room_versions': { default: string; available: Record<string, string> };
    'm.change_password'?: { enabled: boolean };
  };
}

const PREFLIGHT = { origin: 'https://app.element.io', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' };

function assertCors(response: MatrixResponse<unknown>): void {
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/i);
  assert.match(response.headers.get('access-control-allow-methods') ?? '', /PUT/);
}

describeEachDialect('Matrix discovery and the rules every endpoint follows', (dialect) => {
  let app: TestApp;
  let anonymous: MatrixTestClient;
  let alice: MatrixTestClient;

  before(async () => {
    // The media limit is set low so that whichever body limit the chat scope applies, 2 MiB exceeds it.
    app = await buildTestApp(dialect, { env: { MEDIA_MAX_UPLOAD_BYTES: String(1024 * 1024) } });
    anonymous = await matrixClient(app);
    alice = await anonymous.register('alice');
  });
  after(() => app.close());

  test('/versions answers without a token and names stable spec versions', async () => {
    const response = await anonymous.request<{ versions: string[] }>('GET', '/_matrix/client/versions');
    assert.equal(response.status, 200);
    assert.ok(response.body.versions.includes('v1.1'), 'matrix-js-sdk needs at least v1.1');
    for (const version of response.body.versions) assert.match(version, /^v1\.\d+$/);
  });

  test('/.well-known/matrix/client points clients at our public URL, readable from any origin', async () => {
    const response = await anonymous.request<{ 'm.homeserver': { base_url: string } }>('GET', '/.well-known/matrix/client');
    assert.equal(response.status, 200);
    assert.equal(response.body['m.homeserver'].base_url, app.config.publicUrl);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('/capabilities offers room versions 10 and 11 and a default among them', async () => {
    const { capabilities } = await alice.requestOk<Capabilities>('GET', '/_matrix/client/v3/capabilities');
    const roomVersions = capabilities['m.room_versions'];
    assert.equal(roomVersions.available['10'], 'stable');
    assert.equal(roomVersions.available['11'], 'stable');
    assert.ok(roomVersions.default in roomVersions.available);
    assert.equal(capabilities['m.change_password']?.enabled, true);
  });

  test('a token is read from the Authorization header or the access_token query parameter', async () => {
    const fromQuery = await alice.request('GET', '/_matrix/client/v3/capabilities', { token: null, query: { access_token: alice.accessToken } });
    assert.equal(fromQuery.status, 200);
  });

  test('no token is 401 M_MISSING_TOKEN, an unknown one 401 M_UNKNOWN_TOKEN', async () => {
    const missing = await anonymous.request('GET', '/_matrix/client/v3/capabilities');
    assert.equal(missing.status, 401);
    assert.equal(missing.body.errcode, 'M_MISSING_TOKEN');
    const unknown = await anonymous.request('GET', '/_matrix/client/v3/capabilities', { token: 'zs_not-a-token' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.errcode, 'M_UNKNOWN_TOKEN');
  });

  test('OIDC discovery is not offered, so clients fall back to password login', async () => {
    for (const path of [
      '/_matrix/client/v1/auth_metadata',
      '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer',
      '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
    ]) {
      const response = await anonymous.request('GET', path);
      assert.equal(response.status, 404, path);
      assert.equal(response.body.errcode, 'M_UNRECOGNIZED', path);
    }
  });

  test('unknown endpoints answer 404 M_UNRECOGNIZED, with CORS headers', async () => {
    for (const [method, path] of [
      ['GET', '/_matrix/client/v3/no_such_endpoint'],
      ['POST', '/_matrix/client/r0/login'],
      ['GET', '/_matrix/federation/v1/version'],
    ] as const) {
      const response = await anonymous.request(method, path, { body: method === 'POST' ? {} : undefined });
      assert.equal(response.status, 404, path);
      assert.equal(response.body.errcode, 'M_UNRECOGNIZED', path);
      assertCors(response);
    }
  });

  test('every route answers a CORS preflight with 204 and the CORS headers', async () => {
    for (const path of [
      '/_matrix/client/versions',
      '/_matrix/client/v3/capabilities',
      `/_matrix/client/v3/rooms/${encodeURIComponent('!room:example.org')}/send/m.room.message/txn1`,
      '/_matrix/client/v3/no_such_endpoint',
      '/.well-known/matrix/client',
    ]) {
      const response = await anonymous.request('OPTIONS', path, { headers: PREFLIGHT });
      assert.equal(response.status, 204, path);
      assertCors(response);
    }
  });

  test('answers and errors carry CORS headers, so browser clients can read them', async () => {
    assertCors(await anonymous.request('GET', '/_matrix/client/versions'));
    assertCors(await anonymous.request('GET', '/_matrix/client/v3/capabilities'));
  });

  test('a body that is not JSON is 400 M_NOT_JSON', async () => {
    for (const raw of ['{"name": ', 'name=lobby']) {
      const response = await alice.request('POST', '/_matrix/client/v3/createRoom', { raw, malformed: true });
      assert.equal(response.status, 400, raw);
      assert.equal(response.body.errcode, 'M_NOT_JSON', raw);
    }
  });

  test('JSON of the wrong shape is 400 M_BAD_JSON', async () => {
    for (const body of [{ name: 42 }, { invite: '@bob:example.org' }, ['not', 'an', 'object'], null]) {
      const response = await alice.request('POST', '/_matrix/client/v3/createRoom', { body, malformed: true });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.errcode, 'M_BAD_JSON', JSON.stringify(body));
    }
  });

  test('a URL that cannot be decoded is a Matrix error, not a framework page', async () => {
    const response = await alice.request('PUT', '/_matrix/client/v3/rooms/%FF/send/m.room.message/t1', { body: {}, offSpec: true });
    assert.equal(response.status, 400);
    assert.equal(response.body.errcode, 'M_INVALID_PARAM');
  });

  test('a body over the size limit is 413 M_TOO_LARGE', async () => {
    const raw = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const response = await alice.request('POST', '/_matrix/client/v3/createRoom', { raw, malformed: true });
    assert.equal(response.status, 413);
    assert.equal(response.body.errcode, 'M_TOO_LARGE');
  });
});
