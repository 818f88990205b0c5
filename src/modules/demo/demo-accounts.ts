/**
 * Demo accounts with published passwords, one per role a visitor may want to try. They exist only
 * in databases seeded with `zesummen seed --demo`; never seed a production database with them.
 */
import type { AccountsService } from '../accounts/index.js';
import type { Role } from '../../platform/auth/roles.js';
import { TRUSTED_PROVIDER_ORGANIZATIONS, UNTRUSTED_PROVIDER_ORGANIZATIONS, demoOrganizationId } from './demo-directory.js';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
  readonly organizationIds: readonly string[];
  readonly trusted: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'admin@demo.zesummen.example',
    password: 'demo-admin-zesummen',
    role: 'admin',
    displayName: 'Demo Admin',
    organizationIds: [],
    trusted: false,
  },
  {
    email: 'moderator@demo.zesummen.example',
    password: 'demo-moderator-zesummen',
    role: 'moderator',
    displayName: 'Demo Moderator',
    organizationIds: [],
    trusted: false,
  },
  {
    email: 'provider@demo.zesummen.example',
    password: 'demo-provider-zesummen',
    role: 'provider',
    displayName: 'Demo Provider',
    organizationIds: UNTRUSTED_PROVIDER_ORGANIZATIONS.map(demoOrganizationId),
    trusted: false,
  },
  {
    email: 'trusted@demo.zesummen.example',
    password: 'demo-trusted-zesummen',
    role: 'provider',
    displayName: 'Demo Trusted Provider',
    organizationIds: TRUSTED_PROVIDER_ORGANIZATIONS.map(demoOrganizationId),
    trusted: true,
  },
  {
    email: 'maria@demo.zesummen.example',
    password: 'demo-maria-zesummen',
    role: 'person',
    displayName: 'Maria Demo',
    organizationIds: [],
    trusted: false,
  },
  {
    email: 'joao@demo.zesummen.example',
    password: 'demo-joao-zesummen',
    role: 'person',
    displayName: 'João Demo',
    organizationIds: [],
    trusted: false,
  },
];

export type DemoAccountOutcome = 'created' | 'existing';

/** Creates the accounts that are missing; existing ones keep their password but regain their organisations. */
export async function ensureDemoAccounts(
  accounts: Pick<AccountsService, 'createUser' | 'findByEmail' | 'grantOrganization'>,
): Promise<{ account: DemoAccount; outcome: DemoAccountOutcome }[]> {
  const results: { account: DemoAccount; outcome: DemoAccountOutcome }[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await accounts.findByEmail(account.email);
    if (existing) {
      for (const organizationId of account.organizationIds) {
        await accounts.grantOrganization(existing.id, organizationId, account.trusted);
      }
      results.push({ account, outcome: 'existing' });
      continue;
    }
    const created = await accounts.createUser({ ...account });
    if (!created.ok) throw new Error(`demo account ${account.email}: ${created.error}`);
    results.push({ account, outcome: 'created' });
  }
  return results;
}
