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
import { andInto, resized, setBit } from './search-bitset.js';

class Posting {
  slots = new Uint32Array(4);
  length = 0;

  push(slot: number): void {
    if (this.length === this.slots.length) this.slots = resized(this.slots, this.slots.length * 2);
    this.slots[this.length] = slot;
    this.length += 1;
  }

  retain(keep: (slot: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.length; i += 1) {
      const slot = this.slots[i]!;
      if (keep(slot)) this.slots[kept++] = slot;
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

export interface TextPostings {
  /**
   * Words must be folded (see fold-text.ts); titleWords must be a subset of allWords; `words`
   * is the current bitset size.
   */
  add(slot: number, allWords: ReadonlySet<string>, titleWords: ReadonlySet<string>, words: number): void;
  /** Bitsets of `words` words; the result is shared and must not be modified. */
  match(prefix: string, words: number): PrefixMatch;
  /** Drops the slots that are not in `alive` everywhere; cached matches are forgotten. */
  compact(alive: Uint32Array): void;
}

export function createTextPostings(): TextPostings {
  const idOf = new Map<string, number>();
  const wordOf: string[] = [];
  const any: Posting[] = [];
  const title: Posting[] = [];
  /** Word ids in alphabetical order of their words; new words wait in `unsorted`. */
  let sorted: number[] = [];
  let unsorted: number[] = [];
  const cache = new Map<string, PrefixMatch>();
  const initials = { any: new Map<string, Uint32Array>(), title: new Map<string, Uint32Array>() };

  function initialBits(kind: 'any' | 'title', letter: string, words: number): Uint32Array {
    let bits = initials[kind].get(letter);
    if (!bits || bits.length < words) {
      bits = bits ? resized(bits, words) : new Uint32Array(words);
      initials[kind].set(letter, bits);
    }
    return bits;
  }

  function markInitials(kind: 'any' | 'title', slot: number, wordsOfSlot: ReadonlySet<string>, words: number): void {
    const letters = new Set<string>();
    for (const word of wordsOfSlot) letters.add(word[0]!);
    for (const letter of letters) setBit(initialBits(kind, letter, words), slot);
  }

  function wordId(word: string): number {
    let id = idOf.get(word);
    if (id === undefined) {
      id = wordOf.length;
      idOf.set(word, id);
      wordOf.push(word);
      any.push(new Posting());
      title.push(new Posting());
      unsorted.push(id);
    }
    return id;
  }

  const byWord = (a: number, b: number): number => (wordOf[a]! < wordOf[b]! ? -1 : wordOf[a]! > wordOf[b]! ? 1 : 0);

  function mergeUnsorted(): void {
    if (unsorted.length === 0) return;
    unsorted.sort(byWord);
    const merged = new Array<number>(sorted.length + unsorted.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length && j < unsorted.length) merged[k++] = byWord(sorted[i]!, unsorted[j]!) <= 0 ? sorted[i++]! : unsorted[j++]!;
    while (i < sorted.length) merged[k++] = sorted[i++]!;
    while (j < unsorted.length) merged[k++] = unsorted[j++]!;
    sorted = merged;
    unsorted = [];
  }

  function firstAtOrAfter(prefix: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (wordOf[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    add(slot, allWords, titleWords, words) {
      for (const word of allWords) any[wordId(word)]!.push(slot);
      for (const word of titleWords) title[wordId(word)]!.push(slot);
      markInitials('any', slot, allWords, words);
      markInitials('title', slot, titleWords, words);
      cache.clear();
    },

    match(prefix, words) {
      const cached = cache.get(prefix);
      if (cached && cached.any.length === words) {
        cache.delete(prefix);
        cache.set(prefix, cached);
        return cached;
      }
      const found: PrefixMatch =
        prefix.length === 1
          ? { any: initialBits('any', prefix, words), title: initialBits('title', prefix, words), exactTitle: new Uint32Array(words) }
          : { any: new Uint32Array(words), title: new Uint32Array(words), exactTitle: new Uint32Array(words) };
      if (prefix.length === 1) {
        const id = idOf.get(prefix);
        if (id !== undefined) title[id]!.markAll(found.exactTitle);
      } else {
        mergeUnsorted();
        for (let i = firstAtOrAfter(prefix); i < sorted.length; i += 1) {
          const id = sorted[i]!;
          const word = wordOf[id]!;
          if (!word.startsWith(prefix)) break;
          any[id]!.markAll(found.any);
          title[id]!.markAll(found.title);
          if (word === prefix) title[id]!.markAll(found.exactTitle);
        }
      }
      cache.set(prefix, found);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return found;
    },

    compact(alive) {
      const isAlive = (slot: number): boolean => (alive[slot >>> 5]! & (1 << (slot & 31))) !== 0;
      for (const posting of any) posting.retain(isAlive);
      for (const posting of title) posting.retain(isAlive);
      for (const kind of ['any', 'title'] as const) {
        for (const letter of initials[kind].keys()) andInto(initialBits(kind, letter, alive.length), alive);
      }
      cache.clear();
    },
  };
}
