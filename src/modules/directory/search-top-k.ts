/**
 * The k best slots of a stream, by ascending numeric key and, on equal keys, by `tie`:
 * a bounded max-heap whose root is the worst slot kept, so most candidates cost one
 * comparison. Keys are read from a shared array the caller fills before offering a slot.
 */
export class TopK {
  private readonly heap: Int32Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly key: Float64Array,
    private readonly tie: (a: number, b: number) => number,
  ) {
    this.heap = new Int32Array(k);
  }

  get full(): boolean {
    return this.size === this.k;
  }

  /** Key of the worst slot kept (only meaningful when full). */
  get worstKey(): number {
    return this.key[this.heap[0]!]!;
  }

  /** True when slot a ranks after slot b. */
  private after(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka > kb || (ka === kb && this.tie(a, b) > 0);
  }

  offer(slot: number): void {
    const heap = this.heap;
    if (this.size < this.k) {
      let i = this.size++;
      heap[i] = slot;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.after(heap[i]!, heap[parent]!)) break;
        heap[i] = heap[parent]!;
        heap[parent] = slot;
        i = parent;
      }
      return;
    }
    if (this.k === 0 || !this.after(heap[0]!, slot)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const worse = right < this.size && this.after(heap[right]!, heap[left]!) ? right : left;
      if (!this.after(heap[worse]!, slot)) break;
      heap[i] = heap[worse]!;
      i = worse;
    }
    heap[i] = slot;
  }

  /** The kept slots, best first. */
  sorted(): number[] {
    const key = this.key;
    return Array.from(this.heap.subarray(0, this.size)).sort((a, b) => (key[a]! < key[b]! ? -1 : key[a]! > key[b]! ? 1 : this.tie(a, b)));
  }
}
