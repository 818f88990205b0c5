import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { activePersonMandate, mandateCastOf, type MandateCast } from '../../../test/support/mandate-fixtures.js';
import { unwrap } from '../../../test/support/directory-fixtures.js';
import { dropAppendOnlyGuard } from '../../platform/db/append-only.js';
import { runCommand, useDatabaseForCli } from '../../../test/support/cli.js';
import { canonicalJson, createChainVerifier, entryHash, GENESIS_HASH } from './journal.js';

test('canonical JSON sorts keys at every level, so equal entries hash equally', () => {
  assert.equal(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null }), '{"a":null,"b":[2,{"c":"x","d":1}]}');
  const entry = { seq: 1, at: '2026-03-02T09:00:00.000Z', kind: 'mandate_proposed' as const, mandateId: 'm1', actor: 'u1', details: { x: 1, y: 'z' } };
  assert.equal(entryHash(GENESIS_HASH, entry), entryHash(GENESIS_HASH, { ...entry, details: { y: 'z', x: 1 } }));
  assert.notEqual(entryHash(GENESIS_HASH, entry), entryHash(GENESIS_HASH, { ...entry, actor: 'u2' }));
});

test('the verifier names the first entry whose link is wrong', () => {
  const first = { seq: 1, at: 'a', kind: 'mandate_proposed' as const, mandateId: null, actor: 'x', details: {} };
  const firstHash = entryHash(GENESIS_HASH, first);
  const second = { seq: 2, at: 'b', kind: 'mandate_accepted' as const, mandateId: null, actor: 'x', details: {} };
  const good = [
    { ...first, prevHash: GENESIS_HASH, hash: firstHash },
    { ...second, prevHash: firstHash, hash: entryHash(firstHash, second) },
  ];
  const verify = (entries: typeof good) => {
    const verifier = createChainVerifier();
    for (const entry of entries) {
      const broken = verifier.check(entry);
      if (broken) return broken;
    }
    return verifier.done();
  };
  assert.deepEqual(verify(good), { ok: true, entries: 2 });
  assert.deepEqual(verify([good[0]!, { ...good[1]!, actor: 'y' }]), { ok: false, entries: 2, brokenAt: 2, reason: 'hash_mismatch' });
  assert.deepEqual(verify([good[1]!]), { ok: false, entries: 1, brokenAt: 2, reason: 'sequence_gap' });
  assert.deepEqual(verify([good[0]!, { ...good[1]!, prevHash: GENESIS_HASH }]), { ok: false, entries: 2, brokenAt: 2, reason: 'chain_broken' });
});

describeEachDialect('mandates: the journal resists tampering', (dialect) => {
  let app: TestApp;
  let cast: MandateCast;

  before(async () => {
    app = await buildTestApp(dialect);
    cast = await mandateCastOf(app);
    const mandate = await activePersonMandate(app, cast);
    unwrap(await app.mandates.revoke(cast.principal, mandate.id, 'taxes_money'));
  });
  after(async () => app.close());

  test('the database itself refuses to edit or delete journal rows', async () => {
    await assert.rejects(sql`update mandate_journal set actor = 'someone else' where seq = 3`.execute(app.db), /append-only/);
    await assert.rejects(sql`delete from mandate_journal where seq = 3`.execute(app.db), /append-only/);
    if (dialect === 'postgres') await assert.rejects(sql`truncate mandate_journal`.execute(app.db), /append-only/);
    assert.deepEqual(await app.mandates.verifyJournal(), { ok: true, entries: 6 });
  });

  /** `zesummen mandates verify-journal` against this test's database; its exit code and what it printed. */
  async function verifyCommand(t: TestContext): Promise<{ code: number; printed: string }> {
    useDatabaseForCli(app.config);
    const { code, out, err } = await runCommand(t, 'mandates', 'verify-journal');
    return { code, printed: [...out, ...err].join('\n') };
  }

  test('a row altered behind the triggers’ back is found by the verification', async (t) => {
    const intact = await verifyCommand(t);
    assert.equal(intact.code, 0);
    assert.match(intact.printed, /intact: 6 entries/);
    await dropAppendOnlyGuard(app.db, 'mandate_journal');
    await sql`update mandate_journal set details = ${'{"category":"housing"}'} where seq = 6`.execute(app.db);
    assert.deepEqual(await app.mandates.verifyJournal(), { ok: false, entries: 6, brokenAt: 6, reason: 'hash_mismatch' });
    const broken = await verifyCommand(t);
    assert.equal(broken.code, 1);
    assert.match(broken.printed, /broken at entry 6: its content no longer matches its hash/);
    await sql`delete from mandate_journal where seq = 4`.execute(app.db);
    assert.deepEqual(await app.mandates.verifyJournal(), { ok: false, entries: 4, brokenAt: 5, reason: 'sequence_gap' });
  });
});
