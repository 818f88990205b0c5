import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli.js';

// Each test file runs in its own process, so pointing the environment at a scratch folder is contained.
const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-seed-cli-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    return { code: await runCli(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('seed --demo fills an empty directory, says so and lists the demo accounts', async () => {
  const first = await cli('seed', '--demo');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Seeded the demo directory: 40 organisations, \d+ places, 250 offers/);
  assert.match(first.out, /moderator@demo\.zesummen\.example\s+demo-moderator-zesummen/);
});

test('seeding again leaves the data alone and explains --replace', async () => {
  const again = await cli('seed', '--demo');
  assert.equal(again.code, 0);
  assert.match(again.out, /already there; nothing changed\. Add --replace/);
  const replaced = await cli('seed', '--demo', '--replace');
  assert.equal(replaced.code, 0);
  assert.match(replaced.out, /Replaced the demo directory/);
});

test('seed without --demo is a usage error', async () => {
  const result = await cli('seed');
  assert.equal(result.code, 2);
  assert.match(result.err, /seed --demo/);
});
