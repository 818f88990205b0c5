/**
 * Values loaded from the database and kept until a write invalidates them. A write invalidates
 * before and after its commit; a load that overlapped an invalidation is used once but not kept,
 * so no reader can keep a value from before a commit it did not see.
 */
export class ReadThroughCache<T> {
  private readonly values = new Map<string, T>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.values.has(key)) return this.values.get(key)!;
    const generation = this.generations.get(key) ?? 0;
    const value = await load();
    if ((this.generations.get(key) ?? 0) === generation) {
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  invalidate(key: string): void {
    this.values.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }
}
