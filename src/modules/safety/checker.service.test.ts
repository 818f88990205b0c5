import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { defaultBrands } from './analysis/brands.js';
import { createCheckerService } from './checker.service.js';
import { createReportSigner } from './checker.token.js';

const SCAM_SMS =
  'Dear Anna Muller, Spuerkeess: your account is blocked. Confirm your LuxTrust code now at http://spuerkeess-secure.com/login within 24 hours. Call us on +352 621 123 456.';

/** The payload of a token, changed and put back with its old signature. */
function tampered(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [data = '', signature = ''] = token.split('.');
  const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describeEachDialect('the scam checker service', (dialect) => {
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let moderator: CurrentUser;
  let provider: CurrentUser;

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    const user = async (email: string, role: CurrentUser['role']) =>
      unwrap(await app.accounts.createUser({ email, password: 'correct horse battery', displayName: email, role }));
    moderator = await user('moderator@example.lu', 'moderator');
    provider = await user('provider@example.lu', 'provider');
  });
  after(async () => app?.close());

  const queue = async () => unwrap(await app.checker.reportQueue(moderator));

  test('the brand list is seeded once from the default list, and a restart keeps the moderators’ edits', async () => {
    const seeded = await app.checker.brands();
    assert.equal(seeded.length, defaultBrands.length);
    assert.deepEqual(
      seeded.find((b) => b.id === 'spuerkeess'),
      defaultBrands.find((b) => b.id === 'spuerkeess'),
    );
    unwrap(await app.checker.deleteBrand(moderator, 'netflix'));
    const again = createCheckerService({ db: app.db, clock, sessionSecret: app.config.sessionSecret });
    await again.start();
    assert.equal((await again.brands()).length, defaultBrands.length - 1, 'not seeded again: the table is not empty');
  });

  test('a check analyses with the current brand list and stores nothing', async () => {
    const message = 'Zesummen Bank: please confirm your account at https://zesummen-bank-secure.com/login';
    const before = unwrap(await app.checker.check({ kind: 'text', text: message }));
    assert.ok(!before.analysis.imitatedBrands.includes('zesummen-bank'));
    const added = unwrap(await app.checker.addBrand(moderator, { name: 'Zesummen Bank', domains: ['zesummen-bank.lu'], phones: [], keywords: ['zesummen bank'] }));
    assert.equal(added.id, 'zesummen-bank');
    const after = unwrap(await app.checker.check({ kind: 'text', text: message }));
    assert.ok(after.analysis.imitatedBrands.includes('zesummen-bank'), JSON.stringify(after.analysis.reasons));
    assert.ok(after.analysis.reasons.some((r) => r.rule === 'lookalike_domain' && r.params.brand === 'Zesummen Bank'));
    assert.equal((await queue()).openCount, 0);
  });

  test('input the analysis cannot use comes back as a problem', async () => {
    assert.deepEqual(await app.checker.check({ kind: 'text', text: '   ' }), { ok: false, error: 'empty' });
    assert.deepEqual(await app.checker.check({ kind: 'url', url: 'not an address' }), { ok: false, error: 'not_a_web_address' });
  });

  test('a report stores the redacted message once; forged, foreign and old tokens store nothing', async () => {
    const outcome = unwrap(await app.checker.check({ kind: 'text', text: SCAM_SMS }));
    const { reportToken, analysis } = outcome;
    assert.equal(analysis.verdict, 'very_likely_scam');

    const forged = [
      tampered(reportToken, (p) => (p.redacted = 'Buy cheap watches at example.com')),
      tampered(reportToken, (p) => (p.verdict = 'likely_safe')),
      tampered(reportToken, (p) => (p.nonce = 'another-nonce-to-replay')),
      createReportSigner('another-secret-'.padEnd(40, 'y')).sign(
        { redacted: 'spam', verdict: 'very_likely_scam', reasons: [], imitatedBrands: ['post'], inputKind: 'text' },
        clock.now(),
      ),
      'nonsense',
      '',
    ];
    for (const token of forged) assert.deepEqual(await app.checker.report(token), { ok: false, error: 'invalid' }, token.slice(0, 40));
    assert.equal((await queue()).openCount, 0);

    assert.deepEqual(await app.checker.report(reportToken), { ok: true, value: 'reported' });
    assert.deepEqual(await app.checker.report(reportToken), { ok: true, value: 'already_reported' }, 'a replay stores nothing');
    const { reports, openCount } = await queue();
    assert.equal(openCount, 1);
    const [report] = reports;
    assert.equal(report?.verdict, 'very_likely_scam');
    assert.equal(report?.inputKind, 'text');
    assert.deepEqual([...(report?.imitatedBrands ?? [])].sort(), ['luxtrust', 'spuerkeess']);
    assert.equal(report?.redactedText, analysis.redacted);
    assert.doesNotMatch(report?.redactedText ?? '', /621 123 456|Anna Muller/, 'personal parts are masked');
    assert.deepEqual(
      report?.reasons.map((r) => r.rule),
      analysis.reasons.map((r) => r.rule),
    );

    const old = unwrap(await app.checker.check({ kind: 'text', text: SCAM_SMS })).reportToken;
    clock.set('2026-03-03T09:00:01.000Z');
    assert.deepEqual(await app.checker.report(old), { ok: false, error: 'expired' });
    clock.set('2026-03-02T09:00:00.000Z');
  });

  test('trends count the brands and verdicts of the last 7 days', async () => {
    const post = 'POST Luxembourg: your parcel could not be delivered. Pay the customs fee of 1.99 EUR at http://post-lu-delivery.com/pay within 24 hours.';
    const report = async (text: string) => unwrap(await app.checker.report(unwrap(await app.checker.check({ kind: 'text', text })).reportToken));
    clock.set('2026-02-20T09:00:00.000Z');
    await report(post);
    clock.set('2026-03-05T09:00:00.000Z');
    await report(post);
    await report(post);
    await report('Hi Anna, see you tomorrow at the café at 3. Love, Marc');

    const trends = unwrap(await app.checker.trends(moderator));
    assert.equal(trends.since, '2026-02-26T09:00:00.000Z');
    assert.deepEqual(
      trends.brands.map((b) => [b.id, b.name, b.count]),
      [
        ['post', 'POST Luxembourg', 2],
        ['luxtrust', 'LuxTrust', 1],
        ['spuerkeess', 'Spuerkeess (BCEE)', 1],
      ],
    );
    assert.deepEqual(trends.verdicts, { very_likely_scam: 3, be_careful: 0, likely_safe: 1 });
    assert.equal(trends.total, 4);

    const [newest] = (await queue()).reports;
    unwrap(await app.checker.markReportHandled(moderator, newest!.id));
    assert.deepEqual(await app.checker.markReportHandled(moderator, newest!.id), { ok: false, error: 'not_found' });
    assert.equal((await queue()).openCount, 4, 'handled reports leave the queue');
    assert.equal(unwrap(await app.checker.trends(moderator)).total, 4, 'and still count in the trends');
  });

  test('warnings are published, taken down, shown again and deleted by moderators only', async () => {
    const warning = unwrap(await app.checker.publishWarning(moderator, { lang: 'fr', title: 'Faux SMS de la POST', body: 'Ne payez pas.\n\nSupprimez le SMS.' }));
    assert.deepEqual((await app.checker.publishedWarnings()).map((w) => [w.title, w.lang, w.published]), [['Faux SMS de la POST', 'fr', true]]);
    unwrap(await app.checker.setWarningShown(moderator, warning.id, false));
    assert.deepEqual(await app.checker.publishedWarnings(), []);
    assert.equal(unwrap(await app.checker.warnings(moderator))[0]?.published, false);
    unwrap(await app.checker.setWarningShown(moderator, warning.id, true));
    assert.equal((await app.checker.publishedWarnings()).length, 1);
    unwrap(await app.checker.deleteWarning(moderator, warning.id));
    assert.deepEqual(await app.checker.warnings(moderator), { ok: true, value: [] });
    assert.deepEqual(await app.checker.deleteWarning(moderator, warning.id), { ok: false, error: 'not_found' });

    assert.deepEqual(await app.checker.publishWarning(provider, { lang: 'en', title: 'x', body: 'y' }), { ok: false, error: 'forbidden' });
    assert.deepEqual(await app.checker.reportQueue(provider), { ok: false, error: 'forbidden' });
    assert.deepEqual(await app.checker.trends(provider), { ok: false, error: 'forbidden' });
    assert.deepEqual(await app.checker.deleteBrand(provider, 'post'), { ok: false, error: 'forbidden' });
  });

  test('brand edits are checked and normalised', async () => {
    const saved = unwrap(
      await app.checker.updateBrand(moderator, 'post', {
        name: '  POST   Luxembourg ',
        domains: ['https://www.Post.lu/', 'post.lu', 'pöst.lu'],
        phones: ['+352 8002 8004', ' 8002-8004 '],
        keywords: ['POST Luxembourg', 'post.lu'],
      }),
    );
    assert.deepEqual(saved, {
      id: 'post',
      name: 'POST Luxembourg',
      domains: ['www.post.lu', 'post.lu', 'xn--pst-sna.lu'],
      phones: ['+352 8002 8004', '8002-8004'],
      keywords: ['post luxembourg', 'post.lu'],
    });
    assert.deepEqual(await app.checker.brand('post'), saved);

    const refused = async (input: Partial<Parameters<typeof app.checker.addBrand>[1]>) => {
      const result = await app.checker.addBrand(moderator, { name: 'Test Bank', domains: ['testbank.lu'], phones: [], keywords: ['test bank'], ...input });
      assert.equal(result.ok, false);
      return result.ok ? null : result.error;
    };
    assert.deepEqual(await refused({ domains: ['testbank.lu', 'not a domain'] }), { domains: { problem: 'invalid_domain', value: 'not a domain' } });
    assert.deepEqual(await refused({ domains: ['localhost'] }), { domains: { problem: 'invalid_domain', value: 'localhost' } });
    assert.deepEqual(await refused({ domains: ['anna@testbank.lu'] }), { domains: { problem: 'invalid_domain', value: 'anna@testbank.lu' } });
    assert.deepEqual(await refused({ domains: [] }), { domains: { problem: 'required' } });
    assert.deepEqual(await refused({ phones: ['call us'] }), { phones: { problem: 'invalid_phone', value: 'call us' } });
    assert.deepEqual(await refused({ phones: ['12'] }), { phones: { problem: 'invalid_phone', value: '12' } });
    assert.deepEqual(await refused({ keywords: ['x'] }), { keywords: { problem: 'invalid_keyword', value: 'x' } });
    assert.deepEqual(await refused({ name: 'POST luxembourg' }), { name: { problem: 'name_taken', value: 'POST luxembourg' } });
    assert.deepEqual(await refused({ name: '!!!' }), { name: { problem: 'invalid_name', value: '!!!' } });
    assert.deepEqual(await app.checker.updateBrand(moderator, 'nope', { name: 'Nope', domains: ['nope.lu'], phones: [], keywords: ['nope'] }), {
      ok: false,
      error: 'not_found',
    });
  });
});
