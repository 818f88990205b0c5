import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../../test/support/test-app.js';
import { createTestUser, type MatrixJson, type MatrixTestClient } from '../../../../test/support/matrix-client.js';

const RULES = '/_matrix/client/v3/pushrules/global';
const rule = (kind: string, ruleId: string, suffix = '') => `${RULES}/${kind}/${encodeURIComponent(ruleId)}${suffix}`;

interface Rule {
  rule_id: string;
  default: boolean;
  enabled: boolean;
  actions: unknown[];
  conditions?: MatrixJson[];
  pattern?: string;
}
type Ruleset = Record<'override' | 'content' | 'room' | 'sender' | 'underride', Rule[]>;

describeEachDialect('chat push rules', (dialect) => {
  let app: TestApp;
  let alice: MatrixTestClient;
  let bob: MatrixTestClient;

  before(async () => {
    app = await buildTestApp(dialect);
    alice = await createTestUser(app, 'alice');
    bob = await createTestUser(app, 'bob');
  });
  after(() => app.close());

  const ruleset = async (client: MatrixTestClient) => (await client.requestOk<{ global: Ruleset }>('GET', '/_matrix/client/v3/pushrules/')).global;
  const ids = (rules: Rule[]) => rules.map((r) => r.rule_id);
  const putRule = (client: MatrixTestClient, kind: string, ruleId: string, body: MatrixJson, query: Record<string, string> = {}) =>
    client.request('PUT', rule(kind, ruleId), { body, query });

  test('a new user has the full default ruleset, written for them', async () => {
    const global = await ruleset(alice);
    assert.deepEqual(ids(global.override), [
      '.m.rule.master',
      '.m.rule.suppress_notices',
      '.m.rule.invite_for_me',
      '.m.rule.member_event',
      '.m.rule.is_user_mention',
      '.m.rule.is_room_mention',
      '.m.rule.tombstone',
      '.m.rule.reaction',
      '.m.rule.room.server_acl',
      '.m.rule.suppress_edits',
    ]);
    assert.deepEqual(ids(global.underride), ['.m.rule.call', '.m.rule.encrypted_room_one_to_one', '.m.rule.room_one_to_one', '.m.rule.message', '.m.rule.encrypted']);
    assert.deepEqual([global.content, global.room, global.sender], [[], [], []]);
    const mention = global.override.find((r) => r.rule_id === '.m.rule.is_user_mention');
    assert.deepEqual(mention?.conditions, [{ kind: 'event_property_contains', key: 'content.m\\.mentions.user_ids', value: alice.userId }]);
    const invite = global.override.find((r) => r.rule_id === '.m.rule.invite_for_me');
    assert.equal(invite?.conditions?.find((c) => c.key === 'state_key')?.pattern, alice.userId);
    assert.deepEqual(await alice.requestOk('GET', `${RULES}/`), global);
  });

  test('the initial sync delivers the default rules as m.push_rules account data', async () => {
    const sync = await alice.sync({ timeout: 0 });
    const pushRules = sync.account_data?.events.find((e) => e.type === 'm.push_rules');
    assert.deepEqual(pushRules?.content, { global: await ruleset(alice) });
  });

  test('user rules are created enabled, placed with before/after, and read back', async () => {
    await putRule(bob, 'override', 'first', { conditions: [{ kind: 'event_match', key: 'type', pattern: 'org.example.first' }], actions: ['notify'] });
    await putRule(bob, 'override', 'newest', { actions: [] });
    await putRule(bob, 'override', 'last', { actions: [] }, { after: 'first' });
    await putRule(bob, 'override', 'middle', { actions: [] }, { before: 'last' });
    await putRule(bob, 'override', 'both', { actions: [] }, { before: 'newest', after: 'last' });
    const override = (await ruleset(bob)).override;
    assert.deepEqual(ids(override).slice(0, 7), ['.m.rule.master', 'both', 'newest', 'first', 'middle', 'last', '.m.rule.suppress_notices']);

    const first = await bob.requestOk('GET', rule('override', 'first'));
    assert.deepEqual(first, {
      rule_id: 'first',
      default: false,
      enabled: true,
      conditions: [{ kind: 'event_match', key: 'type', pattern: 'org.example.first' }],
      actions: ['notify'],
    });

    // Replacing keeps the rule's place.
    await putRule(bob, 'override', 'first', { conditions: [], actions: ['dont_notify'] });
    assert.deepEqual(ids((await ruleset(bob)).override).slice(1, 6), ['both', 'newest', 'first', 'middle', 'last']);
    assert.deepEqual((await bob.requestOk('GET', rule('override', 'first', '/actions'))).actions, ['dont_notify']);
  });

  test('content, room and sender rules keep their own shape', async () => {
    await putRule(bob, 'content', 'cake', { pattern: 'cake*lie', actions: ['notify'] });
    const roomId = '!somewhere:example.org';
    await putRule(bob, 'room', roomId, { actions: [] });
    await putRule(bob, 'sender', alice.userId, { actions: ['notify', { set_tweak: 'highlight' }] });
    const global = await ruleset(bob);
    assert.deepEqual(global.content, [{ rule_id: 'cake', default: false, enabled: true, pattern: 'cake*lie', actions: ['notify'] }]);
    assert.deepEqual(global.room, [{ rule_id: roomId, default: false, enabled: true, actions: [] }]);
    assert.deepEqual(global.sender, [{ rule_id: alice.userId, default: false, enabled: true, actions: ['notify', { set_tweak: 'highlight' }] }]);
  });

  test('rules are enabled, disabled and given new actions, server-default rules too', async () => {
    await bob.requestOk('PUT', rule('override', '.m.rule.master', '/enabled'), { body: { enabled: true } });
    assert.deepEqual(await bob.requestOk('GET', rule('override', '.m.rule.master', '/enabled')), { enabled: true });
    await bob.requestOk('PUT', rule('underride', '.m.rule.message', '/actions'), { body: { actions: ['notify', { set_tweak: 'sound', value: 'default' }] } });
    const message = await bob.requestOk('GET', rule('underride', '.m.rule.message'));
    assert.deepEqual(message, {
      rule_id: '.m.rule.message',
      default: true,
      enabled: true,
      conditions: [{ kind: 'event_match', key: 'type', pattern: 'm.room.message' }],
      actions: ['notify', { set_tweak: 'sound', value: 'default' }],
    });
    await bob.requestOk('PUT', rule('content', 'cake', '/enabled'), { body: { enabled: false } });
    assert.equal((await bob.requestOk('GET', rule('content', 'cake'))).enabled, false);
    // Alice's rules are hers alone.
    assert.deepEqual(await alice.requestOk('GET', rule('override', '.m.rule.master', '/enabled')), { enabled: false });
  });

  test('each change reaches the next sync as the whole m.push_rules ruleset', async () => {
    const { next_batch: since } = await bob.sync({ timeout: 0 });
    await bob.requestOk('PUT', rule('override', '.m.rule.suppress_notices', '/enabled'), { body: { enabled: false } });
    const sync = await bob.sync({ since, timeout: 5000 });
    const pushRules = sync.account_data?.events.find((e) => e.type === 'm.push_rules');
    assert.deepEqual(pushRules?.content, { global: await ruleset(bob) });
    assert.deepEqual(await bob.requestOk('GET', `/_matrix/client/v3/user/${encodeURIComponent(bob.userId)}/account_data/m.push_rules`), { global: await ruleset(bob) });
  });

  test('only user rules are deleted', async () => {
    await putRule(bob, 'underride', 'doomed', { conditions: [], actions: [] });
    assert.deepEqual(await bob.requestOk('DELETE', rule('underride', 'doomed')), {});
    assert.ok(!ids((await ruleset(bob)).underride).includes('doomed'));
    const gone = await bob.request('GET', rule('underride', 'doomed'));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errcode, 'M_NOT_FOUND');
    const again = await bob.request('DELETE', rule('underride', 'doomed'));
    assert.equal(again.status, 404);
    const serverRule = await bob.request('DELETE', rule('underride', '.m.rule.message'));
    assert.equal(serverRule.status, 400);
    assert.ok(ids((await ruleset(bob)).underride).includes('.m.rule.message'));
  });

  test('bad rules, ids, kinds and positions are refused', async () => {
    const refused = async (status: number, errcode: string, response: Promise<{ status: number; body: MatrixJson }>) => {
      const answer = await response;
      assert.deepEqual([answer.status, answer.body.errcode], [status, errcode]);
    };
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'override', '.m.rule.mine', { actions: [] }));
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'override', 'back\\slash', { actions: [] }));
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'override', 'x', { actions: [] }, { before: 'nonexistent' }));
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'override', 'x', { actions: [] }, { after: '.m.rule.master' }));
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'override', 'x', { actions: ['shout'] }));
    await refused(400, 'M_MISSING_PARAM', putRule(alice, 'content', 'x', { actions: [] }));
    await refused(400, 'M_INVALID_PARAM', putRule(alice, 'room', 'not-a-room', { actions: [] }));
    await refused(400, 'M_BAD_JSON', alice.request('PUT', rule('override', 'x'), { body: { conditions: [] }, malformed: true }));
    await refused(400, 'M_BAD_JSON', alice.request('PUT', rule('override', 'x', '/enabled'), { body: { enabled: 'yes' }, malformed: true }));
    await refused(400, 'M_INVALID_PARAM', alice.request('GET', rule('nonsense', 'x'), { malformed: true }));
    await refused(404, 'M_NOT_FOUND', alice.request('PUT', rule('override', 'missing', '/actions'), { body: { actions: [] } }));
    await refused(404, 'M_NOT_FOUND', alice.request('GET', rule('override', 'missing', '/enabled')));
    await refused(401, 'M_MISSING_TOKEN', alice.request('GET', '/_matrix/client/v3/pushrules/', { token: null }));
    assert.deepEqual(ids((await ruleset(alice)).override).slice(0, 2), ['.m.rule.master', '.m.rule.suppress_notices']);
  });
});
