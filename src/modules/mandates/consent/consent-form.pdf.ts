import { PDFDocument, PageSizes, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Translate } from '../../../platform/i18n/catalog.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { CONSENT_TEXT_VERSION } from './consent-text.js';

export interface ConsentFormInput {
  /** The rendered consent text (renderConsentText), printed as it is. */
  readonly text: string;
  /** Version of that text; renderConsentText only renders the current one, hence the default. */
  readonly version?: string;
  readonly locale: Locale;
  readonly easyLanguage: boolean;
  readonly mandateId: string;
  readonly oneTimeCode: string;
  /** The Translate of `locale`: the form's own labels are `mandates.consentForm.*`. */
  readonly t: Translate;
}

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 56;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const INK = rgb(0, 0, 0);
const RULE = rgb(0.35, 0.35, 0.35);

/** Easy Language asks for larger print and more air between lines. */
function typography(easyLanguage: boolean) {
  const size = easyLanguage ? 14 : 12;
  return {
    size,
    leading: size * (easyLanguage ? 1.6 : 1.45),
    titleSize: size + 4,
    codeSize: size * 2,
    paragraphGap: size * (easyLanguage ? 1 : 0.7),
    indent: size * 1.5,
  };
}
type Typography = ReturnType<typeof typography>;

/** Characters that have a close stand-in in WinAnsi, the only encoding of the standard fonts. */
const STAND_INS = new Map<string, string>([
  ['\u202f', '\u00a0'],
  ['\u2007', '\u00a0'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '\u2013'],
  ['\u2212', '-'],
  ['\u2032', "'"],
  ['\u2033', '"'],
  ['\u201f', '"'],
  ['\u201b', "'"],
  ['\u0142', 'l'],
  ['\u0141', 'L'],
  ['\u0111', 'd'],
  ['\u0110', 'D'],
  ['\u0131', 'i'],
]);
/** Invisible characters: printing them would only show a replacement mark. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/**
 * Makes a line printable with the standard fonts: characters outside WinAnsi get a stand-in, lose
 * their accents, or become "?", so a name in another script never stops the form from printing.
 */
export function toPrintable(line: string, printable: ReadonlySet<number>): string {
  let out = '';
  for (const char of line.normalize('NFC').replace(INVISIBLE, '')) {
    const code = char.codePointAt(0) as number;
    const standIn = STAND_INS.get(char);
    if (printable.has(code)) out += char;
    else if (standIn) out += standIn;
    else if (/[\p{Cc}\p{Z}]/u.test(char)) out += ' ';
    else {
      const candidate = char.normalize('NFD').replace(/\p{M}/gu, '');
      const fits = candidate.length > 0 && [...candidate].every((c) => printable.has(c.codePointAt(0) as number));
      out += fits ? candidate : '?';
    }
  }
  return out;
}

/** Greedy line breaking at plain spaces; a no-break space keeps "mandat :" together. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    const joined = current ? `${current} ${word}` : word;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    // A word wider than the line (a long code or address) is cut where it has to be.
    for (const char of word) {
      if (current && !fits(current + char)) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly code: PDFFont;
}

/** Lays text out top to bottom, starting a new A4 page when the next piece does not fit. */
class Flow {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly bottom: number,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Moves to a new page unless `height` still fits on this one (a fresh page takes what comes). */
  keepTogether(height: number): void {
    if (this.y - height < this.bottom && this.y < PAGE_HEIGHT - MARGIN) this.newPage();
  }

  /** Takes `height` from the page, on a new page if needed; returns where to draw. */
  reserve(height: number): { page: PDFPage; top: number } {
    this.keepTogether(height);
    const top = this.y;
    this.y -= height;
    return { page: this.page, top };
  }

  gap(height: number): void {
    this.y = Math.max(this.y - height, this.bottom);
  }
}

function drawLines(flow: Flow, lines: readonly string[], x: number, font: PDFFont, size: number, leading: number): void {
  for (const line of lines) {
    const { page, top } = flow.reserve(leading);
    page.drawText(line, { x, y: top - size, size, font, color: INK });
  }
}

/** The text's first line is its title; the form's reading instruction comes right under it. */
function drawBody(flow: Flow, text: string, intro: string, fonts: Fonts, type: Typography, printable: ReadonlySet<number>): void {
  const [title = '', ...rest] = text.split('\n');
  drawLines(flow, wrap(toPrintable(title, printable), fonts.bold, type.titleSize, CONTENT_WIDTH), MARGIN, fonts.bold, type.titleSize, type.titleSize * 1.4);
  flow.gap(type.paragraphGap);
  drawLines(flow, wrap(toPrintable(intro, printable), fonts.bold, type.size, CONTENT_WIDTH), MARGIN, fonts.bold, type.size, type.leading);
  let pendingGap = true;
  for (const raw of rest) {
    if (raw.trim() === '') {
      pendingGap = true;
      continue;
    }
    if (pendingGap) flow.gap(type.paragraphGap);
    pendingGap = false;
    const bullet = /^( *)- (.*)$/.exec(raw);
    if (!bullet) {
      drawLines(flow, wrap(toPrintable(raw, printable), fonts.regular, type.size, CONTENT_WIDTH), MARGIN, fonts.regular, type.size, type.leading);
      continue;
    }
    const level = Math.floor((bullet[1] as string).length / 2);
    const markX = MARGIN + level * type.indent;
    const textX = markX + type.indent * 0.8;
    const lines = wrap(toPrintable(bullet[2] as string, printable), fonts.regular, type.size, MARGIN + CONTENT_WIDTH - textX);
    lines.forEach((line, index) => {
      const { page, top } = flow.reserve(type.leading);
      if (index === 0) page.drawText('-', { x: markX, y: top - type.size, size: type.size, font: fonts.regular, color: INK });
      page.drawText(line, { x: textX, y: top - type.size, size: type.size, font: fonts.regular, color: INK });
    });
  }
}

function drawCodeBox(flow: Flow, input: ConsentFormInput, fonts: Fonts, type: Typography, printable: ReadonlySet<number>): void {
  const padding = type.size;
  const innerWidth = CONTENT_WIDTH - 2 * padding;
  const titleLines = wrap(toPrintable(input.t('mandates.consentForm.codeTitle'), printable), fonts.bold, type.size, innerWidth);
  const instruction = wrap(toPrintable(input.t('mandates.consentForm.codeInstruction'), printable), fonts.regular, type.size, innerWidth);
  const code = toPrintable(input.oneTimeCode, printable);
  const codeHeight = type.codeSize * 1.5;
  const height = 2 * padding + (titleLines.length + instruction.length) * type.leading + codeHeight;
  const { page, top } = flow.reserve(height);
  page.drawRectangle({ x: MARGIN, y: top - height, width: CONTENT_WIDTH, height, borderColor: INK, borderWidth: 2 });
  let y = top - padding;
  for (const line of titleLines) {
    page.drawText(line, { x: MARGIN + padding, y: y - type.size, size: type.size, font: fonts.bold, color: INK });
    y -= type.leading;
  }
  page.drawText(code, { x: MARGIN + padding, y: y - type.codeSize * 1.1, size: type.codeSize, font: fonts.code, color: INK });
  y -= codeHeight;
  for (const line of instruction) {
    page.drawText(line, { x: MARGIN + padding, y: y - type.size, size: type.size, font: fonts.regular, color: INK });
    y -= type.leading;
  }
}

/** Labels with room to write by hand above a rule; several labels share one row. */
function drawWritingRow(flow: Flow, labels: readonly string[], writingSpace: number, fonts: Fonts, type: Typography, printable: ReadonlySet<number>): void {
  const gutter = type.size * 2;
  const columnWidth = (CONTENT_WIDTH - gutter * (labels.length - 1)) / labels.length;
  const wrapped = labels.map((label) => wrap(toPrintable(label, printable), fonts.regular, type.size, columnWidth));
  const labelHeight = Math.max(...wrapped.map((lines) => lines.length)) * type.leading;
  const { page, top } = flow.reserve(labelHeight + writingSpace + type.paragraphGap);
  wrapped.forEach((lines, column) => {
    const x = MARGIN + column * (columnWidth + gutter);
    lines.forEach((line, index) => {
      page.drawText(line, { x, y: top - type.size - index * type.leading, size: type.size, font: fonts.regular, color: INK });
    });
    const ruleY = top - labelHeight - writingSpace;
    page.drawLine({ start: { x, y: ruleY }, end: { x: x + columnWidth, y: ruleY }, thickness: 1, color: RULE });
  });
}

function drawSignatures(flow: Flow, t: Translate, fonts: Fonts, type: Typography, printable: ReadonlySet<number>): void {
  const write = type.size * 2.5;
  const sign = type.size * 4;
  // Heading and first row travel together, so a page never ends on a lone heading.
  const heading = toPrintable(t('mandates.consentForm.signatures'), printable);
  flow.keepTogether(type.leading * 1.3 + 3 * type.leading + write);
  const { page, top } = flow.reserve(type.leading * 1.3);
  page.drawText(heading, { x: MARGIN, y: top - type.size, size: type.size, font: fonts.bold, color: INK });
  drawWritingRow(flow, [t('mandates.consentForm.place'), t('mandates.consentForm.date')], write, fonts, type, printable);
  drawWritingRow(flow, [t('mandates.consentForm.personSignature')], sign, fonts, type, printable);
  drawWritingRow(flow, [t('mandates.consentForm.helperName')], write, fonts, type, printable);
  drawWritingRow(flow, [t('mandates.consentForm.helperSignature')], sign, fonts, type, printable);
}

/**
 * The paper consent form for the assisted flow: the consent text, the one-time code the helper
 * types back, and lines for signatures. A4, standard fonts, at least 12 pt (14 pt in Easy Language).
 */
export async function renderConsentFormPdf(input: ConsentFormInput): Promise<Uint8Array> {
  const { t } = input;
  const type = typography(input.easyLanguage);
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    code: await doc.embedFont(StandardFonts.CourierBold),
  };
  const printable: ReadonlySet<number> = new Set(fonts.regular.getCharacterSet());

  const title = t('mandates.consentForm.title');
  const version = input.version ?? CONSENT_TEXT_VERSION;
  const footer = t('mandates.consentForm.footer', { mandateId: input.mandateId, version });
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setLanguage(input.locale);
  doc.setSubject(footer);
  doc.setKeywords([input.mandateId, version]);
  doc.setCreator('Zesummen');
  doc.setProducer('Zesummen');

  const footerLines = wrap(toPrintable(footer, printable), fonts.regular, type.size, CONTENT_WIDTH);
  const footerHeight = (footerLines.length + 1) * type.leading;
  const flow = new Flow(doc, MARGIN + footerHeight + type.size);

  drawBody(flow, input.text, t('mandates.consentForm.intro'), fonts, type, printable);
  flow.gap(type.paragraphGap * 2);
  drawCodeBox(flow, input, fonts, type, printable);
  flow.gap(type.paragraphGap * 2);
  drawSignatures(flow, t, fonts, type, printable);

  flow.pages.forEach((page, index) => {
    const lines = [...footerLines, toPrintable(t('mandates.consentForm.page', { page: index + 1, pages: flow.pages.length }), printable)];
    lines.forEach((line, row) => {
      page.drawText(line, { x: MARGIN, y: MARGIN + (lines.length - 1 - row) * type.leading, size: type.size, font: fonts.regular, color: INK });
    });
  });
  return doc.save();
}
