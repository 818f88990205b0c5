/**
 * From what a form or an API call sent to what the analysis reads: which kind of input, and the
 * problems we see before analysing (nothing given, too large), named the way the analysis names its own.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { CheckInput, InputProblem } from './analysis/analysis.types.js';
import { looksLikeMailSource } from './analysis/email-parser.js';
import { MAX_INPUT_BYTES } from './checker.model.js';

/** What the multipart parser keeps of an uploaded file. */
export interface UploadedFile {
  readonly bytes: Buffer;
  readonly filename: string;
}

/** Pasting more than this into a text box is not something people do; larger mails come as files. */
export const MAX_PASTE_BYTES = 5 * 1024 * 1024;

/**
 * One byte over each limit is kept, so a file or field cut short by the parser is longer than the
 * limit and reads as too large.
 */
export const MULTIPART_LIMITS = { fileSize: MAX_INPUT_BYTES + 1, files: 1, fields: 8, fieldSize: MAX_PASTE_BYTES + 1, parts: 10 } as const;

export async function keepFile(part: MultipartFile): Promise<void> {
  const bytes = await part.toBuffer();
  // With 'keyValues', the body holds a part's `value`: keep the bytes and the name.
  (part as unknown as { value: UploadedFile }).value = { bytes, filename: part.filename ?? '' };
}

export function uploadedFile(value: unknown): UploadedFile | null {
  return typeof value === 'object' && value !== null && 'bytes' in value && Buffer.isBuffer((value as UploadedFile).bytes)
    ? (value as UploadedFile)
    : null;
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp|tiff?|heic|heif)$/i;

/** A photo or screenshot (for its QR code) by its name; the analysis also recognises a picture sent as a mail file. */
export function fileInput(file: UploadedFile): CheckInput {
  if (IMAGE_NAME.test(file.filename)) {
    return { kind: 'image', bytes: file.bytes, ...(file.filename ? { filename: file.filename } : {}) };
  }
  return { kind: 'email_file', filename: file.filename, bytes: file.bytes };
}

/** A pasted message: a mail's source or the text of an SMS or chat message. */
export function pastedInput(text: string): CheckInput {
  return looksLikeMailSource(text) ? { kind: 'email_source', source: text } : { kind: 'text', text };
}

/** The problems seen before analysis; the analysis finds the others (unreadable, no QR code…). */
export function sizeProblem(input: CheckInput, maxTextBytes: number): InputProblem | null {
  switch (input.kind) {
    case 'email_file':
    case 'image':
      return input.bytes.length === 0 ? 'empty' : input.bytes.length > MAX_INPUT_BYTES ? 'too_large' : null;
    case 'text':
      return textProblem(input.text, maxTextBytes);
    case 'email_source':
      return textProblem(input.source, maxTextBytes);
    case 'url':
      return textProblem(input.url, maxTextBytes);
  }
}

function textProblem(text: string, maxBytes: number): InputProblem | null {
  if (text.trim() === '') return 'empty';
  return Buffer.byteLength(text) > maxBytes ? 'too_large' : null;
}
