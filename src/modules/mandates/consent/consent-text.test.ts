import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTranslators, loadCatalogs } from '../../../platform/i18n/catalog.js';
import { LOCALES } from '../../../platform/i18n/locales.js';
import type { MandateAgent } from '../mandates.model.js';
import { CONSENT_TEXT_FILES, CONSENT_TEXT_VERSION, CONSENT_TEXTS_DIR, loadConsentTemplates, renderConsentText, type ConsentFacts } from './consent-text.js';

const translators = createTranslators(loadCatalogs([fileURLToPath(new URL('../messages/', import.meta.url))]), { strict: true });
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const asPerson: MandateAgent = { kind: 'person', userId: 'u-2', displayName: 'Helpdesk Esch' };
const asOrganization: MandateAgent = { kind: 'organization', organizationId: 'o-1', name: 'Helpdesk Esch' };

const facts: ConsentFacts = {
  principalName: 'Maria Ferreira Schmit',
  agent: asOrganization,
  scopes: [
    { category: 'taxes_money', actions: ['submit', 'view'] },
    { category: 'family', actions: ['receive_mail'] },
  ],
  startsAt: '2026-01-15T09:30:00.000Z',
  endsAt: '2026-07-15T09:30:00.000Z',
  mandateId: 'mnd-0001',
};

/**
 * The wording of a published version must never change: evidence points to it by version. New
 * wording goes into a new folder with a new CONSENT_TEXT_VERSION, and a new line here.
 */
const PUBLISHED: Record<string, Record<string, string>> = {
  '2026-11': {
    'de.easy.txt': '5fd28ff54e9dd58900852cac5875980a8ef7ce13acefb3945106f00b6b2020ae',
    'de.txt': '18577881902160ac3995b715cf5226d0dac85acc68a1d68a492fd6e4ab3897db',
    'en.easy.txt': 'd55ea1c48ebd7ee28292e1cdbe33f18a4dc8f73c6844f7ce8c192e6964066200',
    'en.txt': '923d64d0b3be757c8cd9b206cb60092b68c898ad5c8fbf47ffaa3177f1ba23d9',
    'fr.easy.txt': '42294968867f24d3c603c8b15260e0496b98ee1a048ea81a570675da219564bc',
    'fr.txt': '8319d9b8ef29a285b52b97cec8db4a5a563a3b0b55b965539a3b45e7d164e4ca',
    'lb.easy.txt': '9c9055f4eb8aead30a4c1bc9e3678f6f72ff8c8f365b73f77aad6aa04924bcbd',
    'lb.txt': 'c6a816f015fbf860a58221d62121e33eae79c3c588344ca13b3dd69803389033',
    'pt.easy.txt': '045db72133f731ee5a0fb78004edb69e66114e91d514a4f3f88888bc94af7367',
    'pt.txt': 'cd8c5c660c8afbaf2b2bda208d20cbec62ba529c297dc2096750e4b67f5cf3b4',
  },
};

test('the texts of the current version are exactly the published ones', () => {
  const published = PUBLISHED[CONSENT_TEXT_VERSION];
  assert.ok(published, `no published hashes for version ${CONSENT_TEXT_VERSION}`);
  assert.deepEqual(Object.keys(published).sort(), [...CONSENT_TEXT_FILES].sort());
  for (const [file, hash] of Object.entries(published)) {
    assert.equal(sha256(readFileSync(new URL(file, CONSENT_TEXTS_DIR))), hash, `${CONSENT_TEXT_VERSION}/${file} changed`);
  }
});

test('every language has its text and its Easy Language text, naming parties, areas, actions and dates', () => {
  for (const locale of LOCALES) {
    const { t } = translators[locale];
    for (const easyLanguage of [false, true]) {
      const rendered = renderConsentText(facts, { locale, easyLanguage }, t);
      const label = `${locale}${easyLanguage ? ' easy' : ''}`;
      assert.deepEqual({ version: rendered.version, locale: rendered.locale, easyLanguage: rendered.easyLanguage }, { version: CONSENT_TEXT_VERSION, locale, easyLanguage });
      const { text } = rendered;
      for (const expected of [
        'Maria Ferreira Schmit',
        'Helpdesk Esch',
        'mnd-0001',
        CONSENT_TEXT_VERSION,
        'LuxTrust',
        `- ${t('mandates.category.taxes_money')}\n  - ${t('mandates.action.view')}\n  - ${t('mandates.action.submit')}`,
        `- ${t('mandates.category.family')}\n  - ${t('mandates.action.receive_mail')}`,
      ]) {
        assert.ok(text.includes(expected), `${label}: "${expected}" missing`);
      }
      const [day, month] = locale === 'lb' || locale === 'de' ? ['15.01.2026', '15.07.2026'] : ['15/01/2026', '15/07/2026'];
      // Winter is UTC+1 and summer UTC+2 in Luxembourg.
      assert.ok(text.includes(day) && text.includes('10:30') && text.includes(month) && text.includes('11:30'), `${label}: dates`);
      assert.doesNotMatch(text, /[{}]|\[(person|organization)\]/, label);
      assert.doesNotMatch(text, /\n{3}| \n|\n$/, `${label}: paragraphs are separated by exactly one empty line`);
      assert.ok(text.split('\n')[0] !== '' && text.split('\n')[1] === '', `${label}: the first line is the title`);
      assert.notEqual(text, renderConsentText(facts, { locale, easyLanguage: !easyLanguage }, t).text, `${label}: Easy Language differs`);
    }
  }
});

test('an organisation gets its own paragraph about helpers, a person gets theirs', () => {
  for (const locale of LOCALES) {
    for (const easyLanguage of [false, true]) {
      const paragraphs = (agent: MandateAgent) => renderConsentText({ ...facts, agent }, { locale, easyLanguage }, translators[locale].t).text.split('\n\n');
      const person = paragraphs(asPerson);
      const organization = paragraphs(asOrganization);
      const onlyOrganization = organization.filter((p) => !person.includes(p));
      const onlyPerson = person.filter((p) => !organization.includes(p));
      assert.equal(onlyOrganization.length, 1, `${locale} ${easyLanguage}`);
      assert.equal(onlyPerson.length, 1, `${locale} ${easyLanguage}`);
      assert.equal(organization.length, person.length);
    }
  }
});

test('the same facts give byte-identical text, whatever the order of areas or the machine’s time zone', () => {
  const reordered: ConsentFacts = {
    ...facts,
    scopes: [
      { category: 'family', actions: ['receive_mail', 'receive_mail'] },
      { category: 'taxes_money', actions: ['view', 'submit'] },
    ],
  };
  const here = renderConsentText(facts, { locale: 'fr', easyLanguage: false }, translators.fr.t).text;
  assert.equal(renderConsentText(reordered, { locale: 'fr', easyLanguage: false }, translators.fr.t).text, here);

  const script = `
    import { renderConsentText } from ${JSON.stringify(pathToFileURL(fileURLToPath(new URL('./consent-text.ts', import.meta.url))).href)};
    import { createTranslators, loadCatalogs } from ${JSON.stringify(pathToFileURL(fileURLToPath(new URL('../../../platform/i18n/catalog.ts', import.meta.url))).href)};
    const t = createTranslators(loadCatalogs([${JSON.stringify(fileURLToPath(new URL('../messages/', import.meta.url)))}]), { strict: true }).fr.t;
    process.stdout.write(renderConsentText(${JSON.stringify(facts)}, { locale: 'fr', easyLanguage: false }, t).text);`;
  const elsewhere = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TZ: 'Pacific/Auckland', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' },
    encoding: 'utf8',
  });
  assert.equal(sha256(elsewhere), sha256(here));
});

test('a date is Luxembourg’s calendar day, also around midnight', () => {
  const text = renderConsentText({ ...facts, startsAt: '2026-12-31T23:30:00Z', endsAt: '2027-01-31T23:30:00Z' }, { locale: 'de', easyLanguage: true }, translators.de.t).text;
  assert.ok(text.includes('am 01.01.2027 um 00:30 Uhr'), text);
  assert.ok(text.includes('am 01.02.2027 um 00:30 Uhr'), text);
});

test('revoked areas are left out, and a text without any area, end or valid date is refused', () => {
  const { t } = translators.en;
  const partly = renderConsentText(
    { ...facts, scopes: [{ category: 'taxes_money', actions: ['view'], revokedAt: null }, { category: 'family', actions: ['view'], revokedAt: '2026-02-01T00:00:00Z' }] },
    { locale: 'en', easyLanguage: false },
    t,
  ).text;
  assert.ok(partly.includes(t('mandates.category.taxes_money')));
  assert.ok(!partly.includes(`- ${t('mandates.category.family')}`));
  const refuse = (changes: Partial<ConsentFacts>, locale = 'en') =>
    assert.throws(() => renderConsentText({ ...facts, ...changes }, { locale: locale as 'en', easyLanguage: false }, t), RangeError);
  refuse({ scopes: [{ category: 'family', actions: ['view'], revokedAt: '2026-02-01T00:00:00Z' }] });
  refuse({ scopes: [{ category: 'family', actions: [] }] });
  refuse({ endsAt: facts.startsAt });
  refuse({ endsAt: '2025-01-01T00:00:00Z' });
  refuse({ endsAt: 'never' });
  refuse({}, 'es');
});

test('names cannot break the layout or inject placeholders', () => {
  const text = renderConsentText(
    { ...facts, principalName: 'Maria\n\n- Ferreira {agent}', agent: { kind: 'person', userId: 'u', displayName: ' Jang\r\nWeber\t' } },
    { locale: 'en', easyLanguage: false },
    translators.en.t,
  ).text;
  assert.ok(text.includes('I, Maria - Ferreira {agent}, give Jang Weber the power'), text);
});

function brokenCopy(change: (dir: string) => void): URL {
  const dir = mkdtempSync(join(tmpdir(), 'consent-texts-'));
  cpSync(fileURLToPath(CONSENT_TEXTS_DIR), dir, { recursive: true });
  change(dir);
  return pathToFileURL(`${dir}/`);
}

test('a missing file, an unknown or unused placeholder or a missing condition makes loading fail', () => {
  assert.equal(loadConsentTemplates(CONSENT_TEXTS_DIR).size, 10);
  const edit = (file: string, from: string | RegExp, to: string) => (dir: string) => {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(from, to);
    assert.notEqual(after, before, `${file}: nothing to change`);
    writeFileSync(path, after);
  };
  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['missing file', (dir) => unlinkSync(join(dir, 'pt.easy.txt')), /missing \[pt\.easy\.txt\]/],
    ['unexpected file', (dir) => writeFileSync(join(dir, 'lb.esay.txt'), ''), /unexpected \[lb\.esay\.txt\]/],
    ['unknown placeholder', edit('de.txt', '{principal}, gebe', '{principal}, {name} gebe'), /de\.txt: unknown placeholder \{name\}/],
    ['unused placeholder', edit('fr.easy.txt', /\{endTime\}/g, '18:00'), /fr\.easy\.txt: placeholders never used: \{endTime\}/],
    ['stray brace', edit('en.txt', 'Text version: {version}', 'Text version: {version}}'), /en\.txt: a brace/],
    ['scopes inside a sentence', edit('lb.txt', '\n{scopes}\n', '\nAreas: {scopes}\n'), /lb\.txt: \{scopes\} must stand alone/],
    ['no organisation paragraph', edit('en.easy.txt', '[organization]\n', ''), /en\.easy\.txt: no paragraph for \[organization\]/],
    ['unknown condition', edit('pt.txt', '[person]', '[relative]'), /pt\.txt: unknown condition \[relative\]/],
    ['no title', edit('de.easy.txt', /^[^\n]*\n\n/, ''), /de\.easy\.txt: the first paragraph must be the title/],
    ['carriage returns', edit('fr.txt', /\n/g, '\r\n'), /fr\.txt: use plain line feeds/],
  ];
  for (const [name, change, message] of cases) {
    const dir = brokenCopy(change);
    try {
      assert.throws(() => loadConsentTemplates(dir), message, name);
    } finally {
      rmSync(fileURLToPath(dir), { recursive: true, force: true });
    }
  }
});
