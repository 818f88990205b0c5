import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { TestBrowser } from '../../../test/support/http.js';
import { castOf, manualClock, unwrap, type Cast } from '../../../test/support/directory-fixtures.js';
import type { Organization } from './directory.model.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

async function signIn(app: TestApp, email: string): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http);
  await browser.get('/en/login');
  const response = await browser.post('/en/login', { email, password: 'correct horse battery' });
  assert.equal(response.statusCode, 303);
  return browser;
}

/** The organisation form as a browser would send it back unchanged, with some fields replaced. */
function organizationFields(organization: Organization, overrides: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    name: organization.name,
    email: organization.email ?? '',
    phone: organization.phone ?? '',
    website: organization.website ?? '',
  };
  for (const t of organization.description) {
    fields[`description_${t.locale.replace('-', '_')}`] = t.value;
    fields[`source_${t.locale.replace('-', '_')}`] = t.source;
  }
  return { ...fields, ...overrides };
}

describeEachDialect('organisations in the provider and moderation areas', (dialect) => {
  let app: TestApp;
  let cast: Cast;
  let editPath: string;

  before(async () => {
    app = await buildTestApp(dialect, { clock: manualClock() });
    cast = await castOf(app);
    editPath = `/en/provider/organizations/${cast.organization.id}/edit`;
  });
  after(async () => app?.close());

  const current = async () => (await app.directory.getOrganization(cast.organization.id))!;

  test('signed out is 401 and another organisation’s provider is refused, reading and saving', async () => {
    const anonymous = new TestBrowser(app.http);
    assert.equal((await anonymous.get(editPath)).statusCode, 401);
    await anonymous.get('/en/login');
    assert.equal((await anonymous.post(editPath, organizationFields(await current(), { name: 'Hacked' }))).statusCode, 401);
    assert.equal((await anonymous.get('/en/moderation/organizations/new')).statusCode, 401);

    const stranger = await signIn(app, 'stranger@example.lu');
    assert.equal((await stranger.get(editPath)).statusCode, 403);
    await stranger.get('/en/provider');
    assert.equal((await stranger.post(editPath, organizationFields(await current(), { name: 'Hacked' }))).statusCode, 403);
    assert.equal((await stranger.get('/en/moderation/organizations/new')).statusCode, 403);
    assert.equal((await stranger.post('/en/moderation/organizations/new', { name: 'Mine now' })).statusCode, 403);
    assert.equal((await current()).name, 'Digital Inclusion asbl');
  });

  test('a trusted provider reaches the form from the dashboard and the changes are public at once', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    const dashboard = await browser.get('/en/provider');
    assert.match(dashboard.body, new RegExp(`href="${editPath}"`));
    const form = await browser.get(editPath);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Digital Inclusion asbl"/);
    assert.match(form.body, /value="info@di.lu"/);
    const saved = await browser.post(
      editPath,
      organizationFields(await current(), {
        name: 'Digital Inclusion Luxembourg',
        description_fr: 'Nous aidons chacun à utiliser le numérique.',
        description_de_easy: 'Wir helfen beim Handy und Computer.',
        source_de_easy: 'reviewed',
        phone: '+352 26 12 34 56',
        website: 'https://di.example.lu',
      }),
    );
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/en/provider?saved=published');
    const organization = await current();
    assert.equal(organization.name, 'Digital Inclusion Luxembourg');
    assert.equal(organization.phone, '+352 26 12 34 56');
    assert.equal(organization.website, 'https://di.example.lu/');
    assert.deepEqual(organization.description.find((t) => t.locale === 'de-easy'), {
      locale: 'de-easy',
      value: 'Wir helfen beim Handy und Computer.',
      source: 'reviewed',
    });
    const page = await new TestBrowser(app.http).get(`/fr/organizations/${organization.id}`);
    assert.match(text(page.body), /Digital Inclusion Luxembourg/);
    assert.match(text(page.body), /Nous aidons chacun à utiliser le numérique\./);
  });

  test('an untrusted provider’s edit waits in the queue with a readable difference, and approval applies it', async () => {
    const provider = await signIn(app, 'untrusted@example.lu');
    await provider.get(editPath);
    const saved = await provider.post(
      editPath,
      organizationFields(await current(), { name: 'DIL asbl', description_lb_easy: 'Mir hëllefen Iech mam Handy.', source_lb_easy: 'machine' }),
    );
    assert.equal(saved.headers.location, '/en/provider?saved=review');
    assert.equal((await current()).name, 'Digital Inclusion Luxembourg', 'the public still sees the previous version');
    assert.match(text((await provider.get('/en/provider')).body), /Your change is waiting for a moderator/);
    assert.match((await provider.get(editPath)).body, /value="DIL asbl"/, 'editing again continues from the proposal');

    const moderator = await signIn(app, 'moderator@example.lu');
    const queue = await moderator.get('/en/moderation');
    assert.match(text(queue.body), /Change to an organisation: Digital Inclusion Luxembourg/);
    const link = /href="(\/en\/moderation\/change\/[^"]+)"/.exec(queue.body)?.[1];
    assert.ok(link, 'the queue links to the change');
    const review = text((await moderator.get(link)).body);
    assert.match(review, /Name Digital Inclusion Luxembourg DIL asbl/);
    assert.match(review, /Description \(Lëtzebuergesch – Easy Language\) \(empty\) Mir hëllefen Iech mam Handy\. \[[^\]]+\]/);
    assert.doesNotMatch(review, /Phone number/, 'unchanged fields are left out');

    const approved = await moderator.post(`${link}/approve`, {});
    assert.equal(approved.headers.location, '/en/moderation?done=approved');
    const organization = await current();
    assert.equal(organization.name, 'DIL asbl');
    assert.equal(organization.description.find((t) => t.locale === 'lb-easy')?.value, 'Mir hëllefen Iech mam Handy.');
    assert.doesNotMatch(text((await provider.get('/en/provider')).body), /waiting for a moderator/);
  });

  test('failed forms answer 422 with the values kept and each error beside its field', async () => {
    const browser = await signIn(app, 'trusted@example.lu');
    await browser.get(editPath);
    const before = await current();
    const oversized = await browser.post(editPath, organizationFields(before, { name: 'x'.repeat(201), description_fr: 'y'.repeat(5001) }));
    assert.equal(oversized.statusCode, 422);
    assert.match(oversized.body, /class="error-summary"/);
    assert.match(oversized.body, /id="name-error"/);
    assert.match(oversized.body, /id="description_fr-error"/);
    assert.match(oversized.body, new RegExp(`value="${'x'.repeat(201)}"`));

    const malformed = await browser.post(editPath, organizationFields(before, { email: 'info-at-di.lu', website: 'di dot lu', name: 'Kept name' }));
    assert.equal(malformed.statusCode, 422);
    assert.match(malformed.body, /id="email-error"/);
    assert.match(malformed.body, /id="website-error"/);
    assert.match(malformed.body, /value="info-at-di.lu"/);
    assert.match(malformed.body, /value="di dot lu"/);
    assert.match(malformed.body, /value="Kept name"/);

    const german = await browser.post(editPath.replace('/en/', '/de/'), organizationFields(before, { name: '' }));
    assert.equal(german.statusCode, 422);
    assert.match(german.body, /id="name-error"/);
    assert.deepEqual(await current(), before, 'nothing was saved');
  });

  test('a moderator creates a public organisation and attaches a provider, who then sees and edits it', async () => {
    const moderator = await signIn(app, 'moderator@example.lu');
    const queue = await moderator.get('/en/moderation');
    assert.match(queue.body, /href="\/en\/moderation\/organizations\/new"/);
    const form = await moderator.get('/en/moderation/organizations/new');
    assert.equal(form.statusCode, 200);
    const fields = { name: 'Club Senior Plus', description_fr: 'Des après-midis numériques pour les aînés.', email: 'club@example.lu' };

    const unknown = await moderator.post('/en/moderation/organizations/new', { ...fields, website: 'nope', memberEmail: 'nobody@example.lu' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /id="memberEmail-error"/);
    assert.match(unknown.body, /id="website-error"/, 'the organisation’s own problems are listed in the same round');
    assert.match(unknown.body, /value="nobody@example.lu"/);
    assert.match(unknown.body, /value="Club Senior Plus"/);
    const notProvider = await moderator.post('/en/moderation/organizations/new', { ...fields, memberEmail: 'moderator@example.lu' });
    assert.equal(notProvider.statusCode, 422);
    const badEmail = await moderator.post('/en/moderation/organizations/new', { ...fields, email: 'club@', memberEmail: 'stranger@' });
    assert.equal(badEmail.statusCode, 422);
    assert.match(badEmail.body, /id="email-error"/);
    assert.match(badEmail.body, /id="memberEmail-error"/);
    assert.equal((await app.directory.listOrganizations()).some((o) => o.name === 'Club Senior Plus'), false, 'a failed form creates nothing');

    const created = await moderator.post('/en/moderation/organizations/new', { ...fields, memberEmail: 'Stranger@example.lu', memberTrusted: '1' });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/en/moderation?done=organization_created');
    assert.match(text((await moderator.get('/en/moderation?done=organization_created')).body), /The organisation is created and public\./);
    const club = (await app.directory.listOrganizations()).find((o) => o.name === 'Club Senior Plus');
    assert.ok(club, 'the new organisation is public');
    assert.equal(club.description.find((t) => t.locale === 'fr')?.value, 'Des après-midis numériques pour les aînés.');

    const provider = await signIn(app, 'stranger@example.lu');
    const dashboard = await provider.get('/en/provider');
    assert.match(text(dashboard.body), /Club Senior Plus/);
    const clubEdit = `/en/provider/organizations/${club.id}/edit`;
    assert.equal((await provider.get(clubEdit)).statusCode, 200);
    const saved = await provider.post(clubEdit, organizationFields(club, { phone: '26 11 22 33' }));
    assert.equal(saved.headers.location, '/en/provider?saved=published', 'attached as trusted');
    assert.equal((await app.directory.getOrganization(club.id))?.phone, '26 11 22 33');
  });

  test('a rejected organisation shows the reason, and the provider’s correction goes back to the queue', async () => {
    const outcome = unwrap(await app.directory.createOrganization(cast.untrusted, { name: 'Cafe Numerik' }));
    const id = outcome.value.id;
    await app.accounts.grantOrganization(cast.untrusted.id, id, false);
    const moderator = await signIn(app, 'moderator@example.lu');
    await moderator.get(`/en/moderation/organization/${id}`);
    await moderator.post(`/en/moderation/organization/${id}/reject`, { reason: 'Please write the full name with its accents.' });

    const provider = await signIn(app, 'untrusted@example.lu');
    assert.match(text((await provider.get('/en/provider')).body), /Please write the full name with its accents\./);
    const path = `/en/provider/organizations/${id}/edit`;
    assert.match(text((await provider.get(path)).body), /Please write the full name with its accents\./);
    const saved = await provider.post(path, { name: 'Café Numérique' });
    assert.equal(saved.headers.location, '/en/provider?saved=review');
    const queue = await moderator.get('/en/moderation');
    assert.match(text(queue.body), /New organisation: Café Numérique/);
  });
});
