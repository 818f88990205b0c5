import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

export interface DrawnText {
  readonly text: string;
  /** The font size it is drawn in. */
  readonly size: number;
}

/** Every string a PDF's pages draw, in order, with its font size: content streams inflated and read. */
export async function drawnTexts(bytes: Uint8Array): Promise<DrawnText[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const drawn: DrawnText[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) throw new Error('A page content stream that is not a raw stream');
      const flate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
      const source = Buffer.from(flate ? inflateSync(stream.contents) : stream.contents).toString('latin1');
      let size = 0;
      for (const match of source.matchAll(/\/\S+\s+([\d.]+)\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (match[1] !== undefined) size = Number(match[1]);
        else drawn.push({ text: Buffer.from(match[2] ?? '', 'hex').toString('latin1'), size });
      }
    }
  }
  return drawn;
}

/** The one-time code printed on a consent form: 8 Crockford characters, the largest print on it. */
export async function oneTimeCodeOf(pdf: Uint8Array): Promise<string> {
  const drawn = await drawnTexts(pdf);
  const largest = Math.max(...drawn.map((d) => d.size));
  const codes = drawn.filter((d) => d.size === largest && /^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$/.test(d.text));
  if (codes.length !== 1) throw new Error(`Expected one code on the form, found ${JSON.stringify(codes)}`);
  return codes[0]!.text;
}
