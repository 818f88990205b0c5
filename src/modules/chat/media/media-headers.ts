/**
 * Types a browser may show in place (spec: "Serving inline content"); anything else, HTML and
 * SVG above all, is offered as a download so it cannot run in our origin.
 */
const INLINE_TYPES = new Set([
  'text/css',
  'text/plain',
  'text/csv',
  'application/json',
  'application/ld+json',
  'image/jpeg',
  'image/gif',
  'image/png',
  'image/apng',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'audio/mp4',
  'audio/webm',
  'audio/aac',
  'audio/mpeg',
  'audio/ogg',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-pn-wav',
  'audio/flac',
  'audio/x-flac',
]);

/** Even content shown inline runs no script and loads nothing (the spec's recommended policy). */
export const MEDIA_CONTENT_SECURITY_POLICY =
  "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self'";

/** The type without parameters, lower-cased: "Image/PNG; x=y" is "image/png". */
export const baseType = (contentType: string): string => (contentType.split(';')[0] ?? '').trim().toLowerCase();

export const isInlineType = (contentType: string): boolean => INLINE_TYPES.has(baseType(contentType));

/**
 * RFC 6266: a plain quoted `filename` when the name is printable ASCII without quotes or
 * backslashes, otherwise the UTF-8 `filename*` form (RFC 8187).
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string | null): string {
  if (!fileName) return disposition;
  if (/^[\x20-\x7e]+$/.test(fileName) && !/["\\]/.test(fileName)) return `${disposition}; filename="${fileName}"`;
  return `${disposition}; filename*=utf-8''${encodeAttributeValue(fileName)}`;
}

/** Percent-encodes everything outside RFC 8187's attr-char. */
const encodeAttributeValue = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
