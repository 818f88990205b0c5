import { readdirSync, readFileSync } from 'node:fs';
import type { Translate } from '../../../platform/i18n/catalog.js';
import { LOCALES, type Locale } from '../../../platform/i18n/locales.js';
import { luxembourgTime, luxembourgWallClock } from '../../../shared/luxembourg-time.js';
import { MANDATE_ACTIONS, PROCEDURE_CATEGORIES, type MandateAgent, type ScopeRequest } from '../mandates.model.js';

/**
 * The wording a principal consents to. Evidence keeps the rendered text and its hash, so a new
 * wording gets a new version folder and the old folders stay as they were.
 */
export const CONSENT_TEXT_VERSION = '2026-11';

export const CONSENT_TEXTS_DIR = new URL(`./texts/${CONSENT_TEXT_VERSION}/`, import.meta.url);

const CONSENT_PLACEHOLDERS = ['principal', 'agent', 'scopes', 'startDate', 'startTime', 'endDate', 'endTime', 'mandateId', 'version'] as const;
type Placeholder = (typeof CONSENT_PLACEHOLDERS)[number];

const AGENT_KINDS = ['person', 'organization'] as const;
type AgentKind = (typeof AGENT_KINDS)[number];

export interface ConsentFacts {
  readonly principalName: string;
  readonly agent: MandateAgent;
  /** Revoked scopes (MandateScope with revokedAt set) are not part of what is consented to. */
  readonly scopes: ReadonlyArray<ScopeRequest & { readonly revokedAt?: string | null }>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly mandateId: string;
}

export interface ConsentTextVariant {
  readonly locale: Locale;
  readonly easyLanguage: boolean;
}

export interface ConsentTextResult extends ConsentTextVariant {
  readonly version: string;
  readonly text: string;
}

export interface ConsentParagraph {
  /** Only for this kind of agent; null for every mandate. */
  readonly onlyFor: AgentKind | null;
  readonly template: string;
}

export type ConsentTemplates = ReadonlyMap<string, readonly ConsentParagraph[]>;

const variantKey = (locale: Locale, easyLanguage: boolean) => `${locale}${easyLanguage ? '.easy' : ''}`;

export const CONSENT_TEXT_FILES: readonly string[] = LOCALES.flatMap((locale) => [`${variantKey(locale, false)}.txt`, `${variantKey(locale, true)}.txt`]);

/**
 * Template files are plain UTF-8 text: paragraphs separated by one blank line, `{name}`
 * placeholders, and paragraphs whose first line is `[person]` or `[organization]` kept only for
 * that kind of agent. `{scopes}` stands alone on its line and becomes the list of areas.
 */
function parseTemplate(source: string, file: string): ConsentParagraph[] {
  const fail = (problem: string): never => {
    throw new Error(`Consent text ${file}: ${problem}`);
  };
  if (source.includes('\r') || source.includes('\t')) fail('use plain line feeds and spaces only');
  const used = new Set<string>();
  for (const match of source.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] as string;
    if (!(CONSENT_PLACEHOLDERS as readonly string[]).includes(name)) fail(`unknown placeholder {${name}}`);
    used.add(name);
  }
  const unused = CONSENT_PLACEHOLDERS.filter((name) => !used.has(name));
  if (unused.length > 0) fail(`placeholders never used: ${unused.map((n) => `{${n}}`).join(', ')}`);
  if (/[{}]/.test(source.replace(/\{[^{}]*\}/g, ''))) fail('a brace that is not part of a placeholder');
  if (!source.split('\n').includes('{scopes}')) fail('{scopes} must stand alone on its line');

  const paragraphs = source
    .trim()
    .split(/\n[ ]*\n/)
    .map((block): ConsentParagraph => {
      const lines = block.split('\n').map((line) => line.trimEnd());
      const marker = /^\[(.*)\]$/.exec(lines[0] ?? '');
      if (!marker) return { onlyFor: null, template: lines.join('\n') };
      const kind = marker[1] as AgentKind;
      if (!AGENT_KINDS.includes(kind)) fail(`unknown condition [${marker[1]}]`);
      if (lines.length < 2) fail(`[${kind}] is followed by nothing`);
      return { onlyFor: kind, template: lines.slice(1).join('\n') };
    });
  const title = paragraphs[0];
  if (!title || title.onlyFor !== null || title.template.includes('\n') || title.template.includes('{')) {
    fail('the first paragraph must be the title: one line, for every mandate, without placeholders');
  }
  for (const kind of AGENT_KINDS) {
    if (!paragraphs.some((p) => p.onlyFor === kind)) fail(`no paragraph for [${kind}]`);
  }
  return paragraphs;
}

/** Reads and checks every text of one version; a missing, extra or malformed file is an error. */
export function loadConsentTemplates(dir: URL): ConsentTemplates {
  const present = readdirSync(dir).sort();
  const missing = CONSENT_TEXT_FILES.filter((file) => !present.includes(file));
  const extra = present.filter((file) => !CONSENT_TEXT_FILES.includes(file));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`Consent texts in ${dir.pathname}: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
  }
  return new Map(CONSENT_TEXT_FILES.map((file) => [file.replace(/\.txt$/, ''), parseTemplate(readFileSync(new URL(file, dir), 'utf8'), file)]));
}

const templates = loadConsentTemplates(CONSENT_TEXTS_DIR);

/** Fixed day-month-year order in every language; only the separator follows local habit. */
const DATE_SEPARATOR: Record<Locale, string> = { lb: '.', de: '.', fr: '/', en: '/', pt: '/' };

function luxembourgDate(instant: Date, locale: Locale): string {
  const wall = luxembourgWallClock(instant);
  const sep = DATE_SEPARATOR[locale];
  return `${String(wall.day).padStart(2, '0')}${sep}${String(wall.month).padStart(2, '0')}${sep}${wall.year}`;
}

function instant(value: string, name: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Consent text: ${name} "${value}" is not a date`);
  return date;
}

/** Names come from people: they must not add lines, or break the paragraph and bullet layout. */
const oneLine = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();

function scopeLines(scopes: ConsentFacts['scopes'], t: Translate): string {
  const byCategory = new Map<string, Set<string>>();
  for (const scope of scopes) {
    if (scope.revokedAt) continue;
    const actions = byCategory.get(scope.category) ?? new Set<string>();
    for (const action of scope.actions) actions.add(action);
    byCategory.set(scope.category, actions);
  }
  // Same areas in a different order are the same consent: list them in the vocabulary's order.
  const lines: string[] = [];
  for (const category of PROCEDURE_CATEGORIES) {
    const actions = byCategory.get(category);
    if (!actions || actions.size === 0) continue;
    lines.push(`- ${t(`mandates.category.${category}`)}`);
    for (const action of MANDATE_ACTIONS) if (actions.has(action)) lines.push(`  - ${t(`mandates.action.${action}`)}`);
  }
  if (lines.length === 0) throw new RangeError('Consent text: a mandate needs at least one area with one action');
  return lines.join('\n');
}

/**
 * The consent text for one mandate in one language: the same facts always give the same bytes,
 * so the hash a person was shown can be checked when they agree.
 */
export function renderConsentText(facts: ConsentFacts, choice: ConsentTextVariant, t: Translate): ConsentTextResult {
  const paragraphs = templates.get(variantKey(choice.locale, choice.easyLanguage));
  if (!paragraphs) throw new RangeError(`Consent text: no text for locale "${choice.locale}"`);
  const starts = instant(facts.startsAt, 'startsAt');
  const ends = instant(facts.endsAt, 'endsAt');
  if (ends.getTime() <= starts.getTime()) throw new RangeError('Consent text: a mandate must end after it starts');

  const values: Record<Placeholder, string> = {
    principal: oneLine(facts.principalName),
    agent: oneLine(facts.agent.kind === 'person' ? facts.agent.displayName : facts.agent.name),
    scopes: scopeLines(facts.scopes, t),
    startDate: luxembourgDate(starts, choice.locale),
    startTime: luxembourgTime(starts),
    endDate: luxembourgDate(ends, choice.locale),
    endTime: luxembourgTime(ends),
    mandateId: oneLine(facts.mandateId),
    version: CONSENT_TEXT_VERSION,
  };
  const text = paragraphs
    .filter((p) => p.onlyFor === null || p.onlyFor === facts.agent.kind)
    // One pass over the template: a name that looks like "{agent}" stays as typed.
    .map((p) => p.template.replace(/\{([A-Za-z]+)\}/g, (_, name: Placeholder) => values[name]))
    .join('\n\n');
  return { version: CONSENT_TEXT_VERSION, locale: choice.locale, easyLanguage: choice.easyLanguage, text };
}
