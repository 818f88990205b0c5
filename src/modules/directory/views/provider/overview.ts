import type { CourseSession, Location, Offer, OfferReport, Organization, PendingChange } from '../../directory.model.js';

/** The latest proposal for an entry: waiting, or rejected with the moderator's reason. */
export interface ChangeState {
  readonly pending: PendingChange | null;
  readonly rejected: PendingChange | null;
}

export interface SessionCount {
  readonly session: CourseSession;
  readonly confirmed: number;
  readonly waitlisted: number;
}

export interface OfferOverview {
  readonly offer: Offer;
  /** Not confirmed as correct for longer than the directory allows. */
  readonly stale: boolean;
  readonly reports: readonly OfferReport[];
  readonly change: ChangeState;
  readonly sessions: readonly SessionCount[];
}

export interface OrganizationOverview {
  readonly organization: Organization;
  /** The latest proposed change to the organisation's own details. */
  readonly change: ChangeState;
  readonly offers: readonly OfferOverview[];
  readonly locations: readonly { location: Location; change: ChangeState }[];
}

/** Changes come newest first; only the newest one per entry says where it stands now. */
export function changeStateOf(changes: readonly PendingChange[], entityType: PendingChange['entityType'], entityId: string): ChangeState {
  const latest = changes.find((c) => c.entityType === entityType && c.entityId === entityId && c.status !== 'superseded');
  return {
    pending: latest?.status === 'pending' ? latest : null,
    rejected: latest?.status === 'rejected' ? latest : null,
  };
}
