/**
 * The reverse of directory/vocabulary.ts's mednum mapping, for imports. The forward mapping
 * sends several of our codes to one mednum value (four offer types are all "Maîtrise des outils
 * numériques du quotidien"), so each mednum value is read back as the one code that says no
 * more than the value does. Values absent here carry nothing we store: they are checked, then
 * dropped.
 */
import {
  MEDNUM_BY_OFFER_TYPE,
  MEDNUM_VALUES,
  type Accessibility,
  type Audience,
  type Cost,
  type MednumColumn,
  type Mode,
  type OfferType,
} from '../directory/index.js';

/** Version 1.0.2 columns, in the schema's order. */
export const MEDNUM_COLUMNS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'itinerance',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const;
export type MednumCsvColumn = (typeof MEDNUM_COLUMNS)[number];

/** Closed lists of v1.0.2 that directory/vocabulary.ts does not hold, since nothing maps to them. */
export const MEDNUM_OTHER_VALUES = {
  itinerance: ['Itinérant', 'Fixe'],
  dispositif_programmes_nationaux: [
    'Aidants Connect',
    'Bibliothèques numérique de référence',
    'Certification PIX',
    'Conseillers numériques',
    'Emmaüs Connect',
    'France Services',
    'Grande école du numérique',
    'La Croix Rouge',
    "Point d'accès numérique CAF",
    'Promeneurs du net',
    'Relais numérique (Emmaüs Connect)',
  ],
  formations_labels: [
    'Formé à « Mon Espace Santé »',
    'Formé à « DUPLEX » (illettrisme)',
    'Arnia/MedNum BFC (Bourgogne-Franche-Comté)',
    'Collectif ressources et acteurs réemploi (Normandie)',
    'Étapes numériques (La Poste)',
    // v1.0.2's pattern lost the space that its description and v2.0.0 have.
    'Étapes numériques(La Poste)',
    'Fabriques de Territoire',
    'Les Éclaireurs du numérique (Drôme)',
    'Mes Papiers (Métropole de Lyon)',
    'ORDI 3.0',
    'SUD LABS (PACA)',
  ],
} as const;

export type ClosedColumn = MednumColumn | keyof typeof MEDNUM_OTHER_VALUES;

export function allowedValues(column: ClosedColumn): readonly string[] {
  return column in MEDNUM_VALUES ? MEDNUM_VALUES[column as MednumColumn] : MEDNUM_OTHER_VALUES[column as keyof typeof MEDNUM_OTHER_VALUES];
}

export interface ImportedCodes {
  offerTypes: OfferType[];
  audiences: Audience[];
  offerAccessibility: Accessibility[];
  /** Wheelchair access belongs to the place, not to the offer. */
  locationAccessibility: Accessibility[];
  modes: Mode[];
  languages: string[];
}

type Target =
  | { readonly offerType: OfferType }
  | { readonly audience: Audience }
  | { readonly accessibility: Accessibility }
  | { readonly mode: Mode }
  | { readonly language: string };

/**
 * "Surdité" has no entry: it could mean a hearing loop or sign language, and claiming either
 * wrongly would send a deaf person to the wrong place.
 */
const TARGETS: Readonly<Record<string, Target>> = {
  'Aide aux démarches administratives': { offerType: 'online_procedures' },
  'Maîtrise des outils numériques du quotidien': { offerType: 'everyday_digital' },
  'Insertion professionnelle via le numérique': { offerType: 'job_search' },
  'Utilisation sécurisée du numérique': { offerType: 'online_safety' },
  'Parentalité et éducation avec le numérique': { offerType: 'parenting' },
  'Loisirs et créations numériques': { offerType: 'creative_digital' },
  'Compréhension du monde numérique': { offerType: 'digital_culture' },
  'Accès internet et matériel informatique': { offerType: 'internet_access' },
  'Acquisition de matériel informatique à prix solidaire': { offerType: 'affordable_devices' },
  'En autonomie': { offerType: 'public_access_point' },
  'Accompagnement individuel': { offerType: 'helpdesk' },
  'Dans un atelier collectif': { offerType: 'course' },
  'À distance': { mode: 'remote' },
  'Se présenter': { mode: 'in_person' },
  Jeunes: { audience: 'young_people' },
  'Étudiants': { audience: 'young_people' },
  'Familles et/ou enfants': { audience: 'families' },
  Seniors: { audience: 'seniors' },
  Femmes: { audience: 'women_girls' },
  'Handicaps moteurs': { accessibility: 'wheelchair' },
  'Handicaps mentaux': { accessibility: 'easy_language' },
  Illettrisme: { accessibility: 'illiteracy_support' },
  'Déficience visuelle': { accessibility: 'visual_impairment' },
  'Langues étrangères (anglais)': { language: 'en' },
};

const push = <T>(list: T[], value: T): void => {
  if (!list.includes(value)) list.push(value);
};

const mappedValues = (code: OfferType): string[] => Object.values(MEDNUM_BY_OFFER_TYPE[code]).flat();

/**
 * Drops an offer type whose values another chosen type already says, and more: "Accès internet"
 * with "En autonomie" is a public access point, not also bare internet access.
 */
function minimalOfferTypes(codes: readonly OfferType[]): OfferType[] {
  return codes.filter((code) => {
    const own = mappedValues(code);
    return !codes.some((other) => {
      if (other === code) return false;
      const wider = mappedValues(other);
      return wider.length > own.length && own.every((value) => wider.includes(value));
    });
  });
}

/** Our codes for one row's closed-list values (already checked against the allowed values). */
export function codesFromMednum(values: readonly string[]): ImportedCodes {
  const codes: ImportedCodes = { offerTypes: [], audiences: [], offerAccessibility: [], locationAccessibility: [], modes: [], languages: [] };
  for (const value of values) {
    const target = TARGETS[value];
    if (!target) continue;
    if ('offerType' in target) push(codes.offerTypes, target.offerType);
    else if ('audience' in target) push(codes.audiences, target.audience);
    else if ('mode' in target) push(codes.modes, target.mode);
    else if ('language' in target) push(codes.languages, target.language);
    else push(target.accessibility === 'wheelchair' ? codes.locationAccessibility : codes.offerAccessibility, target.accessibility);
  }
  codes.offerTypes = minimalOfferTypes(codes.offerTypes);
  return codes;
}

/**
 * One cost from "frais à charge". A place listing several (free workshops, paid repairs) is
 * shown as "free under conditions": the one answer that is not wrong for any of its offers.
 * A row without the column gets the same, since nothing says the help is free.
 */
export function costFromMednum(values: readonly string[]): Cost {
  if (values.length === 1 && values[0] === 'Gratuit') return 'free';
  if (values.length === 1 && values[0] === 'Payant') return 'paid';
  return 'free_conditions';
}
