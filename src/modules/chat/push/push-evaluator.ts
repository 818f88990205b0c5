import { RULE_KINDS, type PushAction, type PushCondition, type PushRule, type PushRuleset, type RuleKind } from './push-rules.js';

/** The parts of an event that push rules look at; a ClientEvent fits. */
export interface PushEvent {
  readonly type: string;
  readonly sender: string;
  readonly room_id?: string;
  readonly state_key?: string;
  readonly content: Record<string, unknown>;
}

/** What the rules need to know about the recipient and the room. */
export interface PushContext {
  readonly userId: string;
  /** The recipient's display name in this room, for contains_display_name. */
  readonly displayName: string | null;
  readonly roomMemberCount: number;
  /** The sender's power level in the room, for sender_notification_permission. */
  readonly senderPowerLevel?: number;
  /** The `notifications` object of the room's m.room.power_levels content. */
  readonly notificationsPowerLevels?: Record<string, unknown>;
}

export interface PushOutcome {
  readonly notify: boolean;
  /** Only ever true together with notify, so highlight counts never exceed notification counts. */
  readonly highlight: boolean;
}

const SILENT: PushOutcome = { notify: false, highlight: false };
/** sender_notification_permission's requirement when the room does not set one (spec: m.room.power_levels). */
const DEFAULT_NOTIFICATION_LEVEL = 50;

/**
 * Whether `event` notifies (and highlights for) the recipient: the first enabled rule that
 * matches, in the order override, content, room, sender, underride, decides through its actions.
 * The recipient's own events never notify them.
 */
export function evaluatePushRules(ruleset: PushRuleset, event: PushEvent, context: PushContext): PushOutcome {
  if (event.sender === context.userId) return SILENT;
  for (const kind of RULE_KINDS) {
    const rule = ruleset[kind].find((candidate) => candidate.enabled && ruleMatches(kind, candidate, event, context));
    if (rule) return outcomeOf(rule.actions);
  }
  return SILENT;
}

function ruleMatches(kind: RuleKind, rule: PushRule, event: PushEvent, context: PushContext): boolean {
  switch (kind) {
    case 'override':
    case 'underride':
      return (rule.conditions ?? []).every((condition) => conditionMatches(condition, event, context));
    case 'content':
      return rule.pattern !== undefined && bodyMatches(event, globSource(rule.pattern));
    case 'room':
      return event.room_id === rule.rule_id;
    case 'sender':
      return event.sender === rule.rule_id;
  }
}

/** Unknown condition kinds never match, which disables their rule (spec: "Conditions"). */
function conditionMatches(condition: PushCondition, event: PushEvent, context: PushContext): boolean {
  switch (condition.kind) {
    case 'event_match': {
      if (condition.key === undefined || condition.pattern === undefined) return false;
      if (condition.key === 'content.body') return bodyMatches(event, globSource(condition.pattern));
      const value = propertyAt(event, condition.key);
      return typeof value === 'string' && cachedRegExp(`^${globSource(condition.pattern)}$`).test(value);
    }
    case 'event_property_is':
      return condition.key !== undefined && isPlainValue(condition.value) && propertyAt(event, condition.key) === condition.value;
    case 'event_property_contains': {
      const values = condition.key === undefined ? undefined : propertyAt(event, condition.key);
      return Array.isArray(values) && isPlainValue(condition.value) && values.includes(condition.value);
    }
    case 'contains_display_name':
      return !!context.displayName && bodyMatches(event, escapeRegExp(context.displayName));
    case 'room_member_count':
      return condition.is !== undefined && memberCountMatches(condition.is, context.roomMemberCount);
    case 'sender_notification_permission': {
      if (condition.key === undefined) return false;
      const required = context.notificationsPowerLevels?.[condition.key];
      const level = Number.isInteger(required) ? (required as number) : DEFAULT_NOTIFICATION_LEVEL;
      return (context.senderPowerLevel ?? 0) >= level;
    }
    default:
      return false;
  }
}

const isPlainValue = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

function memberCountMatches(is: string, count: number): boolean {
  const match = /^(==|<=|>=|<|>)?(\d+)$/.exec(is);
  if (!match) return false;
  const bound = Number(match[2]);
  switch (match[1]) {
    case '<':
      return count < bound;
    case '>':
      return count > bound;
    case '<=':
      return count <= bound;
    case '>=':
      return count >= bound;
    default:
      return count === bound;
  }
}

/** Within content.body a pattern matches any stretch that starts and ends at a word boundary. */
function bodyMatches(event: PushEvent, source: string): boolean {
  const body = event.content.body;
  return typeof body === 'string' && cachedRegExp(`(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`).test(body);
}

/** `*` is any run of characters, `?` any one character, everything else itself (spec: glob-style matching). */
function globSource(pattern: string): string {
  let source = globSources.get(pattern);
  if (source === undefined) {
    // Runs of `*` mean the same as one and would only make matching slower.
    source = [...pattern.replace(/\*+/g, '*')].map((char) => (char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : escapeRegExp(char))).join('');
    if (globSources.size >= REGEXP_CACHE_LIMIT) globSources.clear();
    globSources.set(pattern, source);
  }
  return source;
}

/** Every /sync evaluates every new event against every member's rules: translate each pattern once. */
const globSources = new Map<string, string>();

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const REGEXP_CACHE_LIMIT = 2_000;
const regExps = new Map<string, RegExp>();

/** Case-insensitive, as the spec asks of every pattern; compiled once, as /sync evaluates many events. */
function cachedRegExp(source: string): RegExp {
  let regExp = regExps.get(source);
  if (!regExp) {
    if (regExps.size >= REGEXP_CACHE_LIMIT) regExps.clear();
    regExp = new RegExp(source, 'iu');
    regExps.set(source, regExp);
  }
  return regExp;
}

/**
 * The value at a dot-separated path (spec: "Dot-separated property paths"): `\.` is a dot
 * inside a name and `\\` a backslash; only objects are descended into.
 */
function propertyAt(event: PushEvent, path: string): unknown {
  let value: unknown = event;
  for (const name of splitPath(path)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

function splitPath(path: string): string[] {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i += 1) {
    const char = path[i];
    const following = path[i + 1];
    if (char === '\\' && (following === '.' || following === '\\')) {
      current += following;
      i += 1;
    } else if (char === '.') {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  names.push(current);
  return names;
}

function outcomeOf(actions: PushAction[]): PushOutcome {
  if (!actions.includes('notify')) return SILENT;
  const highlight = actions.some((action) => typeof action === 'object' && action.set_tweak === 'highlight' && action.value !== false);
  return { notify: true, highlight };
}
