import defaultRulesFile from './default-push-rules.json' with { type: 'json' };
import { invalidParam, notFound } from '../matrix-error.js';

/** Evaluation order of the kinds (spec: "Push Rules"). */
export const RULE_KINDS = ['override', 'content', 'room', 'sender', 'underride'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const isRuleKind = (value: string): value is RuleKind => (RULE_KINDS as readonly string[]).includes(value);

export type PushAction = string | { set_tweak: string; value?: unknown };

export interface PushCondition {
  kind: string;
  key?: string;
  pattern?: string;
  is?: string;
  value?: string | number | boolean | null;
}

export interface PushRule {
  rule_id: string;
  default: boolean;
  enabled: boolean;
  actions: PushAction[];
  conditions?: PushCondition[];
  pattern?: string;
}

export type PushRuleset = Record<RuleKind, PushRule[]>;

/** The account-data type under which a user's whole ruleset is stored and synced. */
export const PUSH_RULES_TYPE = 'm.push_rules';

const USER_ID_PLACEHOLDER = "[the user's Matrix ID]";
/** The one server-default rule that outranks the user's own rules of its kind. */
const MASTER_RULE = '.m.rule.master';

/** The spec's predefined rules, written for `userId`. */
export function defaultRuleset(userId: string): PushRuleset {
  return substitute(defaultRulesFile.global, userId) as PushRuleset;
}

function substitute(value: unknown, userId: string): unknown {
  if (value === USER_ID_PLACEHOLDER) return userId;
  if (Array.isArray(value)) return value.map((item) => substitute(item, userId));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, userId)]));
  }
  return value;
}

/**
 * The ruleset in force from what is stored (the `m.push_rules` account data, or nothing): the
 * current server-default rules with the user's enabled/actions changes, and the user's own rules.
 * Server defaults come from this version of the server, not from the stored copy, so a newer
 * specification's defaults reach every user.
 */
export function effectiveRuleset(stored: Record<string, unknown> | undefined, userId: string): PushRuleset {
  const saved = stored?.global as Partial<Record<RuleKind, PushRule[]>> | undefined;
  const defaults = defaultRuleset(userId);
  const ruleset = {} as PushRuleset;
  for (const kind of RULE_KINDS) {
    const savedRules = Array.isArray(saved?.[kind]) ? (saved[kind] as PushRule[]) : [];
    const changed = new Map(savedRules.filter((rule) => rule.default).map((rule) => [rule.rule_id, rule]));
    const defaultRules = defaults[kind].map((rule) => {
      const change = changed.get(rule.rule_id);
      return change ? { ...rule, enabled: change.enabled, actions: change.actions } : rule;
    });
    ruleset[kind] = arrange(defaultRules, savedRules.filter((rule) => !rule.default));
  }
  return ruleset;
}

/** Server-default rules rank below the user's rules of the same kind, except the master rule. */
function arrange(defaultRules: PushRule[], userRules: PushRule[]): PushRule[] {
  const master = defaultRules.filter((rule) => rule.rule_id === MASTER_RULE);
  return [...master, ...userRules, ...defaultRules.filter((rule) => rule.rule_id !== MASTER_RULE)];
}

export function findRule(ruleset: PushRuleset, kind: RuleKind, ruleId: string): PushRule {
  const rule = ruleset[kind].find((candidate) => candidate.rule_id === ruleId);
  if (!rule) throw notFound('The push rule was not found.');
  return rule;
}

export interface RulePosition {
  readonly before?: string;
  readonly after?: string;
}

/**
 * Creates or replaces one of the user's rules. A new rule is enabled and, without before/after,
 * becomes the user's most important rule of its kind; a replaced rule keeps its place and state.
 */
export function putUserRule(ruleset: PushRuleset, kind: RuleKind, rule: Omit<PushRule, 'default' | 'enabled'>, position: RulePosition): PushRuleset {
  const userRules = ruleset[kind].filter((candidate) => !candidate.default);
  const index = userRules.findIndex((candidate) => candidate.rule_id === rule.rule_id);
  const placed: PushRule = { ...rule, default: false, enabled: userRules[index]?.enabled ?? true };
  const others = userRules.filter((candidate) => candidate.rule_id !== rule.rule_id);
  // With both, `before` decides (spec: PUT /pushrules).
  const anchorId = position.before ?? position.after;
  if (anchorId !== undefined) {
    const anchor = others.findIndex((candidate) => candidate.rule_id === anchorId);
    if (anchor < 0) throw invalidParam(`before/after rule not found: ${anchorId}`);
    others.splice(position.before !== undefined ? anchor : anchor + 1, 0, placed);
  } else {
    others.splice(Math.max(index, 0), 0, placed);
  }
  return withKind(ruleset, kind, arrange(ruleset[kind].filter((candidate) => candidate.default), others));
}

export function deleteUserRule(ruleset: PushRuleset, kind: RuleKind, ruleId: string): PushRuleset {
  if (findRule(ruleset, kind, ruleId).default) throw invalidParam('Server-default push rules cannot be deleted.');
  return withKind(ruleset, kind, ruleset[kind].filter((rule) => rule.rule_id !== ruleId));
}

/** Enabling, disabling or new actions; allowed for server-default rules too. */
export function changeRule(ruleset: PushRuleset, kind: RuleKind, ruleId: string, change: Partial<Pick<PushRule, 'enabled' | 'actions'>>): PushRuleset {
  findRule(ruleset, kind, ruleId);
  return withKind(ruleset, kind, ruleset[kind].map((rule) => (rule.rule_id === ruleId ? { ...rule, ...change } : rule)));
}

const withKind = (ruleset: PushRuleset, kind: RuleKind, rules: PushRule[]): PushRuleset => ({ ...ruleset, [kind]: rules });
