import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import type { CliCommand } from './command.js';

export const purgeCommand: CliCommand = {
  name: 'purge',
  usage: 'purge',
  summary: 'Delete registrations of sessions that ended more than REGISTRATION_RETENTION_DAYS ago.',
  options: {},
  async run() {
    const config = loadConfig();
    const app = await buildApp(config);
    try {
      const deleted = await app.directory.purgeExpiredRegistrations();
      const what = deleted === 1 ? 'registration' : 'registrations';
      console.log(`Deleted ${deleted} ${what} of sessions that ended more than ${config.registrationRetentionDays} days ago.`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
