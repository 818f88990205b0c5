import type { CourseSession, Location, Offer, Organization } from '../../directory.model.js';

/** A session as the public pages show it: with its place and how many places are left. */
export interface SessionView {
  readonly session: CourseSession;
  readonly location: Location | null;
  readonly placesLeft: number;
}

/** One offer in a list of results, with what the card shows. */
export interface OfferListing {
  readonly offer: Offer;
  readonly organization: Organization;
  readonly locations: readonly Location[];
  readonly nextSession: CourseSession | null;
  /** From the place searched near, when there was one. */
  readonly distanceKm: number | null;
  /** Null when the offer has no opening hours to read. */
  readonly openNow: boolean | null;
}

/** Facet counts: filter field name → code → number of matching offers. */
export type FacetCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;
