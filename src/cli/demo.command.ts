import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import { serve } from '../main.js';
import { printDemoAccounts, reportSeed, seedApp } from './seed.command.js';
import type { CliCommand } from './command.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo',
  summary: 'Migrate, add the demo data if the directory is empty (and the demo chat), then run the web server.',
  options: {},
  async run() {
    const app = await buildApp(loadConfig());
    try {
      const contents = await app.directory.contents();
      // A directory holding real data is served as it is; otherwise the demo is (re)completed, which
      // also brings the demo chat to databases seeded before the messenger existed.
      if (contents.real === 0) {
        const outcome = await seedApp(app, {});
        if (outcome.state === 'already_seeded') printDemoAccounts(outcome.chat);
        else {
          const code = reportSeed(outcome, false);
          if (code !== 0) return code;
        }
      }
    } finally {
      await app.close();
    }
    await serve();
    return 0;
  },
};
