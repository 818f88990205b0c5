/**
 * A demo of digital mandates: the trusted demo organisation is accredited, and Maria has given her
 * son João an active mandate for taxes and health insurance, so both sides have something to see.
 */
import type { AccountsService } from '../accounts/index.js';
import type { MandatesService } from '../mandates/index.js';
import { TRUSTED_PROVIDER_ORGANIZATIONS, demoOrganizationId } from './demo-directory.js';

export type DemoMandatesDeps = {
  readonly accounts: Pick<AccountsService, 'findByEmail'>;
  readonly mandates: Pick<MandatesService, 'accredit' | 'listAccreditations' | 'propose' | 'consentText' | 'consentOnline' | 'accept' | 'listAsPrincipal'>;
};

const YEAR_MS = 365 * 86_400_000;

export type DemoMandatesOutcome = 'created' | 'existing';

export async function ensureDemoMandates(deps: DemoMandatesDeps, now: Date): Promise<DemoMandatesOutcome> {
  const moderator = await deps.accounts.findByEmail('moderator@demo.zesummen.example');
  const maria = await deps.accounts.findByEmail('maria@demo.zesummen.example');
  const joao = await deps.accounts.findByEmail('joao@demo.zesummen.example');
  if (!moderator || !maria || !joao) throw new Error('the demo accounts must exist before the demo mandates');

  const accredited = new Set((await deps.mandates.listAccreditations()).filter((a) => a.current).map((a) => a.organizationId));
  for (const organizationId of TRUSTED_PROVIDER_ORGANIZATIONS.map(demoOrganizationId)) {
    if (accredited.has(organizationId)) continue;
    const outcome = await deps.mandates.accredit(moderator, organizationId, new Date(now.getTime() + YEAR_MS).toISOString());
    if (!outcome.ok) throw new Error(`demo accreditation of ${organizationId}: ${outcome.error}`);
  }

  if ((await deps.mandates.listAsPrincipal(maria)).length > 0) return 'existing';
  const proposed = await deps.mandates.propose(maria, {
    agent: { kind: 'person', email: joao.email },
    scopes: [
      { category: 'taxes_money', actions: ['view', 'submit'] },
      { category: 'social_security_health', actions: ['view', 'receive_mail'] },
    ],
    duration: '6m',
  });
  if (!proposed.ok) throw new Error(`demo mandate: ${proposed.error}`);
  const text = deps.mandates.consentText(proposed.value, { locale: 'lb', easyLanguage: false });
  const consented = await deps.mandates.consentOnline(maria, proposed.value.id, { locale: 'lb', easyLanguage: false, textSha256: text.sha256 });
  if (!consented.ok) throw new Error(`demo mandate consent: ${consented.error}`);
  const accepted = await deps.mandates.accept(joao, proposed.value.id);
  if (!accepted.ok) throw new Error(`demo mandate acceptance: ${accepted.error}`);
  return 'created';
}
