/**
 * Sets of document slots as bitsets (one bit per slot in Uint32Array words). Filters become
 * word-wise AND/OR over a few thousand words, whatever the number of matches.
 */
export const wordsFor = (slots: number): number => (slots + 31) >>> 5;

export function setBit(bits: Uint32Array, slot: number): void {
  bits[slot >>> 5] = bits[slot >>> 5]! | (1 << (slot & 31));
}

export function clearBit(bits: Uint32Array, slot: number): void {
  bits[slot >>> 5] = bits[slot >>> 5]! & ~(1 << (slot & 31));
}

export function hasBit(bits: Uint32Array, slot: number): boolean {
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
}

/** A copy with room for `words` words. */
export function resized(bits: Uint32Array, words: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(words);
  next.set(bits.length > words ? bits.subarray(0, words) : bits);
  return next;
}

export function andInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i += 1) target[i] = target[i]! & source[i]!;
}

export function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i += 1) target[i] = target[i]! | source[i]!;
}

function popcount(word: number): number {
  let w = word - ((word >>> 1) & 0x55555555);
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function count(bits: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i += 1) if (bits[i] !== 0) n += popcount(bits[i]!);
  return n;
}

/** Size of the intersection, looking only at words [from, to). */
export function countAnd(a: Uint32Array, b: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const w = a[i]! & b[i]!;
    if (w !== 0) n += popcount(w);
  }
  return n;
}

/** [first, last + 1) of the non-zero words, to skip the empty ends of sparse sets. */
export function nonZeroRange(bits: Uint32Array): [number, number] {
  let from = 0;
  while (from < bits.length && bits[from] === 0) from += 1;
  let to = bits.length;
  while (to > from && bits[to - 1] === 0) to -= 1;
  return [from, to];
}

/** Calls `visit` with every slot in the set, in increasing order. */
export function forEachSlot(bits: Uint32Array, visit: (slot: number) => void): void {
  for (let i = 0; i < bits.length; i += 1) {
    let w = bits[i]!;
    while (w !== 0) {
      const lowest = w & -w;
      visit((i << 5) | (31 - Math.clz32(lowest)));
      w ^= lowest;
    }
  }
}
