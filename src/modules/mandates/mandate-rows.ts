import type { CurrentUser } from '../../platform/auth/roles.js';
import { parseJsonList } from '../../platform/db/columns.js';
import type {
  Accreditation,
  ConsentEvidence,
  DurationPreset,
  Mandate,
  MandateAction,
  MandateAgent,
  MandateStatus,
  ProcedureCategory,
} from './mandates.model.js';
import type { MandateAccreditationsTable } from './mandates.tables.js';
import type { MandateRows } from './mandates.store.js';

export interface Names {
  readonly users: ReadonlyMap<string, { readonly displayName: string; readonly email: string }>;
  readonly organizations: ReadonlyMap<string, { readonly name: string; readonly email: string | null }>;
}

/** A mandate past its end is expired whatever it was waiting for: nobody can act on it any more. */
export function derivedStatus(stored: string, endsAt: string, now: Date): MandateStatus {
  if (stored === 'revoked' || stored === 'expired') return stored;
  if (now.toISOString() >= endsAt) return 'expired';
  return stored as MandateStatus;
}

export function toMandate(rows: MandateRows, names: Names, now: Date): Mandate {
  const m = rows.mandate;
  const agent: MandateAgent =
    m.agent_kind === 'organization'
      ? { kind: 'organization', organizationId: m.agent_organization_id ?? '', name: names.organizations.get(m.agent_organization_id ?? '')?.name ?? '' }
      : { kind: 'person', userId: m.agent_user_id ?? '', displayName: names.users.get(m.agent_user_id ?? '')?.displayName ?? '' };
  const c = rows.consent;
  const consent: ConsentEvidence | null = c
    ? {
        method: c.method === 'paper' ? 'paper' : 'online',
        textVersion: c.text_version,
        locale: c.locale,
        easyLanguage: c.easy_language === 1,
        text: c.text,
        textSha256: c.text_sha256,
        consentedAt: c.consented_at,
        helperUserId: c.helper_user_id,
        helperDeclaration: c.helper_declaration,
      }
    : null;
  return {
    id: m.id,
    principal: { userId: m.principal_user_id, displayName: names.users.get(m.principal_user_id)?.displayName ?? '' },
    agent,
    status: derivedStatus(m.status, m.ends_at, now),
    duration: m.duration as DurationPreset,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    scopes: rows.scopes.map((s) => ({
      category: s.category as ProcedureCategory,
      actions: parseJsonList(s.actions) as MandateAction[],
      revokedAt: s.revoked_at,
    })),
    consent,
    createdBy: m.created_by,
    createdAt: m.created_at,
    acceptedAt: m.accepted_at,
    acceptedBy: m.accepted_by,
    revokedAt: m.revoked_at,
    revokedBy: m.revoked_by,
    renewalOf: m.renewal_of,
  };
}

export function toAccreditation(row: MandateAccreditationsTable, organizationName: string, now: Date): Accreditation {
  const at = now.toISOString();
  return {
    organizationId: row.organization_id,
    organizationName,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    accreditedBy: row.accredited_by,
    withdrawnAt: row.withdrawn_at,
    current: row.withdrawn_at === null && row.valid_from <= at && at < row.valid_until,
  };
}

/** Principal, person agent, helpers of the agent organisation, and the helper who set it up. */
export function canSee(actor: CurrentUser, mandate: Mandate): boolean {
  return actor.id === mandate.principal.userId || isAgentSide(actor, mandate) || actor.id === mandate.createdBy;
}

export function isAgentSide(actor: CurrentUser, mandate: Mandate): boolean {
  return mandate.agent.kind === 'person'
    ? mandate.agent.userId === actor.id
    : actor.organizationIds.includes(mandate.agent.organizationId);
}

export function endOf(start: Date, duration: DurationPreset): Date {
  const end = new Date(start);
  switch (duration) {
    case '1d':
      end.setUTCDate(end.getUTCDate() + 1);
      break;
    case '1m':
      end.setUTCMonth(end.getUTCMonth() + 1);
      break;
    case '6m':
      end.setUTCMonth(end.getUTCMonth() + 6);
      break;
    case '1y':
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      break;
  }
  return end;
}
