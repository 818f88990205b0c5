import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { castOf, type Cast } from '../../../test/support/directory-fixtures.js';
import { toMednumCsv } from './mednum-csv.js';
import { MEDNUM_COLUMNS } from './mednum-codes.js';
import { belvaux, digibus, helpdesk, organization as fixtureOrganization } from '../../../test/support/opendata-fixtures.js';

const PASSWORD = 'correct horse battery';
const goodCsv = () => toMednumCsv({ organizations: [fixtureOrganization], locations: [belvaux, digibus], offers: [helpdesk], sessions: [] });

function brokenCsv(): string {
  const [row] = parse(goodCsv(), { columns: true }) as Record<string, string>[];
  return stringify([row, { ...row!, id: 'second@place', courriels: 'aide(at)digital.lu' }], { header: true, columns: [...MEDNUM_COLUMNS] });
}

/** A multipart/form-data body the way a browser sends the upload form. */
function multipart(fields: Record<string, string>, file: { name: string; content: string | Buffer } | null) {
  const boundary = `----zesummen${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A browser stand-in that keeps its cookies and can send the multipart upload form. */
class Uploader {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: TestApp) {}

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async send(options: { method?: 'GET' | 'POST'; url: string; payload?: string | Buffer; contentType?: string }) {
    const response = await this.app.http.inject({
      method: options.method ?? 'GET',
      url: options.url,
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
      headers: { cookie: this.header(), ...(options.contentType ? { 'content-type': options.contentType } : {}) },
    });
    const set = response.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  async signIn(email: string): Promise<void> {
    const login = await this.send({ url: '/en/login' });
    const token = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
    const params = new URLSearchParams({ _csrf: token, email, password: PASSWORD });
    const response = await this.send({ method: 'POST', url: '/en/login', payload: params.toString(), contentType: 'application/x-www-form-urlencoded' });
    assert.equal(response.statusCode, 303);
  }

  async form(locale = 'en') {
    const response = await this.send({ url: `/${locale}/provider/import` });
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? '';
    return { response, token };
  }

  async upload(fields: Record<string, string>, file: { name: string; content: string | Buffer } | null, options: { locale?: string; csrf?: boolean } = {}) {
    const locale = options.locale ?? 'en';
    const { token } = await this.form(locale);
    const body = multipart(options.csrf === false ? fields : { _csrf: token, ...fields }, file);
    return this.send({ method: 'POST', url: `/${locale}/provider/import`, payload: body.payload, contentType: body.contentType });
  }
}

describeEachDialect('provider file upload', (dialect) => {
  let app: TestApp;
  let cast: Cast;

  before(async () => {
    app = await buildTestApp(dialect);
    cast = await castOf(app);
  });
  after(async () => app?.close());

  const signedIn = async (email: string) => {
    const uploader = new Uploader(app);
    await uploader.signIn(email);
    return uploader;
  };

  test('the upload page needs a signed-in person', async () => {
    const response = await app.http.inject({ url: '/en/provider/import' });
    assert.equal(response.statusCode, 401);
  });

  test("a provider sees a multipart form for their own organisation", async () => {
    const uploader = await signedIn('untrusted@example.lu');
    const { response, token } = await uploader.form();
    assert.ok(token);
    assert.match(response.body, /enctype="multipart\/form-data"/);
    assert.match(response.body, new RegExp(`<option value="${cast.organization.id}" selected>Digital Inclusion asbl</option>`));
    assert.match(response.body, /<input id="file" name="file" type="file"/);
  });

  test('a post without the CSRF token is refused and imports nothing', async () => {
    const uploader = await signedIn('untrusted@example.lu');
    const response = await uploader.upload(
      { organization: cast.organization.id, format: 'csv', language: 'fr' },
      { name: 'offers.csv', content: goodCsv() },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /csrf_failed/);
    assert.equal(await app.directory.getOffer(helpdesk.id, cast.moderator), null);
  });

  test('a broken file is a 422 page listing every problem by row and column, in the page language', async () => {
    const uploader = await signedIn('untrusted@example.lu');
    const fields = { organization: cast.organization.id, format: 'csv', language: 'fr' };
    const english = await uploader.upload(fields, { name: 'offers.csv', content: brokenCsv() });
    assert.equal(english.statusCode, 422);
    assert.match(english.body, /The file has 1 problem/);
    assert.match(english.body, /Row 3, column “courriels”: “aide\(at\)digital\.lu” is not an e-mail address/);
    const french = await uploader.upload(fields, { name: 'offers.csv', content: brokenCsv() }, { locale: 'fr' });
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Ligne 3, colonne « courriels » : « aide\(at\)digital\.lu »/);
    assert.match(french.body, /<option value="fr" selected lang="fr">/);
    assert.equal(await app.directory.getOffer(helpdesk.id, cast.moderator), null);
  });

  test('a missing file, a file too large or another organisation is refused', async () => {
    const uploader = await signedIn('untrusted@example.lu');
    const fields = { organization: cast.organization.id, format: 'csv', language: 'fr' };
    const none = await uploader.upload(fields, null);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choose a file to upload/);
    const huge = await uploader.upload(fields, { name: 'big.csv', content: Buffer.alloc(5 * 1024 * 1024 + 10, 'a') });
    assert.equal(huge.statusCode, 422);
    assert.match(huge.body, /The file is too large\. It may be at most 5 MB/);
    const stranger = await signedIn('stranger@example.lu');
    const refused = await stranger.upload(fields, { name: 'offers.csv', content: goodCsv() });
    assert.equal(refused.statusCode, 403);
  });

  test('a good file is imported and its offers wait for moderation', async () => {
    const uploader = await signedIn('untrusted@example.lu');
    const response = await uploader.upload(
      { organization: cast.organization.id, format: 'csv', language: 'fr' },
      { name: 'offers.csv', content: goodCsv() },
    );
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Imported for Digital Inclusion asbl: 1 offer, 2 places and 0 sessions\./);
    assert.match(response.body, /1 offer waits for a moderator’s check/);
    const offer = await app.directory.getOffer(helpdesk.id, cast.moderator);
    assert.equal(offer?.organizationId, cast.organization.id);
    assert.equal(offer?.moderationStatus, 'pending');
  });

  test('a moderator may upload for any organisation, and the offers are published', async () => {
    const uploader = await signedIn('moderator@example.lu');
    const response = await uploader.upload(
      { organization: cast.organization.id, format: 'csv', language: 'fr' },
      { name: 'offers.csv', content: goodCsv() },
    );
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /They are published now\./);
    assert.equal((await app.directory.getOffer(helpdesk.id))?.moderationStatus, 'approved');
  });
});
