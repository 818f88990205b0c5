import type { WordingRule, WordingSignal } from './analysis.types.js';
import lb from './lexicon/lb.json' with { type: 'json' };
import fr from './lexicon/fr.json' with { type: 'json' };
import de from './lexicon/de.json' with { type: 'json' };
import en from './lexicon/en.json' with { type: 'json' };
import pt from './lexicon/pt.json' with { type: 'json' };

/**
 * Scam wording in five languages. The text is read once, word by word, through a trie of the
 * lexicon phrases, so the time grows with the length of the text and never with backtracking.
 *
 * Lexicon syntax (lexicon/<lang>.json): a phrase is words separated by spaces, written with their
 * accents; `word*` matches any word starting with those letters (at least four), `~` lets up to
 * three other words of the same sentence sit in between. A `phrase` is enough on its own. A `cue`
 * counts only when a `with` entry of the same pair is near it (ambiguous words such as "parcel",
 * "police" or "webcam" are ordinary until money, codes or threats come with them). A match
 * near a "never" word of its own sentence ("we will never ask for your code", "Deelt Äre Code
 * ni") is a bank's warning, not a request, and does not count. `stopwords` only tell which
 * language a text is written in, for words several lexicons share ("bitcoin", "police").
 */

export const WORDING_RULES: readonly WordingRule[] = [
  'urgency',
  'asks_for_codes',
  'payment_or_parcel_fee',
  'gift_cards_or_crypto',
  'new_iban',
  'sextortion',
  'fake_authority',
];

interface LexiconFile {
  readonly stopwords: readonly string[];
  readonly negations: readonly string[];
  readonly rules: Readonly<Record<string, { readonly phrases: readonly string[]; readonly pairs?: readonly { readonly cue: readonly string[]; readonly with: readonly string[] }[] }>>;
}

const LEXICONS: Readonly<Record<string, LexiconFile>> = { lb, fr, de, en, pt };

/** Words between a "never" and the words it denies, within one sentence: "we will never ask you by e-mail or SMS to confirm your identity or send your code". */
const NEGATION_BEFORE = 20;
/** Luxembourgish and German put "ni"/"nie" after the verb: "Deelt Äre Code ni". */
const NEGATION_AFTER = 4;
/** How close a cue and its companion must be, in words. */
const PAIR_WINDOW = 25;
const MAX_GAP = 3;
const MIN_PREFIX = 4;
/** Words kept in memory while scanning: the negation look-back, the longest phrase and the look-ahead must fit. */
const RING = 64;
const MAX_PHRASE_SPAN = RING - NEGATION_BEFORE - NEGATION_AFTER - 1;
const MAX_MATCH_CHARS = 80;
/** A cue and its companion closer than this are shown with the words between them. */
const NEAR_CHARS = 24;

const enum Kind {
  Phrase,
  Cue,
  With,
}

interface Entry {
  readonly rule: WordingRule;
  readonly language: string;
  readonly kind: Kind;
  /** Identifies one cue/with pair of one language; -1 for phrases. */
  readonly pair: number;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  readonly prefixes: [string, TrieNode][];
  gap: TrieNode | undefined;
  readonly entries: Entry[];
}

const newNode = (): TrieNode => ({ next: new Map(), prefixes: [], gap: undefined, entries: [] });

/**
 * A word is a run of letters (with their accents and invisible joiners) or a run of digits: "24h"
 * is "24" and "h". Full stops, question and exclamation marks and line breaks end a sentence.
 */
const TOKEN = /(\p{L}[\p{L}\p{M}\p{Cf}]*|\p{N}+)|[.!?\n]/gu;
const ASCII = /^[\x00-\x7f]*$/;
const SPELLED_OUT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

function fold(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłı]/g, (letter) => SPELLED_OUT[letter] ?? letter);
}

function foldedTokens(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(TOKEN)) if (match[1]) words.push(fold(match[1]));
  return words;
}

type Step = { readonly kind: 'word'; readonly word: string } | { readonly kind: 'prefix'; readonly prefix: string } | { readonly kind: 'gap' };

function parsePhrase(phrase: string, where: string): Step[] {
  const steps: Step[] = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '~') {
      steps.push({ kind: 'gap' });
    } else if (part.endsWith('*')) {
      const words = foldedTokens(part.slice(0, -1));
      const prefix = words[0];
      if (words.length !== 1 || prefix === undefined || prefix.length < MIN_PREFIX) {
        throw new Error(`${where}: "${part}" must be one word of at least ${MIN_PREFIX} letters before the *`);
      }
      steps.push({ kind: 'prefix', prefix });
    } else {
      for (const word of foldedTokens(part)) steps.push({ kind: 'word', word });
    }
  }
  const span = steps.reduce((words, step) => words + (step.kind === 'gap' ? MAX_GAP : 1), 0);
  if (span > MAX_PHRASE_SPAN) throw new Error(`${where}: "${phrase}" is longer than ${MAX_PHRASE_SPAN} words`);
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || first.kind === 'gap' || last?.kind === 'gap' || steps.some((s, i) => s.kind === 'gap' && steps[i + 1]?.kind === 'gap')) {
    throw new Error(`${where}: "${phrase}" cannot start or end with ~, be empty, or repeat ~`);
  }
  return steps;
}

interface Matcher {
  readonly root: TrieNode;
  /** Phrases starting with a prefix, found by a number made of their first four letters so each word costs one lookup. */
  readonly rootPrefixes: Map<number, [string, TrieNode][]>;
  readonly stopwords: Map<string, string[]>;
  readonly negations: Set<string>;
}

function insert(matcher: Matcher, steps: readonly Step[], entry: Entry): void {
  let node = matcher.root;
  steps.forEach((step, index) => {
    if (step.kind === 'gap') {
      node.gap ??= newNode();
      node = node.gap;
      return;
    }
    if (step.kind === 'word') {
      let child = node.next.get(step.word);
      if (!child) node.next.set(step.word, (child = newNode()));
      node = child;
      return;
    }
    const list = index === 0 && node === matcher.root ? rootPrefixList(matcher, step.prefix) : node.prefixes;
    let child = list.find(([prefix]) => prefix === step.prefix)?.[1];
    if (!child) list.push([step.prefix, (child = newNode())]);
    node = child;
  });
  const duplicate = node.entries.some((e) => e.rule === entry.rule && e.language === entry.language && e.kind === entry.kind && e.pair === entry.pair);
  if (!duplicate) node.entries.push(entry);
}

function prefixKey(word: string): number {
  return ((word.charCodeAt(0) * 31 + word.charCodeAt(1)) * 31 + word.charCodeAt(2)) * 31 + word.charCodeAt(3);
}

function rootPrefixList(matcher: Matcher, prefix: string): [string, TrieNode][] {
  const key = prefixKey(prefix);
  let list = matcher.rootPrefixes.get(key);
  if (!list) matcher.rootPrefixes.set(key, (list = []));
  return list;
}

function buildMatcher(lexicons: Readonly<Record<string, LexiconFile>>): Matcher {
  const matcher: Matcher = { root: newNode(), rootPrefixes: new Map(), stopwords: new Map(), negations: new Set() };
  let pairCount = 0;
  for (const [language, lexicon] of Object.entries(lexicons)) {
    for (const word of lexicon.stopwords.flatMap(foldedTokens)) {
      const languages = matcher.stopwords.get(word) ?? [];
      if (!languages.includes(language)) languages.push(language);
      matcher.stopwords.set(word, languages);
    }
    for (const word of lexicon.negations.flatMap(foldedTokens)) matcher.negations.add(word);
    for (const rule of WORDING_RULES) {
      const section = lexicon.rules[rule];
      if (!section) throw new Error(`lexicon ${language}: rule "${rule}" is missing`);
      const where = `lexicon ${language}, ${rule}`;
      for (const phrase of section.phrases) insert(matcher, parsePhrase(phrase, where), { rule, language, kind: Kind.Phrase, pair: -1 });
      for (const pair of section.pairs ?? []) {
        const id = pairCount++;
        for (const phrase of pair.cue) insert(matcher, parsePhrase(phrase, where), { rule, language, kind: Kind.Cue, pair: id });
        for (const phrase of pair.with) insert(matcher, parsePhrase(phrase, where), { rule, language, kind: Kind.With, pair: id });
      }
    }
    for (const rule of Object.keys(lexicon.rules)) {
      if (!(WORDING_RULES as readonly string[]).includes(rule)) throw new Error(`lexicon ${language}: unknown rule "${rule}"`);
    }
  }
  return matcher;
}

const MATCHER = buildMatcher(LEXICONS);

/** Distinct accented words whose folding is remembered during one scan. */
const FOLD_CACHE = 20_000;

/**
 * The words of the text, read lazily into a ring: the scan needs a few words behind (negations)
 * and ahead (phrases), so a 10 MB text never sits in memory as two million words at once.
 */
class TokenRing {
  private readonly words: string[] = new Array<string>(RING).fill('');
  private readonly starts = new Int32Array(RING);
  private readonly ends = new Int32Array(RING);
  private readonly sentences = new Int32Array(RING);
  private readonly negated = new Uint8Array(RING);
  private count = 0;
  private sentence = 0;
  private done = false;
  private readonly re = new RegExp(TOKEN.source, TOKEN.flags);
  /** Lower-cased once for the whole text when that keeps every offset; words with other letters are folded one by one. */
  private readonly lower: string;
  private readonly ascii: boolean;
  /** Natural text repeats its words, and folding accented words is the slow part. */
  private readonly folded = new Map<string, string>();

  constructor(
    text: string,
    private readonly negations: ReadonlySet<string>,
  ) {
    const lower = text.toLowerCase();
    this.lower = lower.length === text.length ? lower : text;
    this.ascii = ASCII.test(text);
  }

  /** Whether word `index` exists and is still in the ring. */
  has(index: number): boolean {
    while (!this.done && index >= this.count) this.read();
    return index < this.count && index >= this.count - RING && index >= 0;
  }

  word(index: number): string {
    return this.words[index % RING]!;
  }
  start(index: number): number {
    return this.starts[index % RING]!;
  }
  end(index: number): number {
    return this.ends[index % RING]!;
  }
  sentenceOf(index: number): number {
    return this.sentences[index % RING]!;
  }
  isNegation(index: number): boolean {
    return this.negated[index % RING] === 1;
  }

  private fold(raw: string): string {
    let word = this.folded.get(raw);
    if (word === undefined) {
      word = fold(raw);
      if (this.folded.size < FOLD_CACHE) this.folded.set(raw, word);
    }
    return word;
  }

  private read(): void {
    for (;;) {
      const match = this.re.exec(this.lower);
      if (!match) {
        this.done = true;
        return;
      }
      const raw = match[1];
      if (raw === undefined) {
        this.sentence++;
        continue;
      }
      const word = this.ascii || ASCII.test(raw) ? raw : this.fold(raw);
      const slot = this.count % RING;
      this.words[slot] = word;
      this.starts[slot] = match.index;
      this.ends[slot] = match.index + raw.length;
      this.sentences[slot] = this.sentence;
      this.negated[slot] = this.negations.has(word) ? 1 : 0;
      this.count++;
      return;
    }
  }
}

interface Hit {
  readonly entry: Entry;
  /** Word indexes of the first and last matched word. */
  readonly first: number;
  readonly last: number;
  /** Character span in the text, kept because old words leave the ring. */
  readonly span: readonly [number, number];
}

interface Found {
  readonly first: number;
  readonly last: number;
  /** Character spans of the matched words: one for a phrase, two for a cue and its companion. */
  readonly spans: readonly (readonly [number, number])[];
  readonly languages: string[];
}

/** The walk's state for one starting word; plain functions rather than closures keep the hot loop allocation-free. */
interface Walk {
  readonly ring: TokenRing;
  start: number;
  sentence: number;
  hits: Hit[];
}

function sameSentence(walk: Walk, index: number): boolean {
  return walk.ring.has(index) && walk.ring.sentenceOf(index) === walk.sentence;
}

function step(walk: Walk, node: TrieNode, index: number): void {
  const word = walk.ring.word(index);
  const child = node.next.get(word);
  if (child) visit(walk, child, index + 1);
  for (const [prefix, next] of node.prefixes) if (word.startsWith(prefix)) visit(walk, next, index + 1);
}

function visit(walk: Walk, node: TrieNode, index: number): void {
  if (node.entries.length > 0) {
    const span = [walk.ring.start(walk.start), walk.ring.end(index - 1)] as const;
    for (const entry of node.entries) walk.hits.push({ entry, first: walk.start, last: index - 1, span });
  }
  if (!sameSentence(walk, index)) return;
  step(walk, node, index);
  const gap = node.gap;
  if (gap) for (let skip = 0; skip <= MAX_GAP && sameSentence(walk, index + skip); skip++) step(walk, gap, index + skip);
}

function collectHits(walk: Walk, start: number, firstNodes: readonly TrieNode[]): Hit[] {
  walk.start = start;
  walk.sentence = walk.ring.sentenceOf(start);
  walk.hits = [];
  for (const node of firstNodes) visit(walk, node, start + 1);
  return walk.hits;
}

function isNegated(ring: TokenRing, hit: Hit): boolean {
  const sentence = ring.sentenceOf(hit.first);
  for (let i = hit.first - 1; i >= hit.first - NEGATION_BEFORE && ring.has(i) && ring.sentenceOf(i) === sentence; i--) {
    if (ring.isNegation(i)) return true;
  }
  for (let i = hit.last + 1; i <= hit.last + NEGATION_AFTER && ring.has(i) && ring.sentenceOf(i) === sentence; i++) {
    if (ring.isNegation(i)) return true;
  }
  return false;
}

/** Records a finding; the same words matched in several languages' lexicons keep every language. */
function record(found: Map<WordingRule, Found>, rule: WordingRule, candidate: Found): void {
  const existing = found.get(rule);
  if (!existing) {
    found.set(rule, candidate);
  } else if (existing.first === candidate.first && existing.last === candidate.last) {
    for (const language of candidate.languages) if (!existing.languages.includes(language)) existing.languages.push(language);
  }
}

/** The matched words as written; a cue and its companion far apart are shown as "cue … companion". */
function matchText(text: string, spans: readonly (readonly [number, number])[]): string {
  const clean = (from: number, to: number) => text.slice(from, to).replace(/\s+/g, ' ').trim();
  const [a, b] = spans;
  if (!a) return '';
  if (!b || (b[0] - a[1] <= NEAR_CHARS && b[1] - a[0] <= MAX_MATCH_CHARS)) return clean(a[0], (b ?? a)[1]).slice(0, MAX_MATCH_CHARS);
  return `${clean(a[0], a[1]).slice(0, MAX_MATCH_CHARS / 2)} … ${clean(b[0], b[1]).slice(0, MAX_MATCH_CHARS / 2)}`;
}

const NO_NODES: readonly TrieNode[] = [];

/** Trie nodes reached by the first word; most words reach none and cost two map lookups, no allocation. */
function firstNodes(word: string): readonly TrieNode[] {
  const child = MATCHER.root.next.get(word);
  const candidates = word.length >= MIN_PREFIX ? MATCHER.rootPrefixes.get(prefixKey(word)) : undefined;
  if (!candidates) return child ? [child] : NO_NODES;
  const nodes = child ? [child] : [];
  for (const [prefix, node] of candidates) if (word.startsWith(prefix)) nodes.push(node);
  return nodes;
}

/**
 * The scam-wording families present in a text, at most one signal per rule (its first
 * occurrence), in the order they appear. `language` is the lexicon that matched; when the same
 * words belong to several lexicons ("bitcoin"), the language the text is mostly written in wins.
 */
export function wordingSignals(text: string): WordingSignal[] {
  const ring = new TokenRing(text, MATCHER.negations);
  const found = new Map<WordingRule, Found>();
  const languageScore = new Map<string, number>();
  const lastCue = new Map<number, Hit>();
  const lastWith = new Map<number, Hit>();
  const pairDone = new Set<number>();
  const walk: Walk = { ring, start: 0, sentence: 0, hits: [] };

  for (let index = 0; ring.has(index); index++) {
    const word = ring.word(index);
    const stopwordLanguages = MATCHER.stopwords.get(word);
    if (stopwordLanguages) for (const language of stopwordLanguages) languageScore.set(language, (languageScore.get(language) ?? 0) + 1);

    const nodes = firstNodes(word);
    if (nodes.length === 0) continue;
    for (const hit of collectHits(walk, index, nodes)) {
      const { entry } = hit;
      if (entry.kind === Kind.Phrase) {
        const existing = found.get(entry.rule);
        if (existing && existing.first !== hit.first) continue;
        if (isNegated(ring, hit)) continue;
        record(found, entry.rule, { first: hit.first, last: hit.last, spans: [hit.span], languages: [entry.language] });
        continue;
      }
      if (pairDone.has(entry.pair) || isNegated(ring, hit)) continue;
      const other = (entry.kind === Kind.Cue ? lastWith : lastCue).get(entry.pair);
      if (other && hit.first > other.last && hit.first - other.last <= PAIR_WINDOW) {
        pairDone.add(entry.pair);
        record(found, entry.rule, { first: other.first, last: hit.last, spans: [other.span, hit.span], languages: [entry.language] });
      } else {
        (entry.kind === Kind.Cue ? lastCue : lastWith).set(entry.pair, hit);
      }
    }
  }

  const score = (language: string) => languageScore.get(language) ?? 0;
  return [...found.entries()]
    .sort(([, a], [, b]) => a.first - b.first)
    .map(([rule, f]) => ({
      rule,
      language: f.languages.reduce((best, language) => (score(language) > score(best) ? language : best)),
      match: matchText(text, f.spans),
    }));
}
