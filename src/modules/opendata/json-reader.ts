/**
 * Reads untrusted JSON field by field, collecting every problem with its JSON Pointer instead
 * of stopping at the first. Each read returns a usable value (or undefined) so that reading can
 * go on; the caller accepts the result only if no problem was collected.
 */
import type { HsdsIssue, IssueKey, MessageValues } from './opendata.model.js';

export type JsonObject = Record<string, unknown>;

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export const pointer = (base: string, segment: string | number): string => `${base}/${escape(String(segment))}`;

function fieldOf(path: string): string {
  const named = path.split('/').reverse().find((segment) => segment !== '' && !/^\d+$/.test(segment));
  return (named ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

export interface TextRule {
  readonly max: number;
  /** Absent (or null) is allowed and read as null. */
  readonly optional?: boolean;
}

export class JsonReader {
  readonly issues: HsdsIssue[] = [];

  report(path: string, key: IssueKey, values?: MessageValues): void {
    this.issues.push(values ? { path, field: fieldOf(path), key, values } : { path, field: fieldOf(path), key });
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    this.report(path, 'wrong_type', { expected: 'object' });
    return undefined;
  }

  /** A list; an absent optional list reads as empty. */
  array(parent: JsonObject, key: string, path: string, optional = true): readonly unknown[] {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (!optional) this.report(pointer(path, key), 'required');
      return [];
    }
    if (Array.isArray(value)) return value;
    this.report(pointer(path, key), 'wrong_type', { expected: 'array' });
    return [];
  }

  /** Text, trimmed; an empty string counts as absent. */
  text(parent: JsonObject, key: string, path: string, rule: TextRule): string | null | undefined {
    const at = pointer(path, key);
    const value = parent[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (rule.optional) return null;
      this.report(at, 'required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(at, 'wrong_type', { expected: 'string' });
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length > rule.max) {
      this.report(at, 'too_long', { max: rule.max });
      return undefined;
    }
    return trimmed;
  }

  number(parent: JsonObject, key: string, path: string, optional: boolean): number | null | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (optional) return null;
      this.report(pointer(path, key), 'required');
      return undefined;
    }
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.report(pointer(path, key), 'wrong_type', { expected: 'number' });
    return undefined;
  }

  boolean(parent: JsonObject, key: string, path: string, fallback: boolean): boolean {
    const value = parent[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    this.report(pointer(path, key), 'wrong_type', { expected: 'boolean' });
    return fallback;
  }

  /** A value from a closed list. */
  code<const T extends string>(
    parent: JsonObject,
    key: string,
    path: string,
    list: readonly T[],
    fallback?: T,
  ): T | undefined {
    const value = this.text(parent, key, path, { max: 100, optional: fallback !== undefined });
    if (value === null) return fallback;
    if (value === undefined) return undefined;
    if ((list as readonly string[]).includes(value)) return value as T;
    this.report(pointer(path, key), 'unknown_value', { value });
    return undefined;
  }

  /** A list of codes from a closed list, each checked, duplicates dropped. */
  codes<const T extends string>(parent: JsonObject, key: string, path: string, list: readonly T[]): T[] {
    const found: T[] = [];
    this.array(parent, key, path).forEach((value, index) => {
      const at = pointer(pointer(path, key), index);
      if (typeof value !== 'string') this.report(at, 'wrong_type', { expected: 'string' });
      else if (!(list as readonly string[]).includes(value)) this.report(at, 'unknown_value', { value });
      else if (!found.includes(value as T)) found.push(value as T);
    });
    return found;
  }
}
