/** A small directory for the open-data tests: two places in Sanem and Esch, a virtual one, courses. */
import type { CourseSession, Location, Offer, Organization } from '../../src/modules/directory/index.js';
import type { DirectoryBundle } from '../../src/modules/opendata/index.js';

export const NOW = '2026-05-04T08:00:00.000Z';

export const organization: Organization = {
  id: 'org-digital',
  name: 'Digital Inclusion asbl',
  description: [
    { locale: 'fr', value: 'Association d’aide au numérique.', source: 'author' },
    { locale: 'lb', value: 'Associatioun fir Hëllef beim Digitalen.', source: 'machine' },
  ],
  email: 'contact@digital-inclusion.lu',
  phone: '+352 26 12 34 56',
  website: 'https://digital-inclusion.lu',
  isDemo: false,
  moderationStatus: 'approved',
  moderationReason: null,
  createdAt: NOW,
  updatedAt: NOW,
};

export const belvaux: Location = {
  id: 'loc-belvaux',
  organizationId: organization.id,
  name: 'Maison des associations',
  locationType: 'physical',
  address: '12, rue de la Poste',
  postalCode: '4410',
  locality: 'Belvaux',
  communeId: 'sanem',
  latitude: 49.5305,
  longitude: 5.934,
  accessibility: ['wheelchair'],
  openingHours: 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00',
  description: [],
  createdAt: NOW,
  updatedAt: NOW,
};

export const digibus: Location = {
  ...belvaux,
  id: 'loc-digibus',
  name: 'Digibus',
  locationType: 'mobile',
  address: 'Place de l’Hôtel de Ville',
  postalCode: '4010',
  locality: 'Esch-sur-Alzette',
  communeId: 'esch-sur-alzette',
  latitude: 49.4958,
  longitude: 5.9806,
  accessibility: [],
  openingHours: 'We 14:00-16:00',
};

export const online: Location = {
  ...belvaux,
  id: 'loc-online',
  name: 'En ligne',
  locationType: 'virtual',
  address: null,
  postalCode: null,
  locality: null,
  communeId: null,
  latitude: null,
  longitude: null,
  accessibility: [],
  openingHours: null,
};

const LONG_DESCRIPTION =
  'Nous vous aidons à faire vos démarches en ligne : déclaration d’impôts, allocations familiales, ' +
  'rendez-vous médicaux, MyGuichet.lu et bien d’autres. Apportez vos papiers, votre téléphone ou votre ' +
  'ordinateur portable. Un bénévole prend le temps de vous expliquer chaque étape, pour que vous puissiez ' +
  'la refaire seul la prochaine fois. Sans rendez-vous pendant les heures d’ouverture.';

/** Says only what the mednum CSV can carry, so a CSV round trip gives it back unchanged. */
export const helpdesk: Offer = {
  id: 'offer-helpdesk',
  organizationId: organization.id,
  defaultLocale: 'fr',
  name: [{ locale: 'fr', value: 'Permanence numérique', source: 'author' }],
  description: [{ locale: 'fr', value: LONG_DESCRIPTION, source: 'author' }],
  offerTypes: ['online_procedures', 'helpdesk'],
  audiences: ['seniors'],
  languages: ['fr', 'en'],
  accessibility: ['visual_impairment'],
  cost: 'free',
  costDetails: [],
  modes: ['in_person'],
  openingHours: null,
  email: 'aide@digital-inclusion.lu',
  phone: '+352 26 12 34 57',
  website: 'https://digital-inclusion.lu/permanence',
  bookingUrl: 'https://digital-inclusion.lu/rdv',
  locationIds: [belvaux.id, digibus.id],
  active: true,
  moderationStatus: 'pending',
  moderationReason: null,
  checkedAt: '2026-03-01T00:00:00.000Z',
  isDemo: false,
  createdAt: NOW,
  updatedAt: NOW,
};

export const course: Offer = {
  ...helpdesk,
  id: 'offer-course',
  defaultLocale: 'lb',
  name: [
    { locale: 'lb', value: 'Smartphone fir Ufänker', source: 'author' },
    { locale: 'fr', value: 'Le smartphone pour débutants', source: 'reviewed' },
    { locale: 'de-easy', value: 'Das Handy: ein leichter Kurs', source: 'machine' },
  ],
  description: [{ locale: 'lb', value: 'Véier Coursen fir d’Handy ze léieren.', source: 'author' }],
  offerTypes: ['course', 'smartphone_tablet'],
  audiences: ['everyone'],
  languages: ['lb', 'de', 'pt'],
  accessibility: [],
  cost: 'paid',
  costDetails: [{ locale: 'lb', value: '20 € fir déi véier Coursen.', source: 'author' }],
  modes: ['in_person', 'remote'],
  openingHours: 'Tu 18:00-20:00',
  bookingUrl: null,
  locationIds: [belvaux.id, online.id],
  active: false,
  moderationStatus: 'approved',
  checkedAt: '2026-04-15T10:30:00.000Z',
};

export const sessions: CourseSession[] = [
  {
    id: 'session-1',
    offerId: course.id,
    locationId: belvaux.id,
    title: [{ locale: 'lb', value: 'Éischte Cours', source: 'author' }],
    startsAt: '2026-06-02T16:00:00.000Z',
    endsAt: '2026-06-02T18:00:00.000Z',
    capacity: 12,
    cancelled: false,
    createdAt: NOW,
    updatedAt: NOW,
  },
  {
    id: 'session-2',
    offerId: course.id,
    locationId: null,
    title: [],
    startsAt: '2026-06-09T16:00:00.000Z',
    endsAt: '2026-06-09T18:00:00.000Z',
    capacity: 8,
    cancelled: true,
    createdAt: NOW,
    updatedAt: NOW,
  },
];

export const fullBundle: DirectoryBundle = {
  organizations: [organization],
  locations: [belvaux, digibus, online],
  offers: [helpdesk, course],
  sessions,
};
