import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixSpec, validateRequest, validateResponse } from './matrix-spec.js';

const WHOAMI = '/_matrix/client/v3/account/whoami';

test('finds the operation of a concrete path under each base path of the spec', () => {
  const spec = matrixSpec();
  const operationOf = (method: string, path: string) => spec.findOperation(method, path)?.operationId;
  assert.equal(operationOf('PUT', '/_matrix/client/v3/rooms/!a:b/send/m.room.message/txn1'), 'sendMessage');
  assert.equal(operationOf('PUT', '/_matrix/client/v3/rooms/%21a%3Ab/state/m.room.name/'), 'setRoomStateWithKey');
  assert.equal(operationOf('GET', '/_matrix/client/v3/rooms/%21a%3Ab/state/m.room.name'), 'getRoomStateWithKey', 'an empty state key may go without its slash');
  assert.equal(operationOf('GET', '/_matrix/client/v3/rooms/%21a%3Ab/messages/extra'), undefined);
  assert.equal(operationOf('GET', '/_matrix/client/versions'), 'getVersions');
  assert.equal(operationOf('GET', '/.well-known/matrix/client'), 'getWellknown');
  assert.equal(operationOf('POST', '/_matrix/media/v3/upload?filename=a.png'), 'uploadContent');
  assert.equal(operationOf('GET', '/_matrix/client/v1/media/download/example.org/abc'), 'getContentAuthed');
  assert.equal(operationOf('POST', '/_matrix/client/v3/keys/query'), 'queryKeys');
  assert.equal(operationOf('GET', '/_matrix/client/v3/no/such/thing'), undefined);
  assert.equal(operationOf('DELETE', WHOAMI), undefined);
});

test('a response of the shape the spec defines passes, a wrong one is named precisely', () => {
  assert.deepEqual(validateResponse('GET', WHOAMI, 200, { user_id: '@alice:example.org', device_id: 'ABC' }), []);
  assert.deepEqual(validateResponse('GET', WHOAMI, 200, { device_id: 'ABC' }), [
    'getTokenOwner 200 response: body lacks required property "user_id"',
  ]);
  const [wrongType] = validateResponse('GET', WHOAMI, 200, { user_id: '@alice:example.org', is_guest: 'no' });
  assert.match(wrongType ?? '', /body\/is_guest must be boolean/);
  assert.equal(validateResponse('GET', WHOAMI, 200, { user_id: 'alice' }).length > 0, true, 'a user ID without its sigil');
});

test('schemas are followed across files, into definitions and event schemas', () => {
  const event = { type: 'm.room.message', content: { body: 'hi' }, sender: '@a:b', event_id: '$e', origin_server_ts: 1, room_id: '!r:b' };
  assert.deepEqual(validateResponse('GET', '/_matrix/client/v3/rooms/!r:b/event/$e', 200, event), []);
  const [problem] = validateResponse('GET', '/_matrix/client/v3/rooms/!r:b/event/$e', 200, { ...event, origin_server_ts: 'yesterday' });
  assert.match(problem ?? '', /origin_server_ts must be integer/);
});

test('request bodies are checked against the operation, including whether one is taken at all', () => {
  const login = '/_matrix/client/v3/login';
  const password = { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: 'secret' };
  assert.deepEqual(validateRequest('POST', login, password), []);
  assert.match(validateRequest('POST', login, { identifier: password.identifier })[0] ?? '', /lacks required property "type"/);
  assert.deepEqual(validateRequest('POST', '/_matrix/client/v3/logout', {}), []);
  assert.match(validateRequest('POST', '/_matrix/client/v3/logout', { all: true })[0] ?? '', /takes no request body/);
});

test('statuses: unlisted 4xx must be a standard error, anything else unlisted is a mismatch', () => {
  assert.deepEqual(validateResponse('GET', WHOAMI, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown token' }), []);
  assert.deepEqual(validateResponse('GET', '/_matrix/client/v3/capabilities', 401, { errcode: 'M_MISSING_TOKEN', error: 'Missing' }), []);
  assert.match(validateResponse('GET', '/_matrix/client/v3/capabilities', 401, { error: 'no code' })[0] ?? '', /lacks required property "errcode"/);
  const deviceSigning = '/_matrix/client/v3/keys/device_signing/upload';
  const challenge = { flows: [{ stages: ['m.login.password'] }], params: {}, session: 'abc' };
  assert.deepEqual(validateResponse('POST', deviceSigning, 401, challenge), [], 'its body takes `auth`, so it may ask for it');
  assert.match(validateResponse('POST', deviceSigning, 401, { flows: 'password' })[0] ?? '', /auth challenge.*flows must be array/);
  assert.match(validateResponse('GET', WHOAMI, 401, challenge)[0] ?? '', /lacks required property "errcode"/);
  assert.match(validateResponse('GET', WHOAMI, 500, { errcode: 'M_UNKNOWN' })[0] ?? '', /does not list status 500/);
  assert.match(validateResponse('GET', WHOAMI, 204, undefined)[0] ?? '', /does not list status 204/);
  assert.deepEqual(validateResponse('GET', '/_matrix/client/v3/unknown', 404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized' }), []);
  assert.equal(validateResponse('GET', '/_matrix/client/v3/unknown', 200, {}).length, 1);
});

test('bodies that are not JSON only need the declared content type', () => {
  const download = '/_matrix/client/v1/media/download/example.org/abc';
  assert.deepEqual(validateResponse('GET', download, 200, Buffer.from('png'), 'image/png'), []);
  assert.deepEqual(validateResponse('GET', download, 200, Buffer.from('{}'), 'application/json'), [], 'a stored JSON file is media too');
  assert.match(validateResponse('GET', WHOAMI, 200, 'text', 'text/plain')[0] ?? '', /content type text\/plain/);
});
