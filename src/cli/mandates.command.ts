import { loadConfig } from '../config/config.js';
import { buildApp, type App } from '../app.js';
import type { CliCommand } from './command.js';

async function withApp(step: (app: App) => Promise<number>): Promise<number> {
  const app = await buildApp(loadConfig());
  try {
    return await step(app);
  } finally {
    await app.close();
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a redirect URI cannot be used, or null. The agent's browser is sent there with a delegation
 * code, so it must be absolute, without a fragment (RFC 6749 3.1.2), and https except on this machine.
 */
export function redirectUriProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.hash !== '' || raw.includes('#')) return 'must not have a #fragment';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'must start with https:// (http:// only for localhost)';
}

const addService: CliCommand = {
  name: 'mandates add-service',
  usage: 'mandates add-service NAME REDIRECT_URI',
  summary: 'Register an online service that accepts mandates; prints its client id and secret once.',
  options: {},
  async run(_options, positionals) {
    const [name, redirectUri] = positionals;
    if (positionals.length !== 2 || !name?.trim() || !redirectUri) {
      console.error(`zesummen ${this.name}: give the service's name and its redirect URI`);
      return 2;
    }
    const problem = redirectUriProblem(redirectUri);
    if (problem) {
      console.error(`zesummen ${this.name}: the redirect URI ${problem}`);
      return 2;
    }
    return withApp(async (app) => {
      const service = await app.mandates.registerService({ name: name.trim(), redirectUri });
      console.log(`Registered "${service.name}", sending agents to ${service.redirectUri}.`);
      console.log(`Client id: ${service.clientId}`);
      console.log(`Client secret: ${service.clientSecret}`);
      console.log('The secret is shown only now: give it to the service over a safe channel.');
      return 0;
    });
  },
};

const REASONS = {
  hash_mismatch: 'its content no longer matches its hash: it was changed after it was written',
  chain_broken: "it does not point to the previous entry's hash: an entry before it was replaced",
  sequence_gap: 'its number does not follow the previous one: entries were removed or inserted',
} as const;

const verifyJournal: CliCommand = {
  name: 'mandates verify-journal',
  usage: 'mandates verify-journal',
  summary: "Check the mandates journal's hash chain; names the first broken entry (exit code 1).",
  options: {},
  async run() {
    return withApp(async (app) => {
      const result = await app.mandates.verifyJournal();
      if (result.ok) {
        console.log(`The mandates journal is intact: ${result.entries} entries, every link checked.`);
        return 0;
      }
      console.error(`The mandates journal is broken at entry ${result.brokenAt}: ${REASONS[result.reason]}.`);
      console.error(`Entries 1 to ${result.brokenAt - 1} are intact; ${result.entries} entries were read.`);
      return 1;
    });
  },
};

const remind: CliCommand = {
  name: 'mandates remind',
  usage: 'mandates remind',
  summary: 'Mark ended mandates as expired and send the 30- and 7-day expiry reminders that are due (the server also does this daily).',
  options: {},
  async run() {
    return withApp(async (app) => {
      const sent = await app.mandates.sendExpiryReminders();
      console.log(sent === 0 ? 'No reminder was due.' : `Sent ${sent} reminder e-mails.`);
      return 0;
    });
  },
};

export const mandatesCommands: readonly CliCommand[] = [addService, verifyJournal, remind];
