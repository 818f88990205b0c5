import { loadConfig } from '../config/config.js';
import { buildApp, type App } from '../app.js';
import { DEMO_ACCOUNTS, seedDemo, type DemoChatOutcome, type SeedOutcome } from '../modules/demo/index.js';
import type { CliCommand } from './command.js';

export const seedCommand: CliCommand = {
  name: 'seed',
  usage: 'seed --demo [--replace] [--seed WORD]',
  summary: 'Fill an empty directory with invented demo data, demo accounts and a demo chat.',
  options: {
    demo: { type: 'boolean' },
    replace: { type: 'boolean' },
    seed: { type: 'string' },
  },
  async run(options) {
    if (options.demo !== true) {
      console.error('seed: only demo data can be seeded; run "zesummen seed --demo"');
      return 2;
    }
    const app = await buildApp(loadConfig());
    try {
      const outcome = await seedApp(app, { replace: options.replace === true, seed: options.seed as string | undefined });
      return reportSeed(outcome, options.replace === true);
    } finally {
      await app.close();
    }
  },
};

export function seedApp(app: App, options: { replace?: boolean; seed?: string | undefined }): Promise<SeedOutcome> {
  return seedDemo(
    { directory: app.directory, accounts: app.accounts, chat: app.chat, mandates: app.mandates },
    { now: new Date(), replace: options.replace ?? false, ...(options.seed ? { seed: options.seed } : {}) },
  );
}

/** Prints what happened in words a person running the command understands; returns the exit code. */
export function reportSeed(outcome: SeedOutcome, replaceAsked: boolean): number {
  switch (outcome.state) {
    case 'refused_real_data':
      console.error(
        `seed: this database already holds ${outcome.real} real organisations or offers, so no demo data was added.\n` +
          'Demo data belongs in a database of its own: point DATABASE_URL or DATA_DIR at an empty one.',
      );
      return 1;
    case 'already_seeded':
      console.log(
        replaceAsked
          ? 'The demo data is already there.'
          : 'The demo data is already there; nothing changed. Add --replace to start again from fresh demo data.',
      );
      printDemoAccounts(outcome.chat);
      return 0;
    case 'seeded':
    case 'replaced': {
      const { organizations, locations, offers, sessions } = outcome.counts;
      console.log(
        `${outcome.state === 'seeded' ? 'Seeded' : 'Replaced'} the demo directory: ${organizations} organisations, ` +
          `${locations} places, ${offers} offers, ${sessions} sessions (all marked as demo data).`,
      );
      printDemoAccounts(outcome.chat);
      return 0;
    }
  }
}

export function printDemoAccounts(chat: DemoChatOutcome): void {
  console.log('\nDemo accounts (published passwords: never use them on a real directory):');
  for (const account of DEMO_ACCOUNTS) {
    const role = account.role === 'provider' ? (account.trusted ? 'trusted provider' : 'provider') : account.role;
    console.log(`  ${role.padEnd(17)} ${account.email.padEnd(34)} ${account.password}`);
  }
  printDemoChat(chat);
}

function printDemoChat(chat: DemoChatOutcome): void {
  if (chat.state === 'refused_real_users') {
    console.log(
      `\nNo demo chat accounts were added: the messenger already has ${chat.real} accounts that are not demo accounts.`,
    );
    return;
  }
  console.log(`\nDemo chat accounts on the messenger ${chat.serverName} (published passwords, demo only):`);
  console.log(`  In Element, choose another homeserver and type ${chat.homeserverUrl}, then sign in with:`);
  for (const { account, userId } of chat.accounts) {
    console.log(`  ${account.description.padEnd(28)} ${userId.padEnd(34)} ${account.password}`);
  }
  console.log(`  Demo room: ${chat.roomAlias} (${chat.roomName})`);
}
