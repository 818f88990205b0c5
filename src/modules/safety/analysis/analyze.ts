import { fail, ok, type Result } from '../../../shared/result.js';
import type { Analysis, Brand, CheckInput, InputProblem, Reason } from './analysis.types.js';
import { checkAttachments } from './attachments.rules.js';
import { checkAuthentication } from './authentication.rules.js';
import { BrandIndex } from './brands.js';
import { looksLikeMailSource, MAX_LINKS, MAX_TEXT_CHARS, parseEmail } from './email-parser.js';
import { tidyText } from './html-text.js';
import type { FoundLink, MessageParts } from './message.js';
import { isCompoundFile, parseMsg } from './msg-parser.js';
import { checkLinks } from './links.rules.js';
import { checkPhones, findPhoneNumbers } from './phones.rules.js';
import { imageFormat, readQrCode } from './qr-code.js';
import { redact } from './redact.js';
import { mergeReasons, totalScore, verdictFor, WEIGHTS, WORDING_WEIGHTS } from './scoring.js';
import { checkSender } from './sender.rules.js';
import { linksInText, toUrl } from './text-links.js';
import { wordingSignals } from './wording.js';
import { isZip } from './zip-entries.js';

/** Larger inputs are refused before any parsing: no real message is that big. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** Pictures attached to a mail that are searched for a QR code, and how big each may be. */
const QR_ATTACHMENTS = 2;
const QR_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const REDACTED_CHARS = 50_000;
const REDACTED_LINKS = 20;

type Read = Result<MessageParts, InputProblem>;

function textParts(text: string): MessageParts {
  const tidy = tidyText(text.slice(0, MAX_TEXT_CHARS * 2)).slice(0, MAX_TEXT_CHARS);
  return { isEmail: false, replyTo: [], text: tidy, links: linksInText(tidy, MAX_LINKS), attachments: [] };
}

/** Control bytes that never occur in mail source or text; a few are tolerated (stray form feeds). */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  return control > sample.length / 100;
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return bytes.length >= text.length && [...text].every((char, index) => bytes[index] === char.charCodeAt(0));
}

async function readSource(source: string): Promise<Read> {
  if (source.trim() === '') return fail('empty');
  if (Buffer.byteLength(source, 'utf8') > MAX_INPUT_BYTES) return fail('too_large');
  if (!looksLikeMailSource(source)) return ok(textParts(source));
  return ok(await parseEmail(Buffer.from(source, 'utf8')));
}

async function readImage(bytes: Uint8Array): Promise<Read> {
  if (bytes.length === 0) return fail('empty');
  if (bytes.length > MAX_INPUT_BYTES) return fail('too_large');
  if (!imageFormat(bytes)) return fail('unsupported_file');
  const qr = await readQrCode(bytes, true);
  if (qr.status === 'unreadable') return fail('unreadable');
  if (qr.status === 'none') return fail('no_qr_found');
  return ok(qrParts(qr.text));
}

/** A QR code holds a web address, or text such as a payment order: addresses go through the link rules. */
function qrParts(content: string): MessageParts {
  const single = !/\s/.test(content) && toUrl(content) !== undefined && /^(?:https?:\/\/|www\.)/i.test(content);
  if (single) return { isEmail: false, replyTo: [], text: '', links: [{ href: content, fromQrCode: true }], attachments: [] };
  const parts = textParts(content);
  return { ...parts, links: parts.links.map((link) => ({ ...link, fromQrCode: true })) };
}

async function readFile(filename: string, bytes: Uint8Array): Promise<Read> {
  if (bytes.length === 0) return fail('empty');
  if (bytes.length > MAX_INPUT_BYTES) return fail('too_large');
  if (isCompoundFile(bytes)) {
    const parts = await parseMsg(bytes).catch(() => undefined);
    return parts ? ok(parts) : fail('unreadable');
  }
  if (imageFormat(bytes)) return readImage(bytes);
  if (startsWith(bytes, '%PDF') || isZip(bytes)) return fail('unsupported_file');
  if (looksBinary(bytes)) return fail('unreadable');
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 16 * 1024));
  if (head.trim() === '') return fail('empty');
  if (looksLikeMailSource(head)) return ok(await parseEmail(bytes));
  // An Outlook file that is neither a compound file nor mail source is damaged, not a text message.
  if (/\.msg$/i.test(filename)) return fail('unreadable');
  return ok(textParts(new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_TEXT_CHARS * 8))));
}

function readUrl(typed: string): Read {
  const text = typed.trim();
  if (text === '') return fail('empty');
  if (text.length > 8192 || /\s/.test(text)) return fail('not_a_web_address');
  const url = toUrl(text);
  if (!url || !(url.hostname.includes('.') || url.hostname.startsWith('['))) return fail('not_a_web_address');
  return ok({ isEmail: false, replyTo: [], text: '', links: [{ href: text }], attachments: [] });
}

function readInput(input: CheckInput): Promise<Read> | Read {
  switch (input.kind) {
    case 'email_file':
      return readFile(input.filename, input.bytes);
    case 'email_source':
      return readSource(input.source);
    case 'text':
      return readSource(input.text);
    case 'url':
      return readUrl(input.url);
    case 'image':
      return readImage(input.bytes);
  }
}

/** QR codes in pictures attached to a mail ("scan to pay") lead to links the rules must see. */
async function linksInAttachedPictures(parts: MessageParts): Promise<FoundLink[]> {
  const pictures = parts.attachments
    .filter((attachment) => attachment.content && attachment.content.length <= QR_ATTACHMENT_BYTES && imageFormat(attachment.content))
    .slice(0, QR_ATTACHMENTS);
  const links: FoundLink[] = [];
  for (const picture of pictures) {
    const qr = await readQrCode(picture.content!, false);
    if (qr.status === 'found') links.push(...qrParts(qr.text).links);
  }
  return links;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function unique<T>(values: readonly T[], key: (value: T) => string): T[] {
  return [...new Map(values.map((value) => [key(value), value])).values()];
}

function redactedReport(parts: MessageParts, links: readonly string[]): string {
  const lines: string[] = [];
  if (parts.from) lines.push(`From: ${parts.from.name ? `${parts.from.name} ` : ''}<${parts.from.address}>`);
  for (const reply of parts.replyTo) lines.push(`Reply-To: <${reply.address}>`);
  if (parts.subject) lines.push(`Subject: ${parts.subject}`);
  if (lines.length > 0) lines.push('');
  lines.push(parts.text.slice(0, REDACTED_CHARS));
  const hidden = links.filter((link) => !parts.text.includes(link)).slice(0, REDACTED_LINKS);
  if (hidden.length > 0) lines.push('', 'Links:', ...hidden);
  const files = parts.attachments.map((attachment) => attachment.filename).filter((name) => name !== '');
  if (files.length > 0) lines.push('', `Attachments: ${files.join(', ')}`);
  return redact(lines.join('\n').trim()).slice(0, REDACTED_CHARS);
}

/** Runs every rule over the parts of a message and weighs the findings. */
function assess(parts: MessageParts, inputKind: CheckInput['kind'], brands: readonly Brand[]): Analysis {
  const index = new BrandIndex(brands);
  const reasons: Reason[] = [];

  const sender = checkSender(parts, index);
  reasons.push(...sender.reasons);
  const fromDomain = parts.from ? domainOf(parts.from.address) : undefined;
  const official = fromDomain ? index.officialBrandOf(fromDomain) : undefined;
  let authentic: Brand | undefined;
  if (parts.isEmail && parts.from) {
    const authentication = checkAuthentication(parts.authenticationResults, parts.from.address, official !== undefined);
    reasons.push(...authentication.reasons);
    if (official && authentication.outcome === 'passed_aligned') {
      authentic = official;
      reasons.push({ rule: 'official_domain', weight: WEIGHTS.official_domain, params: { brand: official.name, domain: fromDomain! } });
    }
  }

  const links = checkLinks(parts.links, index, sender.claimed.length > 0 || sender.imitated.length > 0, authentic);
  reasons.push(...links.reasons);
  if (inputKind === 'url' && links.officialTargets[0] && links.reasons.length === 0) {
    const target = links.officialTargets[0];
    const host = toUrl(parts.links[0]!.href)?.hostname ?? '';
    reasons.push({ rule: 'official_domain', weight: WEIGHTS.official_domain_web_address, params: { brand: target.name, domain: host } });
  }

  reasons.push(...checkAttachments(parts.attachments));

  const wordingText = parts.subject ? `${parts.subject}\n${parts.text}` : parts.text;
  for (const signal of wordingSignals(wordingText)) {
    reasons.push({ rule: signal.rule, weight: WORDING_WEIGHTS[signal.rule], params: { match: signal.match, language: signal.language } });
  }

  const claimed = unique([...sender.claimed, ...sender.imitated, ...links.imitated], (brand) => brand.id);
  const telLinks = parts.links.filter((link) => /^tel:/i.test(link.href)).map((link) => link.href.slice(4).replace(/%20/g, ' '));
  const phones = findPhoneNumbers(wordingText, telLinks);
  reasons.push(...checkPhones(phones, claimed.filter((brand) => brand.id !== authentic?.id)));

  const merged = mergeReasons(reasons);
  const verdict = verdictFor(totalScore(merged));
  const summaryLinks = unique(links.addresses, (address) => address);
  return {
    verdict,
    reasons: merged,
    inputKind,
    // A safe message that mentions a brand is not imitating it; the trends count suspicious ones only.
    imitatedBrands: verdict === 'likely_safe' ? [] : claimed.filter((brand) => brand.id !== authentic?.id).map((brand) => brand.id),
    summary: {
      ...(parts.from ? { from: parts.from.name ? `${parts.from.name} <${parts.from.address}>` : parts.from.address } : {}),
      ...(parts.subject ? { subject: parts.subject } : {}),
      links: summaryLinks,
      attachments: parts.attachments.map((attachment) => attachment.filename).filter((name) => name !== ''),
    },
    redacted: redactedReport(parts, summaryLinks),
  };
}

/**
 * "Is this a scam?" for one input, entirely offline: nothing is fetched and no name is looked up.
 * Inputs that cannot be read come back as an InputProblem; nothing a person sends makes it throw.
 */
export async function analyzeMessage(input: CheckInput, brands: readonly Brand[]): Promise<Result<Analysis, InputProblem>> {
  try {
    const read = await readInput(input);
    if (!read.ok) return read;
    let parts = read.value;
    if (parts.isEmail) {
      const qrLinks = await linksInAttachedPictures(parts);
      if (qrLinks.length > 0) parts = { ...parts, links: [...parts.links, ...qrLinks] };
    }
    return ok(assess(parts, input.kind, brands));
  } catch {
    return fail('unreadable');
  }
}
