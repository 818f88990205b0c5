import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import { activePersonMandate, mandateCastOf, TAXES_AND_HEALTH, type MandateCast } from '../../../test/support/mandate-fixtures.js';
import type { MailMessage } from '../../platform/mail/mailer.js';

describeEachDialect('mandates: lifecycle and refusals', (dialect) => {
  let app: TestApp;
  let cast: MandateCast;
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const mail: MailMessage[] = [];

  before(async () => {
    app = await buildTestApp(dialect, { clock, mailer: { send: async (message) => void mail.push(message) } });
    cast = await mandateCastOf(app);
  });
  after(async () => app.close());

  test('a principal gives her son a mandate: consent, acceptance, then it is active for six months', async () => {
    const proposed = unwrap(
      await app.mandates.propose(cast.principal, { agent: { kind: 'person', email: cast.relative.email }, scopes: TAXES_AND_HEALTH, duration: '6m' }),
    );
    assert.equal(proposed.status, 'pending_consent');
    assert.equal(proposed.agent.kind === 'person' && proposed.agent.displayName, 'João Ferreira');
    assert.equal(proposed.endsAt, '2026-09-02T09:00:00.000Z');

    assert.deepEqual((await app.mandates.accept(cast.relative, proposed.id)), { ok: false, error: 'wrong_state' });
    const shown = app.mandates.consentText(proposed, { locale: 'pt', easyLanguage: true });
    assert.match(shown.text, /Maria Ferreira/);
    assert.deepEqual(
      await app.mandates.consentOnline(cast.principal, proposed.id, { locale: 'pt', easyLanguage: true, textSha256: 'f'.repeat(64) }),
      { ok: false, error: 'consent_text_changed' },
    );
    const consented = unwrap(await app.mandates.consentOnline(cast.principal, proposed.id, { locale: 'pt', easyLanguage: true, textSha256: shown.sha256 }));
    assert.equal(consented.status, 'pending_acceptance');
    assert.equal(consented.consent?.method, 'online');
    assert.equal(consented.consent?.text, shown.text);
    assert.equal(consented.consent?.textSha256, createHash('sha256').update(shown.text).digest('hex'));
    assert.equal(consented.consent?.easyLanguage, true);

    const active = unwrap(await app.mandates.accept(cast.relative, proposed.id));
    assert.equal(active.status, 'active');
    assert.deepEqual((await app.mandates.listAsPrincipal(cast.principal)).map((m) => m.id), [proposed.id]);
    assert.ok((await app.mandates.listAsAgent(cast.relative)).some((m) => m.id === proposed.id));
    assert.deepEqual(
      unwrap(await app.mandates.history(cast.principal, proposed.id)).map((e) => e.kind),
      ['mandate_proposed', 'consent_given', 'mandate_accepted'],
    );
  });

  test('nobody else can see, consent to, accept or revoke someone else’s mandate', async () => {
    const mandate = await activePersonMandate(app, cast);
    assert.deepEqual(await app.mandates.get(cast.neighbour, mandate.id), { ok: false, error: 'not_found' });
    assert.deepEqual(await app.mandates.revoke(cast.neighbour, mandate.id), { ok: false, error: 'not_found' });
    assert.deepEqual(await app.mandates.history(cast.otherHelper, mandate.id), { ok: false, error: 'not_found' });
    assert.deepEqual(await app.mandates.createAccessCode(cast.relative, mandate.id), { ok: false, error: 'forbidden' });
    assert.deepEqual(await app.mandates.revoke(cast.relative, mandate.id, 'taxes_money'), { ok: false, error: 'forbidden' });
    const other = unwrap(
      await app.mandates.propose(cast.neighbour, { agent: { kind: 'person', email: cast.principal.email }, scopes: TAXES_AND_HEALTH, duration: '1d' }),
    );
    const text = app.mandates.consentText(other, { locale: 'en', easyLanguage: false });
    assert.deepEqual(
      await app.mandates.consentOnline(cast.principal, other.id, { locale: 'en', easyLanguage: false, textSha256: text.sha256 }),
      { ok: false, error: 'forbidden' },
      'the agent cannot consent in the principal’s place',
    );
  });

  test('proposals are refused without scopes, for oneself, for unknown people or for an unaccredited organisation', async () => {
    const propose = (input: Parameters<TestApp['mandates']['propose']>[1]) => app.mandates.propose(cast.principal, input);
    assert.deepEqual(await propose({ agent: { kind: 'person', email: cast.relative.email }, scopes: [{ category: 'housing', actions: [] }], duration: '1m' }), { ok: false, error: 'no_scopes' });
    assert.deepEqual(await propose({ agent: { kind: 'person', email: cast.principal.email }, scopes: TAXES_AND_HEALTH, duration: '1m' }), { ok: false, error: 'agent_is_principal' });
    assert.deepEqual(await propose({ agent: { kind: 'person', email: 'nobody@example.lu' }, scopes: TAXES_AND_HEALTH, duration: '1m' }), { ok: false, error: 'agent_not_found' });
    assert.deepEqual(await propose({ agent: { kind: 'person', email: cast.helper.email }, scopes: TAXES_AND_HEALTH, duration: '1m' }), { ok: false, error: 'agent_not_found' });
    const unaccredited = unwrap(await app.directory.createOrganization(cast.moderator, { name: 'New asbl', email: 'new@example.lu' }));
    assert.equal(unaccredited.state, 'published');
    const id = unaccredited.state === 'published' ? unaccredited.value.id : '';
    assert.deepEqual(await propose({ agent: { kind: 'organization', organizationId: id }, scopes: TAXES_AND_HEALTH, duration: '1m' }), { ok: false, error: 'organization_not_accredited' });
  });

  test('the assisted flow: a verified helper prints the form, records paper consent with its code, and accepts for the helpdesk', async () => {
    const unverified = { ...cast.helper, secondFactorVerified: false };
    const request = { principalEmail: cast.principal.email, agent: { kind: 'organization', organizationId: cast.helpdesk.id } as const, scopes: TAXES_AND_HEALTH, duration: '1y' as const };
    assert.deepEqual(await app.mandates.propose(unverified, request), { ok: false, error: 'second_factor_required' });
    assert.deepEqual(await app.mandates.propose(cast.helper, { ...request, principalEmail: 'nobody@example.lu' }), { ok: false, error: 'principal_not_found' });
    const mandate = unwrap(await app.mandates.propose(cast.helper, request));
    assert.equal(mandate.principal.userId, cast.principal.id);

    assert.deepEqual(await app.mandates.printConsentForm(cast.otherHelper, mandate.id, { locale: 'de', easyLanguage: false }), { ok: false, error: 'not_found' });
    assert.deepEqual(await app.mandates.printConsentForm(unverified, mandate.id, { locale: 'de', easyLanguage: false }), { ok: false, error: 'second_factor_required' });
    const first = unwrap(await app.mandates.printConsentForm(cast.helper, mandate.id, { locale: 'de', easyLanguage: false }));
    const form = unwrap(await app.mandates.printConsentForm(cast.helper, mandate.id, { locale: 'de', easyLanguage: true }));
    assert.equal(Buffer.from(form.pdf.subarray(0, 5)).toString(), '%PDF-');
    assert.match(form.oneTimeCode, /^[0-9A-Z]{8}$/);

    const record = (code: string, declaration = true) => app.mandates.recordPaperConsent(cast.helper, mandate.id, { oneTimeCode: code, declaration });
    assert.deepEqual(await record(form.oneTimeCode, false), { ok: false, error: 'declaration_required' });
    if (first.oneTimeCode !== form.oneTimeCode) assert.deepEqual(await record(first.oneTimeCode), { ok: false, error: 'code_wrong' }, 'a reprint replaces the earlier code');
    const consented = unwrap(await record(` ${form.oneTimeCode.toLowerCase().replace(/(....)/, '$1-')} `));
    assert.equal(consented.status, 'pending_acceptance');
    assert.equal(consented.consent?.method, 'paper');
    assert.equal(consented.consent?.helperUserId, cast.helper.id);
    assert.equal(consented.consent?.locale, 'de');
    assert.equal(consented.consent?.easyLanguage, true);
    assert.match(consented.consent?.helperDeclaration ?? '', /Ausweis/);

    assert.deepEqual(await app.mandates.accept(cast.otherHelper, mandate.id), { ok: false, error: 'not_found' }, 'a helper of another organisation');
    assert.deepEqual(await app.mandates.accept(unverified, mandate.id), { ok: false, error: 'second_factor_required' });
    unwrap(await app.mandates.withdrawAccreditation(cast.moderator, cast.helpdesk.id));
    assert.deepEqual(await app.mandates.accept(cast.helper, mandate.id), { ok: false, error: 'organization_not_accredited' });
    unwrap(await app.mandates.accredit(cast.moderator, cast.helpdesk.id, '2031-01-01T00:00:00.000Z'));
    assert.equal(unwrap(await app.mandates.accept(cast.helper, mandate.id)).status, 'active');
    assert.ok((await app.mandates.listAsPrincipal(cast.principal)).some((m) => m.id === mandate.id), 'the principal sees it');
  });

  test('a helper who set up a mandate between two people finds it in their list to print the form', async () => {
    const mandate = unwrap(
      await app.mandates.propose(cast.helper, { principalEmail: cast.principal.email, agent: { kind: 'person', email: cast.relative.email }, scopes: TAXES_AND_HEALTH, duration: '1m' }),
    );
    assert.ok((await app.mandates.listAsAgent(cast.helper)).some((m) => m.id === mandate.id));
    assert.ok(!(await app.mandates.listAsAgent(cast.otherHelper)).some((m) => m.id === mandate.id));
    assert.equal(unwrap(await app.mandates.printConsentForm(cast.helper, mandate.id, { locale: 'en', easyLanguage: false })).oneTimeCode.length, 8);
    assert.deepEqual(await app.mandates.accept(cast.helper, mandate.id), { ok: false, error: 'forbidden' }, 'only the relative accepts');
  });

  test('only moderators accredit organisations', async () => {
    assert.deepEqual(await app.mandates.accredit(cast.helper, cast.helpdesk.id, '2030-01-01T00:00:00Z'), { ok: false, error: 'forbidden' });
    assert.deepEqual(await app.mandates.accredit(cast.moderator, cast.helpdesk.id, '2020-01-01T00:00:00Z'), { ok: false, error: 'wrong_state' });
    const list = await app.mandates.listAccreditations();
    assert.ok(list.some((a) => a.organizationId === cast.helpdesk.id && a.current && a.organizationName === 'Helpdesk Esch'));
  });

  test('revoking one area keeps the rest; revoking the last area ends the mandate; the receipt is the journal entry', async () => {
    const mandate = await activePersonMandate(app, cast);
    const first = unwrap(await app.mandates.revoke(cast.principal, mandate.id, 'taxes_money'));
    assert.equal(first.mandate.status, 'active');
    assert.equal(first.receipt.kind, 'scope_revoked');
    assert.ok(first.mandate.scopes.find((s) => s.category === 'taxes_money')?.revokedAt);
    assert.deepEqual(await app.mandates.revoke(cast.principal, mandate.id, 'taxes_money'), { ok: false, error: 'wrong_state' });
    const last = unwrap(await app.mandates.revoke(cast.principal, mandate.id, 'social_security_health'));
    assert.equal(last.mandate.status, 'revoked');
    assert.equal(last.receipt.kind, 'mandate_revoked');
    assert.deepEqual(await app.mandates.revoke(cast.principal, mandate.id), { ok: false, error: 'wrong_state' });
  });

  test('the agent may give the mandate back; a renewal needs new consent', async () => {
    const given = await activePersonMandate(app, cast);
    assert.equal(unwrap(await app.mandates.revoke(cast.relative, given.id)).mandate.status, 'revoked');

    const mandate = await activePersonMandate(app, cast);
    unwrap(await app.mandates.revoke(cast.principal, mandate.id, 'social_security_health'));
    assert.deepEqual(await app.mandates.renew(cast.relative, mandate.id, '1y'), { ok: false, error: 'forbidden' });
    const renewed = unwrap(await app.mandates.renew(cast.principal, mandate.id, '1y'));
    assert.equal(renewed.status, 'pending_consent');
    assert.equal(renewed.renewalOf, mandate.id);
    assert.deepEqual(renewed.scopes.map((s) => s.category), ['taxes_money'], 'revoked areas are not renewed');
    assert.ok(unwrap(await app.mandates.history(cast.principal, mandate.id)).some((e) => e.kind === 'mandate_renewed'));
  });

  test('a third party sees the mandate with the principal’s access code, and each view is journalled', async () => {
    const mandate = await activePersonMandate(app, cast);
    const access = unwrap(await app.mandates.createAccessCode(cast.principal, mandate.id));
    assert.match(access.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(new Date(access.expiresAt).getTime() - clock.now().getTime(), 30 * 86_400_000);
    const view = await app.mandates.viewWithAccessCode(access.code.toLowerCase().replace(/-/g, ' '));
    assert.equal(view?.principalName, 'Maria Ferreira');
    assert.equal(view?.status, 'active');
    assert.equal(await app.mandates.viewWithAccessCode('AAAA-BBBB-CCCC-DDDD'), null);
    assert.ok(unwrap(await app.mandates.history(cast.principal, mandate.id)).some((e) => e.kind === 'access_code_viewed'));
  });

  test('expiry: reminders 30 and 7 days before, once each, then the mandate expires and refuses use', async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const mandate = await activePersonMandate(app, cast);
    const short = unwrap(await app.mandates.propose(cast.principal, { agent: { kind: 'person', email: cast.relative.email }, scopes: TAXES_AND_HEALTH, duration: '1d' }));
    mail.length = 0;
    assert.equal(await app.mandates.sendExpiryReminders(), 0, 'nothing is due yet');

    clock.set('2026-08-04T09:00:00.000Z');
    const sent = await app.mandates.sendExpiryReminders();
    const about = mail.filter((m) => m.text.includes(`/mandates/${mandate.id}`));
    assert.deepEqual(about.map((m) => m.to).sort(), [cast.relative.email, cast.principal.email].sort());
    assert.match(about[0]?.subject ?? '', /29|30/);
    assert.ok(sent >= 2);
    mail.length = 0;
    await app.mandates.sendExpiryReminders();
    assert.equal(mail.filter((m) => m.text.includes(mandate.id)).length, 0, 'sent once');

    clock.set('2026-08-27T10:00:00.000Z');
    await app.mandates.sendExpiryReminders();
    assert.equal(mail.filter((m) => m.text.includes(mandate.id)).length, 2, 'the 7-day reminder');

    clock.set('2026-09-02T09:00:00.000Z');
    await app.mandates.sendExpiryReminders();
    assert.equal(unwrap(await app.mandates.get(cast.principal, mandate.id)).status, 'expired');
    assert.equal(unwrap(await app.mandates.get(cast.principal, short.id)).status, 'expired');
    assert.deepEqual(await app.mandates.revoke(cast.principal, mandate.id), { ok: false, error: 'wrong_state' });
    const kinds = unwrap(await app.mandates.history(cast.principal, mandate.id)).map((e) => e.kind);
    assert.deepEqual(kinds.slice(-3), ['reminder_sent', 'reminder_sent', 'mandate_expired']);
    const renewed = unwrap(await app.mandates.renew(cast.principal, mandate.id, '1m'));
    assert.equal(renewed.status, 'pending_consent');
    clock.set('2026-03-02T09:00:00.000Z');
  });

  test('the journal chain verifies after many concurrent changes', async () => {
    const mandates = await Promise.all([1, 2, 3, 4, 5].map(() => activePersonMandate(app, cast)));
    await Promise.all(mandates.map((m) => app.mandates.createAccessCode(cast.principal, m.id)));
    const verified = await app.mandates.verifyJournal();
    assert.equal(verified.ok, true);
    assert.ok(verified.entries > 20);
  });
});
