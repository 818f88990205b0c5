import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { publicDirectory, type PublicDirectory } from '../../../test/support/public-directory.js';

/** ajv-formats is CommonJS: its plugin is the module itself or its default, depending on the loader. */
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;

/** "/api/v1/offers/:id" as the router prints it, to the document's "/api/v1/offers/{id}". */
const documented = (route: string) => `/${route}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** JSON Pointer escaping of one segment (RFC 6901). */
const segment = (text: string) => text.replace(/~/g, '~0').replace(/\//g, '~1');

describeEachDialect('OpenAPI document', (dialect) => {
  let app: TestApp;
  let data: PublicDirectory;
  let document: any;

  before(async () => {
    app = await buildTestApp(dialect);
    data = await publicDirectory(app);
    const response = await app.http.inject({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    document = response.json();
  });
  after(async () => app?.close());

  test('every registered /api/v1 route is in the document, and nothing else', () => {
    const registered = app.http
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((line) => /(api\/v1\/\S+) \(/.exec(line)?.[1])
      .filter((route): route is string => route !== undefined)
      .map(documented);
    assert.ok(registered.length >= 8);
    assert.deepEqual(Object.keys(document.paths).sort(), registered.sort());
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.components.schemas.HsdsProfile.$id, 'https://zesummen.lu/open-data/hsds-lu/1.0/schema.json');
  });

  test('a sample response of every endpoint validates against its documented schema', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi.json');
    const samples: Record<string, string> = {
      '/api/v1/search': '/api/v1/search?near=Luxembourg&radius=50',
      '/api/v1/offers/{id}': `/api/v1/offers/${data.course.id}`,
      '/api/v1/organizations/{id}': `/api/v1/organizations/${data.organization.id}`,
      '/api/v1/sessions': '/api/v1/sessions',
      '/api/v1/communes': '/api/v1/communes',
      '/api/v1/cantons': '/api/v1/cantons',
      '/api/v1/export/hsds.json': '/api/v1/export/hsds.json',
      '/api/v1/export/mednum.csv': '/api/v1/export/mednum.csv',
      '/api/v1/mandates/jwks.json': '/api/v1/mandates/jwks.json',
    };
    // Operations that are not reads (the token exchange, the scam check) are checked by their modules' own tests.
    const reads = Object.keys(document.paths).filter((path) => document.paths[path].get);
    assert.deepEqual(Object.keys(samples).sort(), reads.sort(), 'a sample for each read endpoint');
    for (const [path, url] of Object.entries(samples)) {
      const response = await app.http.inject({ url });
      assert.equal(response.statusCode, 200, url);
      const [mediaType] = Object.keys(document.paths[path].get.responses['200'].content) as [string];
      assert.ok(String(response.headers['content-type']).startsWith(mediaType), `${url}: ${response.headers['content-type']}`);
      const body = mediaType === 'application/json' ? response.json() : response.body;
      const pointer = `openapi.json#/paths/${segment(path)}/get/responses/200/content/${segment(mediaType)}/schema`;
      const validate = ajv.compile({ $ref: pointer });
      assert.ok(validate(body), `${url}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    }
  });

  test('a documented error validates against the error schema', async () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/Error' });
    const response = await app.http.inject({ url: '/api/v1/offers/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.ok(validate(response.json()));
    assert.ok(document.paths['/api/v1/offers/{id}'].get.responses['404']);
  });

  test('a schema that does not match the response would be caught', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    const validate = ajv.compile({ $ref: `openapi.json#/paths/${segment('/api/v1/cantons')}/get/responses/200/content/application~1json/schema` });
    assert.equal(validate({ cantons: [{ id: 'x' }] }), false);
  });
});
