import type { CreateTableBuilder } from 'kysely';

/**
 * Column conventions shared by both dialects: ids and timestamps are text (ISO 8601 in UTC),
 * booleans are 0/1 integers, lists and objects are JSON text. Keeping to these types lets one
 * migration file serve SQLite and PostgreSQL alike.
 */
export function withTimestamps<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;

export function parseJsonList(text: string | null | undefined): string[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}
