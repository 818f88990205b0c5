import type { TestApp } from './test-app.js';
import type { CurrentUser } from '../../src/platform/auth/roles.js';
import type { Organization } from '../../src/modules/directory/index.js';
import type { Mandate, ScopeRequest } from '../../src/modules/mandates/index.js';
import { published, unwrap } from './directory-fixtures.js';

export interface MandateCast {
  readonly moderator: CurrentUser;
  /** Maria, who gives mandates. */
  readonly principal: CurrentUser;
  /** Her son, a person agent. */
  readonly relative: CurrentUser;
  /** Someone else with an account. */
  readonly neighbour: CurrentUser;
  readonly helpdesk: Organization;
  readonly otherDesk: Organization;
  /** A provider of the helpdesk whose session has passed the second factor. */
  readonly helper: CurrentUser;
  readonly otherHelper: CurrentUser;
}

export const MANDATE_CAST_PASSWORD = 'correct horse battery';
export const ACCREDITED_UNTIL = '2031-01-01T00:00:00.000Z';

/** Two accredited helpdesks with a verified helper each, a principal, her relative and a neighbour. */
export async function mandateCastOf(app: TestApp): Promise<MandateCast> {
  const user = async (email: string, role: CurrentUser['role'], displayName: string) =>
    unwrap(await app.accounts.createUser({ email, password: MANDATE_CAST_PASSWORD, displayName, role }));
  const moderator = await user('moderator@example.lu', 'moderator', 'Moderator');
  const organization = async (name: string) =>
    published(unwrap(await app.directory.createOrganization(moderator, { name, email: `${name.split(' ')[0]?.toLowerCase()}@example.lu` })));
  const helpdesk = await organization('Helpdesk Esch');
  const otherDesk = await organization('Internetstuff Diekirch');
  unwrap(await app.mandates.accredit(moderator, helpdesk.id, ACCREDITED_UNTIL));
  unwrap(await app.mandates.accredit(moderator, otherDesk.id, ACCREDITED_UNTIL));
  const helperAccount = await user('helper@example.lu', 'provider', 'Helga Helper');
  const otherHelperAccount = await user('other.helper@example.lu', 'provider', 'Otto Other');
  await app.accounts.grantOrganization(helperAccount.id, helpdesk.id, true);
  await app.accounts.grantOrganization(otherHelperAccount.id, otherDesk.id, true);
  return {
    moderator,
    principal: await user('maria@example.lu', 'person', 'Maria Ferreira'),
    relative: await user('joao@example.lu', 'person', 'João Ferreira'),
    neighbour: await user('neighbour@example.lu', 'person', 'Nina Neighbour'),
    helpdesk,
    otherDesk,
    helper: { ...helperAccount, organizationIds: [helpdesk.id], secondFactorEnrolled: true, secondFactorVerified: true },
    otherHelper: { ...otherHelperAccount, organizationIds: [otherDesk.id], secondFactorEnrolled: true, secondFactorVerified: true },
  };
}

export const TAXES_AND_HEALTH: ScopeRequest[] = [
  { category: 'taxes_money', actions: ['view', 'submit'] },
  { category: 'social_security_health', actions: ['view'] },
];

/** Proposed by the principal for her relative, consented online and accepted: active. */
export async function activePersonMandate(app: TestApp, cast: MandateCast, scopes: ScopeRequest[] = TAXES_AND_HEALTH): Promise<Mandate> {
  const proposed = unwrap(
    await app.mandates.propose(cast.principal, { agent: { kind: 'person', email: cast.relative.email }, scopes, duration: '6m' }),
  );
  const text = app.mandates.consentText(proposed, { locale: 'fr', easyLanguage: false });
  unwrap(await app.mandates.consentOnline(cast.principal, proposed.id, { locale: 'fr', easyLanguage: false, textSha256: text.sha256 }));
  return unwrap(await app.mandates.accept(cast.relative, proposed.id));
}
