import { simpleParser, type AddressObject, type HeaderLines } from 'mailparser';
import { readHtml, tidyText } from './html-text.js';
import type { FoundAttachment, FoundLink, Mailbox, MessageParts } from './message.js';
import { linksInText } from './text-links.js';

/** Rules only look at so much: a scam fits in a few pages, and the rest must not slow the check. */
export const MAX_TEXT_CHARS = 200_000;
export const MAX_LINKS = 500;
/** Headers are short in real mail; forged giant ones are cut before any rule reads them. */
export const MAX_NAME_CHARS = 200;
export const MAX_SUBJECT_CHARS = 1000;
const MAX_REPLY_TO = 10;
/** Contents kept for a look inside: archive directories and pictures that may hold a QR code. */
const KEEP_CONTENT_BYTES = 12 * 1024 * 1024;

const PARSER_OPTIONS = {
  // mailparser's HTML-to-text conversion takes seconds on a 10 MB HTML body; readHtml does it in one pass.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
} as const;

/** Header names that make a pasted text an e-mail source rather than a message body. */
const MAIL_HEADERS = /^(?:from|to|subject|date|received|return-path|delivered-to|message-id|mime-version|authentication-results|reply-to|dkim-signature|arc-seal|x-[a-z0-9-]+|content-type)$/i;

/** Whether text starts like raw e-mail source: header lines, at least one of them a mail header. */
export function looksLikeMailSource(text: string): boolean {
  const head = text.replace(/^\s+/, '').slice(0, 8192).split(/\r?\n/);
  let known = 0;
  for (const line of head) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line)) continue;
    const name = /^([\x21-\x39\x3b-\x7e]+):/.exec(line)?.[1];
    if (!name) return false;
    if (MAIL_HEADERS.test(name)) known++;
  }
  return known >= 2;
}

function headerValue(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** RFC 8601: receiving servers add their Authentication-Results on top, so the first one is ours. */
export function topmostAuthenticationResults(lines: HeaderLines): string | undefined {
  const line = lines.find((header) => header.key === 'authentication-results')?.line;
  return line === undefined ? undefined : headerValue(line);
}

export function mailboxes(header: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: Mailbox[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      for (const member of entry.group ?? [entry]) {
        if (member.address && out.length < MAX_REPLY_TO) out.push({ name: (member.name ?? '').trim().slice(0, MAX_NAME_CHARS), address: member.address.trim().toLowerCase().slice(0, 320) });
      }
    }
  }
  return out;
}

/**
 * An RFC 5322/MIME message. mailparser replaces undecodable bytes and unknown charsets instead of
 * failing, so a badly encoded mail still gets a best-effort analysis.
 */
export async function parseEmail(bytes: Uint8Array): Promise<MessageParts> {
  const mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), PARSER_OPTIONS);
  const html = typeof mail.html === 'string' ? readHtml(mail.html, MAX_TEXT_CHARS, MAX_LINKS) : undefined;
  const plain = tidyText((mail.text ?? '').slice(0, MAX_TEXT_CHARS * 2));
  const text = (html && html.text !== '' ? html.text : plain).slice(0, MAX_TEXT_CHARS);
  const links = mergeLinks([...(html?.links ?? []), ...linksInText(plain.slice(0, MAX_TEXT_CHARS), MAX_LINKS)]);
  const attachments: FoundAttachment[] = mail.attachments.map((attachment) => {
    const content = attachment.content.length <= KEEP_CONTENT_BYTES ? new Uint8Array(attachment.content) : undefined;
    return {
      filename: (attachment.filename ?? '').trim(),
      contentType: attachment.contentType.toLowerCase(),
      ...(content ? { content } : {}),
    };
  });
  const from = mailboxes(mail.from)[0];
  const authenticationResults = topmostAuthenticationResults(mail.headerLines);
  return {
    isEmail: true,
    ...(from ? { from } : {}),
    replyTo: mailboxes(mail.replyTo),
    ...(mail.subject ? { subject: tidyText(mail.subject.slice(0, MAX_SUBJECT_CHARS)) } : {}),
    ...(authenticationResults !== undefined ? { authenticationResults } : {}),
    text,
    links,
    attachments,
  };
}

export function mergeLinks(links: readonly FoundLink[]): FoundLink[] {
  const seen = new Set<string>();
  const out: FoundLink[] = [];
  for (const link of links) {
    const key = `${link.href}\u0000${link.shownText ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}
