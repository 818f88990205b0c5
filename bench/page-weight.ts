/** What a page costs to download: its HTML and the style sheets it links, gzipped at level 6. */
import { gzipSync } from 'node:zlib';
import { httpGet } from './http-get.js';

export interface PageWeight {
  readonly page: string;
  readonly path: string;
  readonly status: number;
  readonly htmlBytes: number;
  readonly htmlGzip: number;
  readonly cssGzip: number;
  /** Content-Encoding the server chose when the client accepts gzip; null when it sent the page uncompressed. */
  readonly serverEncoding: string | null;
  /** The HTML as the server sent it to a client that accepts gzip (its own compression level). */
  readonly sentBytes: number;
}

const gzipLength = (body: Buffer): number => gzipSync(body, { level: 6 }).length;

function stylesheetHrefs(html: string): string[] {
  const hrefs: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?stylesheet/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) hrefs.push(href.replace(/&amp;/g, '&'));
  }
  return hrefs;
}

export async function measurePage(origin: string, page: string, path: string): Promise<PageWeight> {
  const plain = await httpGet(origin + path);
  const html = plain.body.toString('utf8');
  let cssGzip = 0;
  for (const href of stylesheetHrefs(html)) {
    const css = await httpGet(new URL(href, origin + path).toString());
    cssGzip += gzipLength(css.body);
  }
  const negotiated = await httpGet(origin + path, { 'accept-encoding': 'gzip' });
  const encoding = negotiated.headers['content-encoding'];
  return {
    page,
    path,
    status: plain.status,
    htmlBytes: plain.body.length,
    htmlGzip: gzipLength(plain.body),
    cssGzip,
    serverEncoding: typeof encoding === 'string' ? encoding : null,
    sentBytes: negotiated.body.length,
  };
}
