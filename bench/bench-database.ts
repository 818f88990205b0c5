/** A brand-new database for one benchmark run, SQLite in a temporary folder or PostgreSQL, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchDatabase {
  readonly dialect: BenchDialect;
  /** Environment for loadConfig() and for the server process. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-bench-'));
  const env = {
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  if (dialect === 'sqlite') {
    return { dialect, env, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `zs_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    env: { ...env, DATABASE_URL: url.toString() },
    async drop() {
      await adminQuery(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
