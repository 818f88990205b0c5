/**
 * Directory records as the API shows them: what the public pages show, without moderation
 * bookkeeping. Typed by the response schemas, so a field added there must be filled here.
 */
import type { Canton, Commune, CourseSession, Location, Offer, Organization } from '../directory/index.js';
import type { ApiLocation, ApiOffer, ApiOrganization, ApiSession, CantonsResponse, CommunesResponse } from './api.schema.js';

export const apiOrganization = (o: Organization): ApiOrganization => ({
  id: o.id,
  name: o.name,
  description: [...o.description],
  email: o.email,
  phone: o.phone,
  website: o.website,
  isDemo: o.isDemo,
  updatedAt: o.updatedAt,
});

export const apiLocation = (l: Location): ApiLocation => ({
  id: l.id,
  organizationId: l.organizationId,
  name: l.name,
  locationType: l.locationType,
  address: l.address,
  postalCode: l.postalCode,
  locality: l.locality,
  communeId: l.communeId,
  latitude: l.latitude,
  longitude: l.longitude,
  accessibility: [...l.accessibility],
  openingHours: l.openingHours,
  description: [...l.description],
});

export const apiOffer = (o: Offer): ApiOffer => ({
  id: o.id,
  organizationId: o.organizationId,
  defaultLocale: o.defaultLocale,
  name: [...o.name],
  description: [...o.description],
  offerTypes: [...o.offerTypes],
  audiences: [...o.audiences],
  languages: [...o.languages],
  accessibility: [...o.accessibility],
  cost: o.cost,
  costDetails: [...o.costDetails],
  modes: [...o.modes],
  openingHours: o.openingHours,
  email: o.email,
  phone: o.phone,
  website: o.website,
  bookingUrl: o.bookingUrl,
  locationIds: [...o.locationIds],
  checkedAt: o.checkedAt,
  isDemo: o.isDemo,
  updatedAt: o.updatedAt,
});

export const apiSession = (s: CourseSession): ApiSession => ({
  id: s.id,
  offerId: s.offerId,
  locationId: s.locationId,
  title: [...s.title],
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  capacity: s.capacity,
  cancelled: s.cancelled,
});

export const apiCommune = (c: Commune): CommunesResponse['communes'][number] => ({
  id: c.id,
  lau2: c.lau2,
  name: c.name,
  nameLb: c.nameLb,
  nameDe: c.nameDe,
  cantonId: c.cantonId,
  postalCodes: [...c.postalCodes],
  localities: [...c.localities],
  labelPoint: { lat: c.labelPoint.lat, lon: c.labelPoint.lon },
});

export const apiCanton = (c: Canton): CantonsResponse['cantons'][number] => ({
  id: c.id,
  name: c.name,
  nameLb: c.nameLb,
  nameDe: c.nameDe,
  iso3166_2: c.iso3166_2,
  communeIds: [...c.communeIds],
});
