import type { FoundLink } from './message.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', zwnj: '', zwj: '', lrm: '', rlm: '',
  euro: '€', copy: '©', reg: '®', laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…',
  eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä',
  ccedil: 'ç', ocirc: 'ô', otilde: 'õ', oacute: 'ó', ouml: 'ö', uuml: 'ü', ucirc: 'û', ugrave: 'ù', uacute: 'ú',
  iacute: 'í', icirc: 'î', iuml: 'ï', szlig: 'ß', Eacute: 'É', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', Ccedil: 'Ç',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});?/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[entity] ?? NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Elements whose content a reader never sees as text. */
const HIDDEN = new Set(['script', 'style', 'title', 'noscript', 'template', 'svg', 'head']);
const BLOCK = new Set([
  'p', 'div', 'br', 'tr', 'li', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section',
  'article', 'header', 'footer', 'hr', 'center', 'td', 'th', 'dd', 'dt', 'pre',
]);
const TAG_NAME = /^(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;

const ANCHOR_START = /<a[\s>]/gi;
const CLOSING_TAGS = new Map<string, RegExp>();

function closingTag(name: string): RegExp {
  let pattern = CLOSING_TAGS.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}(?=[\\s>])`, 'gi');
    CLOSING_TAGS.set(name, pattern);
  }
  return pattern;
}

/** Searching with a case-blind pattern from a position spares a lower-case copy of a 10 MB body. */
function indexOfIgnoringCase(text: string, pattern: RegExp, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

export interface HtmlContent {
  readonly text: string;
  readonly links: FoundLink[];
}

/**
 * Visible text and links of an HTML body in one linear pass: mails are hostile input, so no
 * backtracking pattern runs over the whole document and unclosed tags cannot make it quadratic.
 * Once `maxText` characters of text are collected only links are looked for, and the pass stops
 * at `maxLinks` links: a 10 MB newsletter is read in a fraction of a second.
 */
export function readHtml(html: string, maxText: number, maxLinks: number): HtmlContent {
  const chunks: string[] = [];
  let textLength = 0;
  const links: FoundLink[] = [];
  let open: { href: string; from: number } | undefined;
  let i = 0;
  while (i < html.length && links.length < maxLinks) {
    if (textLength >= maxText && !open) {
      // Only links are wanted now: jump from one <a to the next.
      const next = indexOfIgnoringCase(html, ANCHOR_START, i);
      if (next < 0) break;
      i = next;
    }
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      chunks.push(html.slice(i));
      break;
    }
    if (lt > i) {
      chunks.push(html.slice(i, lt));
      textLength += lt - i;
    }
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (!/[a-zA-Z/!?]/.test(html[lt + 1] ?? '')) {
      chunks.push('<');
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const tag = html.slice(lt + 1, gt);
    i = gt + 1;
    const name = TAG_NAME.exec(tag);
    if (!name) continue;
    const closing = name[1] === '/';
    const tagName = name[2]!.toLowerCase();
    if (!closing && HIDDEN.has(tagName) && !tag.endsWith('/')) {
      const end = indexOfIgnoringCase(html, closingTag(tagName), i);
      if (end < 0) {
        // An unclosed <head> still holds the body in broken mails; other hidden elements end the text.
        if (tagName === 'head') continue;
        break;
      }
      const after = html.indexOf('>', end);
      i = after < 0 ? html.length : after + 1;
      continue;
    }
    if (tagName === 'a') {
      if (open) links.push(finishLink(open, chunks));
      open = undefined;
      if (!closing) {
        const href = HREF.exec(tag);
        const value = href ? (href[1] ?? href[2] ?? href[3] ?? '') : '';
        if (value.trim() !== '') open = { href: decodeEntities(value.trim()), from: chunks.length };
      }
      continue;
    }
    if (BLOCK.has(tagName)) chunks.push('\n');
    else if (tagName === 'img' && !closing) {
      const alt = /(?:^|\s)alt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
      const value = alt?.[1] ?? alt?.[2];
      if (value) chunks.push(` ${value} `);
    }
  }
  if (open && links.length < maxLinks) links.push(finishLink(open, chunks));
  return { text: tidyText(decodeEntities(chunks.join('').slice(0, maxText * 2))).slice(0, maxText), links };
}

function finishLink(open: { href: string; from: number }, chunks: readonly string[]): FoundLink {
  const shown = tidyText(decodeEntities(chunks.slice(open.from).join(''))).replace(/\s+/g, ' ').trim();
  return shown === '' ? { href: open.href } : { href: open.href, shownText: shown.slice(0, 300) };
}

/** Collapses runs of spaces and blank lines and drops invisible characters used to dodge filters. */
export function tidyText(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
