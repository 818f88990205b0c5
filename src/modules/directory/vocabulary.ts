/**
 * The directory's coded value lists. Codes are stored and exchanged; people see the labels
 * from messages/vocabulary.<lang>.json (keys `directory.vocab.<list>.<code>`).
 *
 * Offer types follow the service lists of the French "lieux de médiation numérique" standard
 * (the 15 services of its v1.0 draft and data·inclusion's "numerique--*" themes), plus two
 * formats (course, helpdesk) that Luxembourg providers asked to tell apart.
 */
import type { Cost, TranslationSource } from './directory.model.js';

export const OFFER_TYPES = [
  'course',
  'helpdesk',
  'public_access_point',
  'internet_access',
  'affordable_devices',
  'device_help',
  'smartphone_tablet',
  'computer_basics',
  'everyday_digital',
  'online_procedures',
  'health_procedures',
  'e_banking',
  'online_safety',
  'digital_culture',
  'digital_citizenship',
  'job_search',
  'entrepreneurship',
  'parenting',
  'creative_digital',
  'coding',
] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export const AUDIENCES = [
  'everyone',
  'seniors',
  'disabilities',
  'migrants_refugees',
  'low_income',
  'jobseekers',
  'young_people',
  'women_girls',
  'families',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ACCESSIBILITY = [
  'wheelchair',
  'hearing_loop',
  'sign_language',
  'visual_impairment',
  'easy_language',
  'illiteracy_support',
] as const;
export type Accessibility = (typeof ACCESSIBILITY)[number];

export const COSTS = ['free', 'free_conditions', 'paid'] as const satisfies readonly Cost[];

export const MODES = ['in_person', 'remote', 'at_home'] as const;
export type Mode = (typeof MODES)[number];

/** ISO 639-1 codes of languages helpers in Luxembourg are likely to speak. */
export const LANGUAGES = [
  'lb',
  'fr',
  'de',
  'en',
  'pt',
  'it',
  'es',
  'nl',
  'pl',
  'ro',
  'hu',
  'el',
  'bg',
  'hr',
  'bs',
  'sr',
  'sq',
  'uk',
  'ru',
  'tr',
  'ar',
  'fa',
  'ps',
  'ku',
  'ti',
  'so',
  'zh',
] as const;
export type HelperLanguage = (typeof LANGUAGES)[number];

export const TRANSLATION_SOURCES = ['author', 'machine', 'reviewed'] as const satisfies readonly TranslationSource[];

/** Narrows an untrusted string (form field, import, query string) to a code of the list. */
export function isKnown<const T extends string>(list: readonly T[], code: unknown): code is T {
  return typeof code === 'string' && (list as readonly string[]).includes(code);
}

/** True when every code is in the list (an empty selection is valid). */
export function allKnown<const T extends string>(list: readonly T[], codes: readonly unknown[]): codes is readonly T[] {
  return codes.every((code) => isKnown(list, code));
}

/*
 * French "lieux de médiation numérique" schema, v1.0.x, CSV values. Multi-valued cells are
 * joined with "|". The value strings were checked against the v1.0.1 documentation; v1.0.2
 * changed none of these vocabularies (its changes were to pivot, date_maj and code_insee).
 */
export const MEDNUM_VALUES = {
  services: [
    'Aide aux démarches administratives',
    'Maîtrise des outils numériques du quotidien',
    'Insertion professionnelle via le numérique',
    'Utilisation sécurisée du numérique',
    'Parentalité et éducation avec le numérique',
    'Loisirs et créations numériques',
    'Compréhension du monde numérique',
    'Accès internet et matériel informatique',
    'Acquisition de matériel informatique à prix solidaire',
  ],
  publics_specifiquement_adresses: ['Jeunes', 'Étudiants', 'Familles et/ou enfants', 'Seniors', 'Femmes'],
  prise_en_charge_specifique: [
    'Surdité',
    'Handicaps moteurs',
    'Handicaps mentaux',
    'Illettrisme',
    'Langues étrangères (anglais)',
    'Langues étrangères (autres)',
    'Déficience visuelle',
  ],
  frais_a_charge: ['Gratuit', 'Gratuit sous condition', 'Payant'],
  modalites_acces: [
    'Se présenter',
    'Téléphoner',
    'Contacter par mail',
    'Prendre un RDV en ligne',
    "Ce lieu n'accueille pas de public",
    'Envoyer un mail avec une fiche de prescription',
  ],
  modalites_accompagnement: ['En autonomie', 'Accompagnement individuel', 'Dans un atelier collectif', 'À distance'],
} as const;

export type MednumColumn = keyof typeof MEDNUM_VALUES;
type MednumValue<C extends MednumColumn> = (typeof MEDNUM_VALUES)[C][number];

/** What one of our codes means in the mednum columns; an empty object has no counterpart. */
export type MednumMapping = { readonly [C in MednumColumn]?: readonly MednumValue<C>[] };

export const MEDNUM_BY_OFFER_TYPE: Readonly<Record<OfferType, MednumMapping>> = {
  course: { modalites_accompagnement: ['Dans un atelier collectif'] },
  helpdesk: { modalites_accompagnement: ['Accompagnement individuel'], modalites_acces: ['Se présenter'] },
  public_access_point: { services: ['Accès internet et matériel informatique'], modalites_accompagnement: ['En autonomie'] },
  internet_access: { services: ['Accès internet et matériel informatique'] },
  affordable_devices: { services: ['Acquisition de matériel informatique à prix solidaire'] },
  device_help: { services: ['Maîtrise des outils numériques du quotidien'] },
  smartphone_tablet: { services: ['Maîtrise des outils numériques du quotidien'] },
  computer_basics: { services: ['Maîtrise des outils numériques du quotidien'] },
  everyday_digital: { services: ['Maîtrise des outils numériques du quotidien'] },
  online_procedures: { services: ['Aide aux démarches administratives'] },
  health_procedures: { services: ['Aide aux démarches administratives'] },
  e_banking: { services: ['Maîtrise des outils numériques du quotidien', 'Utilisation sécurisée du numérique'] },
  online_safety: { services: ['Utilisation sécurisée du numérique'] },
  digital_culture: { services: ['Compréhension du monde numérique'] },
  digital_citizenship: { services: ['Compréhension du monde numérique'] },
  job_search: { services: ['Insertion professionnelle via le numérique'] },
  entrepreneurship: { services: ['Insertion professionnelle via le numérique'] },
  parenting: { services: ['Parentalité et éducation avec le numérique'] },
  creative_digital: { services: ['Loisirs et créations numériques'] },
  coding: { services: ['Loisirs et créations numériques'] },
};

/** "everyone" is the schema's default (no column); the social situations have no column. */
export const MEDNUM_BY_AUDIENCE: Readonly<Record<Audience, MednumMapping>> = {
  everyone: {},
  seniors: { publics_specifiquement_adresses: ['Seniors'] },
  disabilities: {},
  migrants_refugees: {},
  low_income: {},
  jobseekers: {},
  young_people: { publics_specifiquement_adresses: ['Jeunes'] },
  women_girls: { publics_specifiquement_adresses: ['Femmes'] },
  families: { publics_specifiquement_adresses: ['Familles et/ou enfants'] },
};

export const MEDNUM_BY_ACCESSIBILITY: Readonly<Record<Accessibility, MednumMapping>> = {
  wheelchair: { prise_en_charge_specifique: ['Handicaps moteurs'] },
  hearing_loop: { prise_en_charge_specifique: ['Surdité'] },
  sign_language: { prise_en_charge_specifique: ['Surdité'] },
  visual_impairment: { prise_en_charge_specifique: ['Déficience visuelle'] },
  // Easy-to-read language ("FALC") is the French answer to intellectual disabilities.
  easy_language: { prise_en_charge_specifique: ['Handicaps mentaux'] },
  illiteracy_support: { prise_en_charge_specifique: ['Illettrisme'] },
};

export const MEDNUM_BY_COST: Readonly<Record<Cost, MednumMapping>> = {
  free: { frais_a_charge: ['Gratuit'] },
  free_conditions: { frais_a_charge: ['Gratuit sous condition'] },
  paid: { frais_a_charge: ['Payant'] },
};

/** Help at home has no mednum value: the schema describes places. */
export const MEDNUM_BY_MODE: Readonly<Record<Mode, MednumMapping>> = {
  in_person: {},
  remote: { modalites_accompagnement: ['À distance'] },
  at_home: {},
};

export interface MednumSource {
  readonly offerTypes: readonly string[];
  readonly audiences: readonly string[];
  readonly accessibility: readonly string[];
  readonly cost: Cost;
  readonly modes: readonly string[];
  /** Helper languages: the schema counts every language but French as "foreign". */
  readonly languages: readonly string[];
}

export type MednumColumns = { readonly [C in MednumColumn]: readonly MednumValue<C>[] };

/**
 * The mednum column values for one offer: each column de-duplicated and in the schema's order,
 * ready to be joined with "|". Codes outside our lists are ignored.
 */
export function mednumColumns(source: MednumSource): MednumColumns {
  const found = new Set<string>();
  const add = (mapping: MednumMapping | undefined): void => {
    for (const values of Object.values(mapping ?? {})) for (const value of values) found.add(value);
  };
  for (const code of source.offerTypes) if (isKnown(OFFER_TYPES, code)) add(MEDNUM_BY_OFFER_TYPE[code]);
  for (const code of source.audiences) if (isKnown(AUDIENCES, code)) add(MEDNUM_BY_AUDIENCE[code]);
  for (const code of source.accessibility) if (isKnown(ACCESSIBILITY, code)) add(MEDNUM_BY_ACCESSIBILITY[code]);
  for (const code of source.modes) if (isKnown(MODES, code)) add(MEDNUM_BY_MODE[code]);
  add(MEDNUM_BY_COST[source.cost]);
  if (source.languages.includes('en')) found.add('Langues étrangères (anglais)');
  if (source.languages.some((code) => code !== 'fr' && code !== 'en')) found.add('Langues étrangères (autres)');
  const column = <C extends MednumColumn>(name: C): MednumValue<C>[] =>
    (MEDNUM_VALUES[name] as readonly MednumValue<C>[]).filter((value) => found.has(value));
  return {
    services: column('services'),
    publics_specifiquement_adresses: column('publics_specifiquement_adresses'),
    prise_en_charge_specifique: column('prise_en_charge_specifique'),
    frais_a_charge: column('frais_a_charge'),
    modalites_acces: column('modalites_acces'),
    modalites_accompagnement: column('modalites_accompagnement'),
  };
}
