import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHsds } from './hsds.js';
import { parseHsds } from './hsds-import.js';
import { hsdsProfileSchema } from './hsds-profile-schema.js';
import { belvaux, fullBundle, NOW } from '../../../test/support/opendata-fixtures.js';
import type { HsdsIssue } from './opendata.model.js';

const options = { defaultLocale: 'fr', now: NOW } as const;

/** A fresh, mutable copy of the exported fixture, to break on purpose. */
const exported = (): any => JSON.parse(JSON.stringify(toHsds(fullBundle)));

const brief = (issues: readonly HsdsIssue[]): string[] => issues.map((i) => `${i.path} ${i.key}`);

test('a bundle survives the trip to HSDS and back unchanged', () => {
  const result = parseHsds(JSON.stringify(toHsds(fullBundle)), options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  assert.deepEqual(result.value, fullBundle);
});

test('simple opening hours also become HSDS weekly schedule rows, others keep only the OSM value', () => {
  const [org] = toHsds(fullBundle).organizations;
  const place = org?.locations.find((l) => l.id === belvaux.id);
  assert.deepEqual(
    place?.schedules.map((s) => `${s.byday} ${s.opens_at}-${s.closes_at}`),
    ['MO,TU,WE,TH,FR 09:00-12:00', 'MO,TU,WE,TH,FR 14:00-17:00', 'SA 09:00-12:00'],
  );
  assert.equal(place?.lu_opening_hours, belvaux.openingHours);
  const withHolidays = toHsds({ ...fullBundle, locations: [{ ...belvaux, openingHours: 'Mo-Fr 09:00-17:00; PH off' }] });
  assert.deepEqual(withHolidays.organizations[0]?.locations[0]?.schedules, []);
});

test('every wrong type is reported with its JSON path, and nothing is imported', () => {
  const doc = exported();
  const org = doc.organizations[0];
  org.name = 42;
  org.locations[0].latitude = '49.53';
  org.locations[1].accessibility[0] = { details: 'ramp' };
  org.services[0].lu_offer_types = 'helpdesk';
  org.services[0].lu_translations.name[0].locale = 'xx';
  org.services[1].lu_sessions[0].capacity = 0;
  org.services[1].service_at_locations[0].location_id = 'nowhere';
  const result = parseHsds(doc, options);
  assert.ok(!result.ok);
  assert.deepEqual(brief(result.error), [
    '/organizations/0/name wrong_type',
    '/organizations/0/locations/0/latitude wrong_type',
    '/organizations/0/locations/1/accessibility/0/details unknown_value',
    '/organizations/0/services/0/lu_translations/name/0/locale unknown_value',
    '/organizations/0/services/0/lu_offer_types wrong_type',
    '/organizations/0/services/1/service_at_locations/0/location_id unknown_reference',
    '/organizations/0/services/1/lu_sessions/0/capacity out_of_range',
  ]);
  assert.equal(result.error[0]?.field, 'name');
  assert.equal(result.error[3]?.field, 'locale');
});

test('bad values are refused: opening hours, coordinates outside Luxembourg, e-mail, duplicate ids', () => {
  const doc = exported();
  const org = doc.organizations[0];
  org.locations[0].lu_opening_hours = 'Mo-Fr 25:00-17:00';
  org.locations[0].latitude = 48.8566;
  org.locations[0].longitude = 2.3522;
  org.services[0].email = 'aide(at)digital.lu';
  org.locations[2].id = org.locations[1].id;
  const result = parseHsds(doc, options);
  assert.ok(!result.ok);
  assert.deepEqual(brief(result.error), [
    '/organizations/0/locations/0/latitude outside_luxembourg',
    '/organizations/0/locations/0/lu_opening_hours invalid_opening_hours',
    '/organizations/0/locations/2/id duplicate_id',
    '/organizations/0/services/0/email invalid_email',
    '/organizations/0/services/1/service_at_locations/1/location_id unknown_reference',
  ]);
});

test('a file that is not JSON or not UTF-8 is one clear error', () => {
  const notJson = parseHsds('{"organizations": [', options);
  assert.deepEqual(!notJson.ok && brief(notJson.error), [' invalid_json']);
  const latin1 = parseHsds(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]), options);
  assert.deepEqual(!latin1.ok && brief(latin1.error), [' invalid_encoding_json']);
  const noList = parseHsds({ profile: 'https://zesummen.lu/open-data/hsds-lu/1.0' }, options);
  assert.deepEqual(!noList.ok && brief(noList.error), ['/organizations required']);
});

test('plain HSDS without the Luxembourg fields is read with defaults', () => {
  const result = parseHsds(
    {
      organizations: [
        {
          id: 'o1',
          name: 'Club Senior',
          description: 'Cours pour seniors.',
          services: [{ id: 's1', name: 'Atelier tablette', status: 'active', languages: [{ code: 'fr' }] }],
        },
      ],
    },
    options,
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  const [offer] = result.value.offers;
  assert.deepEqual(offer?.name, [{ locale: 'fr', value: 'Atelier tablette', source: 'author' }]);
  assert.equal(offer?.moderationStatus, 'pending');
  assert.equal(offer?.checkedAt, NOW);
  assert.deepEqual(offer?.languages, ['fr']);
});

test('the profile schema names the Luxembourg extensions', () => {
  const service = hsdsProfileSchema.$defs.service;
  assert.ok('lu_sessions' in service.properties);
  assert.ok('lu_translations' in service.properties);
  assert.ok(hsdsProfileSchema.$defs.location.required.includes('lu_opening_hours'));
});
