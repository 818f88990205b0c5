import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { toMednumCsv } from './mednum-csv.js';
import { parseMednumCsv } from './mednum-csv-import.js';
import { MEDNUM_COLUMNS } from './mednum-codes.js';
import { belvaux, course, digibus, fullBundle, helpdesk, NOW, online, organization } from '../../../test/support/opendata-fixtures.js';
import type { CsvIssue } from './opendata.model.js';

const options = { organizationId: organization.id, locale: 'fr', now: NOW } as const;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The helpdesk's two rows as cells, to change before writing them back as CSV. */
function helpdeskRows(): Record<string, string>[] {
  const csv = toMednumCsv({ organizations: [organization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });
  return parse(csv, { columns: true }) as Record<string, string>[];
}

const toCsv = (rows: Record<string, string>[]): string => stringify(rows, { header: true, columns: [...MEDNUM_COLUMNS] });

const brief = (issues: readonly CsvIssue[]): string[] => issues.map((i) => `${i.row ?? '-'} ${i.column ?? '-'} ${i.key}`);

test('the export has exactly the v1.0.2 columns and one row per offer at a place, virtual places left out', () => {
  const [header, ...rows] = parse(toMednumCsv(fullBundle)) as string[][];
  assert.deepEqual(header, [...MEDNUM_COLUMNS]);
  assert.equal(header?.length, 32);
  assert.deepEqual(
    rows.map((row) => row[0]),
    [`${helpdesk.id}@${belvaux.id}`, `${helpdesk.id}@${digibus.id}`, `${course.id}@${belvaux.id}`],
  );
  assert.ok(!rows.some((row) => row[0]?.endsWith(online.id)));
});

test('mednum values are written with "|" between them', () => {
  const [row] = helpdeskRows();
  assert.equal(row?.services, 'Aide aux démarches administratives');
  assert.equal(row?.prise_en_charge_specifique, 'Handicaps moteurs|Langues étrangères (anglais)|Déficience visuelle');
  assert.equal(row?.modalites_accompagnement, 'Accompagnement individuel');
  assert.equal(row?.itinerance, 'Fixe');
  assert.equal(row?.structure_parente, organization.name);
  assert.ok((row?.presentation_resume?.length ?? 0) <= 280);
});

test('what the standard can say survives the trip to CSV and back unchanged', () => {
  const csv = toMednumCsv({ organizations: [organization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });
  const result = parseMednumCsv(encode(csv), options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  assert.deepEqual(result.value, { organizations: [], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });
});

test('every broken row is reported by row and column, and nothing is imported', () => {
  const [good, second] = helpdeskRows();
  const rows = [
    good!,
    { ...second!, services: 'Aide aux démarches administratives|Cours de poterie', courriels: 'aide(at)digital.lu' },
    { ...good!, id: 'paris@x', latitude: '48.8566', longitude: '2.3522' },
    { ...good!, id: 'hours@x', horaires: 'Lundi au vendredi 9h-17h', date_maj: '2026-02-30' },
    { ...good!, id: 'wrong-commune@x', code_postal: '4010', commune: 'Belvaux' },
    { ...good!, id: 'no-name@x', nom: ' ', frais_a_charge: 'Payant|Gratos' },
  ];
  const result = parseMednumCsv(toCsv(rows), options);
  assert.ok(!result.ok);
  assert.deepEqual(brief(result.error), [
    '3 courriels invalid_email',
    '3 services unknown_value',
    '4 latitude outside_luxembourg',
    '5 horaires invalid_opening_hours',
    '5 date_maj invalid_date',
    '6 commune commune_mismatch',
    '7 nom required',
    '7 frais_a_charge unknown_value',
  ]);
  assert.deepEqual(result.error[1]?.values, { value: 'Cours de poterie' });
});

test('a wrong header is one clear file-level error naming the columns', () => {
  const csv = toMednumCsv(fullBundle).replace('pivot,', '').replace('prise_rdv', 'prise_rdv,remarques');
  const result = parseMednumCsv(csv, options);
  assert.ok(!result.ok);
  assert.deepEqual(result.error, [
    {
      row: 1,
      column: null,
      key: 'wrong_header',
      values: { missing: 'pivot', missingCount: 1, unexpected: 'remarques', unexpectedCount: 1 },
    },
  ]);
});

test('a file that is not UTF-8 is refused with the line of the first bad byte', () => {
  const bytes = encode(toMednumCsv(fullBundle));
  const secondLineEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
  const latin1 = new Uint8Array([...bytes.subarray(0, secondLineEnd + 1), 0x43, 0x61, 0x66, 0xe9, ...bytes.subarray(secondLineEnd + 1)]);
  const result = parseMednumCsv(latin1, options);
  assert.deepEqual(!result.ok && result.error, [{ row: null, column: null, key: 'invalid_encoding', values: { line: 3 } }]);
});

test('a huge cell is refused at its row and column', () => {
  const [good] = helpdeskRows();
  const result = parseMednumCsv(toCsv([good!, { ...good!, id: 'big@x', presentation_detail: 'a'.repeat(6000) }]), options);
  assert.deepEqual(!result.ok && brief(result.error), ['3 presentation_detail too_long']);
});

test('rows with a cell too many or too few, and contradicting rows, are reported', () => {
  const [good, second] = helpdeskRows();
  const csv = `${toCsv([good!, { ...second!, nom: 'Autre nom' }])}a,b,c\n`;
  const result = parseMednumCsv(csv, options);
  assert.deepEqual(!result.ok && brief(result.error), ['4 - wrong_column_count', '3 id conflicting_rows']);
});

test('a file saved with semicolons by a French spreadsheet is read too', () => {
  const csv = stringify(helpdeskRows(), { header: true, columns: [...MEDNUM_COLUMNS], delimiter: ';' });
  const result = parseMednumCsv(`\uFEFF${csv}`, options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  assert.deepEqual(result.value.offers, [helpdesk]);
});

test('a plain mednum row from another tool becomes one place and one offer', () => {
  const [good] = helpdeskRows();
  const row = {
    ...good!,
    id: 'structure-1',
    complement_adresse: '',
    services: 'Accès internet et matériel informatique|Maîtrise des outils numériques du quotidien',
    modalites_accompagnement: 'En autonomie|À distance',
    publics_specifiquement_adresses: '',
    prise_en_charge_specifique: 'Surdité',
    frais_a_charge: 'Gratuit|Payant',
    itinerance: 'Itinérant',
    courriels: 'a@example.lu|b@example.lu',
  };
  const result = parseMednumCsv(toCsv([row]), options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  const [place] = result.value.locations;
  const [offer] = result.value.offers;
  assert.equal(place?.id, 'structure-1');
  assert.equal(place?.name, helpdesk.name[0]?.value);
  assert.equal(place?.locationType, 'mobile');
  assert.deepEqual(offer?.offerTypes, ['everyday_digital', 'public_access_point']);
  assert.deepEqual(offer?.modes, ['in_person', 'remote']);
  assert.deepEqual(offer?.audiences, ['everyone']);
  assert.deepEqual(offer?.accessibility, []);
  assert.equal(offer?.cost, 'free_conditions');
  assert.equal(offer?.email, 'a@example.lu');
});

test('an unclosed quotation mark or an empty file is one file-level error', () => {
  const header = MEDNUM_COLUMNS.join(',');
  const unclosed = parseMednumCsv(`${header}\nx,"Maison,${',a'.repeat(30)}\n`, options);
  assert.deepEqual(!unclosed.ok && unclosed.error, [{ row: null, column: null, key: 'malformed_csv', values: { line: 2 } }]);
  const empty = parseMednumCsv(`${header}\n`, options);
  assert.deepEqual(!empty.ok && brief(empty.error), ['- - no_rows']);
});
