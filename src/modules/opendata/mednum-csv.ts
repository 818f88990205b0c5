/**
 * The directory as a CSV file of the French "Lieux de médiation numérique" standard, v1.0.2
 * (see docs/decisions/0005-open-data-formats.md): one row per offer at a place, multi-valued
 * cells joined with "|". The reader is mednum-csv-import.ts.
 */
import { stringify } from 'csv-stringify/sync';
import type { Location, Offer, Translation } from '../directory/index.js';
import { getCommune, mednumColumns, type MednumColumns } from '../directory/index.js';
import { MEDNUM_COLUMNS, type MednumCsvColumn } from './mednum-codes.js';
import type { DirectoryBundle } from './opendata.model.js';

export type MednumRow = Record<MednumCsvColumn, string>;

/** v1.0.2 requires a SIRET/RNA "pivot"; Luxembourg bodies have none, and the national data uses this for "unknown". */
const NO_PIVOT = '00000000000000';
/** presentation_resume's limit in the standard. */
export const SUMMARY_MAX = 280;
export const LIST_SEPARATOR = '|';

function summary(text: string): string {
  if (text.length <= SUMMARY_MAX) return text;
  const cut = text.slice(0, SUMMARY_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const textIn = (text: readonly Translation[], locale: string): string =>
  (text.find((t) => t.locale === locale) ?? text[0])?.value ?? '';

function row(offer: Offer, location: Location, organizationName: string): MednumRow {
  const description = textIn(offer.description, offer.defaultLocale);
  const columns: MednumColumns = mednumColumns({
    offerTypes: offer.offerTypes,
    audiences: offer.audiences,
    accessibility: [...new Set([...offer.accessibility, ...location.accessibility])],
    cost: offer.cost,
    modes: offer.modes,
    languages: offer.languages,
  });
  const commune = location.communeId ? getCommune(location.communeId) : undefined;
  return {
    id: `${offer.id}@${location.id}`,
    pivot: NO_PIVOT,
    nom: textIn(offer.name, offer.defaultLocale),
    commune: location.locality ?? commune?.name ?? '',
    code_postal: location.postalCode ?? '',
    code_insee: '',
    adresse: location.address ?? '',
    complement_adresse: location.name,
    latitude: location.latitude === null ? '' : String(location.latitude),
    longitude: location.longitude === null ? '' : String(location.longitude),
    typologie: '',
    telephone: offer.phone ?? '',
    courriels: offer.email ?? '',
    site_web: offer.website ?? '',
    horaires: offer.openingHours ?? location.openingHours ?? '',
    presentation_resume: summary(description),
    presentation_detail: description.length > SUMMARY_MAX ? description : '',
    source: 'Zesummen',
    itinerance: location.locationType === 'mobile' ? 'Itinérant' : 'Fixe',
    structure_parente: organizationName,
    date_maj: offer.checkedAt.slice(0, 10),
    services: columns.services.join(LIST_SEPARATOR),
    publics_specifiquement_adresses: columns.publics_specifiquement_adresses.join(LIST_SEPARATOR),
    prise_en_charge_specifique: columns.prise_en_charge_specifique.join(LIST_SEPARATOR),
    frais_a_charge: columns.frais_a_charge.join(LIST_SEPARATOR),
    dispositif_programmes_nationaux: '',
    formations_labels: '',
    autres_formations_labels: '',
    modalites_acces: columns.modalites_acces.join(LIST_SEPARATOR),
    modalites_accompagnement: columns.modalites_accompagnement.join(LIST_SEPARATOR),
    fiche_acces_libre: '',
    prise_rdv: offer.bookingUrl ?? '',
  };
}

/**
 * One row per offer and place. Virtual places are left out: the standard describes places
 * people can go to, and requires an address.
 */
export function toMednumCsv(bundle: DirectoryBundle): string {
  const locations = new Map(bundle.locations.map((l) => [l.id, l]));
  const organizations = new Map(bundle.organizations.map((o) => [o.id, o.name]));
  const rows: MednumRow[] = [];
  for (const offer of bundle.offers) {
    for (const locationId of offer.locationIds) {
      const location = locations.get(locationId);
      if (location && location.locationType !== 'virtual') rows.push(row(offer, location, organizations.get(offer.organizationId) ?? ''));
    }
  }
  return stringify(rows, { header: true, columns: [...MEDNUM_COLUMNS] });
}

