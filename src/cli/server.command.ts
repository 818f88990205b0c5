import { loadConfig } from '../config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrations.js';
import { allMigrations } from '../app.js';
import { serve } from '../main.js';
import { join } from 'node:path';
import type { CliCommand } from './command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve',
  summary: 'Run the web server (migrates the database first).',
  options: {},
  async run() {
    await serve();
    return 0;
  },
};

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Bring the database schema up to date.',
  options: {},
  async run() {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: join(config.dataDir, 'zesummen.sqlite') });
    try {
      const result = await migrateToLatest(database.db, allMigrations);
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
    return 0;
  },
};
