import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, describeEachDialect, type TestApp } from '../../../test/support/test-app.js';
import { pageText, TestBrowser } from '../../../test/support/http.js';
import { manualClock, unwrap } from '../../../test/support/directory-fixtures.js';
import { activePersonMandate, mandateCastOf, type MandateCast } from '../../../test/support/mandate-fixtures.js';
import { oneTimeCodeOf } from '../../../test/support/pdf-text.js';
import { totpAt } from '../../../test/support/totp.js';

const PASSWORD = 'correct horse battery';
const text = pageText;
const idFrom = (location: unknown) => /\/mandates\/([^/?]+)/.exec(String(location))?.[1] ?? assert.fail(`no mandate in ${String(location)}`);

describeEachDialect('the mandate pages', (dialect) => {
  const clock = manualClock('2026-03-03T13:05:00.000Z');
  let app: TestApp;
  let cast: MandateCast;
  const secrets = new Map<string, string>();

  before(async () => {
    app = await buildTestApp(dialect, { clock });
    cast = await mandateCastOf(app);
  });
  after(async () => app?.close());

  // Sign-ins are rate-limited per address: each person signs in once and keeps the session.
  const sessions = new Map<string, TestBrowser>();
  async function signIn(email: string, options: { fresh?: boolean } = {}): Promise<TestBrowser> {
    const known = sessions.get(email);
    if (known && !options.fresh) return known;
    const browser = await newSession(email);
    if (!options.fresh) sessions.set(email, browser);
    return browser;
  }

  async function newSession(email: string): Promise<TestBrowser> {
    const browser = new TestBrowser(app.http);
    await browser.get('/en/login');
    const response = await browser.post('/en/login', { email, password: PASSWORD });
    assert.equal(response.statusCode, 303);
    return browser;
  }

  /** A helper's browser whose session has passed the second factor, enrolling the first time. */
  const verified = new Map<string, TestBrowser>();
  async function verifiedHelper(email: string): Promise<TestBrowser> {
    const ready = verified.get(email);
    if (ready) return ready;
    const browser = await signIn(email, { fresh: true });
    verified.set(email, browser);
    // Each 30-second code is accepted once: a new session needs the next one.
    clock.set(new Date(clock.now().getTime() + 31_000).toISOString());
    const known = secrets.get(email);
    if (known) {
      await browser.get('/en/account/second-factor/verify');
      assert.equal((await browser.post('/en/account/second-factor/verify', { code: totpAt(known, clock.now()) })).statusCode, 303);
      return browser;
    }
    const page = await browser.get('/en/account/second-factor');
    const secret = (/class="secret-key"[^>]*>([^<]+)</.exec(page.body)?.[1] ?? '').replace(/ /g, '');
    assert.ok(secret, 'the enrolment page shows the key');
    secrets.set(email, secret);
    assert.equal((await browser.post('/en/account/second-factor', { code: totpAt(secret, clock.now()) })).statusCode, 303);
    return browser;
  }

  test('signing in is required, and a mandate is not found by anyone outside it', async () => {
    const anonymous = new TestBrowser(app.http);
    assert.equal((await anonymous.get('/en/mandates')).statusCode, 401);
    const signIn401 = await anonymous.get('/en/mandates/new');
    assert.equal(signIn401.statusCode, 401);
    assert.match(signIn401.body, /href="\/en\/login\?next=%2Fmandates%2Fnew"/);

    const mandate = await activePersonMandate(app, cast);
    const neighbour = await signIn(cast.neighbour.email);
    for (const path of [`/en/mandates/${mandate.id}`, `/en/mandates/${mandate.id}/revoke`, `/en/mandates/${mandate.id}/receipt/1`]) {
      const page = await neighbour.get(path);
      assert.equal(page.statusCode, 404, path);
      assert.match(text(page.body), /We could not find this mandate\./);
    }
    const refused = await neighbour.post(`/en/mandates/${mandate.id}/revoke`, { confirm: 'yes' });
    assert.equal(refused.statusCode, 404);
    assert.equal(unwrap(await app.mandates.get(cast.principal, mandate.id)).status, 'active');
  });

  test('the whole life of a mandate through the pages: propose, consent online, accept, end one area, end it all', async () => {
    const maria = await signIn(cast.principal.email);
    const list = await maria.get('/en/mandates');
    assert.equal(list.statusCode, 200);
    assert.match(list.headers['cache-control'] as string, /no-store/);
    assert.match(text(list.body), /Who can act for me/);
    assert.match(list.body, /href="\/en\/mandates\/new"/);

    const form = await maria.get('/en/mandates/new');
    assert.equal(form.statusCode, 200);
    assert.doesNotMatch(form.body, /name="principalEmail"/, 'a principal names nobody but the agent');
    assert.match(form.body, /<option value="[^"]+">Helpdesk Esch<\/option>/, 'accredited organisations are offered');
    assert.match(form.body, /<legend>Taxes and money<\/legend>/);
    assert.match(form.body, /id="scope-family-view" name="scopes" value="family:view"/);

    const proposed = await maria.post('/en/mandates/new', {
      agentKind: 'person',
      agentEmail: cast.relative.email,
      scopes: ['taxes_money:view', 'taxes_money:submit', 'family:view'],
      duration: '6m',
    });
    assert.equal(proposed.statusCode, 303);
    assert.match(String(proposed.headers.location), /^\/en\/mandates\/[^/?]+\?done=proposed$/);
    const id = idFrom(proposed.headers.location);

    const detail = await maria.get(String(proposed.headers.location));
    assert.equal(detail.statusCode, 200);
    assert.match(text(detail.body), /The mandate is proposed\. It needs consent now\./);
    assert.match(text(detail.body), /Mandate for João Ferreira/);
    assert.match(text(detail.body), /Waiting for consent/);
    const sha = /name="textSha256" value="([0-9a-f]{64})"/.exec(detail.body)?.[1];
    assert.ok(sha, 'the page sends back the hash of the text it shows');
    assert.equal(sha, app.mandates.consentText(unwrap(await app.mandates.get(cast.principal, id)), { locale: 'en', easyLanguage: false }).sha256);
    assert.match(detail.body, /<div class="consent-text" lang="en">/);

    const easyGerman = await maria.get(`/en/mandates/${id}?lang=de&easy=1`);
    assert.match(easyGerman.body, /<div class="consent-text" lang="de">/);
    assert.match(easyGerman.body, /<input type="hidden" name="textLocale" value="de">/);
    assert.match(easyGerman.body, /<input type="hidden" name="easy" value="1">/);
    const easySha = /name="textSha256" value="([0-9a-f]{64})"/.exec(easyGerman.body)?.[1];
    assert.notEqual(easySha, sha);

    const stale = await maria.post(`/en/mandates/${id}/consent`, { textSha256: 'a'.repeat(64), textLocale: 'de', easy: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(text(stale.body), /The text has changed since you read it\./);
    assert.match(stale.body, /<div class="consent-text" lang="de">/, 'the text is shown again in the language read');

    const consented = await maria.post(`/en/mandates/${id}/consent`, { textSha256: easySha ?? '', textLocale: 'de', easy: '1' });
    assert.equal(consented.statusCode, 303);
    assert.equal(consented.headers.location, `/en/mandates/${id}?done=consented`);
    const evidence = unwrap(await app.mandates.get(cast.principal, id)).consent;
    assert.deepEqual([evidence?.method, evidence?.locale, evidence?.easyLanguage], ['online', 'de', true]);

    const joao = await signIn(cast.relative.email);
    const agentList = await joao.get('/en/mandates');
    assert.match(text(agentList.body), /I can act for .*Mandate from Maria Ferreira to João Ferreira/);
    const toAccept = await joao.get(`/en/mandates/${id}`);
    assert.match(text(toAccept.body), /Accept the mandate/);
    assert.equal((await joao.post(`/en/mandates/${id}/accept`, {})).headers.location, `/en/mandates/${id}?done=accepted`);

    const active = await maria.get(`/en/mandates/${id}`);
    assert.match(text(active.body), /Active/);
    assert.match(active.body, /<button type="submit" class="button button--secondary">End the area “Family”<\/button>/);
    assert.match(active.body, /<a class="button button--danger" href="\/en\/mandates\/[^"]+\/revoke">End the whole mandate<\/a>/);

    const areaEnded = await maria.post(`/en/mandates/${id}/revoke-area`, { category: 'family' });
    assert.equal(areaEnded.statusCode, 303);
    assert.match(String(areaEnded.headers.location), new RegExp(`^/en/mandates/${id}/receipt/\\d+\\?done=1$`));
    const areaReceipt = await maria.get(String(areaEnded.headers.location));
    assert.equal(areaReceipt.statusCode, 200);
    assert.match(text(areaReceipt.body), /Receipt: one area has ended/);
    assert.match(text(areaReceipt.body), /On March 3, 2026 at 14:\d\d, Maria Ferreira ended the area “Family”\./);
    assert.match(areaReceipt.body, /<code class="fingerprint">[0-9a-f]{64}<\/code>/);

    const confirm = await maria.get(`/en/mandates/${id}/revoke`);
    assert.equal(confirm.statusCode, 200);
    assert.match(text(confirm.body), /Do you want to end the whole mandate\? João Ferreira will not be able to act for Maria Ferreira any more\./);
    const unconfirmed = await maria.post(`/en/mandates/${id}/revoke`, {});
    assert.equal(unconfirmed.headers.location, `/en/mandates/${id}/revoke`, 'without the confirmation nothing ends');
    assert.equal(unwrap(await app.mandates.get(cast.principal, id)).status, 'active');

    const ended = await maria.post(`/en/mandates/${id}/revoke`, { confirm: 'yes' });
    assert.equal(ended.statusCode, 303);
    const receipt = await maria.get(String(ended.headers.location));
    assert.match(text(receipt.body), /Receipt: the mandate has ended/);
    assert.match(text(receipt.body), /Revoked/);

    const history = text((await maria.get(`/en/mandates/${id}`)).body);
    for (const sentence of [
      /On March 3, 2026 at 14:\d\d, Maria Ferreira proposed this mandate\./,
      /Maria Ferreira read the consent text and agreed online\./,
      /João Ferreira accepted the mandate\. It became active\./,
      /Maria Ferreira ended the area “Family”\. Receipt/,
      /Maria Ferreira ended the mandate\. Receipt/,
    ]) {
      assert.match(history, sentence);
    }
    assert.doesNotMatch(history, /End the whole mandate/, 'an ended mandate offers no more steps');
    const again = await maria.post(`/en/mandates/${id}/revoke`, { confirm: 'yes' });
    assert.equal(again.statusCode, 409);
    assert.match(text(again.body), /This step is not possible any more\./);
  });

  test('a form that does not pass comes back with 422, the values kept, a summary and each error beside its field', async () => {
    const maria = await signIn(cast.principal.email);
    await maria.get('/en/mandates/new');
    const empty = await maria.post('/en/mandates/new', { agentEmail: 'joao@' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /class="error-summary"/);
    assert.match(empty.body, /<a href="#agentKind">Who may act for you\?: Please choose who may act/);
    assert.match(empty.body, /<a href="#scopes">What may they do\?: Please choose at least one area and one action\.<\/a>/);
    assert.match(empty.body, /<a href="#duration">/);
    assert.match(empty.body, /id="agentEmail" name="agentEmail" aria-invalid="true" aria-describedby="agentEmail-hint agentEmail-error" type="email" value="joao@"/);

    const kept = await maria.post('/en/mandates/new', { agentKind: 'person', scopes: ['housing:sign'], duration: '1y' });
    assert.equal(kept.statusCode, 422);
    assert.match(kept.body, /<p class="field-error" id="agentEmail-error">/);
    assert.match(kept.body, /value="housing:sign" checked/);
    assert.match(kept.body, /value="1y" checked/);
    assert.match(kept.body, /value="person" checked/);

    const unknown = await maria.post('/en/mandates/new', { agentKind: 'person', agentEmail: 'nobody@example.lu', scopes: ['housing:sign'], duration: '1y' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /id="agentEmail-error">[\s\S]*We found no one with this e-mail address/);
    assert.match(unknown.body, /value="nobody@example.lu"/);

    const herself = await maria.post('/en/mandates/new', { agentKind: 'person', agentEmail: cast.principal.email, scopes: ['housing:sign'], duration: '1y' });
    assert.match(herself.body, /id="agentEmail-error">[\s\S]*You cannot give a mandate to yourself\./);

    const noOrganization = await maria.post('/fr/mandates/new', { agentKind: 'organization', scopes: ['housing:sign'], duration: '1y' });
    assert.equal(noOrganization.statusCode, 422);
    assert.match(noOrganization.body, /id="organizationId-error">[\s\S]*Veuillez choisir une organisation d’aide\./);
  });

  test('the assisted flow: a helper prepares, prints, records the signed paper and accepts for the organisation', async () => {
    const helperEmail = cast.helper.email;
    const unverified = await signIn(helperEmail, { fresh: true });
    const detour = await unverified.get('/en/mandates/new');
    assert.equal(detour.statusCode, 303);
    assert.equal(detour.headers.location, '/en/account/second-factor?next=%2Fen%2Fmandates%2Fnew');

    const helper = await verifiedHelper(helperEmail);
    const form = await helper.get('/en/mandates/new');
    assert.equal(form.statusCode, 200);
    assert.match(text(form.body), /Prepare a mandate at the help desk/);
    assert.match(form.body, /name="principalEmail"/);
    assert.match(form.body, /value="organization" checked/);
    assert.match(form.body, new RegExp(`<option value="${cast.helpdesk.id}" selected>Helpdesk Esch</option>`));

    const noPrincipal = await helper.post('/en/mandates/new', { agentKind: 'organization', organizationId: cast.helpdesk.id, scopes: ['taxes_money:submit'], duration: '1m' });
    assert.equal(noPrincipal.statusCode, 422);
    assert.match(noPrincipal.body, /id="principalEmail-error"/);
    const stranger = await helper.post('/en/mandates/new', {
      principalEmail: 'nobody@example.lu',
      agentKind: 'organization',
      organizationId: cast.helpdesk.id,
      scopes: ['taxes_money:submit'],
      duration: '1m',
    });
    assert.match(stranger.body, /id="principalEmail-error">[\s\S]*We found no person with this e-mail address\./);

    const proposed = await helper.post('/en/mandates/new', {
      principalEmail: cast.principal.email,
      agentKind: 'organization',
      organizationId: cast.helpdesk.id,
      scopes: ['taxes_money:view', 'taxes_money:submit'],
      duration: '1m',
    });
    assert.equal(proposed.statusCode, 303);
    const id = idFrom(proposed.headers.location);
    const detail = await helper.get(`/en/mandates/${id}`);
    assert.match(text(detail.body), /Mandate from Maria Ferreira to Helpdesk Esch \(help organisation\)/);
    assert.match(text(detail.body), /Consent on paper/);
    assert.doesNotMatch(detail.body, /name="textSha256"/, 'only the principal consents online');

    const pdf = await helper.post(`/en/mandates/${id}/consent-form.pdf`, { lang: 'fr' });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^inline; filename="consent-form-[^"]+\.pdf"$/);
    const code = await oneTimeCodeOf(pdf.rawPayload);

    await helper.get(`/en/mandates/${id}`);
    const wrong = await helper.post(`/en/mandates/${id}/paper-consent`, { oneTimeCode: 'ZZZZZZZZ', declaration: 'yes' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /id="oneTimeCode-error">[\s\S]*This code is not right\./);
    assert.match(wrong.body, /<a href="#oneTimeCode">Code on the signed form: This code is not right/);
    const undeclared = await helper.post(`/en/mandates/${id}/paper-consent`, { oneTimeCode: code });
    assert.equal(undeclared.statusCode, 422);
    assert.match(undeclared.body, /id="declaration-error">[\s\S]*Please confirm the declaration\./);
    assert.match(undeclared.body, new RegExp(`value="${code}"`), 'the code typed is kept');

    const recorded = await helper.post(`/en/mandates/${id}/paper-consent`, { oneTimeCode: code.toLowerCase(), declaration: 'yes' });
    assert.equal(recorded.statusCode, 303);
    assert.equal(recorded.headers.location, `/en/mandates/${id}?done=paper_consented`);
    assert.equal(unwrap(await app.mandates.get(cast.principal, id)).consent?.method, 'paper');

    const other = await verifiedHelper(cast.otherHelper.email);
    const notTheirs = await other.post(`/en/mandates/${id}/accept`, {});
    assert.equal(notTheirs.statusCode, 404, 'a helper of another organisation does not even see it');

    await helper.get(`/en/mandates/${id}`);
    assert.equal((await helper.post(`/en/mandates/${id}/accept`, {})).headers.location, `/en/mandates/${id}?done=accepted`);
    const history = text((await helper.get(`/en/mandates/${id}`)).body);
    assert.match(history, /a helper of Helpdesk Esch proposed this mandate\./);
    assert.match(history, /a helper of Helpdesk Esch printed the consent form\./);
    assert.match(history, /a helper of Helpdesk Esch recorded the consent form that Maria Ferreira signed on paper\./);
    assert.match(history, /a helper of Helpdesk Esch accepted the mandate\./);

    // The organisation loses its accreditation: the helper's next step is refused in words.
    unwrap(await app.mandates.withdrawAccreditation(cast.moderator, cast.helpdesk.id));
    const service = await app.mandates.registerService({ name: 'Tax portal', redirectUri: 'https://tax.example.lu/back' });
    const refused = await helper.post(`/en/mandates/${id}/use`, { clientId: service.clientId });
    assert.equal(refused.statusCode, 403);
    assert.match(text(refused.body), /This organisation is not accredited, or its accreditation has ended\./);
    unwrap(await app.mandates.accredit(cast.moderator, cast.helpdesk.id, '2031-01-01T00:00:00.000Z'));
  });

  test('a helper whose session has not passed the second factor is sent to type a code first', async () => {
    const helper = await verifiedHelper(cast.helper.email);
    const proposed = await helper.post('/en/mandates/new', {
      principalEmail: cast.principal.email,
      agentKind: 'organization',
      organizationId: cast.helpdesk.id,
      scopes: ['housing:view'],
      duration: '1d',
    });
    const id = idFrom(proposed.headers.location);
    const fresh = await signIn(cast.helper.email, { fresh: true });
    const detour = await fresh.get(`/en/mandates/${id}`);
    assert.equal(detour.statusCode, 303);
    assert.equal(detour.headers.location, `/en/account/second-factor/verify?next=${encodeURIComponent(`/en/mandates/${id}`)}`);
    const pdf = await fresh.post(`/en/mandates/${id}/consent-form.pdf`, {});
    assert.equal(pdf.headers.location, `/en/account/second-factor/verify?next=${encodeURIComponent(`/en/mandates/${id}`)}`);
  });

  test('the agent goes on to an online service with a one-time link; the principal renews, which needs consent again', async () => {
    const mandate = await activePersonMandate(app, cast);
    const service = await app.mandates.registerService({ name: 'Tax portal', redirectUri: 'https://tax.example.lu/back?from=zesummen' });
    const joao = await signIn(cast.relative.email);
    const detail = await joao.get(`/en/mandates/${mandate.id}`);
    assert.match(detail.body, new RegExp(`<option value="${service.clientId}">Tax portal</option>`));
    assert.doesNotMatch(detail.body, /End the area/, 'only the principal ends single areas');
    assert.doesNotMatch(detail.body, /Renew the mandate/, 'only the principal renews');

    const unchosen = await joao.post(`/en/mandates/${mandate.id}/use`, {});
    assert.equal(unchosen.statusCode, 422);
    assert.match(unchosen.body, /id="clientId-error">[\s\S]*Please choose an online service\./);
    const unknown = await joao.post(`/en/mandates/${mandate.id}/use`, { clientId: 'svc_nothing' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /id="clientId-error">[\s\S]*We could not find this online service\./);

    const onward = await joao.post(`/en/mandates/${mandate.id}/use`, { clientId: service.clientId });
    assert.equal(onward.statusCode, 200);
    assert.match(onward.headers['cache-control'] as string, /no-store/);
    const link = /<a class="button" href="([^"]+)">Continue to Tax portal<\/a>/.exec(onward.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(link);
    const url = new URL(link);
    assert.equal(`${url.origin}${url.pathname}`, 'https://tax.example.lu/back');
    assert.equal(url.searchParams.get('from'), 'zesummen');
    const exchanged = await app.mandates.exchangeToken({
      clientId: service.clientId,
      clientSecret: service.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subjectToken: url.searchParams.get('delegation_code') ?? '',
      subjectTokenType: 'urn:zesummen:params:oauth:token-type:delegation-code',
      scope: 'taxes_money:submit',
    });
    assert.ok(exchanged.ok);
    const history = text((await joao.get(`/en/mandates/${mandate.id}`)).body);
    assert.match(history, /João Ferreira went to Tax portal to use this mandate\./);
    assert.match(history, /João Ferreira used this mandate at Tax portal for: Taxes and money: Send forms and requests\./);

    const maria = await signIn(cast.principal.email);
    const active = await maria.get(`/en/mandates/${mandate.id}`);
    assert.match(text(active.body), /Renew the mandate/);
    const unchosenRenewal = await maria.post(`/en/mandates/${mandate.id}/renew`, {});
    assert.equal(unchosenRenewal.statusCode, 422);
    assert.match(unchosenRenewal.body, /<a href="#duration">For how long\?: Please choose how long the mandate lasts\.<\/a>/);
    const renewed = await maria.post(`/en/mandates/${mandate.id}/renew`, { duration: '1y' });
    assert.equal(renewed.statusCode, 303);
    const renewalId = idFrom(renewed.headers.location);
    assert.notEqual(renewalId, mandate.id);
    const renewal = await maria.get(String(renewed.headers.location));
    assert.match(text(renewal.body), /This is the renewed mandate\. It needs consent again\./);
    assert.match(renewal.body, /name="textSha256"/);
    assert.match(renewal.body, new RegExp(`href="/en/mandates/${mandate.id}">See the earlier mandate`));
    assert.match((await maria.get(`/en/mandates/${mandate.id}`)).body, new RegExp(`href="/en/mandates/${renewalId}">See the new mandate`));

    const notHers = await joao.post(`/en/mandates/${mandate.id}/renew`, { duration: '1y' });
    assert.equal(notHers.statusCode, 403);
    assert.match(text(notHers.body), /You are not allowed to do this\./);
  });
});
