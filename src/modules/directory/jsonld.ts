/**
 * schema.org JSON-LD for search engines and other readers of the public pages: an offer is a
 * Service, or a Course with a CourseInstance per session when it is taught in dated sessions;
 * its provider is an Organization; places carry a PostalAddress, GeoCoordinates and hours.
 */
import type { Locale } from '../../platform/i18n/locales.js';
import type { CourseSession, Location, Offer, Organization, TranslatedText } from './directory.model.js';
import { getCommune } from './geography/geography.js';
import { weeklySchedule } from './opening-hours.js';

type Json = Record<string, unknown>;

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SCHEMA = 'https://schema.org';

function text(value: TranslatedText, locale: Locale, fallback: Locale): string | undefined {
  const usable = (wanted: string) => value.find((t) => t.locale === wanted && t.value.trim() !== '')?.value;
  return usable(locale) ?? usable(fallback) ?? value.find((t) => !t.locale.endsWith('-easy'))?.value;
}

/** Weekly hours as OpeningHoursSpecification, read from a representative week (no exceptions). */
export function openingHoursSpecification(hours: string | null, referenceWeek: Date): Json[] {
  if (!hours) return [];
  return weeklySchedule(hours, referenceWeek).flatMap((day) =>
    day.intervals
      .filter((interval) => !interval.unknown)
      .map((interval) => ({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: `${SCHEMA}/${DAY_NAMES[day.weekday - 1]}`,
        opens: interval.from,
        closes: interval.to === '24:00' ? '23:59' : interval.to,
      })),
  );
}

export function place(location: Location, referenceWeek: Date): Json {
  const commune = location.communeId ? getCommune(location.communeId) : undefined;
  const json: Json = { '@type': 'Place', name: location.name };
  if (location.address || location.postalCode || location.locality || commune) {
    json.address = {
      '@type': 'PostalAddress',
      ...(location.address ? { streetAddress: location.address } : {}),
      ...(location.postalCode ? { postalCode: `L-${location.postalCode.replace(/^L-?/i, '')}` } : {}),
      ...(location.locality || commune ? { addressLocality: location.locality ?? commune?.name } : {}),
      addressCountry: 'LU',
    };
  }
  if (location.latitude !== null && location.longitude !== null) {
    json.geo = { '@type': 'GeoCoordinates', latitude: location.latitude, longitude: location.longitude };
  }
  const hours = openingHoursSpecification(location.openingHours, referenceWeek);
  if (hours.length > 0) json.openingHoursSpecification = hours;
  return json;
}

export function organizationJsonLd(
  organization: Organization,
  options: { url: string; locale: Locale; locations?: readonly Location[]; referenceWeek: Date },
): Json {
  const json: Json = {
    '@context': SCHEMA,
    '@type': 'Organization',
    '@id': options.url,
    name: organization.name,
    url: organization.website ?? options.url,
  };
  const description = text(organization.description, options.locale, options.locale);
  if (description) json.description = description;
  if (organization.email) json.email = organization.email;
  if (organization.phone) json.telephone = organization.phone;
  const addresses = (options.locations ?? []).map((l) => place(l, options.referenceWeek)).filter((p) => p.address);
  if (addresses.length > 0) json.location = addresses;
  return json;
}

const COURSE_MODES: Record<string, string> = { in_person: 'onsite', remote: 'online', at_home: 'onsite' };

export interface OfferJsonLdInput {
  readonly offer: Offer;
  readonly organization: Organization;
  readonly locations: readonly Location[];
  readonly sessions: readonly CourseSession[];
  readonly locale: Locale;
  readonly url: string;
  readonly organizationUrl: string;
  /** A day in the week whose hours stand for "usual hours". */
  readonly referenceWeek: Date;
}

export function offerJsonLd(input: OfferJsonLdInput): Json {
  const { offer, organization, locations, sessions, locale, url, referenceWeek } = input;
  const isCourse = sessions.length > 0 || offer.offerTypes.includes('course');
  const provider = { '@type': 'Organization', '@id': input.organizationUrl, name: organization.name, url: organization.website ?? input.organizationUrl };
  const places = locations.map((l) => place(l, referenceWeek));
  const json: Json = {
    '@context': SCHEMA,
    '@type': isCourse ? 'Course' : 'Service',
    '@id': url,
    url,
    name: text(offer.name, locale, offer.defaultLocale) ?? offer.id,
    provider,
    dateModified: offer.checkedAt > offer.updatedAt ? offer.checkedAt : offer.updatedAt,
  };
  const description = text(offer.description, locale, offer.defaultLocale);
  if (description) json.description = description;
  if (offer.audiences.length > 0) json.audience = offer.audiences.map((a) => ({ '@type': 'Audience', audienceType: a }));
  // A course is taught in its languages; a service is available in them.
  if (offer.languages.length > 0) json[isCourse ? 'inLanguage' : 'availableLanguage'] = offer.languages;
  json.isAccessibleForFree = offer.cost !== 'paid';
  if (offer.cost === 'free') json.offers = { '@type': 'Offer', price: 0, priceCurrency: 'EUR' };

  if (isCourse) {
    const active = sessions.filter((s) => !s.cancelled);
    json.hasCourseInstance = active.map((session) => {
      const at = locations.find((l) => l.id === session.locationId);
      return {
        '@type': 'CourseInstance',
        '@id': `${url}#session-${session.id}`,
        startDate: session.startsAt,
        endDate: session.endsAt,
        courseMode: offer.modes.map((m) => COURSE_MODES[m] ?? 'onsite').filter((m, i, all) => all.indexOf(m) === i),
        ...(at ? { location: place(at, referenceWeek) } : {}),
        maximumAttendeeCapacity: session.capacity,
      };
    });
  } else {
    json.serviceType = offer.offerTypes;
    json.areaServed = { '@type': 'Country', name: 'Luxembourg' };
    if (places.length > 0) {
      json.availableChannel = places.map((p) => ({ '@type': 'ServiceChannel', serviceLocation: p, ...(offer.phone ? { servicePhone: offer.phone } : {}) }));
    }
    const hours = openingHoursSpecification(offer.openingHours, referenceWeek);
    if (hours.length > 0) json.hoursAvailable = hours;
  }
  return json;
}
