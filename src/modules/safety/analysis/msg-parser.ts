import msgReaderModule, { type FieldsData } from '@kenjiuno/msgreader';
import { simpleParser } from 'mailparser';
import { mailboxes, MAX_LINKS, MAX_NAME_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS, mergeLinks, topmostAuthenticationResults } from './email-parser.js';
import { readHtml, tidyText } from './html-text.js';
import type { FoundAttachment, Mailbox, MessageParts } from './message.js';
import { linksInText } from './text-links.js';

/** Outlook files are OLE compound documents; this is their signature. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && signature.every((byte, index) => bytes[index] === byte);
}

// msgreader is a CommonJS module whose class is its `default` export.
const MsgReader = msgReaderModule.default;
type MsgReader = InstanceType<typeof MsgReader>;

const KEEP_CONTENT_BYTES = 12 * 1024 * 1024;

/**
 * An Outlook .msg file. When Outlook kept the transport headers, sender and authentication come
 * from them (as for an .eml); otherwise only the sender Outlook displayed is known.
 * Undefined when the file is not a readable message.
 */
export async function parseMsg(bytes: Uint8Array): Promise<MessageParts | undefined> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const reader = new MsgReader(buffer);
  const data = reader.getFileData();
  if (data.error || data.dataType !== 'msg') return undefined;

  let from: Mailbox | undefined;
  let replyTo: Mailbox[] = [];
  let authenticationResults: string | undefined;
  let subject = data.subject;
  if (data.headers && data.headers.trim() !== '') {
    const headers = await simpleParser(Buffer.from(`${data.headers.trimEnd()}\r\n\r\n`), { skipHtmlToText: true, skipTextToHtml: true, checksumAlgo: false });
    from = mailboxes(headers.from)[0];
    replyTo = mailboxes(headers.replyTo);
    authenticationResults = topmostAuthenticationResults(headers.headerLines);
    subject ??= headers.subject;
  }
  if (!from) {
    const address = [data.senderSmtpAddress, data.senderEmail].find((value) => value?.includes('@'));
    if (address) from = { name: (data.senderName ?? '').trim().slice(0, MAX_NAME_CHARS), address: address.trim().toLowerCase() };
  }

  const htmlSource = data.bodyHtml ?? (data.html ? new TextDecoder('utf-8').decode(data.html) : undefined);
  const html = htmlSource ? readHtml(htmlSource, MAX_TEXT_CHARS, MAX_LINKS) : undefined;
  const plain = tidyText((data.body ?? '').slice(0, MAX_TEXT_CHARS * 2));
  const text = (html && html.text !== '' ? html.text : plain).slice(0, MAX_TEXT_CHARS);
  const links = mergeLinks([...(html?.links ?? []), ...linksInText(plain.slice(0, MAX_TEXT_CHARS), MAX_LINKS)]);
  const attachments = (data.attachments ?? []).map((attachment) => readAttachment(reader, attachment));
  return {
    isEmail: true,
    ...(from ? { from } : {}),
    replyTo,
    ...(subject ? { subject: tidyText(subject.slice(0, MAX_SUBJECT_CHARS)) } : {}),
    ...(authenticationResults !== undefined ? { authenticationResults } : {}),
    text,
    links,
    attachments,
  };
}

function readAttachment(reader: MsgReader, attachment: FieldsData): FoundAttachment {
  const filename = (attachment.fileName ?? attachment.fileNameShort ?? attachment.name ?? '').trim();
  const contentType = (attachment.attachMimeTag ?? 'application/octet-stream').toLowerCase();
  if (attachment.innerMsgContent || (attachment.contentLength ?? 0) > KEEP_CONTENT_BYTES) return { filename, contentType };
  try {
    return { filename, contentType, content: reader.getAttachment(attachment).content };
  } catch {
    return { filename, contentType };
  }
}
