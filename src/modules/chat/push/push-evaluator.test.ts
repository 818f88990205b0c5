import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePushRules, type PushContext, type PushEvent } from './push-evaluator.js';
import { changeRule, defaultRuleset, putUserRule, type PushRuleset } from './push-rules.js';

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const ROOM = '!room:example.org';

const rules = defaultRuleset(ALICE);
const dm: PushContext = { userId: ALICE, displayName: 'Alice Liddell', roomMemberCount: 2 };
const group: PushContext = { userId: ALICE, displayName: 'Alice Liddell', roomMemberCount: 5 };

const message = (content: Record<string, unknown>, sender = BOB): PushEvent => ({
  type: 'm.room.message',
  sender,
  room_id: ROOM,
  content: { msgtype: 'm.text', ...content },
});
const evaluate = (event: PushEvent, context: PushContext, ruleset: PushRuleset = rules) => evaluatePushRules(ruleset, event, context);

const NOTIFY = { notify: true, highlight: false };
const HIGHLIGHT = { notify: true, highlight: true };
const SILENT = { notify: false, highlight: false };

describe('push rule evaluation with the default rules', () => {
  test('a message in a one-to-one room notifies without highlighting', () => {
    assert.deepEqual(evaluate(message({ body: 'hi' }), dm), NOTIFY);
  });

  test('a message in a group room notifies without highlighting', () => {
    assert.deepEqual(evaluate(message({ body: 'hello everyone' }), group), NOTIFY);
  });

  test("the recipient's own messages never notify them", () => {
    assert.deepEqual(evaluate(message({ body: 'hi' }, ALICE), dm), SILENT);
  });

  test('notices are suppressed', () => {
    assert.deepEqual(evaluate(message({ msgtype: 'm.notice', body: 'bot says hi' }), dm), SILENT);
  });

  test('a mention through m.mentions highlights, a mention of someone else does not', () => {
    assert.deepEqual(evaluate(message({ body: 'Alice?', 'm.mentions': { user_ids: [ALICE] } }), group), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'Carol?', 'm.mentions': { user_ids: ['@carol:example.org'] } }), group), NOTIFY);
  });

  test('an @room mention highlights only when the sender may notify the room', () => {
    const atRoom = message({ body: '@room meeting now', 'm.mentions': { room: true } });
    assert.deepEqual(evaluate(atRoom, { ...group, senderPowerLevel: 50 }), HIGHLIGHT);
    assert.deepEqual(evaluate(atRoom, { ...group, senderPowerLevel: 0 }), NOTIFY);
    assert.deepEqual(evaluate(atRoom, { ...group, senderPowerLevel: 0, notificationsPowerLevels: { room: 0 } }), HIGHLIGHT);
  });

  test('encrypted messages notify in one-to-one and in group rooms', () => {
    const encrypted: PushEvent = { type: 'm.room.encrypted', sender: BOB, room_id: ROOM, content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x' } };
    assert.deepEqual(evaluate(encrypted, dm), NOTIFY);
    assert.deepEqual(evaluate(encrypted, group), NOTIFY);
  });

  test('an invitation for the recipient notifies, other membership changes do not', () => {
    const invite = (target: string): PushEvent => ({ type: 'm.room.member', sender: BOB, room_id: ROOM, state_key: target, content: { membership: 'invite' } });
    assert.deepEqual(evaluate(invite(ALICE), group), NOTIFY);
    assert.deepEqual(evaluate(invite('@carol:example.org'), group), SILENT);
  });

  test('a room upgrade (tombstone) highlights', () => {
    const tombstone: PushEvent = { type: 'm.room.tombstone', sender: BOB, room_id: ROOM, state_key: '', content: { body: 'moved', replacement_room: '!new:example.org' } };
    assert.deepEqual(evaluate(tombstone, group), HIGHLIGHT);
  });

  test('edits and reactions do not notify', () => {
    const edit = message({ body: '* fixed', 'm.relates_to': { rel_type: 'm.replace', event_id: '$original' } });
    assert.deepEqual(evaluate(edit, dm), SILENT);
    const reaction: PushEvent = { type: 'm.reaction', sender: BOB, room_id: ROOM, content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$e', key: '👍' } } };
    assert.deepEqual(evaluate(reaction, dm), SILENT);
  });

  test('calls ring, other state events stay silent', () => {
    assert.deepEqual(evaluate({ type: 'm.call.invite', sender: BOB, room_id: ROOM, content: {} }, group), NOTIFY);
    assert.deepEqual(evaluate({ type: 'm.room.topic', sender: BOB, room_id: ROOM, state_key: '', content: { topic: 'x' } }, group), SILENT);
  });

  test('the master rule, once enabled, silences everything', () => {
    const muted = changeRule(rules, 'override', '.m.rule.master', { enabled: true });
    assert.deepEqual(evaluate(message({ body: 'hi', 'm.mentions': { user_ids: [ALICE] } }), dm, muted), SILENT);
  });
});

describe('push rule conditions', () => {
  const highlightWhen = (conditions: PushRuleset['override'][number]['conditions']): PushRuleset =>
    putUserRule(rules, 'override', { rule_id: 'test', conditions, actions: ['notify', { set_tweak: 'highlight' }] }, {});

  test('contains_display_name matches the name as a whole word, in any case', () => {
    const ruleset = highlightWhen([{ kind: 'contains_display_name' }]);
    assert.deepEqual(evaluate(message({ body: 'ask alice liddell!' }), group, ruleset), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'Alice Liddells' }), group, ruleset), NOTIFY);
    assert.deepEqual(evaluate(message({ body: 'Alice Liddell' }), { ...group, displayName: null }, ruleset), NOTIFY);
  });

  test('event_match globs the whole value case-insensitively, and words within content.body', () => {
    const typed = highlightWhen([{ kind: 'event_match', key: 'content.msgtype', pattern: 'M.T?X*' }]);
    assert.deepEqual(evaluate(message({ body: 'x' }), group, typed), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ msgtype: 'xm.text', body: 'x' }), group, typed), NOTIFY);
    const cake = highlightWhen([{ kind: 'event_match', key: 'content.body', pattern: 'cake*lie' }]);
    assert.deepEqual(evaluate(message({ body: 'The CAKE is a lie.' }), group, cake), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'cupcake is a lie' }), group, cake), NOTIFY);
  });

  test('a content rule matches its pattern as words of the body', () => {
    const ruleset = putUserRule(rules, 'content', { rule_id: 'lunch', pattern: 'lunch', actions: ['notify', { set_tweak: 'highlight' }] }, {});
    assert.deepEqual(evaluate(message({ body: 'Lunch?' }), group, ruleset), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'lunchtime' }), group, ruleset), NOTIFY);
  });

  test('event_property_is and event_property_contains compare exact values, with escaped dots in keys', () => {
    const flagged = highlightWhen([
      { kind: 'event_property_is', key: 'content.org\\.example\\.flag', value: true },
      { kind: 'event_property_contains', key: 'content.tags', value: 'urgent' },
    ]);
    assert.deepEqual(evaluate(message({ body: 'x', 'org.example.flag': true, tags: ['urgent'] }), group, flagged), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'x', 'org.example.flag': 'true', tags: ['urgent'] }), group, flagged), NOTIFY);
    assert.deepEqual(evaluate(message({ body: 'x', 'org.example.flag': true, tags: 'urgent' }), group, flagged), NOTIFY);
  });

  test('room_member_count compares with every operator', () => {
    const count = (is: string, members: number) =>
      evaluate(message({ body: 'x' }), { ...group, roomMemberCount: members }, highlightWhen([{ kind: 'room_member_count', is }])).highlight;
    assert.equal(count('3', 3), true);
    assert.equal(count('==3', 4), false);
    assert.equal(count('<3', 2), true);
    assert.equal(count('<3', 3), false);
    assert.equal(count('>3', 4), true);
    assert.equal(count('<=3', 3), true);
    assert.equal(count('>=3', 2), false);
    assert.equal(count('about 3', 3), false);
  });

  test('unknown condition kinds never match', () => {
    assert.deepEqual(evaluate(message({ body: 'x' }), group, highlightWhen([{ kind: 'org.example.future' }])), NOTIFY);
  });

  test('room and sender rules apply to their room and sender', () => {
    const mutedRoom = putUserRule(rules, 'room', { rule_id: ROOM, actions: [] }, {});
    assert.deepEqual(evaluate(message({ body: 'x' }), group, mutedRoom), SILENT);
    const loudBob = putUserRule(rules, 'sender', { rule_id: BOB, actions: ['notify', { set_tweak: 'highlight', value: true }] }, {});
    assert.deepEqual(evaluate(message({ body: 'x' }), group, loudBob), HIGHLIGHT);
    assert.deepEqual(evaluate(message({ body: 'x' }, '@carol:example.org'), group, loudBob), NOTIFY);
  });

  test('a highlight tweak set to false does not highlight', () => {
    const ruleset = putUserRule(rules, 'override', { rule_id: 'quiet', conditions: [], actions: ['notify', { set_tweak: 'highlight', value: false }] }, {});
    assert.deepEqual(evaluate(message({ body: 'x', 'm.mentions': { user_ids: [ALICE] } }), group, ruleset), NOTIFY);
  });
});
