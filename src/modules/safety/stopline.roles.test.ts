import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { userCreateCommand } from '../../cli/user.command.js';
import { homePathOf, isRole } from '../../platform/auth/roles.js';

// The CLI reads its configuration from the environment: this file's process gets its own DATA_DIR.
const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-analyst-cli-'));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL = 'error';
delete process.env.DATABASE_URL;
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('admins create analysts from the command line; analysts are sent to their queue', async (t) => {
  assert.ok(isRole('analyst'));
  assert.match(userCreateCommand.usage, /--role person\|provider\|moderator\|analyst\|admin/);
  assert.equal(homePathOf({ role: 'analyst' }), '/analysts/reports');

  const out: string[] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => out.push(args.join(' ')));
  process.env.ZESUMMEN_PASSWORD = 'correct horse battery';
  assert.equal(await runCli(['user', 'create', '--email', 'ana@example.lu', '--role', 'analyst']), 0);
  assert.deepEqual(out, ['Created analyst ana@example.lu']);

  const app = await buildApp(loadConfig());
  try {
    assert.equal((await app.accounts.findByEmail('ana@example.lu'))?.role, 'analyst');
  } finally {
    await app.close();
  }
});
