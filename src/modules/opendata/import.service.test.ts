import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { publicDirectory, type PublicDirectory } from '../../../test/support/public-directory.js';
import { published, unwrap } from '../../../test/support/directory-fixtures.js';
import type { Organization } from '../directory/index.js';
import { systemClock } from '../../shared/clock.js';
import { createImporter, describeImportIssue, type ImportProgress } from './import.service.js';
import { exportOpenData } from './export.service.js';
import { toMednumCsv } from './mednum-csv.js';
import { MEDNUM_COLUMNS } from './mednum-codes.js';
import { belvaux, digibus, helpdesk, organization as fixtureOrganization } from '../../../test/support/opendata-fixtures.js';
import { createTranslators, loadCatalogs } from '../../platform/i18n/catalog.js';
import { fileURLToPath } from 'node:url';

const encode = (text: string) => new TextEncoder().encode(text);
const english = createTranslators(loadCatalogs([fileURLToPath(new URL('./messages/', import.meta.url))]), { strict: true }).en.t;

/** The fixture's help desk at its two places, as a mednum CSV file. */
const helpdeskCsv = () => toMednumCsv({ organizations: [fixtureOrganization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describeEachDialect('importing open-data files', (dialect) => {
  let app: TestApp;
  let data: PublicDirectory;
  let other: Organization;
  const importer = () => createImporter({ directory: app.directory, clock: systemClock });
  const search = async (text: string) => (await app.http.inject({ url: `/api/v1/search?q=${encodeURIComponent(text)}` })).json();

  before(async () => {
    app = await buildTestApp(dialect);
    data = await publicDirectory(app);
    other = published(unwrap(await app.directory.createOrganization(data.moderator, { name: 'Club Senior', email: 'club@example.lu' })));
  });
  after(async () => app?.close());

  test('a good CSV file lands in the chosen organisation, its offers waiting for a moderator', async () => {
    const progress: ImportProgress[] = [];
    const result = await importer().importFile({
      format: 'csv',
      bytes: encode(helpdeskCsv()),
      organizationId: other.id,
      locale: 'fr',
      onProgress: (p) => progress.push(p),
    });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.deepEqual(result.value, { organizations: 0, locations: 2, offers: 1, sessions: 0, pendingOffers: 1 });
    const offer = await app.directory.getOffer(helpdesk.id, data.moderator);
    assert.equal(offer?.organizationId, other.id);
    assert.equal(offer?.moderationStatus, 'pending');
    assert.equal((await search('Permanence')).total, 0, 'not public before moderation');
    assert.deepEqual([...new Set(progress.map((p) => p.stage))], ['read', 'check', 'save']);
    assert.deepEqual(progress.at(-1), { stage: 'save', done: 3, total: 3 });
  });

  test('the same file with publish set is public at once and updates the same entries', async () => {
    const result = await importer().importFile({ format: 'csv', bytes: encode(helpdeskCsv()), organizationId: other.id, publish: true });
    assert.ok(result.ok);
    assert.equal(result.value.pendingOffers, 0);
    const found = await search('Permanence');
    assert.equal(found.total, 1);
    assert.equal(found.results[0].organization.id, other.id);
  });

  test('a broken CSV reports every row and column and imports nothing', async () => {
    const [good] = parse(helpdeskCsv(), { columns: true }) as Record<string, string>[];
    const rows = [
      { ...good!, id: 'new-offer@new-place', nom: 'Atelier tablette' },
      { ...good!, id: 'broken@x', courriels: 'aide(at)digital.lu', code_postal: '99' },
    ];
    const csv = stringify(rows, { header: true, columns: [...MEDNUM_COLUMNS] });
    const result = await importer().importFile({ format: 'csv', bytes: encode(csv), organizationId: other.id });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.error.map((issue) => describeImportIssue(english, issue)),
      [
        'Row 3, column “code_postal”: “99” is not a Luxembourg postal code. It has four digits, like 4010.',
        'Row 3, column “courriels”: “aide(at)digital.lu” is not an e-mail address. Write it like name@example.lu.',
      ],
    );
    assert.equal(await app.directory.getOffer('new-offer', data.moderator), null, 'the good row was not imported either');
  });

  test("a file cannot take over another organisation's entries", async () => {
    const [row] = parse(helpdeskCsv(), { columns: true }) as Record<string, string>[];
    const csv = stringify([{ ...row!, id: `${data.course.id}@${data.esch.id}` }], { header: true, columns: [...MEDNUM_COLUMNS] });
    const result = await importer().importFile({ format: 'csv', bytes: encode(csv), organizationId: other.id });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.error.map((issue) => describeImportIssue(english, issue)),
      [data.esch.id, data.course.id].map(
        (id) => `The id ${id} already belongs to an entry of another organisation. Give your entry a different id.`,
      ),
    );
    assert.equal((await app.directory.getOffer(data.course.id))?.organizationId, data.organization.id);
  });

  test('an HSDS upload into one organisation must describe one organisation', async () => {
    const whole = await collect(exportOpenData(app.directory, 'hsds'));
    const result = await importer().importFile({ format: 'hsds', bytes: encode(whole), organizationId: other.id });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, [{ scope: 'one_organization', values: { count: 2 } }]);
    const unknown = await importer().importFile({ format: 'hsds', bytes: encode(whole), organizationId: 'no-such-org' });
    assert.deepEqual(!unknown.ok && unknown.error, [{ scope: 'unknown_organization', values: { id: 'no-such-org' } }]);
  });

  test('a whole-directory export imported with replace gives back the same public directory', async () => {
    const before = await collect(exportOpenData(app.directory, 'hsds'));
    const result = await importer().importFile({ format: 'hsds', bytes: encode(before), replace: true });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.equal(result.value.organizations, 2);
    assert.equal(await collect(exportOpenData(app.directory, 'hsds')), before);
    assert.equal((await search('Permanence')).total, 1, 'the search index was rebuilt');
  });
});
