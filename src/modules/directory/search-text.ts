/**
 * Word postings for prefix search: every folded word maps to the slots whose text contains it,
 * once for all text and once for titles (offer and organization names), so a match in a title
 * can rank higher.
 *
 * Removal is lazy: postings keep dead slots, the caller masks them with its set of live slots,
 * and `compact` drops them before those slots are handed out again. This keeps updates cheap
 * even for words that occur in every offer.
 *
 * One-letter prefixes would union the postings of a large share of all words, so they are kept
 * up to date as bitsets instead.
 */
import { foldedWords } from './fold-text.js';
import { andInto, resized, setBit } from './search-bitset.js';

class Posting {
  slots = new Uint32Array(4);
  length = 0;

  /** Slots arrive in order for one offer, so a repeated word is spotted by the last entry. */
  pushOnce(slot: number): void {
    if (this.length > 0 && this.slots[this.length - 1] === slot) return;
    if (this.length === this.slots.length) this.slots = resized(this.slots, this.slots.length * 2);
    this.slots[this.length] = slot;
    this.length += 1;
  }

  retain(alive: Uint32Array): void {
    let kept = 0;
    for (let i = 0; i < this.length; i += 1) {
      const slot = this.slots[i]!;
      if ((alive[slot >>> 5]! & (1 << (slot & 31))) !== 0) this.slots[kept++] = slot;
    }
    this.length = kept;
  }

  markAll(bits: Uint32Array): void {
    for (let i = 0; i < this.length; i += 1) setBit(bits, this.slots[i]!);
  }
}

/** Slots whose words start with a prefix: anywhere, in a title, and titles with the exact word. */
export interface PrefixMatch {
  readonly any: Uint32Array;
  readonly title: Uint32Array;
  readonly exactTitle: Uint32Array;
}

const CACHE_SIZE = 512;
/** ASCII punctuation and spaces are never part of a word: texts are cut there before folding. */
const ASCII_SEPARATORS = /[\s!-/:-@[-`{-~]+/;
const PIECES_LIMIT = 200_000;

export class TextPostings {
  private readonly idOf = new Map<string, number>();
  private readonly wordOf: string[] = [];
  private readonly any: Posting[] = [];
  private readonly title: Posting[] = [];
  /** Word ids in alphabetical order of their words; new words wait in `unsorted`. */
  private sorted: number[] = [];
  private unsorted: number[] = [];
  private readonly cache = new Map<string, PrefixMatch>();
  /** Text pieces already folded, as word ids: offers repeat the same words, and folding is most of the cost of indexing. */
  private readonly pieces = new Map<string, readonly number[]>();
  private readonly initialOf: number[] = [];
  private readonly initials = new Map<string, number>();
  private initialAny: Uint32Array[] = [];
  private initialTitle: Uint32Array[] = [];
  private words = 0;

  /** Indexes one slot's texts; `words` is the current bitset size. */
  add(slot: number, titles: readonly string[], bodies: readonly string[], words: number): void {
    this.fit(words);
    for (const text of titles) {
      this.forEachWordId(text, (id) => {
        this.any[id]!.pushOnce(slot);
        this.title[id]!.pushOnce(slot);
        setBit(this.initialAny[this.initialOf[id]!]!, slot);
        setBit(this.initialTitle[this.initialOf[id]!]!, slot);
      });
    }
    for (const text of bodies) {
      this.forEachWordId(text, (id) => {
        this.any[id]!.pushOnce(slot);
        setBit(this.initialAny[this.initialOf[id]!]!, slot);
      });
    }
    this.cache.clear();
  }

  /** Bitsets of `words` words; the result is shared and must not be modified. */
  match(prefix: string, words: number): PrefixMatch {
    this.fit(words);
    const cached = this.cache.get(prefix);
    if (cached) {
      this.cache.delete(prefix);
      this.cache.set(prefix, cached);
      return cached;
    }
    const found = prefix.length === 1 ? this.matchInitial(prefix, words) : this.matchWords(prefix, words);
    this.cache.set(prefix, found);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return found;
  }

  /** Drops the slots that are not in `alive` everywhere; cached matches are forgotten. */
  compact(alive: Uint32Array): void {
    for (const posting of this.any) posting.retain(alive);
    for (const posting of this.title) posting.retain(alive);
    for (const bits of [...this.initialAny, ...this.initialTitle]) andInto(bits, alive);
    this.cache.clear();
  }

  private fit(words: number): void {
    if (words === this.words) return;
    this.words = words;
    this.initialAny = this.initialAny.map((bits) => resized(bits, words));
    this.initialTitle = this.initialTitle.map((bits) => resized(bits, words));
    this.cache.clear();
  }

  private forEachWordId(text: string, visit: (id: number) => void): void {
    for (const piece of text.split(ASCII_SEPARATORS)) {
      if (piece === '') continue;
      let ids = this.pieces.get(piece);
      if (ids === undefined) {
        ids = foldedWords(piece).map((word) => this.wordId(word));
        if (this.pieces.size >= PIECES_LIMIT) this.pieces.clear();
        this.pieces.set(piece, ids);
      }
      for (const id of ids) visit(id);
    }
  }

  private wordId(word: string): number {
    let id = this.idOf.get(word);
    if (id === undefined) {
      id = this.wordOf.length;
      this.idOf.set(word, id);
      this.wordOf.push(word);
      this.any.push(new Posting());
      this.title.push(new Posting());
      this.initialOf.push(this.initialIndex(word[0]!));
      this.unsorted.push(id);
    }
    return id;
  }

  private initialIndex(letter: string): number {
    let index = this.initials.get(letter);
    if (index === undefined) {
      index = this.initialAny.length;
      this.initials.set(letter, index);
      this.initialAny.push(new Uint32Array(this.words));
      this.initialTitle.push(new Uint32Array(this.words));
    }
    return index;
  }

  private matchInitial(letter: string, words: number): PrefixMatch {
    const index = this.initials.get(letter);
    const exactTitle = new Uint32Array(words);
    const id = this.idOf.get(letter);
    if (id !== undefined) this.title[id]!.markAll(exactTitle);
    return index === undefined
      ? { any: new Uint32Array(words), title: new Uint32Array(words), exactTitle }
      : { any: this.initialAny[index]!, title: this.initialTitle[index]!, exactTitle };
  }

  private matchWords(prefix: string, words: number): PrefixMatch {
    this.mergeUnsorted();
    const found = { any: new Uint32Array(words), title: new Uint32Array(words), exactTitle: new Uint32Array(words) };
    for (let i = this.firstAtOrAfter(prefix); i < this.sorted.length; i += 1) {
      const id = this.sorted[i]!;
      const word = this.wordOf[id]!;
      if (!word.startsWith(prefix)) break;
      this.any[id]!.markAll(found.any);
      this.title[id]!.markAll(found.title);
      if (word === prefix) this.title[id]!.markAll(found.exactTitle);
    }
    return found;
  }

  private readonly byWord = (a: number, b: number): number => {
    const wa = this.wordOf[a]!;
    const wb = this.wordOf[b]!;
    return wa < wb ? -1 : wa > wb ? 1 : 0;
  };

  private mergeUnsorted(): void {
    if (this.unsorted.length === 0) return;
    const fresh = this.unsorted.sort(this.byWord);
    const old = this.sorted;
    const merged = new Array<number>(old.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) merged[k++] = this.byWord(old[i]!, fresh[j]!) <= 0 ? old[i++]! : fresh[j++]!;
    while (i < old.length) merged[k++] = old[i++]!;
    while (j < fresh.length) merged[k++] = fresh[j++]!;
    this.sorted = merged;
    this.unsorted = [];
  }

  private firstAtOrAfter(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.wordOf[this.sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
