import { after, afterEach, before, beforeEach, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { runCli } from '../cli.js';
import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import { createImporter, MEDNUM_COLUMNS, toHsds, toMednumCsv } from '../modules/opendata/index.js';
import { systemClock } from '../shared/clock.js';
import { belvaux, digibus, fullBundle, helpdesk, organization } from '../../test/support/opendata-fixtures.js';

// The CLI reads its configuration from the environment, as it does in production: each test gets
// its own DATA_DIR, so its own SQLite database.
let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'zesummen-cli-'));
  delete process.env.DATABASE_URL;
  process.env.LOG_LEVEL = 'error';
});
after(() => rmSync(work, { recursive: true, force: true }));
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(work, 'data-'));
  process.env.DATA_DIR = dataDir;
});
afterEach(() => {
  delete process.env.DATA_DIR;
});

/** Runs the CLI and keeps what it printed. */
async function cli(t: TestContext, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => out.push(args.join(' ')));
  t.mock.method(console, 'error', (...args: unknown[]) => err.push(args.join(' ')));
  const code = await runCli(argv);
  t.mock.restoreAll();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function searchTotal(query: string): Promise<number> {
  const app = await buildApp(loadConfig());
  try {
    return (await app.http.inject({ url: `/api/v1/search?q=${encodeURIComponent(query)}` })).json().total;
  } finally {
    await app.close();
  }
}

const file = (name: string, content: string) => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};

/** The fixture directory with its help desk approved, so it is public once imported. */
const publicHsds = () => JSON.stringify(toHsds({ ...fullBundle, offers: [{ ...helpdesk, moderationStatus: 'approved' }, fullBundle.offers[1]!] }));

test('a good HSDS file is imported and shows up in the API', async (t) => {
  const result = await cli(t, 'import', file('directory.json', publicHsds()));
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /Imported .*directory\.json: 1 organisations, 3 places, 2 offers, 2 sessions\./);
  assert.equal(await searchTotal('Permanence'), 1);
});

test('a broken CSV file reports its rows and columns in English and imports nothing', async (t) => {
  assert.equal((await cli(t, 'import', file('org.json', publicHsds()))).code, 0);
  const [row] = parse(toMednumCsv({ organizations: [organization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] }), {
    columns: true,
  }) as Record<string, string>[];
  const csv = stringify(
    [
      { ...row!, id: 'atelier@maison', nom: 'Atelier tablette' },
      { ...row!, id: 'broken@maison', courriels: 'aide(at)digital.lu' },
      { ...row!, id: 'paris@maison', latitude: '48.8566', longitude: '2.3522' },
    ],
    { header: true, columns: [...MEDNUM_COLUMNS] },
  );
  const result = await cli(t, 'import', file('broken.csv', csv), '--organization', organization.id, '--publish');
  assert.equal(result.code, 1);
  assert.match(result.err, /broken\.csv was not imported, nothing changed\. 2 problems:/);
  assert.match(result.err, /Row 3, column “courriels”: “aide\(at\)digital\.lu” is not an e-mail address/);
  assert.match(result.err, /Row 4, column “latitude”: This place is outside Luxembourg/);
  assert.equal(await searchTotal('Atelier'), 0);
  // The good row alone goes in, and is public: so above, nothing at all was imported.
  const good = stringify([{ ...row!, id: 'atelier@maison', nom: 'Atelier tablette' }], { header: true, columns: [...MEDNUM_COLUMNS] });
  assert.equal((await cli(t, 'import', file('good.csv', good), '--organization', organization.id, '--publish')).code, 0);
  assert.equal(await searchTotal('Atelier'), 1);
});

test('export then import gives back the same public directory', async (t) => {
  assert.equal((await cli(t, 'import', file('start.json', publicHsds()))).code, 0);
  const first = join(work, 'first.json');
  const csv = join(work, 'first.csv');
  assert.equal((await cli(t, 'export', '--out', first)).code, 0);
  assert.equal((await cli(t, 'export', '--out', csv)).code, 0);
  assert.match(readFileSync(csv, 'utf8'), /^id,pivot,nom,/);

  process.env.DATA_DIR = mkdtempSync(join(work, 'data-'));
  const imported = await cli(t, 'import', first, '--replace');
  assert.equal(imported.code, 0, imported.err);
  const second = join(work, 'second.json');
  assert.equal((await cli(t, 'export', '--out', second)).code, 0);
  assert.equal(readFileSync(second, 'utf8'), readFileSync(first, 'utf8'));
  assert.equal(await searchTotal('Permanence'), 1);
});

test('a whole-directory export beyond the upload caps imports from the command line', async (t) => {
  const offers = Array.from({ length: 6000 }, (_, i) => ({ ...helpdesk, id: `offer-${i}`, moderationStatus: 'approved' as const, locationIds: [belvaux.id] }));
  const bytes = Buffer.from(JSON.stringify(toHsds({ organizations: [organization], locations: [belvaux], offers, sessions: [] })));
  assert.ok(bytes.byteLength > 5 * 1024 * 1024, `the file is ${bytes.byteLength} bytes, more than an upload may be`);

  const app = await buildApp(loadConfig());
  try {
    // What the web upload does with the same file: refused, nothing written.
    const uploaded = await createImporter({ directory: app.directory, clock: systemClock }).importFile({ format: 'hsds', bytes, replace: true });
    assert.deepEqual(uploaded.ok ? [] : uploaded.error.map((issue) => ('key' in issue ? issue.key : issue.scope)), ['file_too_large']);
  } finally {
    await app.close();
  }

  const result = await cli(t, 'import', file('whole.json', bytes.toString('utf8')), '--replace');
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /1 organisations, 1 places, 6000 offers, 0 sessions \(the directory was emptied first\)\./);
  assert.equal(await searchTotal('Permanence'), 6000);
});

test('wrong combinations of options are usage errors that change nothing', async (t) => {
  const csv = file('offers.csv', toMednumCsv(fullBundle));
  assert.equal((await cli(t, 'import', csv)).code, 2, 'a CSV file needs an organisation');
  assert.equal((await cli(t, 'import', file('x.json', publicHsds()), '--organization', 'o', '--replace')).code, 2);
  assert.equal((await cli(t, 'import', file('offers.txt', 'x'))).code, 2, 'unknown format');
  assert.equal((await cli(t, 'import', join(work, 'missing.json'))).code, 1);
  assert.equal((await cli(t, 'export', '--format', 'xml')).code, 2);
});
