import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CourseSession, Location, Offer, Organization } from './directory.model.js';
import { offerJsonLd, openingHoursSpecification, organizationJsonLd } from './jsonld.js';

const STAMP = '2026-03-01T09:00:00.000Z';
const organization: Organization = {
  id: 'org1',
  name: 'Digital Inclusion asbl',
  description: [{ locale: 'fr', value: 'Nous aidons.', source: 'author' }],
  email: 'info@di.lu',
  phone: '+352 26 00 00 00',
  website: null,
  isDemo: false,
  moderationStatus: 'approved',
  moderationReason: null,
  createdAt: STAMP,
  updatedAt: STAMP,
};
const location: Location = {
  id: 'loc1',
  organizationId: 'org1',
  name: 'Centre culturel',
  locationType: 'physical',
  address: '1, rue de la Gare',
  postalCode: '4010',
  locality: null,
  communeId: 'esch-sur-alzette',
  latitude: 49.4958,
  longitude: 5.9806,
  accessibility: [],
  openingHours: 'Mo-Fr 09:00-12:00',
  description: [],
  createdAt: STAMP,
  updatedAt: STAMP,
};
const offer = (overrides: Partial<Offer> = {}): Offer => ({
  id: 'offer1',
  organizationId: 'org1',
  defaultLocale: 'fr',
  name: [
    { locale: 'fr', value: 'Café smartphone', source: 'author' },
    { locale: 'en', value: 'Smartphone café', source: 'machine' },
  ],
  description: [{ locale: 'fr', value: 'Apprendre le smartphone.', source: 'author' }],
  offerTypes: ['helpdesk'],
  audiences: ['seniors'],
  languages: ['fr', 'lb'],
  accessibility: [],
  cost: 'free',
  costDetails: [],
  modes: ['in_person'],
  openingHours: null,
  email: null,
  phone: null,
  website: null,
  bookingUrl: null,
  locationIds: ['loc1'],
  active: true,
  moderationStatus: 'approved',
  moderationReason: null,
  checkedAt: '2026-03-02T09:00:00.000Z',
  isDemo: false,
  createdAt: STAMP,
  updatedAt: STAMP,
  ...overrides,
});
const session: CourseSession = {
  id: 's1',
  offerId: 'offer1',
  locationId: 'loc1',
  title: [],
  startsAt: '2026-04-01T12:00:00.000Z',
  endsAt: '2026-04-01T14:00:00.000Z',
  capacity: 8,
  cancelled: false,
  createdAt: STAMP,
  updatedAt: STAMP,
};
const base = {
  organization,
  locations: [location],
  url: 'https://zesummen.lu/en/offers/offer1',
  organizationUrl: 'https://zesummen.lu/en/organizations/org1',
  referenceWeek: new Date('2026-03-02T10:00:00Z'),
};

test('a drop-in offer is a Service with its place, address, coordinates and hours', () => {
  const json = offerJsonLd({ ...base, offer: offer(), sessions: [], locale: 'en' });
  assert.equal(json['@context'], 'https://schema.org');
  assert.equal(json['@type'], 'Service');
  assert.equal(json.name, 'Smartphone café');
  assert.equal(json.description, 'Apprendre le smartphone.', 'falls back to the provider’s language');
  assert.deepEqual(json.availableLanguage, ['fr', 'lb']);
  assert.equal(json.isAccessibleForFree, true);
  const channel = (json.availableChannel as { serviceLocation: Record<string, any> }[])[0]?.serviceLocation;
  assert.deepEqual(channel?.address, {
    '@type': 'PostalAddress',
    streetAddress: '1, rue de la Gare',
    postalCode: 'L-4010',
    addressLocality: 'Esch-sur-Alzette',
    addressCountry: 'LU',
  });
  assert.deepEqual(channel?.geo, { '@type': 'GeoCoordinates', latitude: 49.4958, longitude: 5.9806 });
  assert.equal(channel?.openingHoursSpecification.length, 5);
  assert.deepEqual(channel?.openingHoursSpecification[0], {
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: 'https://schema.org/Monday',
    opens: '09:00',
    closes: '12:00',
  });
});

test('an offer with sessions is a Course with a CourseInstance per session that is not cancelled', () => {
  const cancelled = { ...session, id: 's2', cancelled: true };
  const json = offerJsonLd({ ...base, offer: offer({ offerTypes: ['course'] }), sessions: [session, cancelled], locale: 'fr' });
  assert.equal(json['@type'], 'Course');
  assert.equal(json.name, 'Café smartphone');
  assert.deepEqual(json.inLanguage, ['fr', 'lb']);
  assert.deepEqual((json.provider as Record<string, unknown>).name, 'Digital Inclusion asbl');
  const instances = json.hasCourseInstance as Record<string, any>[];
  assert.equal(instances.length, 1);
  assert.equal(instances[0]?.['@type'], 'CourseInstance');
  assert.equal(instances[0]?.startDate, session.startsAt);
  assert.deepEqual(instances[0]?.courseMode, ['onsite']);
  assert.equal(instances[0]?.location.name, 'Centre culturel');
});

test('an organisation is an Organization with its contact details', () => {
  const json = organizationJsonLd(organization, { url: base.organizationUrl, locale: 'en', locations: [location], referenceWeek: base.referenceWeek });
  assert.equal(json['@type'], 'Organization');
  assert.equal(json.url, base.organizationUrl);
  assert.equal(json.email, 'info@di.lu');
  assert.equal(json.telephone, '+352 26 00 00 00');
  assert.equal(json.description, 'Nous aidons.');
  assert.equal((json.location as unknown[]).length, 1);
});

test('hours that cannot be read give no specification', () => {
  assert.deepEqual(openingHoursSpecification('not hours', base.referenceWeek), []);
  assert.deepEqual(openingHoursSpecification(null, base.referenceWeek), []);
});
