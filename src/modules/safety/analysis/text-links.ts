import type { FoundLink } from './message.js';

/** Addresses written out with a scheme or `www.`: whatever follows up to a space belongs to them. */
const WITH_SCHEME = /\b(?:https?:\/\/|www\.)[^\s<>"'\u0000-\u001f]+/giu;
/**
 * Bare names like `dhl-paket.info/track` in a text message. Only endings common in such messages
 * count, so file names (`invoice.pdf`) and sentence typos (`end.Start`) are not taken for addresses.
 */
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@._\/-])((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:com|net|org|info|biz|lu|de|fr|be|nl|pt|eu|uk|co|io|me|app|online|site|top|xyz|club|shop|live|link|click|cc|tk|ml|ga|cf|gq|icu|vip|ru|cn|us|ch|at|it|es|pl|br|su|ws|pw|buzz|cfd|sbs|bond|support|help|digital|services|store|cloud|page|website|space|fun|life|world|today|ly|gl|to|gd|im|in))(\/[^\s<>"']*)?(?![\p{L}\p{N}@-])/giu;

const TRAILING_PUNCTUATION = new Set([...'.,;:!?)]}»"\'’>']);

/** Sentence punctuation after an address is not part of it (a loop: a `+$` pattern is quadratic on long runs). */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Links written as plain text, in order of appearance, each once. */
export function linksInText(text: string, limit: number): FoundLink[] {
  const found = new Map<string, FoundLink>();
  const add = (raw: string): void => {
    const href = withoutTrailingPunctuation(raw);
    if (href.length < 4 || found.has(href) || found.size >= limit) return;
    found.set(href, { href });
  };
  for (const match of text.matchAll(WITH_SCHEME)) add(match[0]);
  const withoutSchemeLinks = text.replace(WITH_SCHEME, ' ');
  for (const match of withoutSchemeLinks.matchAll(BARE_DOMAIN)) add(match[0]);
  return [...found.values()];
}

/** A link as a URL, scheme added for `www.` and bare names; undefined when it is no web address. */
export function toUrl(href: string): URL | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.hostname === '' ? undefined : url;
  } catch {
    return undefined;
  }
}
