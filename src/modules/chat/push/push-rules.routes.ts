import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Chat } from '../chat.service.js';
import { authenticate, bodySchema, queryString, readBody, routeParam } from '../chat.http.js';
import { invalidParam, missingParam } from '../matrix-error.js';
import { changeRule, deleteUserRule, findRule, isRuleKind, putUserRule, type PushRule, type RuleKind } from './push-rules.js';

const Action = Type.Union([Type.String(), Type.Object({ set_tweak: Type.String() })]);
const Condition = Type.Object({
  kind: Type.String(),
  key: Type.Optional(Type.String()),
  pattern: Type.Optional(Type.String()),
  is: Type.Optional(Type.String()),
  value: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Boolean(), Type.Null()])),
});
const RuleSchema = Type.Object({
  actions: Type.Array(Action),
  conditions: Type.Optional(Type.Array(Condition)),
  pattern: Type.Optional(Type.String()),
});
const RuleBody = bodySchema(RuleSchema);
const EnabledBody = bodySchema(Type.Object({ enabled: Type.Boolean() }));
const ActionsBody = bodySchema(Type.Object({ actions: Type.Array(Action) }));

/** dont_notify and coalesce are obsolete but still valid (spec: "Actions"); they notify nobody. */
const KNOWN_ACTIONS = new Set(['notify', 'dont_notify', 'coalesce']);
const RULE = '/client/v3/pushrules/global/:kind/:ruleId';

export function registerPushRuleRoutes(scope: FastifyInstance, chat: Chat): void {
  scope.get('/client/v3/pushrules/', async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    return { global: await chat.pushRules.ruleset(userId) };
  });

  scope.get('/client/v3/pushrules/global/', async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    return chat.pushRules.ruleset(userId);
  });

  scope.get(RULE, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    return findRule(await chat.pushRules.ruleset(userId), kindParam(request), routeParam(request, 'ruleId'));
  });

  scope.put(RULE, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const kind = kindParam(request);
    const rule = userRule(kind, newRuleId(request, kind), readBody(request, RuleBody));
    const position = { before: queryString(request, 'before'), after: queryString(request, 'after') };
    await chat.pushRules.edit(userId, (ruleset) => putUserRule(ruleset, kind, rule, position));
    return {};
  });

  scope.delete(RULE, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const kind = kindParam(request);
    await chat.pushRules.edit(userId, (ruleset) => deleteUserRule(ruleset, kind, routeParam(request, 'ruleId')));
    return {};
  });

  scope.get(`${RULE}/enabled`, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const rule = findRule(await chat.pushRules.ruleset(userId), kindParam(request), routeParam(request, 'ruleId'));
    return { enabled: rule.enabled };
  });

  scope.put(`${RULE}/enabled`, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const kind = kindParam(request);
    const { enabled } = readBody(request, EnabledBody);
    await chat.pushRules.edit(userId, (ruleset) => changeRule(ruleset, kind, routeParam(request, 'ruleId'), { enabled }));
    return {};
  });

  scope.get(`${RULE}/actions`, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const rule = findRule(await chat.pushRules.ruleset(userId), kindParam(request), routeParam(request, 'ruleId'));
    return { actions: rule.actions };
  });

  scope.put(`${RULE}/actions`, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    const kind = kindParam(request);
    const actions = checkedActions(readBody(request, ActionsBody).actions);
    await chat.pushRules.edit(userId, (ruleset) => changeRule(ruleset, kind, routeParam(request, 'ruleId'), { actions }));
    return {};
  });
}

function kindParam(request: FastifyRequest): RuleKind {
  const kind = routeParam(request, 'kind');
  if (!isRuleKind(kind)) throw invalidParam(`Unknown push rule kind: ${kind}`);
  return kind;
}

/** Ids starting with "." belong to the server's rules; room and sender rules are named after their room or user. */
function newRuleId(request: FastifyRequest, kind: RuleKind): string {
  const ruleId = routeParam(request, 'ruleId');
  if (ruleId === '' || ruleId.startsWith('.') || /[/\\]/.test(ruleId)) throw invalidParam(`Invalid push rule id: ${ruleId}`);
  if (kind === 'room' && !ruleId.startsWith('!')) throw invalidParam('A room rule must be named after its room ID');
  if (kind === 'sender' && !ruleId.startsWith('@')) throw invalidParam('A sender rule must be named after its user ID');
  return ruleId;
}

function userRule(kind: RuleKind, ruleId: string, body: Static<typeof RuleSchema>): Omit<PushRule, 'default' | 'enabled'> {
  const actions = checkedActions(body.actions);
  switch (kind) {
    case 'override':
    case 'underride':
      return { rule_id: ruleId, conditions: body.conditions ?? [], actions };
    case 'content':
      if (body.pattern === undefined) throw missingParam('A content rule needs a pattern');
      return { rule_id: ruleId, pattern: body.pattern, actions };
    case 'room':
    case 'sender':
      return { rule_id: ruleId, actions };
  }
}

function checkedActions(actions: Static<typeof Action>[]): PushRule['actions'] {
  for (const action of actions) {
    if (typeof action === 'string' && !KNOWN_ACTIONS.has(action)) throw invalidParam(`Unrecognised push rule action: ${action}`);
  }
  return actions;
}
