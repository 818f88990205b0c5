import type { App } from '../../src/app.js';
import type { CurrentUser } from '../../src/platform/auth/roles.js';
import type { Clock } from '../../src/shared/clock.js';
import type {
  LocationInput,
  OfferInput,
  Organization,
  SaveOutcome,
  SessionInput,
} from '../../src/modules/directory/index.js';

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-02T09:00:00.000Z'): Clock & { set(iso: string): void; advanceDays(days: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(iso) {
      now = new Date(iso);
    },
    advanceDays(days) {
      now = new Date(now.getTime() + days * 86_400_000);
    },
  };
}

export function unwrap<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export const offerInput = (overrides: Partial<OfferInput> = {}): OfferInput => ({
  defaultLocale: 'fr',
  name: [{ locale: 'fr', value: 'Café smartphone' }],
  description: [{ locale: 'fr', value: 'Apprendre à utiliser son smartphone, en petit groupe.' }],
  offerTypes: ['smartphone_tablet'],
  audiences: ['seniors'],
  languages: ['fr', 'lb'],
  cost: 'free',
  modes: ['in_person'],
  ...overrides,
});

export const locationInput = (overrides: Partial<LocationInput> = {}): LocationInput => ({
  name: 'Centre culturel',
  locationType: 'physical',
  address: '1, rue de la Gare',
  postalCode: 'L-4001',
  locality: 'Esch-sur-Alzette',
  communeId: 'esch-sur-alzette',
  ...overrides,
});

export const sessionInput = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  startsAt: '2026-04-01T14:00:00.000Z',
  endsAt: '2026-04-01T16:00:00.000Z',
  capacity: 2,
  ...overrides,
});

export interface Cast {
  moderator: CurrentUser;
  trusted: CurrentUser;
  untrusted: CurrentUser;
  stranger: CurrentUser;
  organization: Organization;
}

/**
 * A moderator, an approved organisation, a trusted and an untrusted provider of it, and a
 * provider of another organisation.
 */
export async function castOf(app: App): Promise<Cast> {
  const user = async (email: string, role: CurrentUser['role']) =>
    unwrap(await app.accounts.createUser({ email, password: 'correct horse battery', displayName: email, role }));
  const moderator = await user('moderator@example.lu', 'moderator');
  const organization = published(
    unwrap(await app.directory.createOrganization(moderator, { name: 'Digital Inclusion asbl', email: 'info@di.lu' })),
  );
  const trusted = await user('trusted@example.lu', 'provider');
  const untrusted = await user('untrusted@example.lu', 'provider');
  const stranger = await user('stranger@example.lu', 'provider');
  await app.accounts.grantOrganization(trusted.id, organization.id, true);
  await app.accounts.grantOrganization(untrusted.id, organization.id, false);
  return {
    moderator,
    organization,
    trusted: { ...trusted, organizationIds: [organization.id] },
    untrusted: { ...untrusted, organizationIds: [organization.id] },
    stranger,
  };
}

export function published<T>(outcome: SaveOutcome<T>): T {
  if (outcome.state !== 'published') throw new Error(`Expected the entry to be published, it is ${outcome.state}`);
  return outcome.value;
}
