import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import { serve } from '../main.js';
import { printDemoAccounts, reportSeed, seedApp } from './seed.command.js';
import type { CliCommand } from './command.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo',
  summary: 'Migrate, add the demo data if the directory is empty, then run the web server.',
  options: {},
  async run() {
    const app = await buildApp(loadConfig());
    try {
      const contents = await app.directory.contents();
      if (contents.demo + contents.real === 0) {
        const code = reportSeed(await seedApp(app, {}), false);
        if (code !== 0) return code;
      } else if (contents.real === 0) {
        printDemoAccounts();
      }
    } finally {
      await app.close();
    }
    await serve();
    return 0;
  },
};
