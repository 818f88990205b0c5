import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, StandardFonts } from 'pdf-lib';
import { createTranslators, loadCatalogs } from '../../../platform/i18n/catalog.js';
import { LOCALES } from '../../../platform/i18n/locales.js';
import { PROCEDURE_CATEGORIES, type MandateAction } from '../mandates.model.js';
import { renderConsentText, type ConsentFacts } from './consent-text.js';
import { renderConsentFormPdf, toPrintable } from './consent-form.pdf.js';

const translators = createTranslators(loadCatalogs([fileURLToPath(new URL('../messages/', import.meta.url))]), { strict: true });
// Node's TextDecoder reads windows-1252 as Latin-1, so the 0x80–0x9F row of WinAnsi is spelled out.
const WIN_ANSI_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = {
  decode: (bytes: Uint8Array) => String.fromCodePoint(...[...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? (WIN_ANSI_80_9F.codePointAt(b - 0x80) as number) : b))),
};

const facts: ConsentFacts = {
  principalName: 'Zoë Gonçalves',
  agent: { kind: 'organization', organizationId: 'o-1', name: 'Internetstuff Ettelbréck' },
  scopes: [
    { category: 'social_security_health', actions: ['view', 'submit'] },
    { category: 'taxes_money', actions: ['view'] },
  ],
  startsAt: '2026-11-03T13:05:00.000Z',
  endsAt: '2027-11-03T13:05:00.000Z',
  mandateId: '0mhk2b3c00004Xq9_aZ3kLmN',
};

interface PageContent {
  /** Every string shown with Tj, in drawing order, decoded from WinAnsi. */
  readonly strings: string[];
  readonly fontSizes: number[];
}

/** Reads back what each page draws: inflates its content streams and decodes the text operators. */
function readPages(doc: PDFDocument): PageContent[] {
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    let source = '';
    for (const stream of streams) {
      assert.ok(stream instanceof PDFRawStream);
      const filter = stream.dict.get(PDFName.of('Filter'));
      source += Buffer.from(filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : stream.contents).toString('latin1');
    }
    return {
      strings: [...source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => winAnsi.decode(Buffer.from(m[1] as string, 'hex'))),
      fontSizes: [...source.matchAll(/\/\S+\s+([\d.]+)\s+Tf/g)].map((m) => Number(m[1])),
    };
  });
}

const words = (text: string) => text.split(/\s+/).filter((w) => w.length > 0);

/**
 * The text's words must appear in order in what was drawn (footers may come in between): returns
 * null when they do, or the first word not found with what precedes it.
 */
function notDrawn(text: string, drawn: readonly string[]): string | null {
  const wanted = words(text);
  let next = 0;
  for (const word of words(drawn.join(' '))) if (word === wanted[next]) next += 1;
  return next === wanted.length ? null : `"${wanted[next]}" after "${wanted.slice(Math.max(0, next - 5), next).join(' ')}"`;
}

async function formFor(locale: (typeof LOCALES)[number], easyLanguage: boolean, changes: Partial<ConsentFacts> = {}) {
  const { t } = translators[locale];
  const consent = renderConsentText({ ...facts, ...changes }, { locale, easyLanguage }, t);
  const bytes = await renderConsentFormPdf({ ...consent, mandateId: facts.mandateId, oneTimeCode: 'K7PX-3MQD', t });
  return { consent, bytes, doc: await PDFDocument.load(bytes, { updateMetadata: false }) };
}

test('all ten variants give an A4 form with title, language, the whole text, the code and readable print', async () => {
  for (const locale of LOCALES) {
    const { t } = translators[locale];
    for (const easyLanguage of [false, true]) {
      const label = `${locale}${easyLanguage ? ' easy' : ''}`;
      const { consent, bytes, doc } = await formFor(locale, easyLanguage);
      assert.equal(winAnsi.decode(bytes.slice(0, 5)), '%PDF-', label);
      assert.equal(doc.getTitle(), t('mandates.consentForm.title'), label);
      const lang = doc.catalog.get(PDFName.of('Lang'));
      assert.ok(lang instanceof PDFString || lang instanceof PDFHexString, label);
      assert.equal(lang.decodeText(), locale, label);
      assert.ok(doc.getSubject()?.includes(consent.version), label);

      const pages = readPages(doc);
      for (const page of doc.getPages()) {
        assert.deepEqual([Math.round(page.getWidth()), Math.round(page.getHeight())], [595, 842], label);
      }
      const drawn = pages.flatMap((p) => p.strings);
      assert.equal(notDrawn(consent.text, drawn), null, `${label}: the consent text is printed whole and in order`);
      assert.ok(drawn.includes('K7PX-3MQD'), `${label}: one-time code`);
      for (const key of ['codeTitle', 'codeInstruction', 'personSignature', 'helperName', 'place', 'date']) {
        assert.equal(notDrawn(t(`mandates.consentForm.${key}`), drawn), null, `${label}: ${key}`);
      }
      pages.forEach((page, index) => {
        assert.ok(page.strings.includes(t('mandates.consentForm.page', { page: index + 1, pages: pages.length })), `${label}: page number ${index + 1}`);
        assert.equal(notDrawn(t('mandates.consentForm.footer', { mandateId: facts.mandateId, version: consent.version }), page.strings), null, `${label}: footer`);
        assert.ok(page.fontSizes.length > 0 && Math.min(...page.fontSizes) >= (easyLanguage ? 14 : 12), `${label}: print size ${Math.min(...page.fontSizes)}`);
      });
    }
  }
});

test('a long mandate flows over several pages, each numbered', async () => {
  const every: MandateAction[] = ['view', 'submit', 'sign', 'receive_mail'];
  const { consent, doc } = await formFor('de', true, { scopes: PROCEDURE_CATEGORIES.map((category) => ({ category, actions: every })) });
  const pages = readPages(doc);
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  assert.equal(notDrawn(consent.text, pages.flatMap((p) => p.strings)), null);
  assert.ok(pages.at(-1)?.strings.includes(`Seite ${pages.length} von ${pages.length}`));
});

test('characters the standard fonts lack are replaced, never fatal', async () => {
  const { doc } = await formFor('pt', false, { principalName: 'Łukasz Ωmega 😀 Ana\u202fMaria\u00adSilva', agent: { kind: 'person', userId: 'u', displayName: 'Nguyễn Văn An' } });
  const drawn = readPages(doc).flatMap((p) => p.strings).join(' ');
  assert.ok(drawn.includes('Eu, Lukasz ?mega ? Ana MariaSilva, dou a Nguyen Van An o poder'), drawn);
});

test('the WinAnsi stand-ins keep the five languages’ punctuation and letters', async () => {
  const doc = await PDFDocument.create();
  const printable = new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
  const kept = 'é ë ä ü ö ß ç ã õ â ê ô œ É À Ç « » ’ ‘ „ “ ” … – — € ·\u00a0:';
  assert.equal(toPrintable(kept, printable), kept);
  assert.equal(toPrintable('a\u202f:\u2011b\u2212c\u200bd\te\u2028f', printable), 'a\u00a0:-b-cd e f');
  assert.equal(toPrintable('中文 Привет', printable), '?? ??????');
});
