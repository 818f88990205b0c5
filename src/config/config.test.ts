import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

test('without SESSION_SECRET a local secret is made once and kept, so a restarted demo keeps its sessions', (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zesummen-config-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = loadConfig({ DATA_DIR: dataDir });
  const second = loadConfig({ DATA_DIR: dataDir });
  assert.match(first.sessionSecret, /^[0-9a-f]{64}$/);
  assert.equal(second.sessionSecret, first.sessionSecret);
  assert.equal(statSync(join(dataDir, 'session-secret')).mode & 0o777, 0o600);
  assert.equal(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40) }).sessionSecret, 'x'.repeat(40));
});

test('production refuses to start without a long SESSION_SECRET', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' }), ConfigError);
});
