import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { seedDemo } from './seed-demo.js';

const now = new Date();

describeEachDialect('seeding the demo directory', (dialect) => {
  let app: TestApp;
  const deps = () => ({ directory: app.directory, accounts: app.accounts });

  before(async () => {
    app = await buildTestApp(dialect);
  });
  after(async () => app.close());

  test('an empty database gets the demo directory, findable by search', async () => {
    const outcome = await seedDemo(deps(), { now });
    assert.equal(outcome.state, 'seeded');
    const all = await app.directory.search({ limit: 5 });
    assert.ok(all.total >= 200, `${all.total} offers found`);
    const seniors = await app.directory.search({ audiences: ['seniors'], limit: 50 });
    assert.ok(seniors.total > 0 && seniors.offers.every((card) => card.offer.audiences.includes('seniors')));
    const smartphone = await app.directory.search({ text: 'smartphone', limit: 50 });
    assert.ok(smartphone.total > 0);
    assert.ok(smartphone.offers.every((card) => card.offer.isDemo && card.organization.name.endsWith('(Demo)')));
  });

  test('every demo account can sign in, and the providers manage their organisations', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await app.accounts.authenticate(account.email, account.password);
      assert.ok(user, account.email);
      assert.equal(user.role, account.role);
      assert.deepEqual([...user.organizationIds].sort(), [...account.organizationIds].sort());
      for (const organizationId of account.organizationIds) {
        assert.equal(await app.accounts.isTrusted(user.id, organizationId), account.trusted);
        assert.ok(await app.directory.getOrganization(organizationId), organizationId);
      }
    }
  });

  test('seeding again changes nothing unless asked to replace', async () => {
    const before = await app.directory.search({ limit: 1 });
    assert.equal((await seedDemo(deps(), { now })).state, 'already_seeded');
    assert.equal((await app.directory.search({ limit: 1 })).total, before.total);
    const replaced = await seedDemo(deps(), { now, replace: true });
    assert.equal(replaced.state, 'replaced');
    assert.equal((await app.directory.search({ limit: 1 })).total, before.total);
  });

  test('a database with real listings is never seeded, even with replace', async () => {
    await app.directory.importDirectory({
      organizations: [{ id: 'real-org', name: 'Real association', description: [], email: null, phone: null, website: null }],
      locations: [],
      offers: [],
      sessions: [],
    });
    const outcome = await seedDemo(deps(), { now, replace: true });
    assert.deepEqual(outcome, { state: 'refused_real_data', real: 1 });
    assert.ok(await app.directory.getOrganization('real-org'));
  });
});
