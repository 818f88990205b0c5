import { createHash } from 'node:crypto';
import type { JournalEntry, JournalEventKind, JournalVerification } from './mandates.model.js';

export const GENESIS_HASH = '0'.repeat(64);

export type JournalDetails = JournalEntry['details'];

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface UnhashedEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: JournalEventKind;
  readonly mandateId: string | null;
  readonly actor: string;
  readonly details: JournalDetails;
}

/** Each entry's hash covers its content and its predecessor's hash: changing one breaks every later link. */
export function entryHash(prevHash: string, entry: UnhashedEntry): string {
  const content = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    mandate_id: entry.mandateId,
    actor: entry.actor,
    details: entry.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

/** Walks entries in order; `state` carries over between pages of a long journal. */
export function createChainVerifier() {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  return {
    check(entry: JournalEntry): JournalVerification | null {
      entries += 1;
      if (entry.seq !== expectedSeq) return { ok: false, entries, brokenAt: entry.seq, reason: 'sequence_gap' };
      if (entry.prevHash !== prevHash) return { ok: false, entries, brokenAt: entry.seq, reason: 'chain_broken' };
      if (entryHash(entry.prevHash, entry) !== entry.hash) return { ok: false, entries, brokenAt: entry.seq, reason: 'hash_mismatch' };
      expectedSeq += 1;
      prevHash = entry.hash;
      return null;
    },
    done(): JournalVerification {
      return { ok: true, entries };
    },
  };
}
