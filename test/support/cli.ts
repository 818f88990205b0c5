import type { TestContext } from 'node:test';
import { runCli } from '../../src/cli.js';
import type { Config } from '../../src/config/config.js';

/** The CLI reads its configuration from the environment: point it at a test's database. */
export function useDatabaseForCli(config: Pick<Config, 'dataDir' | 'databaseUrl'>): void {
  process.env.LOG_LEVEL = 'error';
  process.env.DATA_DIR = config.dataDir;
  if (config.databaseUrl) process.env.DATABASE_URL = config.databaseUrl;
  else delete process.env.DATABASE_URL;
}

/** Runs one command line, returning its exit code and what it printed. */
export async function runCommand(t: TestContext, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = t.mock.method(console, 'log', (...args: unknown[]) => out.push(args.join(' ')));
  const error = t.mock.method(console, 'error', (...args: unknown[]) => err.push(args.join(' ')));
  try {
    return { code: await runCli(argv), out, err };
  } finally {
    log.mock.restore();
    error.mock.restore();
  }
}
