/** Invented places near real commune centres: real postal codes and localities, made-up street addresses. */
import { listCommunes, type Commune, type Location, type Translation } from '../directory/index.js';
import type { Accessibility } from './codes.js';
import type { Random } from './random.js';
import type { Texts } from './offer-texts.js';

const STREETS = [
  'rue de la Gare',
  'Grand-Rue',
  "rue de l'Église",
  'rue Principale',
  'route de Luxembourg',
  'avenue de la Liberté',
  'rue du Moulin',
  'rue des Écoles',
  'place de la Mairie',
  'rue du Village',
  'rue de la Poste',
  'rue du Parc',
  'rue des Jardins',
  'rue du Château',
  'rue de la Forêt',
];

/** Opening hours in OSM syntax, as places and desks in Luxembourg typically publish them. */
export const OPENING_HOURS = [
  'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
  'Tu,Th 14:00-18:00',
  'We 09:00-12:00; Sa 10:00-12:00',
  'Mo 14:00-17:00; Th 09:00-12:00',
  'Mo-Fr 08:30-17:30; Sa 09:00-12:00; PH off',
  'Sa 09:30-12:30',
  'Tu-Fr 10:00-18:00; Sa 10:00-16:00',
  'Fr 14:00-17:00',
  'Mo,We,Fr 09:00-11:30',
  'Th 17:00-20:00',
  'Mo-Th 13:30-16:30; PH off',
  'Mo-Sa 10:00-19:00; Su 14:00-18:00',
  'week 1-53/2 We 14:00-17:00',
  'Tu 09:00-12:00; Tu 13:00-16:00',
] as const;

const LOCATION_NOTES: readonly Texts[] = [
  {
    lb: 'Agang iwwer den Haff, 1. Stack, mat Lift.',
    fr: 'Entrée par la cour, 1er étage, avec ascenseur.',
    de: 'Eingang über den Hof, 1. Stock, mit Aufzug.',
    en: 'Entrance through the courtyard, first floor, lift available.',
    pt: 'Entrada pelo pátio, 1.º andar, com elevador.',
  },
  {
    lb: 'Bushaltestell direkt virun der Dier.',
    fr: 'Arrêt de bus juste devant la porte.',
    de: 'Bushaltestelle direkt vor der Tür.',
    en: 'Bus stop right outside the door.',
    pt: 'Paragem de autocarro mesmo à porta.',
  },
  {
    lb: "Um Rez-de-chaussée, Parking hannert dem Gebai.",
    fr: 'Au rez-de-chaussée, parking derrière le bâtiment.',
    de: 'Im Erdgeschoss, Parkplatz hinter dem Gebäude.',
    en: 'On the ground floor, parking behind the building.',
    pt: 'No rés-do-chão, estacionamento atrás do edifício.',
  },
];

const MOBILE_NOTE: Texts = {
  lb: "De Digibus hält all Woch op der Plaz virun der Gemeng: kuckt d'Zäiten.",
  fr: "Le bus numérique s'arrête chaque semaine sur la place devant la mairie : consultez les horaires.",
  de: 'Der Digibus hält jede Woche auf dem Platz vor dem Rathaus: siehe Zeiten.',
  en: 'The digital bus stops every week in the square in front of the town hall: see the times.',
  pt: 'O autocarro digital para todas as semanas na praça em frente à câmara: consulte os horários.',
};

const ONLINE_NOTE: Texts = {
  lb: 'Per Telefon oder Videoappell, vun doheem aus.',
  fr: 'Par téléphone ou appel vidéo, depuis chez vous.',
  de: 'Per Telefon oder Videoanruf, bequem von zu Hause.',
  en: 'By phone or video call, from your home.',
  pt: 'Por telefone ou videochamada, a partir de casa.',
};

/** Postal codes roughly follow streets, so their count is a fair stand-in for a commune's population. */
export const COMMUNE_WEIGHTS: readonly (readonly [Commune, number])[] = listCommunes().map((c) => [
  c,
  Math.max(1, c.postalCodes.length),
]);

export function communeOrThrow(id: string): Commune {
  const commune = listCommunes().find((c) => c.id === id);
  if (!commune) throw new Error(`unknown commune "${id}" in demo data`);
  return commune;
}

/** The locality that shares the commune's name, else its first one ("Wiltz", not "Erpeldange"). */
function mainLocality(commune: Commune): string {
  const sameName = (locality: string) => locality.localeCompare(commune.name, 'fr', { sensitivity: 'base' }) === 0;
  return commune.localities.find(sameName) ?? commune.localities[0] ?? commune.name;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

export function allLocales(texts: Texts): Translation[] {
  return (Object.keys(texts) as (keyof Texts)[]).map((locale) => ({ locale, value: texts[locale], source: 'author' }));
}

function placeAccessibility(random: Random): Accessibility[] {
  const found: Accessibility[] = [];
  if (random.chance(0.7)) found.push('wheelchair');
  if (random.chance(0.15)) found.push('hearing_loop');
  if (random.chance(0.1)) found.push('visual_impairment');
  return found;
}

export interface PlaceInput {
  readonly id: string;
  readonly organizationId: string;
  /** Name before the locality, e.g. "Internetstuff". */
  readonly label: string;
  readonly commune: Commune;
  readonly at: string;
  /** Localized notes cost little for the demo; the benchmark leaves them out. */
  readonly withNotes: boolean;
}

export function physicalPlace(random: Random, input: PlaceInput): Location {
  const { commune } = input;
  const locality = mainLocality(commune);
  return {
    id: input.id,
    organizationId: input.organizationId,
    name: `${input.label} ${locality} (Demo)`,
    locationType: 'physical',
    address: `${random.int(1, 120)}, ${random.pick(STREETS)}`,
    postalCode: random.pick(commune.postalCodes),
    locality,
    communeId: commune.id,
    latitude: round6(commune.labelPoint.lat + (random.next() - 0.5) * 0.006),
    longitude: round6(commune.labelPoint.lon + (random.next() - 0.5) * 0.009),
    accessibility: placeAccessibility(random),
    openingHours: random.chance(0.8) ? random.pick(OPENING_HOURS) : null,
    description: input.withNotes && random.chance(0.6) ? allLocales(random.pick(LOCATION_NOTES)) : [],
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/** A bus or van that stops in its home commune: placed there, address in the description. */
export function mobilePlace(input: Omit<PlaceInput, 'label' | 'withNotes'> & { organizationName: string }): Location {
  return {
    id: input.id,
    organizationId: input.organizationId,
    name: `Digibus ${input.organizationName} (Demo)`,
    locationType: 'mobile',
    address: null,
    postalCode: null,
    locality: mainLocality(input.commune),
    communeId: input.commune.id,
    latitude: round6(input.commune.labelPoint.lat),
    longitude: round6(input.commune.labelPoint.lon),
    accessibility: ['wheelchair'],
    openingHours: 'We 09:00-12:00',
    description: allLocales(MOBILE_NOTE),
    createdAt: input.at,
    updatedAt: input.at,
  };
}

export function onlinePlace(input: { id: string; organizationId: string; organizationName: string; at: string }): Location {
  return {
    id: input.id,
    organizationId: input.organizationId,
    name: `${input.organizationName} online (Demo)`,
    locationType: 'virtual',
    address: null,
    postalCode: null,
    locality: null,
    communeId: null,
    latitude: null,
    longitude: null,
    accessibility: [],
    openingHours: 'Mo-Fr 09:00-17:00; PH off',
    description: allLocales(ONLINE_NOTE),
    createdAt: input.at,
    updatedAt: input.at,
  };
}
