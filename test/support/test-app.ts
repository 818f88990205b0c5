import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config/config.js';
import { buildApp, type App, type AppOptions } from '../../src/app.js';
import type { DialectName } from '../../src/platform/db/database.js';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Both dialects by default; TEST_DIALECTS=sqlite narrows a local run, CI always runs both. */
export const TEST_DIALECTS: DialectName[] = (process.env.TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

export interface TestDatabase {
  readonly config: Config;
  drop(): Promise<void>;
}

/** A brand-new, empty database of the given dialect, and its configuration. */
export async function freshDatabase(dialect: DialectName, env: Record<string, string> = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-test-'));
  if (dialect === 'sqlite') {
    const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'test-secret-'.padEnd(40, 'x'), ...env });
    return { config, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `zs_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    SESSION_SECRET: 'test-secret-'.padEnd(40, 'x'),
    ...env,
  });
  return {
    config,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends App {
  readonly config: Config;
}

/** The real application on a fresh database, with strict messages; close() also drops the database. */
export async function buildTestApp(
  dialect: DialectName = 'sqlite',
  options: AppOptions & { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await freshDatabase(dialect, options.env);
  const app = await buildApp(database.config, { strictMessages: true, ...options });
  return {
    ...app,
    config: database.config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Runs the same suite once per dialect, so storage behaviour is proven on both. */
export function describeEachDialect(name: string, suite: (dialect: DialectName) => void): void {
  for (const dialect of TEST_DIALECTS) describe(`${name} [${dialect}]`, () => suite(dialect));
}
