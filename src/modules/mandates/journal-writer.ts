import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { JournalEntry, JournalEventKind, JournalVerification } from './mandates.model.js';
import type { MandatesTables, MandateJournalTable } from './mandates.tables.js';
import { insertJournalEntry, journalOfMandate, journalPage, lastJournalEntry } from './mandates.store.js';
import { canonicalJson, createChainVerifier, entryHash, GENESIS_HASH, type JournalDetails } from './journal.js';

export interface JournalRecord {
  readonly kind: JournalEventKind;
  readonly mandateId: string | null;
  readonly actor: string;
  readonly details?: JournalDetails;
}

export type Append = (record: JournalRecord) => Promise<JournalEntry>;

const MAX_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function toJournalEntry(row: MandateJournalTable): JournalEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    kind: row.kind as JournalEventKind,
    mandateId: row.mandate_id,
    actor: row.actor,
    details: JSON.parse(row.details) as JournalDetails,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Every change to mandates goes through `write`: one transaction per change, with its journal
 * entries, taken one at a time so the chain never forks. Within one process a queue orders them;
 * between processes the sequence number's primary key does, and the loser retries.
 */
export function createJournalWriter(deps: { db: Kysely<MandatesTables>; clock: Clock }) {
  let queue: Promise<unknown> = Promise.resolve();

  async function attempt<T>(step: (tx: Transaction<MandatesTables>, append: Append) => Promise<T>): Promise<T> {
    return deps.db.transaction().execute(async (tx) => {
      const append: Append = async (record) => {
        const last = await lastJournalEntry(tx);
        const prevHash = last?.hash ?? GENESIS_HASH;
        const entry = {
          seq: (last ? Number(last.seq) : 0) + 1,
          at: deps.clock.now().toISOString(),
          kind: record.kind,
          mandateId: record.mandateId,
          actor: record.actor,
          details: record.details ?? {},
        };
        const hash = entryHash(prevHash, entry);
        await insertJournalEntry(tx, {
          seq: entry.seq,
          at: entry.at,
          kind: entry.kind,
          mandate_id: entry.mandateId,
          actor: entry.actor,
          details: canonicalJson(entry.details),
          prev_hash: prevHash,
          hash,
        });
        return { ...entry, prevHash, hash };
      };
      return step(tx, append);
    });
  }

  async function write<T>(step: (tx: Transaction<MandatesTables>, append: Append) => Promise<T>): Promise<T> {
    const run = async () => {
      for (let tries = 1; ; tries += 1) {
        try {
          return await attempt(step);
        } catch (error) {
          if (tries >= MAX_ATTEMPTS || !isUniqueViolation(error)) throw error;
        }
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    write,
    async entriesOf(mandateId: string): Promise<JournalEntry[]> {
      return (await journalOfMandate(deps.db, mandateId)).map(toJournalEntry);
    },
    async verify(): Promise<JournalVerification> {
      const verifier = createChainVerifier();
      let after = 0;
      for (;;) {
        const rows = await journalPage(deps.db, after, 1000);
        if (rows.length === 0) return verifier.done();
        for (const row of rows) {
          const broken = verifier.check(toJournalEntry(row));
          if (broken) return broken;
        }
        after = Number(rows[rows.length - 1]?.seq ?? after);
      }
    },
  };
}

export type JournalWriter = ReturnType<typeof createJournalWriter>;
