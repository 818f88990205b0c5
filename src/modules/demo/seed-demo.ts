/**
 * Seeding a database with the demo directory, the demo accounts, mandates and chat, safely: real
 * listings and real people's chat accounts are never touched.
 */
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService, ImportCounts } from '../directory/index.js';
import { generateDemoDirectory, DEFAULT_DEMO_SEED } from './demo-directory.js';
import { ensureDemoAccounts, type DemoAccount } from './demo-accounts.js';
import { ensureDemoChat, type DemoChatDeps, type DemoChatOutcome } from './demo-chat.js';
import { ensureDemoMandates, type DemoMandatesDeps } from './demo-mandates.js';

export interface SeedDeps {
  readonly directory: Pick<DirectoryService, 'importDirectory' | 'contents'>;
  readonly accounts: Pick<AccountsService, 'createUser' | 'findByEmail' | 'grantOrganization'>;
  readonly chat: DemoChatDeps;
  readonly mandates: DemoMandatesDeps['mandates'];
}

export interface SeedOptions {
  readonly now: Date;
  /** Replace demo data already there (a directory holding only demo data is cleared first). */
  readonly replace?: boolean;
  readonly seed?: number | string;
}

export type SeedOutcome =
  | {
      readonly state: 'seeded' | 'replaced';
      readonly counts: ImportCounts;
      readonly accounts: readonly DemoAccount[];
      readonly chat: DemoChatOutcome;
    }
  | { readonly state: 'already_seeded'; readonly accounts: readonly DemoAccount[]; readonly chat: DemoChatOutcome }
  | { readonly state: 'refused_real_data'; readonly real: number };

export async function seedDemo(deps: SeedDeps, options: SeedOptions): Promise<SeedOutcome> {
  const contents = await deps.directory.contents();
  if (contents.real > 0) return { state: 'refused_real_data', real: contents.real };
  if (contents.demo > 0 && !options.replace) {
    const ensured = await ensureDemoAccounts(deps.accounts);
    await ensureDemoMandates(deps, options.now);
    return { state: 'already_seeded', accounts: ensured.map((e) => e.account), chat: await ensureDemoChat(deps.chat) };
  }
  const data = generateDemoDirectory({ now: options.now, seed: options.seed ?? DEFAULT_DEMO_SEED });
  // The directory holds demo data only (checked above), so clearing it loses nothing real.
  const counts = await deps.directory.importDirectory(data, { replace: contents.demo > 0 });
  const ensured = await ensureDemoAccounts(deps.accounts);
  await ensureDemoMandates(deps, options.now);
  const chat = await ensureDemoChat(deps.chat);
  return { state: contents.demo > 0 ? 'replaced' : 'seeded', counts, accounts: ensured.map((e) => e.account), chat };
}
