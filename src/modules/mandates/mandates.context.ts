import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Translator } from '../../platform/i18n/catalog.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Clock } from '../../shared/clock.js';
import type { Mandate } from './mandates.model.js';
import type { MandateError } from './mandates.types.js';
import type { MandatesTables } from './mandates.tables.js';
import { findAccreditations, loadMandates } from './mandates.store.js';
import { canSee, toAccreditation, toMandate } from './mandate-rows.js';
import type { JournalWriter } from './journal-writer.js';

/** What the mandates module needs to know about people and organisations, from the modules that own them. */
export interface PeopleDirectory {
  findUserByEmail(email: string): Promise<{ readonly id: string; readonly role: string } | null>;
  usersByIds(ids: readonly string[]): Promise<Map<string, { displayName: string; email: string }>>;
  /** Read now, not from a session: a helper who left the organisation loses its mandates at once. */
  organizationsOfUser(userId: string): Promise<readonly string[]>;
  isSessionVerified(sessionId: string): Promise<boolean>;
  organizationsByIds(ids: readonly string[]): Promise<Map<string, { name: string; email: string | null }>>;
}

export interface MandatesDeps {
  readonly db: Kysely<MandatesTables>;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly translators: Record<Locale, Translator>;
  readonly mailer: Mailer;
  readonly people: PeopleDirectory;
}

export interface MandatesContext extends MandatesDeps {
  readonly journal: JournalWriter;
  load(ids: readonly string[]): Promise<Mandate[]>;
  /** The mandate if the actor may see it; anyone else learns nothing, not even that it exists. */
  visible(actor: CurrentUser, mandateId: string): Promise<Mandate | null>;
  isAccredited(organizationId: string): Promise<boolean>;
  /** Why a helper may not act for the organisation now, or null. */
  helperRefusal(actor: CurrentUser, organizationId: string): Promise<MandateError | null>;
}

export function createContext(deps: MandatesDeps, journal: JournalWriter): MandatesContext {
  async function load(ids: readonly string[]): Promise<Mandate[]> {
    const rows = await loadMandates(deps.db, ids);
    const userIds = new Set<string>();
    const organizationIds = new Set<string>();
    for (const { mandate } of rows) {
      userIds.add(mandate.principal_user_id);
      if (mandate.agent_user_id) userIds.add(mandate.agent_user_id);
      if (mandate.agent_organization_id) organizationIds.add(mandate.agent_organization_id);
    }
    const [users, organizations] = await Promise.all([
      deps.people.usersByIds([...userIds]),
      deps.people.organizationsByIds([...organizationIds]),
    ]);
    const now = deps.clock.now();
    return rows.map((r) => toMandate(r, { users, organizations }, now));
  }

  async function isAccredited(organizationId: string): Promise<boolean> {
    const [row] = await findAccreditations(deps.db, [organizationId]);
    return row !== undefined && toAccreditation(row, '', deps.clock.now()).current;
  }

  return {
    ...deps,
    journal,
    load,
    async visible(actor, mandateId) {
      const [mandate] = await load([mandateId]);
      return mandate && canSee(actor, mandate) ? mandate : null;
    },
    isAccredited,
    async helperRefusal(actor, organizationId) {
      if (!actor.organizationIds.includes(organizationId)) return 'not_a_member';
      if (!(await isAccredited(organizationId))) return 'organization_not_accredited';
      if (!actor.secondFactorVerified) return 'second_factor_required';
      return null;
    },
  };
}
