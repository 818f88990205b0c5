import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, matrixClient, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const profile = (userId: string) => `/_matrix/client/v3/profile/${encodeURIComponent(userId)}`;
const SEARCH = '/_matrix/client/v3/user_directory/search';

describeEachDialect('chat profiles and user directory', (dialect) => {
  let app: TestApp;
  let client: MatrixTestClient;
  let anna: MatrixTestClient;
  let ben: MatrixTestClient;

  before(async () => {
    app = await buildTestApp(dialect);
    client = await matrixClient(app);
    anna = await client.register('anna');
    ben = await client.register('ben');
  });
  after(() => app.close());

  test('a new account’s display name is its localpart; unset fields are left out', async () => {
    assert.deepEqual(await client.requestOk('GET', profile(anna.userId), { token: null }), { displayname: 'anna' });
    assert.deepEqual(await client.requestOk('GET', `${profile(anna.userId)}/displayname`, { token: null }), { displayname: 'anna' });
    const noAvatar = await client.request('GET', `${profile(anna.userId)}/avatar_url`, { token: null });
    assert.deepEqual([noAvatar.status, noAvatar.body.errcode], [404, 'M_NOT_FOUND']);
  });

  test('unknown users have no profile', async () => {
    const unknown = await client.request('GET', profile(`@nobody:${app.chat.config.serverName}`), { token: null });
    assert.deepEqual([unknown.status, unknown.body.errcode], [404, 'M_NOT_FOUND']);
  });

  test('users set their own name and avatar, and the rooms they are in see the change', async () => {
    const roomId = await anna.createRoom({ name: 'Coffee' });
    await anna.requestOk('PUT', `${profile(anna.userId)}/displayname`, { body: { displayname: 'Anna Muller' } });
    await anna.requestOk('PUT', `${profile(anna.userId)}/avatar_url`, { body: { avatar_url: 'mxc://example.lu/anna' } });
    assert.deepEqual(await client.requestOk('GET', profile(anna.userId), { token: null }), { displayname: 'Anna Muller', avatar_url: 'mxc://example.lu/anna' });

    const member = await anna.requestOk('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(anna.userId)}`);
    assert.deepEqual(member, { membership: 'join', displayname: 'Anna Muller', avatar_url: 'mxc://example.lu/anna' });

    await anna.requestOk('PUT', `${profile(anna.userId)}/avatar_url`, { body: { avatar_url: '' } });
    assert.deepEqual(await client.requestOk('GET', profile(anna.userId), { token: null }), { displayname: 'Anna Muller' });
  });

  test('nobody changes another user’s profile', async () => {
    const forbidden = await ben.request('PUT', `${profile(anna.userId)}/displayname`, { body: { displayname: 'Not Anna' } });
    assert.deepEqual([forbidden.status, forbidden.body.errcode], [403, 'M_FORBIDDEN']);
    const anonymous = await client.request('PUT', `${profile(anna.userId)}/displayname`, { body: { displayname: 'Not Anna' }, token: null });
    assert.deepEqual([anonymous.status, anonymous.body.errcode], [401, 'M_MISSING_TOKEN']);
    assert.equal((await client.requestOk('GET', profile(anna.userId), { token: null })).displayname, 'Anna Muller');
  });

  test('bad profile values are refused', async () => {
    const notMxc = await ben.request('PUT', `${profile(ben.userId)}/avatar_url`, { body: { avatar_url: 'https://example.lu/me.png' } });
    assert.deepEqual([notMxc.status, notMxc.body.errcode], [400, 'M_INVALID_PARAM']);
    const wrongType = await ben.request('PUT', `${profile(ben.userId)}/displayname`, { body: { displayname: 12 }, malformed: true });
    assert.deepEqual([wrongType.status, wrongType.body.errcode], [400, 'M_BAD_JSON']);
    const missing = await ben.request('PUT', `${profile(ben.userId)}/displayname`, { body: { name: 'Ben' }, malformed: true });
    assert.deepEqual([missing.status, missing.body.errcode], [400, 'M_MISSING_PARAM']);
  });

  test('the directory finds active users by part of their localpart or display name, in any case', async () => {
    await createTestUser(app, 'annabelle');
    const gone = await createTestUser(app, 'annette');
    await app.chat.accounts.deactivate(gone.userId);

    const byName = await ben.requestOk('POST', SEARCH, { body: { search_term: 'MULL' } });
    assert.deepEqual(byName, { results: [{ user_id: anna.userId, display_name: 'Anna Muller' }], limited: false });
    const byLocalpart = await ben.requestOk<{ results: { user_id: string }[] }>('POST', SEARCH, { body: { search_term: 'ann' } });
    assert.deepEqual(byLocalpart.results.map((r) => r.user_id), [anna.userId, `@annabelle:${app.chat.config.serverName}`]);
    const annabelle = `@annabelle:${app.chat.config.serverName}`;
    const byUserId = await ben.requestOk<{ results: { user_id: string }[] }>('POST', SEARCH, { body: { search_term: annabelle } });
    assert.deepEqual(byUserId.results.map((r) => r.user_id), [annabelle]);
    const wildcard = await ben.requestOk('POST', SEARCH, { body: { search_term: '%' } });
    assert.deepEqual(wildcard, { results: [], limited: false });
  });

  test('the directory honours the limit and says when it cut the list', async () => {
    const limited = await ben.requestOk<{ results: unknown[]; limited: boolean }>('POST', SEARCH, { body: { search_term: 'ann', limit: 1 } });
    assert.deepEqual([limited.results.length, limited.limited], [1, true]);
    const badLimit = await ben.request('POST', SEARCH, { body: { search_term: 'ann', limit: 'ten' }, malformed: true });
    assert.deepEqual([badLimit.status, badLimit.body.errcode], [400, 'M_BAD_JSON']);
    const anonymous = await client.request('POST', SEARCH, { body: { search_term: 'ann' }, token: null });
    assert.equal(anonymous.status, 401);
  });
});
